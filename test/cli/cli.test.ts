import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILTIN_COMMANDS } from "../../offchain/cli/commands/index.js";
import { loadCommand, registerCommand } from "../../offchain/cli/registry.js";
import { UsageError } from "../../offchain/cli/command.js";
import { cli, REPO, spawnCli, tempDir } from "./helpers.js";

describe("jetpack schedule", () => {
  it("--json prints epoch, start, amountPack, amountJet and cumulativePack for the range", async () => {
    const o = await cli(["schedule", "--from", "2774", "--json"]);
    expect(o.code).toBe(0);
    expect(JSON.parse(o.stdout)).toEqual([
      { epoch: 2774, start: "2062-12-18", amountPack: "304223285037", amountJet: "304223.285037", cumulativePack: "999391594896812" },
      { epoch: 2775, start: "2062-12-23", amountPack: "304209460659", amountJet: "304209.460659", cumulativePack: "999695804357471" },
      { epoch: 2776, start: "2062-12-28", amountPack: "304195642529", amountJet: "304195.642529", cumulativePack: "1000000000000000" },
    ]);
  });

  it("prints all 2,776 epochs by default, ending at exactly 10^15 Pack", async () => {
    const rows = JSON.parse((await cli(["schedule", "--json"])).stdout) as { epoch: number; amountPack: string; cumulativePack: string }[];
    expect(rows.length).toBe(2776);
    expect(rows[0]).toMatchObject({ epoch: 1, amountPack: "3479788700063" });
    expect(rows.reduce((a, r) => a + BigInt(r.amountPack), 0n)).toBe(10n ** 15n);
    expect(rows.at(-1)!.cumulativePack).toBe("1000000000000000");
  });

  it("--genesis moves the start dates", async () => {
    const rows = JSON.parse((await cli(["schedule", "--to", "2", "--genesis", "2026-03-01", "--json"])).stdout) as { start: string }[];
    expect(rows.map((r) => r.start)).toEqual(["2026-03-01", "2026-03-06"]);
    const ms = JSON.parse((await cli(["schedule", "--to", "1", "--genesis=1735689600000", "--json"])).stdout) as { start: string }[];
    expect(ms[0]!.start).toBe("2025-01-01");
  });

  it("without --json prints a readable table with thousands separators", async () => {
    const o = await cli(["schedule", "--from", "1", "--to", "3"]);
    expect(o.stdout).toContain("epoch  start");
    expect(o.stdout).toContain("    1  2025-01-01  3,479,788.700063");
    expect(o.stdout).toContain("epochs 1…3: 7,415,185.277105 Jet");
  });
});

