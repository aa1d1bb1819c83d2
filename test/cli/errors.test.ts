// Bad input must give exactly one line on stderr naming the problem and where, exit code 2,
// and nothing on stdout. The cases listed in the issue spawn the real executable.
import { describe, expect, it } from "vitest";
import { cli, epoch1Input, spawnCli, tempDir } from "./helpers.js";

function expectRejected(o: { code: number; stdout: string; stderr: string }, message: string) {
  expect(o.stderr).toBe(message + "\n");
  expect(o.stdout).toBe("");
  expect(o.code).toBe(2);
}

describe("bad input to the jetpack executable", () => {
  it.concurrent("a missing field is named with its path, exit 2", async () => {
    const input = epoch1Input();
    delete input.services[1]!.m2;
    const o = await spawnCli(["allocate", "--input", "in.json"], tempDir({ "in.json": input }));
    expectRejected(o, "jetpack allocate: error: in.json: services[1].m2: missing field");
  });

  it.concurrent("a negative metric is rejected, exit 2", async () => {
    const input = epoch1Input();
    input.services[0]!.m1 = -5;
    const o = await spawnCli(["allocate", "--input", "in.json", "--json"], tempDir({ "in.json": input }));
    expectRejected(o, "jetpack allocate: error: in.json: services[0].m1: must be a non-negative integer, got -5");
  });

  it.concurrent("a fractional metric is rejected, exit 2", async () => {
    const input = epoch1Input();
    input.services[2]!.m3 = 1.5;
    const o = await spawnCli(["allocate", "--input", "in.json"], tempDir({ "in.json": input }));
    expectRejected(o, "jetpack allocate: error: in.json: services[2].m3: must be an integer, got 1.5");
  });

  it.concurrent("a duplicate service id is rejected, naming both entries, exit 2", async () => {
    const input = epoch1Input();
    input.services[2]!.id = "A";
    const o = await spawnCli(["allocate", "--input", "in.json"], tempDir({ "in.json": input }));
    expectRejected(o, 'jetpack allocate: error: in.json: services[2].id: duplicate service id "A" (first at services[0])');
  });

  it.concurrent("weights not summing to 10000 are rejected, exit 2", async () => {
    const input = { ...epoch1Input(), weightsBps: [5000, 3000, 1999] };
    const o = await spawnCli(["allocate", "--input", "in.json"], tempDir({ "in.json": input }));
    expectRejected(o, "jetpack allocate: error: in.json: weightsBps: must sum to 10000, got 9999");
  });

  it.concurrent("an unknown flag is rejected, exit 2", async () => {
    const o = await spawnCli(["allocate", "--input", "x.json", "--verbose"]);
    expectRejected(o, "jetpack allocate: error: unknown flag --verbose (see jetpack allocate --help)");
  });

  it.concurrent("an unreadable file is reported, exit 2", async () => {
    const o = await spawnCli(["allocate", "--input", "missing.json"], tempDir({}));
    expectRejected(o, "jetpack allocate: error: cannot read input file missing.json: no such file");
  });

  it.concurrent("simulate names the epoch of a bad service, exit 2", async () => {
    const input = { epochs: [{ services: [] }, { services: [{ id: "x", m1: 1, m2: "-3", m3: 0 }] }] };
    const o = await spawnCli(["simulate", "--input", "h.json"], tempDir({ "h.json": input }));
    expectRejected(o, 'jetpack simulate: error: h.json: epochs[1].services[0].m2: must be a non-negative integer, got "-3"');
  });
});

