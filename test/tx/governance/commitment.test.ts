/**
 * Attacks on veJet commitments and votes (lib/jetpack/logic/governance/{commit,increase,
 * withdraw,vote}.ak), in the Emulator: each takes a valid SDK plan, changes one thing,
 * and expects `complete()` to fail with the trace of the rule that stops it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Constr, Data } from "@lucid-evolution/lucid";
import { expectRejected, newWorld, run, type World } from "../../helpers/chain.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { decodeGovDatum, encodeCommitment, encodeReceipt, type CommitmentDatum } from "../../../offchain/codec/governance.js";
import { commit } from "../../../offchain/tx/governance/commit.js";
import { increase } from "../../../offchain/tx/governance/increase.js";
import { withdrawCommitment } from "../../../offchain/tx/governance/withdraw.js";
import { vote } from "../../../offchain/tx/governance/vote.js";
import { propose } from "../../../offchain/tx/governance/propose.js";
import { govUnit } from "../../../offchain/tx/governance/common.js";
import { reward } from "../../../offchain/tx/lock/reward.js";
import { clonePlan, locksOf } from "../attacks/pool.helpers.js";
import type { TxPlan } from "../../../offchain/tx/plan.js";
import { byKind, commitAs, configUtxo, epochNow, govWorld, JET, one, stateUtxo, toEpoch } from "./gov.helpers.js";

const commitmentOf = (plan: TxPlan, i = 0) => {
  const d = decodeGovDatum(plan.outputs[i]!.datum!);
  if (d.type !== "commitment") throw new Error("not a commitment output");
  const { type: _t, ...c } = d;
  return c as CommitmentDatum;
};

describe("veJet commitments and votes: attacks", () => {
  let w: World;
  let p: Protocol;
  let c1 = ""; // user1, 10,000 Jet, the longest lock
  let c2 = ""; // user2, 10,000 Jet
  let pid = ""; // a text proposal opened in epoch 2
  let late = ""; // user3's commitment made in the proposal's snapshot epoch
  let c4 = ""; // govA's, made before the snapshot, never votes

  beforeAll(async () => {
    w = await newWorld();
    p = await govWorld(w);
    c1 = await commitAs(w, p, "user1", 10_000n * JET);
    c2 = await commitAs(w, p, "user2", 10_000n * JET);
    c4 = await commitAs(w, p, "govA", 1_000n * JET);
    toEpoch(w, p, epochNow(w, p) + 1n);
    const [seed] = await w.lucid.utxosAt(w.accounts.user1.address);
    const plan = propose({ protocol: p, configUtxo: await configUtxo(w, p), stateUtxo: await stateUtxo(w, p), commitment: await one(w, p, "commitment", c1), kind: { type: "text", hash: "ab".repeat(32) }, returnTo: w.accounts.user1.address, seed: seed!, nowMs: w.emulator.now() });
    await run(w, plan, "user1");
    pid = plan.id;
    late = await commitAs(w, p, "user3", 5_000n * JET);
  });

  const validCommit = async (amount = 1_000n * JET) => {
    const [seed] = await w.lucid.utxosAt(w.accounts.govA.address);
    return commit({ protocol: p, configUtxo: await configUtxo(w, p), owner: { key: w.pkh.govA }, amountPack: amount, lockEnd: epochNow(w, p) + 100n, seed: seed!, nowMs: w.emulator.now() });
  };
  const validIncrease = async () =>
    increase({ protocol: p, commitment: await one(w, p, "commitment", c2), configUtxo: await configUtxo(w, p), addPack: 100n * JET, nowMs: w.emulator.now() });
  const validVote = async (id = c2, yes = true) =>
    vote({ protocol: p, commitment: await one(w, p, "commitment", id), proposal: await one(w, p, "proposal", pid), yes, nowMs: w.emulator.now() });

  it("positive control: a holder commits, adds Jet, votes", async () => {
    await run(w, await validCommit(), "govA");
    await run(w, await validIncrease(), "user2");
    // user2's commitment changed in the snapshot epoch: only user1 can vote on the proposal
    await run(w, await validVote(c1), "user1");
    expect((await byKind(w, p, "receipt")).length).toBe(1);
  });

  // --- creating
  it("a commitment cannot hold less Jet than its datum says", async () => {
    const plan = await validCommit();
    plan.outputs[0]!.assets[p.units.jet] = 999n * JET;
    await expectRejected(w, plan, "govA", "commit: holds the amount of Jet and the token, nothing else");
  });
  it("one Commit cannot mint two commitment tokens (split power)", async () => {
    const plan = await validCommit();
    const unit = Object.keys(plan.mint!.assets)[0]!;
    plan.mint!.assets[unit] = 2n;
    await expectRejected(w, plan, "govA", "commit: mints one commitment token");
  });
  it("a commitment cannot be backdated (since before the current epoch)", async () => {
    const plan = await validCommit();
    const c = commitmentOf(plan);
    plan.outputs[0]!.datum = encodeCommitment({ ...c, since: c.since - 1n });
    await expectRejected(w, plan, "govA", "commit: since is the current epoch");
  });
  it("a commitment cannot lock beyond max lock epochs", async () => {
    const plan = await validCommit();
    const c = commitmentOf(plan);
    plan.outputs[0]!.datum = encodeCommitment({ ...c, lockEnd: epochNow(w, p) + 293n });
    await expectRejected(w, plan, "govA", "commit: lock end within max lock");
  });
  it("a commitment cannot be owned by a script that is not on the allow-list", async () => {
    const plan = await validCommit();
    const c = commitmentOf(plan);
    plan.outputs[0]!.datum = encodeCommitment({ ...c, owner: { script: "12".repeat(28) } });
    await expectRejected(w, plan, "govA", "commit: owner is a key or an allow-listed script");
  });
  it("a commitment cannot name an owner who does not sign", async () => {
    const plan = await validCommit();
    const c = commitmentOf(plan);
    plan.outputs[0]!.datum = encodeCommitment({ ...c, owner: { key: w.pkh.user1 } });
    await expectRejected(w, plan, "govA", "commit: owner authorises");
  });
  it("Jet inside a service lock cannot be committed (the lock pays only key addresses)", async () => {
    const [lock] = await locksOf(w, p, w.pkh.svcC);
    const plan = reward({ protocol: p, locks: [lock!], configUtxo: await configUtxo(w, p), payouts: [{ address: w.accounts.user1.address, amountPack: 1n * JET }] });
    plan.outputs.find((o) => o.address === w.accounts.user1.address)!.address = p.governance.address;
    await expectRejected(w, plan, "svcC", "lock: Jet may only be paid to a key, not a script");
  });

  // --- changing
  it("a commitment cannot be transferred (owner changed on an increase)", async () => {
    const plan = await validIncrease();
    const c = commitmentOf(plan);
    plan.outputs[0]!.datum = encodeCommitment({ ...c, owner: { key: w.pkh.attacker } });
    await expectRejected(w, plan, "user2", "increase: owner and votes unchanged");
  });
  it("a commitment cannot be split into two outputs", async () => {
    const plan = await validIncrease();
    const c = commitmentOf(plan);
    plan.outputs[0]!.assets[p.units.jet] = c.amount - 10n * JET;
    plan.outputs.push({ address: p.governance.address, assets: { lovelace: 2_000_000n, [p.units.jet]: 10n * JET }, datum: encodeCommitment({ ...c, amount: 10n * JET }) });
    await expectRejected(w, plan, "user2", "governance: one output at the governance script");
  });
  it("a commitment cannot be reduced", async () => {
    const plan = await validIncrease();
    const c = commitmentOf(plan);
    plan.outputs[0]!.datum = encodeCommitment({ ...c, amount: c.amount - 200n * JET });
    plan.outputs[0]!.assets[p.units.jet] = c.amount - 200n * JET;
    await expectRejected(w, plan, "user2", "increase: amount and end only grow");
  });
  it("an increase cannot drop its vote marks (to vote again)", async () => {
    const plan = increase({ protocol: p, commitment: await one(w, p, "commitment", c1), configUtxo: await configUtxo(w, p), addPack: 1n * JET, nowMs: w.emulator.now() });
    const c = commitmentOf(plan);
    expect(c.votes.length).toBe(1);
    plan.outputs[0]!.datum = encodeCommitment({ ...c, votes: [] });
    await expectRejected(w, plan, "user1", "increase: owner and votes unchanged");
  });
  it("a commitment cannot be withdrawn before its end", async () => {
    const plan = withdrawCommitment({ protocol: p, commitment: await one(w, p, "commitment", c1), nowMs: Number(p.params.genesisTimeMs) + 1000 * 86_400_000 * 5 * 400 });
    plan.validFrom = w.emulator.now() - 60_000;
    plan.validTo = w.emulator.now() + 60_000;
    await expectRejected(w, plan, "user1", "withdraw: the lock has ended");
  });
  it("two commitments cannot be spent in one transaction (double satisfaction)", async () => {
    const plan = await validIncrease();
    const other = await validCommitSpend(c1);
    plan.spend.push(...other.spend);
    plan.outputs.push(...other.outputs);
    plan.signers.push(w.pkh.user1);
    await expectRejected(w, plan, "user2", "governance: one governance input");
  });
  async function validCommitSpend(id: string) {
    return increase({ protocol: p, commitment: await one(w, p, "commitment", id), configUtxo: await configUtxo(w, p), addPack: 1n * JET, nowMs: w.emulator.now() });
  }

  // --- voting
  it("a commitment cannot vote twice on one proposal", async () => {
    await expectRejected(w, await forceVote(c1, { datumVotes: "keep" }), "user1", "vote: not yet voted on this proposal");
  });
  it("a commitment made after the snapshot cannot vote (withdraw and re-commit to vote again)", async () => {
    await expectRejected(w, await forceVote(late), "user3", "vote: the commitment predates the snapshot");
  });
  it("Jet added after the snapshot cannot vote (power from after the snapshot)", async () => {
    await expectRejected(w, await forceVote(c2), "user2", "vote: the commitment predates the snapshot");
  });
  it("a vote cannot claim more power than the commitment had at the snapshot", async () => {
    const plan = await validVote(c4);
    const r = decodeGovDatum(plan.outputs[1]!.datum!);
    if (r.type !== "receipt") throw new Error("not a receipt");
    plan.outputs[1]!.datum = encodeReceipt({ ...r, power: r.power + 1n });
    await expectRejected(w, plan, "govA", "vote: the receipt records the power at the snapshot");
  });
  it("a vote cannot mint two receipts", async () => {
    const plan = await validVote(c4);
    const unit = govUnit(p, "receipt", pid);
    plan.mint!.assets[unit] = 2n;
    plan.outputs[1]!.assets[unit] = 2n;
    await expectRejected(w, plan, "govA", "vote: mints one receipt token");
  });
  it("a vote cannot start before the voting window (a range reaching back before the snapshot)", async () => {
    const plan = await validVote(c4);
    plan.validFrom = Number(p.params.genesisTimeMs) + 432_000_000 - 60_000; // the last minute of epoch 1
    await expectRejected(w, plan, "govA", "vote: within the voting window");
  });
  it("a forged commitment (a datum copy without the token) cannot vote", async () => {
    const real = await one(w, p, "commitment", c1);
    const { hash } = await run(w, { spend: [], reference: [], outputs: [{ address: p.governance.address, assets: { lovelace: 2_000_000n, [p.units.jet]: 10n * JET }, datum: real.datum! }], signers: [], scripts: [] }, "attacker");
    const [fake] = await w.lucid.utxosByOutRef([{ txHash: hash, outputIndex: 0 }]);
    const plan = await validVote(c4);
    plan.spend[0]!.utxos = [fake!];
    plan.outputs[0]!.assets = { ...fake!.assets };
    await expectRejected(w, plan, "attacker", "governance: the UTxO holds one governance token");
  });
  it("a vote cannot come after the voting window", async () => {
    const plan = await validVote(c4);
    toEpoch(w, p, epochNow(w, p) + 1n);
    plan.validFrom = w.emulator.now() - 60_000;
    plan.validTo = w.emulator.now() + 60_000;
    await expectRejected(w, plan, "govA", "vote: within the voting window");
  });

  /** A vote plan built without the SDK's guards (which refuse each of these). */
  async function forceVote(id: string, opts: { datumVotes?: "keep" } = {}): Promise<TxPlan> {
    const cu = await one(w, p, "commitment", id);
    const d = decodeGovDatum(cu.datum!);
    if (d.type !== "commitment") throw new Error("not a commitment");
    const { type: _t, ...c } = d;
    const shadow = { ...cu, datum: encodeCommitment({ ...c, since: 0n, votes: opts.datumVotes === "keep" ? c.votes.filter((v) => v.proposal !== pid) : [] }) };
    const plan = clonePlan(vote({ protocol: p, commitment: shadow, proposal: await one(w, p, "proposal", pid), yes: true, nowMs: w.emulator.now() }));
    plan.spend[0]!.utxos = [cu];
    const out = commitmentOf(plan);
    plan.outputs[0]!.datum = encodeCommitment({ ...out, since: c.since, votes: [out.votes[0]!, ...c.votes.filter((v) => v.proposal !== pid)] });
    return plan;
  }
  void Constr;
  void Data;
});
