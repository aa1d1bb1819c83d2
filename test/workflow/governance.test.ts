/**
 * Governance end to end, each command a separate `jetpack` process against the local devnet
 * (manual clock, moved epoch by epoch in this process):
 *   epoch 1: init with a config whose "governance" object sets short timings (voting 1,
 *     timelock 1, execution 2 epochs, quorum 1 %); epoch-advance + claim give a service Jet,
 *     `reward` pays five holders, who each `ve create`; one donates Jet to the treasury;
 *   epoch 2: three proposals — new weights 4000/4000/2000, a claim-window change, a grant of
 *     two milestones (epochs 5 and 6) — and the holders' votes;
 *   epoch 3 (timelock): `gov tally`; the claim-window change is vetoed by a quorum of the
 *     governors (`gov veto --sign-with`) and changes nothing; an execution is too early;
 *   epoch 4: `gov execute` writes the new weights (config version 1) and funds the grant from
 *     the treasury; the next `epoch-advance` allocates with the new weights (a metrics file
 *     stating the old ones is refused; the allocation differs from what the old weights give);
 *   epochs 4–6: `grant withdraw` pays each milestone only from its epoch (a too-early
 *     withdraw is one line on stderr, exit 2, nothing submitted).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Blockfrost, Lucid, type LucidEvolution } from "@lucid-evolution/lucid";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { protocolFromDeployment, readDeployment } from "../../offchain/net/deployment.js";
import { readConfig, readState } from "../../offchain/readers.js";
import { planEpoch } from "../../offchain/epoch.js";
import type { Protocol } from "../../offchain/protocol.js";
import { readCommitments, readGrants, readProposals, readTreasury } from "../../offchain/governance/readers.js";
import { allOutput, expectRejectedRun, jetpack, makeKeyFile, ok, type KeyFile, type Run } from "./helpers.js";

const DAY = 86_400_000;
const EPOCH_MS = 5 * DAY;
const ADA = 1_000_000n;
const JET = 1_000_000n;

let dir: string;
let devnet: Devnet;
let lucid: LucidEvolution;
let p: Protocol;
const k = {} as Record<"deployer" | "svc" | "h1" | "h2" | "h3" | "h4" | "h5" | "govA" | "govB" | "builder", KeyFile>;
const H = ["h1", "h2", "h3", "h4", "h5"] as const;
const P = { weights: "", window: "", grant: "" };
const timings: [string, number][] = [];
const t0s = Date.now();

const run = async (argv: string[]): Promise<Run> => ok(await jetpack([...argv, "--quiet"], dir));
const json = async (argv: string[]) => JSON.parse((await run([...argv, "--json"])).stdout);
const rejected = (argv: string[], expected: RegExp): Promise<Run> => expectRejectedRun(devnet.chain, dir, argv, expected);
const jetOf = (address: string) => devnet.chain.confirmedUtxos().filter((u) => u.address === address).reduce((s, u) => s + (u.assets[p.units.jet] ?? 0n), 0n);
const keyOf = (name: keyof typeof k) => `keys/${name}.sk`;

/** Moves the devnet's clock an hour into epoch `e`. */
function toEpoch(e: number): void {
  const target = Number(p.params.genesisTimeMs) + (e - 1) * EPOCH_MS + 3_600_000;
  const now = devnet.chain.nowMs();
  if (target > now) devnet.advance(target - now);
}

