// The README is part of the interface: its opening commands and its console examples must
// stay true. Every `$ npm run -s jetpack -- …` line in a console block is re-run here and its
// printed output compared with what the README shows.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, cli } from "./helpers.js";

const readme = readFileSync(join(REPO, "README.md"), "utf8");

describe("the README", () => {
  it("starts with exactly the two fresh-machine commands", () => {
    const first = /```sh\n([\s\S]*?)```/.exec(readme);
    expect(readme.indexOf("```")).toBe(first!.index);
    expect(first![1]!.trim().split("\n")).toEqual(["npm ci && npm run demo", "npm test"]);
    expect(readme.slice(0, first!.index).trim().split("\n")).toEqual(["# JetPack"]);
  });

  it("states the rounding rule", () => {
    expect(readme).toContain("round_half_up(A · 10^6 / ln(t+1))");
    expect(readme).toContain("10^15 − Σ_{t=1..2775} emission(t)");
  });

  const blocks = [...readme.matchAll(/```console\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const examples: { argv: string[]; shown: string }[] = [];
  const cats: { file: string; shown: string }[] = [];
  for (const block of blocks) {
    const parts = block.split(/^\$ /m).slice(1);
    for (const part of parts) {
      const [cmd, ...out] = part.split("\n");
      const m = /^npm run -s jetpack -- (.*)$/.exec(cmd!);
      if (m) examples.push({ argv: m[1]!.split(" "), shown: out.join("\n").trim() });
      const c = /^cat (\S+)$/.exec(cmd!);
      if (c) cats.push({ file: c[1]!, shown: out.join("\n").trim() });
    }
  }

  it("has a schedule example and an allocation example", () => {
    expect(examples.map((e) => e.argv[0])).toEqual(expect.arrayContaining(["schedule", "allocate"]));
  });

  for (const c of cats) {
    it(`shows the real content of ${c.file}`, () => {
      expect(readFileSync(join(REPO, c.file), "utf8").trim()).toBe(c.shown);
    });
  }

  for (const e of examples) {
    it(`shows the real output of jetpack ${e.argv.join(" ")}`, async () => {
      const o = await cli(e.argv);
      expect(o.code).toBe(0);
      expect(o.stdout.trim()).toBe(e.shown);
    });
  }
});