describe("jetpack allocate", () => {
  it("--json reproduces the spec's epoch-1 allocation (levels 1/4/6, 52,000 Jet distributed)", async () => {
    const o = await cli(["allocate", "--input", "test/cli/fixtures/epoch1.json", "--json"]);
    expect(o.code).toBe(0);
    expect(JSON.parse(o.stdout)).toEqual({
      fTotalPack: "3479788700063",
      distributedPack: "52000000000",
      undistributedPack: "3427788700063",
      services: [
        { id: "A", score: "19/50", rank: 1, percentile: "100/1", level: 1, capPack: "30000000000", allocationPack: "30000000000" },
        { id: "B", score: "29/100", rank: 3, percentile: "100/3", level: 6, capPack: "7000000000", allocationPack: "7000000000" },
        { id: "C", score: "33/100", rank: 2, percentile: "200/3", level: 4, capPack: "15000000000", allocationPack: "15000000000" },
      ],
    });
  });

  it("prints average ranks as JSON numbers, halves included", async () => {
    const input = { fTotalPack: 1000, services: [{ id: "x", m1: 1, m2: 1, m3: 1 }, { id: "y", m1: 1, m2: 1, m3: 1 }, { id: "z", m1: 0, m2: 0, m3: 0 }] };
    const o = await cli(["allocate", "--input", "in.json", "--json"], tempDir({ "in.json": input }));
    const r = JSON.parse(o.stdout) as { services: { rank: number; percentile: string; allocationPack: string }[] };
    expect(r.services.map((s) => [s.rank, s.percentile, s.allocationPack])).toEqual([
      [1.5, "250/3", "500"],
      [1.5, "250/3", "500"],
      [3, "100/3", "0"],
    ]);
  });

  it("accepts metrics and Pack amounts as decimal strings, and custom weights and caps", async () => {
    const big = "123456789012345678901234567890";
    const input = {
      fTotalPack: "100000000000000000000",
      weightsBps: [10000, 0, 0],
      capsPack: ["9", "8", "7", "6", "5", "4", "3", "2", "1"],
      services: [{ id: "a", m1: big, m2: "0", m3: 0 }, { id: "b", m1: big, m2: 5, m3: "7" }],
    };
    const r = JSON.parse((await cli(["allocate", "--input", "in.json", "--json"], tempDir({ "in.json": input }))).stdout);
    expect(r.services.map((s: { score: string; level: number; allocationPack: string }) => [s.score, s.level, s.allocationPack])).toEqual([
      ["1/2", 4, "6"],
      ["1/2", 4, "6"],
    ]);
    expect(r.undistributedPack).toBe("99999999999999999988");
  });

  it("no services → nothing distributed", async () => {
    const r = JSON.parse((await cli(["allocate", "--input", "in.json", "--json"], tempDir({ "in.json": { fTotalPack: "42", services: [] } }))).stdout);
    expect(r).toEqual({ fTotalPack: "42", distributedPack: "0", undistributedPack: "42", services: [] });
  });

  it("without --json prints a table, best rank first, and the totals", async () => {
    const o = await cli(["allocate", "--input", "test/cli/fixtures/epoch1.json"]);
    const lines = o.stdout.split("\n");
    expect(lines.findIndex((l) => l.startsWith("A "))).toBeLessThan(lines.findIndex((l) => l.startsWith("C ")));
    expect(lines.findIndex((l) => l.startsWith("C "))).toBeLessThan(lines.findIndex((l) => l.startsWith("B ")));
    expect(o.stdout).toContain("66.67%");
    expect(o.stdout).toContain("distributed   52,000.000000 Jet");
    expect(o.stdout).toContain("undistributed 3,427,788.700063 Jet");
  });

  it("an operator reviews the epoch-advance metrics file as it is: f_total from --epoch or --f-total-pack", async () => {
    const metrics = { services: [{ id: "A", m1: 500, m2: 150, m3: 200 }, { id: "B", m1: 300, m2: 200, m3: 100 }] };
    const dir = tempDir({ "metrics.json": metrics });
    const byEpoch = JSON.parse((await cli(["allocate", "--metrics", "metrics.json", "--epoch", "1", "--json"], dir)).stdout);
    expect(byEpoch.fTotalPack).toBe("3479788700063"); // emission(1), as `jetpack schedule` prints it
    const byFlag = JSON.parse((await cli(["allocate", "--input", "metrics.json", "--f-total-pack", "1000000", "--json"], dir)).stdout);
    expect(byFlag.fTotalPack).toBe("1000000");
    expect(BigInt(byFlag.distributedPack) + BigInt(byFlag.undistributedPack)).toBe(1_000_000n);
  });

  it("a metrics file without f_total and no flag for it is refused, naming the field", async () => {
    const o = await cli(["allocate", "--metrics", "m.json"], tempDir({ "m.json": { services: [] } }));
    expect(o.code).toBe(2);
    expect(o.stderr.trim().split("\n")).toHaveLength(1);
    expect(o.stderr).toMatch(/m\.json: fTotalPack: missing: add it to the file, or give --f-total-pack PACK or --epoch N/);
    const both = await cli(["allocate", "--input", "test/cli/fixtures/epoch1.json", "--epoch", "1"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/fTotalPack: is given in the file and by a flag/);
  });
});

describe("jetpack simulate", () => {
  it("the executable reproduces the spec's two-epoch scenario", async () => {
    const o = await spawnCli(["simulate", "--input", "test/cli/fixtures/two-epochs.json", "--json"]);
    expect(o.stderr).toBe("");
    expect(o.code).toBe(0);
    const rs = JSON.parse(o.stdout) as { epoch: number; emissionPack: string; fTotalPack: string; distributedPack: string; undistributedPack: string; services: { id: string; score: string; level: number; allocationPack: string }[] }[];
    expect(rs.map((r) => [r.epoch, r.emissionPack, r.fTotalPack, r.distributedPack, r.undistributedPack])).toEqual([
      [1, "3479788700063", "3479788700063", "52000000000", "3427788700063"], // 3,479,788.70 → 3,427,788.70
      [2, "2195502227011", "5623290927074", "52000000000", "5571290927074"], // 5,623,290.927 → 5,571,290.927
    ]);
    expect(rs[1]!.services.map((s) => [s.id, s.score, s.level, s.allocationPack])).toEqual([
      ["A", "2/5", 1, "30000000000"],
      ["B", "1/4", 6, "7000000000"],
      ["C", "7/20", 4, "15000000000"],
    ]);
  });

  it("without --json prints one table per epoch with the carry-over", async () => {
    const o = await cli(["simulate", "--input", "test/cli/fixtures/two-epochs.json"]);
    expect(o.stdout).toContain("epoch 2: emission 2,195,502.227011 + carried 3,427,788.700063 = f_total 5,623,290.927074 Jet");
    expect(o.stdout).toContain("undistributed 5,571,290.927074 Jet");
  });
});

describe("jetpack demo", () => {
  it("prints the schedule's head and tail and the worked two-epoch allocation", async () => {
    const o = await cli(["demo"]);
    expect(o.code).toBe(0);
    for (const s of ["2025-01-01  3,479,788.700063", "2062-12-28    304,195.642529", "1,000,000,000.000000", "undistributed 3,427,788.700063", "undistributed 5,571,290.927074"]) {
      expect(o.stdout).toContain(s);
    }
  });

  it("--json gives every section", async () => {
    const r = JSON.parse((await cli(["demo", "--json"])).stdout);
    expect(r.schedule.totalPack).toBe("1000000000000000");
    expect(r.schedule.head[0].amountPack).toBe("3479788700063");
    expect(r.allocation[1].undistributedPack).toBe("5571290927074");
  });
});

describe("help", () => {
  it("jetpack --help lists every command", async () => {
    const o = await cli(["--help"]);
    expect(o.code).toBe(0);
    for (const c of BUILTIN_COMMANDS) expect(o.stdout).toContain(`  ${c.name}`);
  });

  for (const c of BUILTIN_COMMANDS) {
    it(`jetpack ${c.name} --help describes every flag`, async () => {
      const command = await loadCommand(c);
      // the summary `jetpack --help` prints (commands/index.ts) is the command module's own
      expect(command.summary).toBe(c.summary);
      const o = await cli([c.name, "--help"]);
      expect(o.code).toBe(0);
      expect(o.stderr).toBe("");
      expect(o.stdout).toContain(`Usage: jetpack ${c.name}`);
      for (const f of command.flags) {
        expect(o.stdout).toContain(`--${f.name}`);
        expect(o.stdout).toContain(f.description);
      }
      expect(o.stdout).toContain("--help");
      expect((await cli(["help", c.name])).stdout).toBe(o.stdout);
    });
  }

  it("--version prints the package's name and version, exit 0", async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { name: string; version: string };
    for (const flag of ["--version", "-V"]) {
      const o = await cli([flag]);
      expect(o.code).toBe(0);
      expect(o.stdout).toBe(`${pkg.name} ${pkg.version}\n`);
      expect(o.stderr).toBe("");
    }
  });

  it("--help wins over missing required flags", async () => {
    expect((await cli(["allocate", "-h"])).code).toBe(0);
  });
});

