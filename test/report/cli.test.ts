/**
 * `jetpack report`: writes DIR/report-epoch-N.html and .json (the JSON equal to the model's
 * twin); every bad input is one line on stderr, exit code 2, nothing on stdout and nothing
 * written.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EPOCHS } from "../../offchain/economics/emission.js";
import { SPEC_TWO_EPOCH_SCENARIO } from "../../offchain/economics/examples.js";
import { MAX_TAIL_EPOCH, buildReportModel, reportJson } from "../../offchain/report/model.js";
import { renderReportHtml } from "../../offchain/report/render.js";
import { FIXTURES, REPO, cli, spawnCli, tempDir } from "../cli/helpers.js";
import { metricsFile, syntheticMetrics } from "./helpers.js";

const dirs: string[] = [];
function fresh(files: Record<string, unknown> = {}): string {
  const d = tempDir(files);
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const TWO = join(FIXTURES, "two-epochs.json");

describe("jetpack report", () => {
  it("writes the HTML page and its JSON twin", async () => {
    const dir = fresh();
    const o = await cli(["report", "--epoch", "2", "--out", "out", "--input", TWO], dir);
    expect(o).toEqual({ code: 0, stdout: "wrote out/report-epoch-2.html\nwrote out/report-epoch-2.json\n", stderr: "" });
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["report-epoch-2.html", "report-epoch-2.json"]);
    const model = buildReportModel({ epoch: 2, metrics: { epochs: SPEC_TWO_EPOCH_SCENARIO, weightsBps: [5000, 3000, 2000] } });
    expect(readFileSync(join(dir, "out/report-epoch-2.html"), "utf8")).toBe(renderReportHtml(model));
    const j = JSON.parse(readFileSync(join(dir, "out/report-epoch-2.json"), "utf8"));
    expect(j).toEqual(JSON.parse(JSON.stringify(reportJson(model))));
    expect(j.epochReport.undistributedPack).toBe("5571290927074");
  });

  it("without --input: the schedule, nothing distributed; --genesis moves the dates", async () => {
    const dir = fresh();
    const g = Date.UTC(2026, 0, 1);
    const o = await cli(["report", "--epoch", "10", "--out", dir, "--genesis", String(g)]);
    expect(o.code).toBe(0);
    const j = JSON.parse(readFileSync(join(dir, "report-epoch-10.json"), "utf8"));
    expect(j.source).toBe("schedule");
    expect(j.start).toBe("2026-02-15");
    expect(j.history).toHaveLength(10);
    expect(j.history.every((h: { distributedPack: string }) => h.distributedPack === "0")).toBe(true);
    expect(j.epochReport.allocations).toEqual([]);
    expect(readFileSync(join(dir, "report-epoch-10.html"), "utf8")).toContain("Epoch 10 starts 2026-02-15");
  });

  it("replays only epochs 1…N of a longer file; overwrites an earlier report", async () => {
    const dir = fresh({ "m.json": metricsFile(syntheticMetrics(9, 12, 4)) });
    expect((await cli(["report", "--epoch", "5", "--out", "r", "--input", "m.json"], dir)).code).toBe(0);
    expect((await cli(["report", "--epoch", "5", "--out", "r", "--input", "m.json"], dir)).code).toBe(0);
    const j = JSON.parse(readFileSync(join(dir, "r/report-epoch-5.json"), "utf8"));
    expect(j.history).toHaveLength(5);
    expect(j.epochReport.allocations).toHaveLength(12);
    expect(readdirSync(join(dir, "r")).sort()).toEqual(["report-epoch-5.html", "report-epoch-5.json"]); // no temp files left
  });

  it("--json prints the JSON twin on stdout (--out optional; with it the paths go to stderr)", async () => {
    const dir = fresh();
    const o = await cli(["report", "--epoch", "2", "--input", TWO, "--json"], dir);
    expect(o.code).toBe(0);
    expect(JSON.parse(o.stdout)).toEqual(JSON.parse(JSON.stringify(reportJson(buildReportModel({ epoch: 2, metrics: { epochs: SPEC_TWO_EPOCH_SCENARIO, weightsBps: [5000, 3000, 2000] } })))));
    expect(readdirSync(dir)).toEqual([]);
    const both = await cli(["report", "--epoch", "2", "--input", TWO, "--json", "--out", "r"], dir);
    expect(both.stderr).toBe("wrote r/report-epoch-2.html\nwrote r/report-epoch-2.json\n");
    expect(JSON.parse(both.stdout)).toEqual(JSON.parse(readFileSync(join(dir, "r/report-epoch-2.json"), "utf8")));
  });

  it("the chain flags are those of the other chain commands; simulation mode loads no chain library", async () => {
    const { NETWORK_FLAGS, QUIET_FLAG } = await import("../../offchain/net/cli.js");
    const { reportCommand } = await import("../../offchain/cli/commands/report.js");
    for (const f of [...NETWORK_FLAGS, QUIET_FLAG]) expect(reportCommand.flags).toContainEqual(f);
    // as test/cli/startup.test.ts: a resolve hook refuses Lucid & co.
    const hook = `export async function resolve(s, c, next) { if (["@lucid-evolution/", "libsodium", "@noble/"].some((p) => s.startsWith(p))) throw new Error("refused: " + s); return next(s, c); }`;
    const reg = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
    const dir = fresh();
    const o = await new Promise<{ code: number; stderr: string }>((done) =>
      execFile(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(reg)}`, join(REPO, "bin/jetpack.js"), "report", "--epoch", "2", "--out", dir, "--input", TWO], (err, _out, stderr) =>
        done({ code: err ? Number(err.code) : 0, stderr }),
      ),
    );
    expect(o).toEqual({ code: 0, stderr: "" });
  });

  it("works as a real process (bin/jetpack.js)", async () => {
    const dir = fresh();
    const o = await spawnCli(["report", "--epoch", "1", "--out", dir, "--input", TWO]);
    expect(o.stderr).toBe("");
    expect(o.code).toBe(0);
    expect(existsSync(join(dir, "report-epoch-1.html"))).toBe(true);
    const bad = await spawnCli(["report", "--epoch", "0", "--out", join(dir, "x")]);
    expect(bad).toEqual({ code: 2, stdout: "", stderr: "jetpack report: error: flag --epoch: must be in 1…12776, got 0\n" });
    expect(existsSync(join(dir, "x"))).toBe(false);
  });
});

describe("jetpack report: tail epochs (2777…12776)", () => {
  it("report --epoch 2777 writes the first tail epoch: emission 0, all 10^15 Pack carried in", async () => {
    const dir = fresh();
    const o = await cli(["report", "--epoch", "2777", "--out", "out"], dir);
    expect(o).toEqual({ code: 0, stdout: "wrote out/report-epoch-2777.html\nwrote out/report-epoch-2777.json\n", stderr: "" });
    const j = JSON.parse(readFileSync(join(dir, "out/report-epoch-2777.json"), "utf8"));
    expect(j).toEqual(JSON.parse(JSON.stringify(reportJson(buildReportModel({ epoch: 2777 })))));
    expect(j.tail).toBe(true);
    expect(j.schedule.remainingPack).toBe("0");
    expect(j.schedule.emissionPack).toHaveLength(EPOCHS);
    expect(j.history).toHaveLength(2777);
    expect(j.epochReport).toMatchObject({ epoch: 2777, emissionPack: "0", carriedInPack: "1000000000000000", fTotalPack: "1000000000000000" });
    expect(readFileSync(join(dir, "out/report-epoch-2777.html"), "utf8")).toContain("epoch 2777 (tail epoch: no emission, carry-over only)");
  });

  it("replays an input file into a tail epoch: the carry-over is distributed there", async () => {
    const dir = fresh({ "m.json": metricsFile(syntheticMetrics(EPOCHS + 1, 3, 8)) });
    expect((await cli(["report", "--epoch", String(EPOCHS + 1), "--out", "r", "--input", "m.json"], dir)).code).toBe(0);
    const j = JSON.parse(readFileSync(join(dir, `r/report-epoch-${EPOCHS + 1}.json`), "utf8"));
    expect(j.tail).toBe(true);
    expect(j.epochReport.emissionPack).toBe("0");
    expect(j.epochReport.carriedInPack).toBe(j.history[EPOCHS - 1].undistributedPack);
    expect(BigInt(j.epochReport.distributedPack)).toBeGreaterThan(0n);
    expect(j.epochReport.allocations).toHaveLength(3);
  });

  it("accepts the same last epoch as jetpack schedule, and says the range in --help", async () => {
    expect((await cli(["schedule", "--from", String(MAX_TAIL_EPOCH), "--to", String(MAX_TAIL_EPOCH), "--json"])).code).toBe(0);
    expect((await cli(["schedule", "--to", String(MAX_TAIL_EPOCH + 1)])).stderr).toMatch(new RegExp(`…${MAX_TAIL_EPOCH} \\(≥ --from\\), got ${MAX_TAIL_EPOCH + 1}\n$`));
    const help = await cli(["report", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`the report's epoch (1…${MAX_TAIL_EPOCH}; past ${EPOCHS} the tail epochs)`);
  });
});

describe("jetpack report: bad input → exit 2, one line, nothing written", () => {
  const cases: [string, (dir: string) => string[], Record<string, unknown>, RegExp][] = [
    ["epoch 0", (d) => ["--epoch", "0", "--out", d], {}, /flag --epoch: must be in 1…12776, got 0$/],
    ["epoch after the last tail epoch", (d) => ["--epoch", "12777", "--out", d], {}, /flag --epoch: must be in 1…12776, got 12777$/],
    ["epoch -3", (d) => ["--epoch", "-3", "--out", d], {}, /flag --epoch: must be in 1…12776, got -3$/],
    ["epoch not a number", (d) => ["--epoch", "two", "--out", d], {}, /flag --epoch: expected an integer, got "two"$/],
    ["missing --epoch", (d) => ["--out", d], {}, /missing required flag --epoch/],
    ["missing --out", () => ["--epoch", "1"], {}, /missing required flag --out/],
    ["unreadable input", (d) => ["--epoch", "1", "--out", d, "--input", "nope.json"], {}, /cannot read input file nope\.json: no such file$/],
    ["input is a directory", (d) => ["--epoch", "1", "--out", d, "--input", "."], {}, /cannot read input file \.: is a directory$/],
    ["malformed JSON", (d) => ["--epoch", "1", "--out", d, "--input", "m.json"], { "m.json": "{ epochs: [" }, /m\.json: invalid JSON: /],
    ["no epochs field", (d) => ["--epoch", "1", "--out", d, "--input", "m.json"], { "m.json": { weightsBps: [5000, 3000, 2000] } }, /m\.json: epochs: missing field$/],
    ["unknown field", (d) => ["--epoch", "1", "--out", d, "--input", "m.json"], { "m.json": { epoch: [] } }, /m\.json: epoch: unknown field/],
    [
      "negative metric",
      (d) => ["--epoch", "1", "--out", d, "--input", "m.json"],
      { "m.json": { epochs: [{ services: [{ id: "A", m1: -1, m2: 0, m3: 0 }] }] } },
      /m\.json: epochs\[0\]\.services\[0\]\.m1: must be a non-negative integer, got -1$/,
    ],
    [
      "bad weights",
      (d) => ["--epoch", "1", "--out", d, "--input", "m.json"],
      { "m.json": { weightsBps: [5000, 3000, 1000], epochs: [{ services: [] }] } },
      /m\.json: weightsBps/,
    ],
    ["fewer epochs than N", (d) => ["--epoch", "3", "--out", d, "--input", "two.json"], { "two.json": metricsFile({ epochs: SPEC_TWO_EPOCH_SCENARIO.map((e) => ({ services: [...e.services] })) }) }, /two\.json: epochs: has 2 epochs, fewer than the report epoch 3$/],
    ["empty epochs", (d) => ["--epoch", "1", "--out", d, "--input", "m.json"], { "m.json": { epochs: [] } }, /m\.json: epochs: has 0 epochs, fewer than the report epoch 1$/],
    ["a malformed genesis", (d) => ["--epoch", "1", "--out", d, "--genesis", "-1"], {}, /flag --genesis: expected YYYY-MM-DD, YYYY-MM-DDTHH:MM\[:SS\]Z or POSIX milliseconds, got "-1"$/],
    ["unknown flag", (d) => ["--epoch", "1", "--out", d, "--html"], {}, /unknown flag --html/],
    [
      "--deployment with --input",
      (d) => ["--deployment", "d.json", "--input", "m.json", "--out", d],
      { "d.json": {}, "m.json": { epochs: [{ services: [] }] } },
      /flags --deployment and --input are mutually exclusive: --deployment reports the chain, --input replays a simulation file$/,
    ],
    ["--deployment with --genesis", (d) => ["--deployment", "d.json", "--genesis", "0", "--out", d], { "d.json": {} }, /flag --genesis: not with --deployment/],
    ["--allocations without --deployment", (d) => ["--epoch", "1", "--out", d, "--allocations", "."], {}, /flag --allocations needs --deployment$/],
    ["--network without --deployment", (d) => ["--epoch", "1", "--out", d, "--network", "local"], {}, /flag --network needs --deployment$/],
    ["--deployment: no such file", (d) => ["--deployment", "nope.json", "--out", d], {}, /cannot read deployment file nope\.json: no such file/],
    ["--deployment without --out or --json", () => ["--deployment", "d.json"], { "d.json": {} }, /missing required flag --out/],
  ];
  for (const [name, argv, files, msg] of cases) {
    it(name, async () => {
      const dir = fresh(files);
      const out = join(dir, "reports");
      const o = await cli(["report", ...argv(out)], dir);
      expect(o.code).toBe(2);
      expect(o.stdout).toBe("");
      expect(o.stderr).toMatch(/^jetpack report: error: /);
      expect(o.stderr.trimEnd()).toMatch(msg);
      expect(o.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir).sort()).toEqual(Object.keys(files).sort());
    });
  }

  it("--out that is a file: exit 2, the file untouched", async () => {
    const dir = fresh({ taken: "keep me" });
    const o = await cli(["report", "--epoch", "1", "--out", "taken"], dir);
    expect(o).toEqual({ code: 2, stdout: "", stderr: "jetpack report: error: flag --out: cannot write to taken: not a directory\n" });
    expect(readFileSync(join(dir, "taken"), "utf8")).toBe("keep me");
    expect(readdirSync(dir)).toEqual(["taken"]);
  });

  it("an existing --out directory gets nothing on bad input", async () => {
    const dir = fresh();
    mkdirSync(join(dir, "r"));
    writeFileSync(join(dir, "r", "old.txt"), "x");
    const o = await cli(["report", "--epoch", "3", "--out", "r", "--input", TWO], dir);
    expect(o.code).toBe(2);
    expect(readdirSync(join(dir, "r"))).toEqual(["old.txt"]);
  });
});
