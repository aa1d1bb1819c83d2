/**
 * Governance at scale in the Emulator: `n` commitments vote on one proposal, each vote its
 * own transaction, then the receipts are tallied in batches. Used by the scale test (a few
 * hundred votes, traced scripts) and by `npm run bench:chain` (1,000 votes, the deployable
 * scripts).
 *
 * "Would not conflict": a vote spends only its own commitment (plus the voter's fee
 * inputs) and reads the proposal as a reference input, so any two votes share no input;
 * the run checks that the script inputs of all votes are pairwise distinct.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import type { Protocol } from "../protocol.js";
import { readConfig, readState } from "../readers.js";
import { authenticate } from "../tx/governance/common.js";
import { commit } from "../tx/governance/commit.js";
import { propose } from "../tx/governance/propose.js";
import { vote } from "../tx/governance/vote.js";
import { tally, TALLY_BATCH } from "../tx/governance/tally.js";
import { epochOf, epochStartMs } from "../governance/clock.js";
import { exUnits, run, type Actor, type World } from "./world.js";

export interface ScaleFigures {
  votes: number;
  tallyTransactions: number;
  batch: number;
  voteExUnits: { mem: string; steps: string; feeLovelace: string; sizeBytes: number };
  tallyExUnits: { mem: string; steps: string; feeLovelace: string; sizeBytes: number; receipts: number }[];
  distinctScriptInputs: boolean;
  yes: string;
  no: string;
}

const figures = (tx: { toTransaction(): any }) => {
  const rs = exUnits(tx);
  const t = tx.toTransaction();
  return { mem: String(rs.reduce((a, r) => a + r.mem, 0n)), steps: String(rs.reduce((a, r) => a + r.steps, 0n)), feeLovelace: String(t.body().fee()), sizeBytes: t.to_cbor_bytes().length };
};

async function govUtxo(w: World, p: Protocol, kind: string, id?: string): Promise<UTxO[]> {
  return (await w.lucid.utxosAt(p.governance.address)).filter((u) => {
    const a = authenticate(p, u);
    return a !== null && a.kind === kind && (id === undefined || a.id === id);
  });
}

/** `holder` (owning ≥ n × `each` Pack of Jet) makes n commitments, proposes a text with the
 *  first, moves to the next epoch, votes with all n, then tallies in batches of `batch`. */
export async function voteAtScale(w: World, p: Protocol, holder: Actor, n: number, each: bigint, batch = TALLY_BATCH, say: (s: string) => void = () => {}): Promise<ScaleFigures> {
  const ids: string[] = [];
  const cfg = (await readConfig(w.lucid, p)).utxo;
  for (let i = 0; i < n; i++) {
    const [seed] = await w.lucid.utxosAt(w.accounts[holder].address);
    const e = epochOf(w.emulator.now(), p.params.genesisTimeMs);
    const plan = commit({ protocol: p, configUtxo: cfg, owner: { key: w.pkh[holder] }, amountPack: each, lockEnd: e + 292n, seed: seed!, nowMs: w.emulator.now() });
    await run(w, plan, holder);
    ids.push(plan.id);
    if ((i + 1) % 50 === 0) say(`${i + 1} commitments`);
  }
  const [seed] = await w.lucid.utxosAt(w.accounts[holder].address);
  const [first] = await govUtxo(w, p, "commitment", ids[0]);
  const moveTo = (e: bigint) => {
    const target = Number(epochStartMs(e, p.params.genesisTimeMs)) + 3_600_000;
    if (target > w.emulator.now()) w.emulator.awaitSlot(Math.ceil((target - w.emulator.now()) / 1000));
  };
  moveTo(epochOf(w.emulator.now(), p.params.genesisTimeMs) + 1n);
  const prop = propose({ protocol: p, configUtxo: cfg, stateUtxo: (await readState(w.lucid, p)).utxo, commitment: first!, kind: { type: "text", hash: "ab".repeat(32) }, returnTo: w.accounts[holder].address, seed: seed!, nowMs: w.emulator.now() });
  await run(w, prop, holder);
  const [proposal] = await govUtxo(w, p, "proposal", prop.id);
  const all = await govUtxo(w, p, "commitment");
  const seen = new Set<string>();
  let distinct = true;
  let voteFig: ScaleFigures["voteExUnits"] | undefined;
  for (let i = 0; i < all.length; i++) {
    const c = all[i]!;
    const plan = vote({ protocol: p, commitment: c, proposal: proposal!, yes: i % 4 !== 3, nowMs: w.emulator.now() });
    for (const s of plan.spend) for (const u of s.utxos) {
      const k = `${u.txHash}#${u.outputIndex}`;
      if (seen.has(k)) distinct = false;
      seen.add(k);
    }
    const { tx } = await run(w, plan, holder);
    voteFig ??= figures(tx);
    if ((i + 1) % 50 === 0) say(`${i + 1} votes`);
  }
  moveTo(epochOf(w.emulator.now(), p.params.genesisTimeMs) + 1n);
  const tallies: ScaleFigures["tallyExUnits"] = [];
  for (;;) {
    const receipts = (await govUtxo(w, p, "receipt")).slice(0, batch);
    if (receipts.length === 0) break;
    const [pr] = await govUtxo(w, p, "proposal", prop.id);
    const { tx } = await run(w, tally({ protocol: p, proposal: pr!, receipts, nowMs: w.emulator.now() }), holder);
    tallies.push({ ...figures(tx), receipts: receipts.length });
    say(`tally ${tallies.length}: ${receipts.length} receipts`);
  }
  const [done] = await govUtxo(w, p, "proposal", prop.id);
  const d = authenticate(p, done!);
  if (!d || d.kind !== "proposal") throw new Error("the proposal is gone");
  return { votes: all.length, tallyTransactions: tallies.length, batch, voteExUnits: voteFig!, tallyExUnits: tallies, distinctScriptInputs: distinct, yes: String(d.datum.yes), no: String(d.datum.no) };
}