function timed<T>(name: string, fn: () => Promise<T>): () => Promise<T> {
  return async () => {
    const t0 = Date.now();
    try {
      return await fn();
    } finally {
      timings.push([name, Date.now() - t0]);
    }
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jetpack-gov-"));
  mkdirSync(join(dir, "keys"), { mode: 0o700 });
  for (const name of Object.keys({ deployer: 0, svc: 0, h1: 0, h2: 0, h3: 0, h4: 0, h5: 0, govA: 0, govB: 0, builder: 0 }) as (keyof typeof k)[]) k[name] = makeKeyFile(join(dir, "keys", `${name}.sk`), "bech32");
  const other = makeKeyFile(join(dir, "keys", "other.sk"), "bech32"); // a key hash for the second service
  writeFileSync(
    join(dir, "config.json"),
    JSON.stringify({
      governors: [k.deployer.pkh, k.govA.pkh, k.govB.pkh],
      quorum: 2,
      governance: { maxLockEpochs: 20, proposalThreshold: String(1_000n * JET * 10n), depositLovelace: "10000000", votingEpochs: 1, timelockEpochs: 1, executionEpochs: 2, quorumBps: 100, approvalBps: 6000, disputeEpochs: 2 },
    }),
  );
  writeFileSync(join(dir, "services.json"), JSON.stringify({ "svc-A": k.svc.pkh, "svc-B": other.pkh }));
  // Old weights 5000/3000/2000 rank A first (level 1) and B second (level 5); the new
  // 4000/4000/2000 tie them (both level 4).
  const services = [{ id: "svc-A", m1: 60, m2: 40, m3: 50 }, { id: "svc-B", m1: 40, m2: 60, m3: 50 }];
  writeFileSync(join(dir, "metrics-1.json"), JSON.stringify({ services }));
  writeFileSync(join(dir, "metrics-2.json"), JSON.stringify({ weightsBps: [4000, 4000, 2000], services }));
  writeFileSync(join(dir, "metrics-2-old.json"), JSON.stringify({ weightsBps: [5000, 3000, 2000], services }));
  // five holders, and govB who donates to the treasury
  writeFileSync(join(dir, "holders.csv"), ["address,amount", ...H.map((h) => `${k[h].address},3000`), `${k.govB.address},1000`].join("\n") + "\n");
  const fund = (kf: KeyFile, ada: bigint) => ({ ...kf.spec, lovelace: ada * ADA });
  devnet = await startDevnet({
    wallets: [fund(k.deployer, 1_000n), fund(k.svc, 100n), ...H.map((h) => fund(k[h], 100n)), fund(k.govA, 50n), fund(k.govB, 50n), fund(k.builder, 20n)],
    dir: join(dir, ".devnet"),
    blockIntervalMs: 0,
    clock: "manual",
  });
  lucid = await Lucid(new Blockfrost(devnet.url, devnet.projectId), "Preprod");
}, 120_000);

