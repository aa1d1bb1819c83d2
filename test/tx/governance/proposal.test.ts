/**
 * Attacks on proposals: creation, tally, execution, veto and close
 * (lib/jetpack/logic/governance/{propose,tally,execute,veto,close}.ak and the config's
 * `Apply`, lib/jetpack/logic/config/execute.ak), in the Emulator.
 *
 * Timeline (voting 1 epoch, timelock 1, execution 2): epoch 1 commit; epoch 2 propose and
 * vote; epoch 3 tally (the timelock); epochs 4–5 execute.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Constr, Data, type UTxO } from "@lucid-evolution/lucid";
import { expectRejected, newWorld, run, type World } from "../../helpers/chain.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { configApplyRedeemer, configToData, encodeConfig } from "../../../offchain/codec/data.js";
import { decodeGovDatum, encodeProposal, encodeReceipt, govMint, govSpend, type ProposalKind } from "../../../offchain/codec/governance.js";
import { propose } from "../../../offchain/tx/governance/propose.js";
import { vote } from "../../../offchain/tx/governance/vote.js";
import { tally } from "../../../offchain/tx/governance/tally.js";
import { execute } from "../../../offchain/tx/governance/execute.js";
import { close, veto } from "../../../offchain/tx/governance/end.js";
import { govUnit } from "../../../offchain/tx/governance/common.js";
import { nextConfig } from "../../../offchain/tx/config/params.js";
import { useScript, type TxPlan } from "../../../offchain/tx/plan.js";
import { byKind, commitAs, configDatum, configUtxo, epochNow, govWorld, JET, one, stateUtxo, toEpoch } from "./gov.helpers.js";

const proposalOf = (plan: TxPlan, i = 0) => {
  const d = decodeGovDatum(plan.outputs[i]!.datum!);
  if (d.type !== "proposal") throw new Error("not a proposal output");
  const { type: _t, ...x } = d;
  return x;
};

describe("proposals: attacks on creation, tally, execution, veto and close", () => {
  let w: World;
  let p: Protocol;
  const c: Record<string, string> = {};
  const P: Record<"weights" | "window" | "failing" | "text" | "late", string> = { weights: "", window: "", failing: "", text: "", late: "" };

  async function proposeAs(kind: ProposalKind, who: "user1" | "user2" = "user1") {
    const [seed] = await w.lucid.utxosAt(w.accounts[who].address);
    return propose({ protocol: p, configUtxo: await configUtxo(w, p), stateUtxo: await stateUtxo(w, p), commitment: await one(w, p, "commitment", c[who]!), kind, returnTo: w.accounts[who].address, seed: seed!, nowMs: w.emulator.now() });
  }
  const now = () => w.emulator.now();
  const ranged = (plan: TxPlan) => {
    plan.validFrom = now() - 60_000;
    plan.validTo = now() + 60_000;
    return plan;
  };

  beforeAll(async () => {
    w = await newWorld();
    p = await govWorld(w);
    c.user1 = await commitAs(w, p, "user1", 10_000n * JET);
    c.user2 = await commitAs(w, p, "user2", 10_000n * JET);
    c.user3 = await commitAs(w, p, "user3", 5_000n * JET);
    c.attacker = await commitAs(w, p, "attacker", 100n * JET, epochNow(w, p) + 5n);
    toEpoch(w, p, 2n);
    const cfg = await configDatum(w, p);
    const change = (over: Partial<typeof cfg>): ProposalKind => ({ type: "config", newConfig: configToData(nextConfig(cfg, { ...cfg, ...over })), replacesVersion: cfg.version });
    for (const [k, kind] of [
      ["weights", change({ weightsBps: [4000n, 4000n, 2000n] })],
      ["window", change({ claimWindowMs: 4n * 86_400_000n })],
      ["failing", change({ weightsBps: [6000n, 2000n, 2000n] })],
      ["text", { type: "text", hash: "cd".repeat(32) }],
      ["late", { type: "text", hash: "ce".repeat(32) }],
    ] as const) {
      const plan = await proposeAs(kind);
      await run(w, plan, "user1");
      P[k] = plan.id;
    }
    for (const k of ["weights", "window", "text", "late"] as const)
      for (const who of ["user1", "user2"] as const) await run(w, vote({ protocol: p, commitment: await one(w, p, "commitment", c[who]!), proposal: await one(w, p, "proposal", P[k]), yes: true, nowMs: now() }), who);
    for (const who of ["user1", "user2"] as const) await run(w, vote({ protocol: p, commitment: await one(w, p, "commitment", c[who]!), proposal: await one(w, p, "proposal", P.failing), yes: false, nowMs: now() }), who);
  });

  const receiptsOf = async (pid: string) => (await byKind(w, p, "receipt")).filter((r) => r.datum.proposal === pid).map((r) => r.utxo);

  // --- creation
  it("a proposal needs the threshold of power", async () => {
    const plan = await proposeAs({ type: "text", hash: "ef".repeat(32) });
    plan.reference = plan.reference.filter((u) => u.assets[govUnit(p, "commitment", c.user1!)] === undefined);
    plan.reference.push(await one(w, p, "commitment", c.attacker!));
    plan.mint!.redeemer = govMint.propose(c.attacker!, plan.spend[0]!.utxos[0]!);
    plan.signers = [w.pkh.attacker];
    await expectRejected(w, plan, "attacker", "propose: power reaches the threshold");
  });
  it("a proposal cannot shorten its own voting window or pre-fill its tally", async () => {
    const plan = await proposeAs({ type: "text", hash: "ef".repeat(32) });
    const d = proposalOf(plan);
    plan.outputs[0]!.datum = encodeProposal({ ...d, execStart: d.execStart - 1n });
    await expectRejected(w, plan, "user1", "propose: the datum's timings, snapshot and tallies are the config's");
    plan.outputs[0]!.datum = encodeProposal({ ...d, yes: 1n });
    await expectRejected(w, plan, "user1", "propose: the datum's timings, snapshot and tallies are the config's");
  });
  it("a proposal cannot keep back its deposit", async () => {
    const plan = await proposeAs({ type: "text", hash: "ef".repeat(32) });
    plan.outputs[0]!.assets.lovelace = 9_999_999n;
    await expectRejected(w, plan, "user1", "propose: holds the deposit and the token, nothing else");
  });

  // --- tally
  /** A tally plan as of epoch 3 (the timelock), whatever the clock says. */
  const epoch3 = () => Number(p.params.genesisTimeMs) + 2 * 432_000_000 + 3_600_000;
  const tallyOf = async (pid: string, receipts?: Awaited<ReturnType<typeof receiptsOf>>) =>
    tally({ protocol: p, proposal: await one(w, p, "proposal", pid), receipts: receipts ?? (await receiptsOf(pid)), nowMs: epoch3() });

  it("a proposal cannot be tallied while voting is open", async () => {
    await expectRejected(w, ranged(await tallyOf(P.weights)), "govB", "tally: during the timelock");
  });
  it("(epoch 3) a tally cannot count a receipt of another proposal", async () => {
    toEpoch(w, p, 3n);
    const plan = await tallyOf(P.weights);
    const [other] = await receiptsOf(P.window);
    plan.spend.push({ utxos: [other!], redeemer: govSpend.tallied() });
    plan.mint!.assets[govUnit(p, "receipt", P.window)] = -1n;
    await expectRejected(w, plan, "govB", "tally: every other governance input is a receipt of this proposal");
  });
  it("a tally cannot count a receipt without burning it", async () => {
    const rs = await receiptsOf(P.weights);
    const plan = await tallyOf(P.weights, rs);
    plan.mint!.assets[govUnit(p, "receipt", P.weights)] = -1n; // the other token would go to the tallier's change
    await expectRejected(w, plan, "govB", "tally: burns the counted receipts");
  });
  it("a tally cannot add more than the receipts' power", async () => {
    const plan = await tallyOf(P.weights);
    const d = proposalOf(plan);
    plan.outputs[0]!.datum = encodeProposal({ ...d, yes: d.yes + 1n });
    await expectRejected(w, plan, "govB", "tally: adds the receipts' power to yes and no");
  });
  it("a forged receipt (a datum copy without the token) cannot be tallied", async () => {
    const rs = await receiptsOf(P.weights);
    const r = decodeGovDatum(rs[0]!.datum!);
    if (r.type !== "receipt") throw new Error("receipt expected");
    const { hash } = await run(w, { spend: [], reference: [], outputs: [{ address: p.governance.address, assets: { lovelace: 2_000_000n }, datum: encodeReceipt({ ...r, power: 10n ** 15n }) }], signers: [], scripts: [] }, "attacker");
    const [fake] = await w.lucid.utxosByOutRef([{ txHash: hash, outputIndex: 0 }]);
    const plan = await tallyOf(P.weights, [rs[0]!]);
    plan.spend.push({ utxos: [fake!], redeemer: govSpend.tallied() });
    const d = proposalOf(plan);
    plan.outputs[0]!.datum = encodeProposal({ ...d, yes: d.yes + 10n ** 15n });
    await expectRejected(w, plan, "attacker", "tally: every other governance input is a receipt of this proposal");
  });
  it("a receipt cannot be spent beside anything but its proposal (destroying a vote)", async () => {
    const [r] = await receiptsOf(P.weights);
    const plan: TxPlan = {
      spend: [{ utxos: [r!], redeemer: govSpend.tallied() }],
      reference: [],
      mint: { assets: { [govUnit(p, "receipt", P.weights)]: -1n }, redeemer: govMint.spent() },
      outputs: [],
      signers: [],
      scripts: [],
    };
    useScript(plan, p, "governance");
    await expectRejected(w, ranged(plan), "attacker", "receipt: burned beside its proposal");
  });
  it("anyone tallies each proposal; a receipt is counted once, so a second tally has nothing to add", async () => {
    for (const k of Object.keys(P) as (keyof typeof P)[]) {
      await run(w, await tallyOf(P[k]), "govB");
      expect(await receiptsOf(P[k])).toEqual([]);
    }
    const done = await one(w, p, "proposal", P.weights);
    const d = decodeGovDatum(done.datum!);
    if (d.type !== "proposal") throw new Error("proposal expected");
    expect(d.yes).toBe(2n * 10_000n * JET * 291n);
    await expect(tallyOf(P.window, [])).rejects.toThrow(/no receipts to tally/);
    const plan = emptyTally(done, { ...d, yes: d.yes * 2n });
    await expectRejected(w, plan, "govB", "tally: at least one receipt");
  });
  function emptyTally(u: UTxO, d: Parameters<typeof encodeProposal>[0] & { type?: string }): TxPlan {
    const { type: _t, ...datum } = d;
    const plan: TxPlan = { spend: [{ utxos: [u], redeemer: Data.to(new Constr(3, [])) }], reference: [], outputs: [{ address: u.address, assets: { ...u.assets }, datum: encodeProposal(datum) }], signers: [], scripts: [] };
    useScript(plan, p, "governance");
    return ranged(plan);
  }

  // --- execution (epochs 4–5)
  it("a proposal cannot execute before its timelock ends", async () => {
    const plan = execute({ protocol: p, proposal: await one(w, p, "proposal", P.weights), configUtxo: await configUtxo(w, p), nowMs: epoch3() + 432_000_000 });
    await expectRejected(w, ranged(plan), "user1", "execute: after the timelock");
  });
  it("(epoch 4) a failed proposal cannot execute", async () => {
    toEpoch(w, p, 4n);
    const prop = await one(w, p, "proposal", P.failing);
    const d = decodeGovDatum(prop.datum!);
    if (d.type !== "proposal") throw new Error("proposal expected");
    const shadow = { ...prop, datum: encodeProposal({ ...stripType(d), yes: d.no, no: 0n }) };
    const plan = execute({ protocol: p, proposal: shadow, configUtxo: await configUtxo(w, p), nowMs: now() });
    plan.spend[0]!.utxos = [prop];
    await expectRejected(w, plan, "user1", "execute: the proposal passed");
  });
  it("a config proposal's execution must write exactly the proposal's config", async () => {
    const plan = execute({ protocol: p, proposal: await one(w, p, "proposal", P.weights), configUtxo: await configUtxo(w, p), nowMs: now() });
    const cfg = await configDatum(w, p);
    plan.outputs[0]!.datum = encodeConfig(nextConfig(cfg, { ...cfg, weightsBps: [4000n, 3500n, 2500n] }));
    await expectRejected(w, plan, "user1", "config: the new datum is the proposal's");
  });
  it("a text proposal cannot be used to change the config", async () => {
    const plan = execute({ protocol: p, proposal: await one(w, p, "proposal", P.text), configUtxo: await configUtxo(w, p), nowMs: now() });
    const cu = await configUtxo(w, p);
    const cfg = await configDatum(w, p);
    plan.spend.push({ utxos: [cu], redeemer: configApplyRedeemer() });
    plan.outputs.push({ address: cu.address, assets: { ...cu.assets }, datum: encodeConfig(nextConfig(cfg, { ...cfg, weightsBps: [4000n, 4000n, 2000n] })) });
    useScript(plan, p, "config");
    await expectRejected(w, plan, "user1", "config: the proposal is a config change");
  });
  it("a passed proposal cannot keep its proposer's deposit", async () => {
    const plan = execute({ protocol: p, proposal: await one(w, p, "proposal", P.text), configUtxo: await configUtxo(w, p), nowMs: now() });
    plan.outputs = plan.outputs.filter((o) => o.address !== w.accounts.user1.address);
    await expectRejected(w, plan, "user1", "governance: the deposit goes back to the proposer");
  });
  it("a passed config change executes once; a second one written for the old version is stale", async () => {
    await run(w, execute({ protocol: p, proposal: await one(w, p, "proposal", P.weights), configUtxo: await configUtxo(w, p), nowMs: now() }), "user2");
    expect((await configDatum(w, p)).weightsBps).toEqual([4000n, 4000n, 2000n]);
    expect(await byKind(w, p, "proposal", P.weights)).toEqual([]);
    const stale = await one(w, p, "proposal", P.window);
    const d = decodeGovDatum(stale.datum!);
    if (d.type !== "proposal" || d.kind.type !== "config") throw new Error("config proposal expected");
    const cfg = await configDatum(w, p);
    const fresh = configToData(nextConfig(cfg, { ...cfg, claimWindowMs: 4n * 86_400_000n }));
    const shadow = { ...stale, datum: encodeProposal({ ...stripType(d), kind: { type: "config", newConfig: fresh, replacesVersion: cfg.version } }) };
    const plan = execute({ protocol: p, proposal: shadow, configUtxo: await configUtxo(w, p), nowMs: now() });
    plan.spend[0]!.utxos = [stale];
    plan.outputs[0]!.datum = Data.to(d.kind.newConfig); // exactly what was voted on, for version 0
    await expectRejected(w, plan, "user1", "config: the proposal replaces this version");
  });
  it("an executed proposal cannot execute again (a copy without its token is not a proposal)", async () => {
    const text = await one(w, p, "proposal", P.text);
    const { hash } = await run(w, { spend: [], reference: [], outputs: [{ address: p.governance.address, assets: { lovelace: 12_000_000n }, datum: text.datum! }], signers: [], scripts: [] }, "attacker");
    await run(w, execute({ protocol: p, proposal: text, configUtxo: await configUtxo(w, p), nowMs: now() }), "user1");
    const [copy] = await w.lucid.utxosByOutRef([{ txHash: hash, outputIndex: 0 }]);
    const plan = execute({ protocol: p, proposal: text, configUtxo: await configUtxo(w, p), nowMs: now() });
    plan.spend[0]!.utxos = [copy!];
    delete plan.mint; // no token to burn
    await expectRejected(w, plan, "attacker", "governance: the UTxO holds one governance token");
  });
  it("a passed proposal cannot be closed while it can still execute", async () => {
    const prop = await one(w, p, "proposal", P.window);
    const plan = close({ protocol: p, proposal: { ...prop }, configUtxo: await configUtxo(w, p), nowMs: now() + 2 * 432_000_000 });
    await expectRejected(w, ranged(plan), "attacker", "close: failed or past the execution window");
  });
  it("a failed config proposal cannot write its config by being closed instead of executed", async () => {
    const prop = await one(w, p, "proposal", P.failing);
    const d = decodeGovDatum(prop.datum!);
    if (d.type !== "proposal" || d.kind.type !== "config") throw new Error("config proposal expected");
    const plan = close({ protocol: p, proposal: prop, configUtxo: await configUtxo(w, p), nowMs: now() });
    const cu = await configUtxo(w, p); // read by the close (the treasury's hash) and spent
    plan.spend.push({ utxos: [cu], redeemer: configApplyRedeemer() });
    plan.outputs.push({ address: cu.address, assets: { ...cu.assets }, datum: Data.to(d.kind.newConfig) });
    useScript(plan, p, "config");
    await expectRejected(w, plan, "attacker", "config: the proposal is executed");
  });
  it("anyone closes a failed proposal; its deposit returns to the proposer when it reached quorum", async () => {
    const before = (await w.lucid.utxosAt(w.accounts.user1.address)).reduce((a, u) => a + (u.assets.lovelace ?? 0n), 0n);
    await run(w, close({ protocol: p, proposal: await one(w, p, "proposal", P.failing), configUtxo: await configUtxo(w, p), nowMs: now() }), "attacker");
    const after = (await w.lucid.utxosAt(w.accounts.user1.address)).reduce((a, u) => a + (u.assets.lovelace ?? 0n), 0n);
    expect(after - before).toBe(10_000_000n);
  });
  it("(epoch 6) a passed proposal cannot execute after its window", async () => {
    toEpoch(w, p, 6n);
    const plan = execute({ protocol: p, proposal: await one(w, p, "proposal", P.late), configUtxo: await configUtxo(w, p), nowMs: epoch3() + 432_000_000 });
    await expectRejected(w, ranged(plan), "user1", "execute: within the execution window");
  });
  void veto;
});

function stripType<T extends { type: string }>(d: T): Omit<T, "type"> {
  const { type: _t, ...rest } = d;
  return rest;
}