describe("more bad input (in-process router, same contract)", () => {
  const cases: [string, string[], Record<string, unknown>, string][] = [
    ["invalid JSON", ["allocate", "--input", "in.json"], { "in.json": "{ nope" }, "jetpack allocate: error: in.json: invalid JSON: "],
    ["a directory as input", ["allocate", "--input", "."], {}, "jetpack allocate: error: cannot read input file .: is a directory"],
    ["a missing fTotalPack", ["allocate", "--input", "in.json"], { "in.json": { services: [] } }, "jetpack allocate: error: in.json: fTotalPack: missing: add it to the file, or give --f-total-pack PACK or --epoch N"],
    ["missing services", ["allocate", "--input", "in.json"], { "in.json": { fTotalPack: "1" } }, "jetpack allocate: error: in.json: services: missing field"],
    ["a negative fTotalPack", ["allocate", "--input", "in.json"], { "in.json": { fTotalPack: "-1", services: [] } }, 'jetpack allocate: error: in.json: fTotalPack: must be a non-negative integer, got "-1"'],
    ["a fractional metric string", ["allocate", "--input", "in.json"], { "in.json": { fTotalPack: 1, services: [{ id: "a", m1: "1.5", m2: 0, m3: 0 }] } }, 'jetpack allocate: error: in.json: services[0].m1: must be an integer (digits only), got "1.5"'],
    ["an unsafe JSON integer", ["allocate", "--input", "in.json"], { "in.json": '{"fTotalPack":1,"services":[{"id":"a","m1":12345678901234567890,"m2":0,"m3":0}]}' }, "jetpack allocate: error: in.json: services[0].m1: 12345678901234567000 is too large for an exact JSON number; write it as a decimal string"],
    ["a boolean metric", ["allocate", "--input", "in.json"], { "in.json": { fTotalPack: 1, services: [{ id: "a", m1: true, m2: 0, m3: 0 }] } }, "jetpack allocate: error: in.json: services[0].m1: must be an integer or a decimal string, got true"],
    ["a missing id", ["allocate", "--input", "in.json"], { "in.json": { fTotalPack: 1, services: [{ m1: 1, m2: 0, m3: 0 }] } }, "jetpack allocate: error: in.json: services[0].id: missing field"],
    ["a numeric id", ["allocate", "--input", "in.json"], { "in.json": { fTotalPack: 1, services: [{ id: 7, m1: 1, m2: 0, m3: 0 }] } }, "jetpack allocate: error: in.json: services[0].id: must be a non-empty string, got 7"],
    ["a misspelt field", ["allocate", "--input", "in.json"], { "in.json": { fTotalPack: 1, weightBps: [1, 2, 3], services: [] } }, "jetpack allocate: error: in.json: weightBps: unknown field (expected fTotalPack, weightsBps, capsPack, services)"],
    ["a service with an extra field", ["allocate", "--input", "in.json"], { "in.json": { fTotalPack: 1, services: [{ id: "a", m1: 1, m2: 0, m3: 0, m4: 1 }] } }, "jetpack allocate: error: in.json: services[0].m4: unknown field (expected id, m1, m2, m3)"],
    ["two weights", ["allocate", "--input", "in.json"], { "in.json": { fTotalPack: 1, weightsBps: [5000, 5000], services: [] } }, "jetpack allocate: error: in.json: weightsBps: must be an array of 3 integers (basis points), got [5000,5000]"],
    ["a negative weight", ["allocate", "--input", "in.json"], { "in.json": { fTotalPack: 1, weightsBps: [11000, -1000, 0], services: [] } }, "jetpack allocate: error: in.json: weightsBps[1]: must be a non-negative integer (basis points), got -1000"],
    ["a cap table of the wrong length", ["allocate", "--input", "in.json"], { "in.json": { fTotalPack: 1, capsPack: [1], services: [] } }, "jetpack allocate: error: in.json: capsPack: must be an array of 9 Pack amounts, got [1]"],
    ["an array as the whole input", ["allocate", "--input", "in.json"], { "in.json": [] }, "jetpack allocate: error: in.json: input: must be a JSON object, got []"],
    ["a missing --input", ["allocate"], {}, "jetpack allocate: error: give --input FILE (or its other name --metrics FILE)"],
    ["a flag without its value", ["allocate", "--input"], {}, "jetpack allocate: error: flag --input needs a value FILE"],
    ["a repeated flag", ["schedule", "--json", "--json"], {}, "jetpack schedule: error: flag --json given twice"],
    ["a value for a boolean flag", ["schedule", "--json=yes"], {}, "jetpack schedule: error: flag --json takes no value"],
    ["a stray argument", ["schedule", "5"], {}, 'jetpack schedule: error: unexpected argument "5" (see jetpack schedule --help)'],
    ["a non-integer --from", ["schedule", "--from", "abc"], {}, 'jetpack schedule: error: flag --from: expected an integer, got "abc"'],
    ["--from 0", ["schedule", "--from", "0"], {}, "jetpack schedule: error: flag --from: epoch must be in 1…12776, got 0"],
    ["--to past the tail epochs", ["schedule", "--to", "12777"], {}, "jetpack schedule: error: flag --to: epoch must be in 1…12776 (≥ --from), got 12777"],
    ["--to before --from", ["schedule", "--from", "5", "--to", "4"], {}, "jetpack schedule: error: flag --to: epoch must be in 5…12776 (≥ --from), got 4"],
    ["a bad --genesis", ["schedule", "--genesis", "2025-02-30"], {}, 'jetpack schedule: error: flag --genesis: expected YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS]Z or POSIX milliseconds, got "2025-02-30"'],
    ["simulate without epochs", ["simulate", "--input", "h.json"], { "h.json": { weightsBps: [5000, 3000, 2000] } }, "jetpack simulate: error: h.json: epochs: missing field"],
    ["simulate with bad weights and no epochs", ["simulate", "--input", "h.json"], { "h.json": { weightsBps: [1, 2, 3], epochs: [] } }, "jetpack simulate: error: h.json: weightsBps: must sum to 10000, got 6"],
    ["simulate with a duplicate id", ["simulate", "--input", "h.json"], { "h.json": { epochs: [{ services: [{ id: "a", m1: 1, m2: 1, m3: 1 }, { id: "a", m1: 1, m2: 1, m3: 1 }] }] } }, 'jetpack simulate: error: h.json: epochs[0].services[1].id: duplicate service id "a" (first at epochs[0].services[0])'],
    ["simulate with an epoch that is not an object", ["simulate", "--input", "h.json"], { "h.json": { epochs: [5] } }, "jetpack simulate: error: h.json: epochs[0]: must be a JSON object, got 5"],
    ["an unknown command", ["allocat"], {}, 'jetpack: error: unknown command "allocat" (see jetpack --help)'],
    ["an unknown global flag", ["--verbose"], {}, "jetpack: error: unknown flag --verbose (see jetpack --help)"],
    ["help for an unknown command", ["help", "nope"], {}, 'jetpack: error: unknown command "nope" (see jetpack --help)'],
  ];
  for (const [what, argv, files, message] of cases) {
    it(`${what} → one line, exit 2`, async () => {
      const o = await cli(argv, tempDir(files));
      expect(o.code).toBe(2);
      expect(o.stdout).toBe("");
      expect(o.stderr.endsWith("\n")).toBe(true);
      expect(o.stderr.trimEnd().includes("\n")).toBe(false);
      if (message.endsWith(": ")) expect(o.stderr.startsWith(message)).toBe(true);
      else expect(o.stderr).toBe(message + "\n");
    });
  }

  it("no command at all prints the usage on stderr, exit 2", async () => {
    const o = await cli([]);
    expect(o.code).toBe(2);
    expect(o.stdout).toBe("");
    expect(o.stderr).toContain("Usage: jetpack <command>");
  });
});
