// The governance commands (ve-*, gov-*, treasury-*, grant-*) without a chain: help texts,
// the two-word forms, flag validation and bad input — one line on stderr, exit code 2,
// nothing on stdout, before any connection — and the pure helpers behind them (phases,
// old → new lines, the governance settings of a config file, milestones, id lookup,
// treasury selection). The chain side runs in test/workflow/governance.test.ts.
import { describe, expect, it } from "vitest";
import { BUILTIN_COMMANDS } from "../../offchain/cli/commands/index.js";
import { loadCommand } from "../../offchain/cli/registry.js";
import { UsageError } from "../../offchain/cli/command.js";
import { parseMilestones } from "../../offchain/cli/commands/gov.js";
import { selectTreasury } from "../../offchain/cli/commands/gov-end.js";
import { parseJet, pick } from "../../offchain/cli/commands/govshared.js";
import { describeConfigChange, proposalStatus } from "../../offchain/governance/readers.js";
import { parseGovSettings } from "../../offchain/governance/settings.js";
import { DEFAULT_GOV_SETTINGS } from "../../offchain/tx/config/params.js";
import type { ConfigDatum } from "../../offchain/codec/data.js";
import type { ProposalDatum } from "../../offchain/codec/governance.js";
import { cli, spawnCli, tempDir } from "./helpers.js";

const GOV_COMMANDS = [
  "ve-create",
  "ve-add",
  "ve-extend",
  "ve-withdraw",
  "ve-show",
  "gov-propose",
  "gov-vote",
  "gov-tally",
  "gov-execute",
  "gov-veto",
  "gov-close",
  "gov-list",
  "gov-show",
  "treasury-show",
  "treasury-donate",
  "grant-withdraw",
  "grant-pause",
  "grant-return",
];
const CHAIN_COMMANDS = GOV_COMMANDS.filter((c) => !["ve-show", "gov-list", "gov-show", "treasury-show"].includes(c));
const HASH = "ab".repeat(28);

function expectRejected(o: { code: number; stdout: string; stderr: string }, message: string | RegExp) {
  expect(o.stdout).toBe("");
  expect(o.code, o.stderr).toBe(2);
  expect(o.stderr.endsWith("\n")).toBe(true);
  expect(o.stderr.trimEnd().split("\n")).toHaveLength(1);
  if (typeof message === "string") expect(o.stderr).toBe(message + "\n");
  else expect(o.stderr.trimEnd()).toMatch(message);
}

describe("governance commands: registration and help", () => {
  it("every command is registered with its module's summary and a help text", async () => {
    for (const name of GOV_COMMANDS) {
      const entry = BUILTIN_COMMANDS.find((c) => c.name === name);
      expect(entry, name).toBeDefined();
      const command = await loadCommand(entry!);
      expect(command.summary).toBe(entry!.summary);
      const o = await cli([name, "--help"]);
      expect(o.code).toBe(0);
      expect(o.stdout).toContain(`Usage: jetpack ${name}`);
      expect(o.stdout).toContain(command.summary);
    }
  });

  it("two words are one command: `jetpack ve create` is `jetpack ve-create`", async () => {
    for (const name of GOV_COMMANDS) {
      const [a, b] = [name.slice(0, name.indexOf("-")), name.slice(name.indexOf("-") + 1)];
      expect((await cli([a, b, "--help"])).stdout).toBe((await cli([name, "--help"])).stdout);
    }
  });

  it("every chain command has --dry-run, --out, --json and --key; the amounts say Jet", async () => {
    for (const name of CHAIN_COMMANDS) {
      const command = await loadCommand(BUILTIN_COMMANDS.find((c) => c.name === name)!);
      for (const f of ["key", "dry-run", "out", "json", "quiet", "wait-s", "deployment", "network"]) expect(command.flags.some((x) => x.name === f), `${name} --${f}`).toBe(true);
    }
    const help = (await cli(["ve-create", "--help"])).stdout;
    expect(help).toMatch(/--amount JET +Jet to lock/);
    expect((await cli(["gov-veto", "--help"])).stdout).toMatch(/--sign-with FILES[\s\S]*--signers LIST/);
  });
});