afterAll(async () => {
  await devnet?.close();
  const text = allOutput.join("\n");
  const leaked = Object.values(k).filter((kf) => text.includes(kf.secret));
  if (dir) rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`\ngovernance workflow timings:\n${timings.map(([n, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${n}`).join("\n")}\n  ${((Date.now() - t0s) / 1000).toFixed(1).padStart(6)} s  total\n`);
  expect(leaked.map((x) => x.file)).toEqual([]);
});

describe("governance with the jetpack CLI against the devnet, one process per command", () => {
  it("epoch 1: init with short governance timings; Jet to a service and five holders; five commitments; a donation", async () => {
    await timed("init, advance, claim, reward", async () => {
      const init = await json(["init", "--key", keyOf("deployer"), "--config", "config.json"]);
      expect(init.config.governance).toMatchObject({ votingEpochs: "1", timelockEpochs: "1", executionEpochs: "2", quorumBps: "100", maxLockEpochs: "20" });
      p = protocolFromDeployment(readDeployment(join(dir, "jetpack-deployment.json")));
      const cfg = (await readConfig(lucid, p)).datum;
      expect(cfg.governance).toMatchObject({ votingEpochs: 1n, timelockEpochs: 1n, executionEpochs: 2n, quorumBps: 100n, depositLovelace: 10_000_000n });
      expect(cfg.version).toBe(0n);
      await run(["epoch-advance", "--key", keyOf("deployer"), "--metrics", "metrics-1.json", "--services", "services.json"]);
      const a1 = JSON.parse(readFileSync(join(dir, "allocation-epoch-1.json"), "utf8"));
      expect(a1.entries.map((e: { id: string; level: number; amountPack: string }) => [e.id, e.level, e.amountPack])).toEqual([
        ["svc-A", 1, String(30_000n * JET)],
        ["svc-B", 5, String(10_000n * JET)],
      ]);
      await run(["claim", "--key", keyOf("svc"), "--allocation", "allocation-epoch-1.json"]);
      await run(["reward", "--key", keyOf("svc"), "--csv", "holders.csv"]);
      for (const h of H) expect(jetOf(k[h].address)).toBe(3_000n * JET);
    })();
    await timed("5 × ve create, a donation, config-show (in parallel)", async () => {
      const [shown, dry, d, ...made] = await Promise.all([
        json(["config-show"]),
        json(["ve", "create", "--key", keyOf("deployer"), "--amount", "1", "--until", "3", "--dry-run"]).catch((e: Error) => e),
        json(["treasury", "donate", "--key", keyOf("govB"), "--jet", "1000"]),
        ...H.map((h) => json(["ve", "create", "--key", keyOf(h), "--amount", "1000", "--lock-epochs", "20"])),
      ]);
      // the deployer holds no Jet: even a dry run says so (one line, exit 2)
      expect(String(dry)).toMatch(/exited 2:\njetpack ve-create: error: wallet addr_test1\w+ holds 0\.000000 Jet, less than the 1\.000000 Jet to lock/);
      for (const m of made) expect(m).toMatchObject({ amountPack: String(1_000n * JET), lockEnd: "21", powerNow: String(1_000n * JET * 20n) });
      expect(d).toMatchObject({ jetPack: String(1_000n * JET), treasuryAfterPack: String(1_000n * JET) });
      // config-show's JSON, edited, is a config-change proposal's --config-file (epoch 2)
      shown.config.claimWindowMs = String(4 * DAY);
      writeFileSync(join(dir, "window.json"), JSON.stringify(shown));
    })();
    expect((await readCommitments(lucid, p, k.h1.pkh)).map((c) => c.datum.amount)).toEqual([1_000n * JET]);
    expect((await readTreasury(lucid, p)).jetPack).toBe(1_000n * JET);
    for (const h of H) expect(jetOf(k[h].address)).toBe(2_000n * JET);
  }, 300_000);

  it("epoch 2: three proposals (weights, claim window, a grant), shown old → new; the holders vote", async () => {
    toEpoch(2);
    await timed("3 proposals and ve show (in parallel)", async () => {
      const [shown, w, c, g] = await Promise.all([
        json(["ve", "show"]),
        json(["gov", "propose", "--key", keyOf("h1"), "--weights", "4000,4000,2000"]),
        json(["gov", "propose", "--key", keyOf("h2"), "--config-file", "window.json"]),
        json(["gov", "propose", "--key", keyOf("h3"), "--grant-to", k.builder.address, "--milestone", "5:200,6:300"]),
      ]);
      expect(w).toMatchObject({ snapshot: "2", voteEnd: "2", execStart: "4", execEnd: "5", changes: [{ field: "weightsBps", before: ["5000", "3000", "2000"], after: ["4000", "4000", "2000"] }] });
      expect(c.changes).toEqual([{ field: "claimWindowMs", before: String(3 * DAY), after: String(4 * DAY) }]);
      expect(g.kind).toEqual({ type: "grant", recipient: k.builder.pkh, milestones: [{ epoch: "5", amountPack: String(200n * JET) }, { epoch: "6", amountPack: String(300n * JET) }] });
      [P.weights, P.window, P.grant] = [w.proposal, c.proposal, g.proposal];
      expect(shown.commitments).toHaveLength(5);
      expect(shown.totalPack).toBe(String(5_000n * JET));
    })();
    await timed("5 votes and gov show (in parallel)", async () => {
      // three holders pass the weights, one votes for the claim window, one for the grant
      const [text] = await Promise.all([
        run(["gov", "show", "--proposal", P.weights.slice(0, 10)]).then((r) => r.stdout),
        ...H.map((h) => run(["gov", "vote", "--key", keyOf(h), "--proposal", h === "h4" ? P.window : h === "h5" ? P.grant : P.weights, "--yes"])),
      ]);
      expect(text).toContain("weightsBps: 5000/3000/2000 → 4000/4000/2000");
      expect(text).toMatch(/epoch 2: voting — commitments vote until epoch 2/);
    })();
    const [, list] = await Promise.all([
      rejected(["gov", "vote", "--key", keyOf("h1"), "--proposal", P.weights, "--no"], /^jetpack gov-vote: error: no commitment of key .* can vote on proposal [0-9a-f]{56}: [0-9a-f]{12}… already voted$/),
      json(["gov", "list"]),
    ]);
    expect(list.proposals.map((x: { id: string; pendingReceipts: number; status: { phase: string } }) => [x.id, x.pendingReceipts, x.status.phase]).sort()).toEqual(
      [[P.weights, 3, "voting"], [P.window, 1, "voting"], [P.grant, 1, "voting"]].sort(),
    );
  }, 300_000);

  it("epoch 3 (timelock): tallies; a governor quorum vetoes the claim-window change, which changes nothing; executing is too early", async () => {
    toEpoch(3);
    await timed("2 tallies and an unsigned veto file (in parallel), the veto", async () => {
      const [t1, t2, file, dry] = await Promise.all([
        json(["gov", "tally", "--key", keyOf("deployer"), "--proposal", P.weights]),
        json(["gov", "tally", "--key", keyOf("h4"), "--proposal", P.grant]),
        json(["gov", "veto", "--key", keyOf("govA"), "--signers", k.govB.address, "--proposal", P.window, "--out", "veto.tx.json"]),
        json(["gov", "veto", "--key", keyOf("govA"), "--sign-with", keyOf("govB"), "--proposal", P.window, "--dry-run"]),
      ]);
      // --out: the unsigned veto for the governors to sign (tx-sign) — nothing submitted
      expect(file.transactions[0].submitted).toBe(false);
      const envelope = JSON.parse(readFileSync(join(dir, "veto.tx.json"), "utf8"));
      expect([...envelope.jetpack.requiredSigners].sort()).toEqual([k.govA.pkh, k.govB.pkh].sort());
      expect(dry).toMatchObject({ dryRun: true, proposal: P.window, transactions: [{ submitted: false }] });
      const v = await json(["gov", "veto", "--key", keyOf("govA"), "--sign-with", keyOf("govB"), "--proposal", P.window]);
      expect(t1).toMatchObject({ receipts: 3, yes: String(3n * 1_000n * JET * 19n), no: "0", quorumReached: true, passed: true });
      expect(t2).toMatchObject({ receipts: 1, passed: true });
      // its receipt was never tallied: on the proposal's own count it did not reach quorum
      expect(v).toMatchObject({ proposal: P.window, depositTo: "treasury" });
      expect([...v.signers].sort()).toEqual([k.govA.pkh, k.govB.pkh].sort());
    })();
    expect((await readProposals(lucid, p)).map((x) => x.id).sort()).toEqual([P.weights, P.grant].sort());
    const cfg = (await readConfig(lucid, p)).datum;
    expect(cfg.version).toBe(0n);
    expect(cfg.claimWindowMs).toBe(BigInt(3 * DAY));
    await rejected(["gov", "execute", "--key", keyOf("deployer"), "--proposal", P.weights], /^jetpack gov-execute: error: proposal [0-9a-f]{56} cannot execute now: it executes from epoch 4 \(after its timelock\); it is epoch 3$/);
  }, 300_000);

  it("epoch 4: the grant and the weights execute; the next epoch-advance allocates with the new weights", async () => {
    toEpoch(4);
    await timed("2 executions", async () => {
      // the grant first: it reads the config the weights change spends
      const g = await json(["gov", "execute", "--key", keyOf("h1"), "--proposal", P.grant]);
      expect(g).toMatchObject({ grant: P.grant, totalPack: String(500n * JET), treasuryAfterPack: String(500n * JET) });
      const w = await json(["gov", "execute", "--key", keyOf("deployer"), "--proposal", P.weights]);
      expect(w).toMatchObject({ versionBefore: "0", version: "1", changes: [{ field: "weightsBps", after: ["4000", "4000", "2000"] }] });
    })();
    expect(await readProposals(lucid, p)).toEqual([]);
    expect((await readTreasury(lucid, p)).jetPack).toBe(500n * JET);
    const [grant] = await readGrants(lucid, p);
    expect(grant!.datum.milestones.map((m) => [m.epoch, m.amount])).toEqual([[5n, 200n * JET], [6n, 300n * JET]]);
    // read-only runs and refusals together (a refusal checks that nothing was submitted meanwhile)
    const [shown, status] = await Promise.all([
      json(["config-show"]),
      json(["status"]),
      rejected(["epoch-advance", "--key", keyOf("deployer"), "--metrics", "metrics-2-old.json", "--services", "services.json"], /weightsBps 5000\/3000\/2000 differ from the on-chain config's 4000\/4000\/2000/),
      rejected(["grant", "withdraw", "--key", keyOf("builder"), "--grant", P.grant], /^jetpack grant-withdraw: error: grant [0-9a-f]{56}'s next milestone \(200\.000000 Jet\) is due at epoch 5; it is epoch 4$/),
    ]);
    expect(shown.config.weightsBps).toEqual(["4000", "4000", "2000"]);
    expect(status.config.weightsBps).toEqual(["4000", "4000", "2000"]);
    expect(status.config.version).toBe("1");
    const before = (await readState(lucid, p)).datum;
    const adv = await timed("epoch-advance with the new weights", () => json(["epoch-advance", "--key", keyOf("deployer"), "--metrics", "metrics-2.json", "--services", "services.json"]))();
    expect(adv.epoch).toBe(2);
    const a2 = JSON.parse(readFileSync(join(dir, "allocation-epoch-2.json"), "utf8"));
    expect(a2.entries.map((e: { id: string; level: number; amountPack: string }) => [e.id, e.level, e.amountPack])).toEqual([
      ["svc-A", 4, String(15_000n * JET)],
      ["svc-B", 4, String(15_000n * JET)],
    ]);
    const svc = [{ id: "svc-A", m1: 60n, m2: 40n, m3: 50n, pkh: k.svc.pkh }, { id: "svc-B", m1: 40n, m2: 60n, m3: 50n, pkh: "00".repeat(28) }];
    const cfg = (await readConfig(lucid, p)).datum;
    expect(planEpoch(before, cfg, svc).entries.map((e) => e.amountPack)).toEqual([15_000n * JET, 15_000n * JET]);
    expect(planEpoch(before, { ...cfg, weightsBps: [5000n, 3000n, 2000n] }, svc).entries.map((e) => e.amountPack)).toEqual([30_000n * JET, 10_000n * JET]);
  }, 300_000);

  it("epochs 5 and 6: the recipient takes each milestone only from its epoch", async () => {
    toEpoch(5);
    const w1 = await json(["grant", "withdraw", "--key", keyOf("builder"), "--grant", P.grant]);
    expect(w1).toMatchObject({ amountPack: String(200n * JET), milestonesLeft: 1, nextEpoch: "6" });
    expect(jetOf(k.builder.address)).toBe(200n * JET);
    await rejected(["grant", "withdraw", "--key", keyOf("builder"), "--grant", P.grant], /is due at epoch 6; it is epoch 5$/);
    toEpoch(6);
    const w2 = await json(["grant", "withdraw", "--key", keyOf("builder"), "--grant", P.grant]);
    expect(w2).toMatchObject({ amountPack: String(300n * JET), milestonesLeft: 0 });
    expect(jetOf(k.builder.address)).toBe(500n * JET);
    expect(await readGrants(lucid, p)).toEqual([]);
    const t = await json(["treasury", "show"]);
    expect(t).toMatchObject({ jetPack: String(500n * JET), grants: [] });
  }, 300_000);
});
