// Why: `jetpack --help` and the economics commands start in a fraction of a second (median
// of 5 cold starts: `npm run bench -- --only startup`; docs/package.md) only while the router
// and those commands import no chain library. A stray top-level import in the registry or in
// a module they load would silently bring back seconds of start-up.
// How: runs the real bin (bin/jetpack.js) with a module-resolution hook that refuses Lucid,
// the UPLC machines, libsodium and noble: any import of them fails the run. A control run
// shows that the hook does refuse them.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, REPO } from "./helpers.js";

const HEAVY = ["@lucid-evolution/", "@anastasia-labs/", "@harmoniclabs/", "libsodium", "@noble/"];
const HOOKS = `export async function resolve(specifier, context, next) {
  if (${JSON.stringify(HEAVY)}.some((p) => specifier.startsWith(p))) throw new Error("refused at start-up: " + specifier + " (imported by " + context.parentURL + ")");
  return next(specifier, context);
}`;
const REGISTER = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`;
const GUARD = ["--import", `data:text/javascript,${encodeURIComponent(REGISTER)}`];

function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile(process.execPath, [...GUARD, ...argv], { cwd: REPO, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      done({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    ),
  );
}

describe("start-up: the router and the economics commands load no chain library", () => {
  const BIN = join(REPO, "bin/jetpack.js");
  for (const argv of [["--help"], ["schedule", "--to", "3"], ["help", "schedule"], ["allocate", "--input", join(FIXTURES, "epoch1.json")], ["--version"]]) {
    it(`jetpack ${argv.join(" ")}`, async () => {
      const r = await run([BIN, ...argv]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
    });
  }

  it("control: the hook refuses Lucid", async () => {
    const r = await run(["--input-type=module", "-e", `await import("@lucid-evolution/lucid")`]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("refused at start-up: @lucid-evolution/lucid");
  });
});