describe("the command router", () => {
  it("accepts two-word commands: `epoch advance` is `epoch-advance`", async () => {
    // `devnet time` too, though `devnet` is a command itself (commands take no positional argument)
    for (const [a, b] of [["epoch", "advance"], ["config", "show"], ["config", "update"], ["tx", "sign"], ["tx", "submit"], ["tx", "show"], ["tx", "assemble"], ["keys", "new"], ["keys", "show"], ["devnet", "time"]]) {
      const two = await cli([a!, b!, "--help"]);
      expect(two.code).toBe(0);
      expect(two.stdout).toBe((await cli([`${a}-${b}`, "--help"])).stdout);
      expect((await cli(["help", a!, b!])).stdout).toBe(two.stdout);
    }
  });

  it("dispatches a newly registered command", async () => {
    registerCommand({
      name: "echo-test",
      summary: "test command",
      flags: [{ name: "word", type: "string", value: "W", description: "the word", required: true }],
      run(args, io) {
        if (args.string("word") === "bad") throw new UsageError("flag --word: bad word");
        io.out(`${args.string("word")}\n`);
      },
    });
    expect(await cli(["echo-test", "--word", "hi"])).toEqual({ code: 0, stdout: "hi\n", stderr: "" });
    expect(await cli(["echo-test", "--word", "bad"])).toEqual({ code: 2, stdout: "", stderr: "jetpack echo-test: error: flag --word: bad word\n" });
    expect((await cli(["--help"])).stdout).toContain("echo-test");
  });

  it("refuses a second command with the same name", () => {
    expect(() => registerCommand({ ...BUILTIN_COMMANDS[0]! })).toThrow(/already registered/);
  });

  it("an unexpected failure is exit code 1, still one line", async () => {
    registerCommand({ name: "boom-test", summary: "fails", flags: [], run: () => { throw new Error("kaput\nsecond line"); } });
    expect(await cli(["boom-test"])).toEqual({ code: 1, stdout: "", stderr: "jetpack boom-test: internal error: kaput second line\n" });
  });
});