describe("governance commands: bad input is one line, exit 2, before any connection", () => {
  const cases: [string, string[], string | RegExp][] = [
    ["a negative amount", ["ve-create", "--key", "k.sk", "--amount", "-5", "--lock-epochs", "3"], 'jetpack ve-create: error: flag --amount: must not be negative, got "-5"'],
    ["seven decimals", ["ve-create", "--key", "k.sk", "--amount", "1.1234567", "--lock-epochs", "3"], 'jetpack ve-create: error: flag --amount: expected an amount of Jet (up to 6 decimals), got "1.1234567"'],
    ["a zero amount", ["ve-create", "--key", "k.sk", "--amount", "0", "--lock-epochs", "3"], "jetpack ve-create: error: flag --amount: must be more than 0 Jet"],
    ["no lock length", ["ve-create", "--key", "k.sk", "--amount", "10"], "jetpack ve-create: error: missing --lock-epochs N (lock for N epochs from now) or --until EPOCH"],
    ["two lock lengths", ["ve-create", "--key", "k.sk", "--amount", "10", "--lock-epochs", "3", "--until", "9"], "jetpack ve-create: error: give either --lock-epochs or --until, not both"],
    ["a lock of 0 epochs", ["ve-create", "--key", "k.sk", "--amount", "10", "--lock-epochs", "0"], "jetpack ve-create: error: flag --lock-epochs: must be ≥ 1, got 0"],
    ["no commitment", ["ve-add", "--key", "k.sk", "--amount", "1"], "jetpack ve-add: error: missing required flag --commitment (see jetpack ve-add --help)"],
    ["a malformed id", ["ve-withdraw", "--key", "k.sk", "--commitment", "xyz"], 'jetpack ve-withdraw: error: flag --commitment: expected an id (56 hex digits, or a unique prefix of at least 8), got "xyz"'],
    ["neither yes nor no", ["gov-vote", "--key", "k.sk", "--proposal", "abcdef12"], "jetpack gov-vote: error: give exactly one of --yes and --no"],
    ["yes and no", ["gov-vote", "--key", "k.sk", "--proposal", "abcdef12", "--yes", "--no"], "jetpack gov-vote: error: give exactly one of --yes and --no"],
    ["nothing to propose", ["gov-propose", "--key", "k.sk"], /^jetpack gov-propose: error: nothing to propose: give a config change/],
    ["two kinds", ["gov-propose", "--key", "k.sk", "--weights", "4000,4000,2000", "--text-hash", "cd".repeat(32)], "jetpack gov-propose: error: one proposal is one kind: a config change, a grant or a text, not several"],
    ["a grant without milestones", ["gov-propose", "--key", "k.sk", "--grant-to", HASH], "jetpack gov-propose: error: a grant needs both --grant-to and --milestone"],
    ["a malformed milestone", ["gov-propose", "--key", "k.sk", "--grant-to", HASH, "--milestone", "5-100"], 'jetpack gov-propose: error: flag --milestone[0]: expected EPOCH:JET, got "5-100"'],
    ["descending milestones", ["gov-propose", "--key", "k.sk", "--grant-to", HASH, "--milestone", "6:1,5:1"], "jetpack gov-propose: error: flag --milestone[1]: epochs must ascend (6 then 5)"],
    ["a bad recipient", ["gov-propose", "--key", "k.sk", "--grant-to", "nobody", "--milestone", "5:1"], 'jetpack gov-propose: error: --grant-to: "nobody" is neither a 28-byte key hash (56 hex digits) nor a bech32 address'],
    ["a short text hash", ["gov-propose", "--key", "k.sk", "--text-hash", "abcd"], 'jetpack gov-propose: error: flag --text-hash: expected 32 bytes (64 hex digits), got "abcd"'],
    ["a bad weight", ["gov-propose", "--key", "k.sk", "--weights", "1,x,3"], 'jetpack gov-propose: error: --weights[1]: must be an integer (digits only), got "x"'],
    ["zero receipts per tally", ["gov-tally", "--key", "k.sk", "--proposal", "abcdef12", "--max-receipts", "0"], "jetpack gov-tally: error: flag --max-receipts: must be ≥ 1, got 0"],
    ["--signers without --out", ["gov-veto", "--key", "k.sk", "--proposal", "abcdef12", "--signers", HASH], "jetpack gov-veto: error: --signers needs --out (they sign the written transaction later); use --sign-with KEYFILES to sign now"],
    ["--signers without --out (pause)", ["grant-pause", "--key", "k.sk", "--grant", "abcdef12", "--signers", HASH], /^jetpack grant-pause: error: --signers needs --out/],
    ["nothing to donate", ["treasury-donate", "--key", "k.sk"], "jetpack treasury-donate: error: nothing to donate: give --jet JET and/or --ada ADA"],
    ["less than 1 ADA", ["treasury-donate", "--key", "k.sk", "--ada", "0.5"], "jetpack treasury-donate: error: flag --ada: at least 1 ADA (the output's minimum), got 0.5"],
    ["a bad owner", ["ve-show", "--owner", "zz"], 'jetpack ve-show: error: --owner: "zz" is neither a 28-byte key hash (56 hex digits) nor a bech32 address'],
    ["no deployment file", ["gov-list"], "jetpack gov-list: error: cannot read deployment file jetpack-deployment.json: no such file (run jetpack init first, or pass --deployment FILE)"],
    ["a missing key file", ["ve-create", "--key", "missing.sk", "--amount", "1", "--lock-epochs", "2"], /^jetpack ve-create: error: .*missing\.sk/],
  ];
  for (const [what, argv, message] of cases)
    it(what, async () => {
      expectRejected(await cli(argv, tempDir({})), message);
    });

  it("a config file: an unknown governance setting is named (gov-propose, init)", async () => {
    const dir = tempDir({ "g.json": { config: { quorum: 1, governance: { quorumBPS: 1 } }, utxo: "x#0" }, "bad.json": { quorum: 1, governance: { votingEpoch: 1 } } });
    expectRejected(await cli(["gov-propose", "--key", "k.sk", "--config-file", "g.json"], dir), /^jetpack gov-propose: error: g\.json: governance\.quorumBPS: unknown field \(expected maxLockEpochs, /);
    expectRejected(await cli(["init", "--key", "k.sk", "--config", "bad.json"], dir), /^jetpack init: error: bad\.json: governance\.votingEpoch: unknown field \(expected maxLockEpochs, /);
  });

  it("the real executable: `jetpack ve create` with a bad amount exits 2 with one line", async () => {
    const o = await spawnCli(["ve", "create", "--key", "k.sk", "--amount", "1,5", "--lock-epochs", "3"], tempDir({}));
    expectRejected(o, 'jetpack ve-create: error: flag --amount: expected an amount of Jet (up to 6 decimals), got "1,5"');
  });
});

describe("governance helpers", () => {
  const d = (over: Partial<ProposalDatum> = {}): ProposalDatum => ({
    kind: { type: "text", hash: "cd".repeat(32) },
    returnTo: "" as unknown as ProposalDatum["returnTo"],
    deposit: 10_000_000n,
    snapshot: 2n,
    voteEnd: 3n,
    execStart: 5n,
    execEnd: 6n,
    maxLock: 20n,
    maxPower: 1_000_000n,
    quorumBps: 1_000n,
    approvalBps: 6_000n,
    yes: 0n,
    no: 0n,
    ...over,
  });

  it("proposalStatus: voting, timelock, executable, failed, expired — and what happens next", () => {
    const passing = d({ yes: 90_000n, no: 30_000n });
    expect(proposalStatus(d(), 2n)).toMatchObject({ phase: "voting", actions: ["gov vote"], voting: { from: 2n, to: 3n }, timelock: { from: 4n, to: 4n }, execution: { from: 5n, to: 6n } });
    expect(proposalStatus(d(), 3n).next).toMatch(/vote until epoch 3; then the receipts are tallied .* in epochs 4\.\.4; if it passes it executes in epochs 5\.\.6/);
    expect(proposalStatus(passing, 4n)).toMatchObject({ phase: "timelock", actions: ["gov tally", "gov veto"], passed: true });
    expect(proposalStatus(passing, 5n)).toMatchObject({ phase: "executable", actions: ["gov execute"], depositTo: "proposer" });
    expect(proposalStatus(d({ yes: 50_000n, no: 60_000n }), 6n)).toMatchObject({ phase: "failed", quorumReached: true, passed: false, depositTo: "proposer" });
    expect(proposalStatus(d({ yes: 50_000n, no: 60_000n }), 6n).next).toMatch(/approval not reached/);
    expect(proposalStatus(d({ yes: 10n }), 5n)).toMatchObject({ phase: "failed", quorumReached: false, depositTo: "treasury" });
    expect(proposalStatus(passing, 7n)).toMatchObject({ phase: "expired", actions: ["gov close"] });
    expect(proposalStatus(passing, 7n).next).toMatch(/ended at epoch 6 without an execution/);
  });

  it("describeConfigChange: config fields as config-update prints them, then governance settings", () => {
    const cur = {
      weightsBps: [5000n, 3000n, 2000n],
      levelCapsPack: [30_000n, 25_000n, 20_000n, 15_000n, 10_000n, 7_000n, 5_000n, 3_000n, 1_000n].map((j) => j * 1_000_000n),
      operators: [HASH],
      governors: [HASH],
      quorum: 1n,
      claimWindowMs: 259_200_000n,
      rewardAttestor: null,
      poolScript: "11".repeat(28),
      lockScript: "22".repeat(28),
      version: 3n,
      governance: { ...DEFAULT_GOV_SETTINGS, govScript: "33".repeat(28), treasuryScript: "44".repeat(28), genesisMs: 0n },
    } satisfies ConfigDatum;
    const next: ConfigDatum = { ...cur, version: 4n, weightsBps: [4000n, 4000n, 2000n], governance: { ...cur.governance, quorumBps: 500n, votingEpochs: 5n } };
    expect(describeConfigChange(cur, next).map((c) => c.text)).toEqual([
      "weightsBps: 5000/3000/2000 → 4000/4000/2000",
      "governance.votingEpochs: 3 epochs → 5 epochs",
      "governance.quorumBps: 400 bps (4 %) → 500 bps (5 %)",
    ]);
    expect(describeConfigChange(cur, next)[2]).toMatchObject({ field: "governance.quorumBps", before: "400", after: "500" });
    expect(describeConfigChange(cur, { ...cur, version: 4n })).toEqual([]);
  });

  it("parseGovSettings: numbers as integers or decimal strings; guardrails fill in from the defaults", () => {
    const g = parseGovSettings({ votingEpochs: 1, proposalThreshold: "1000000000", ownerScripts: ["AB".repeat(28)], guardrails: { weightStepBps: 1000 } });
    expect(g).toEqual({ votingEpochs: 1n, proposalThreshold: 1_000_000_000n, ownerScripts: [HASH], guardrails: { ...DEFAULT_GOV_SETTINGS.guardrails, weightStepBps: 1000n } });
    expect(() => parseGovSettings({ quorumBps: -1 })).toThrow(/governance\.quorumBps: must be a non-negative integer/);
    expect(() => parseGovSettings({ ownerScripts: ["zz"] })).toThrow(/governance\.ownerScripts\[0\]: must be a 28-byte script hash/);
    expect(() => parseGovSettings({ guardrails: {} }, "governance", false)).toThrow(/governance\.guardrails: the guardrails never change after the genesis/);
  });

  it("milestones, Jet amounts, id lookup and treasury selection", () => {
    expect(parseMilestones("5:200, 6:300.5")).toEqual([{ epoch: 5n, amount: 200_000_000n }, { epoch: 6n, amount: 300_500_000n }]);
    expect(() => parseMilestones("5:0")).toThrow(UsageError);
    expect(parseJet("0.000001", "x")).toBe(1n);
    const items = [{ id: "aa".repeat(28) }, { id: "ab".repeat(28) }, { id: "abababab" + "00".repeat(24) }];
    expect(pick(items, "aaaaaaaa", "proposal")).toBe(items[0]);
    expect(() => pick(items, "abababab", "proposal")).toThrow(/proposal id abababab is ambiguous: 2 proposals start with it/);
    expect(() => pick(items, "cccccccc", "grant")).toThrow(/^no grant cccccccc on chain \(3 grants on chain: /);
    expect(() => pick([], "cccccccc", "grant")).toThrow("no grant cccccccc on chain (there is no open grant)");
    const u = (i: number, jet: bigint) => ({ txHash: String(i).repeat(64).slice(0, 64), outputIndex: 0, address: "t", assets: { lovelace: 2_000_000n, J: jet } });
    const t = [u(1, 100n), u(2, 700n), u(3, 300n), u(4, 0n)];
    expect(selectTreasury(t, "J", 900n).map((x) => x.assets.J)).toEqual([700n, 300n]);
    expect(selectTreasury(t, "J", 1_200n)).toEqual([]);
  });
});
