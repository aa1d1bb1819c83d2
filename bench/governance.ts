// Why: what governance costs on chain — commit, vote, tally, execute (a config change and a
// grant), a grant payout — and whether 1,000 votes on one proposal tally in ≤ 20
// transactions, measured in the Emulator with the deployable (untraced) scripts.
// How: offchain/emulator/gov-world.ts sets up holders with Jet; one flow records each
// transaction kind; offchain/emulator/gov-scale.ts runs the scale case: 1,000 commitments,
// a proposal, 1,000 votes (each its own transaction), then tallies of 50 receipts (--quick:
// 100 votes, 2 tallies) — ≈ 2,030 transactions, every one completed with local script
// evaluation and submitted to the Emulator, in this one process (≈ 30 min on 2 busy cores).
// Memory: Lucid's own evaluator instance (@lucid-evolution/uplc, WebAssembly built with
// wee_alloc) never gets its memory back — ≈ 1.6 MB per commitment, ≈ 2.9 MB per vote,
// ≈ 265 MB per tally — and trapped at the 4 GB wasm32 limit near 1,750 transactions
// ("RuntimeError: unreachable"). So the scale world (not the flow) evaluates with
// offchain/emulator/uplc-eval.ts: the same evaluator, same inputs, in a private instance
// that is replaced by a fresh one whenever its memory passes 512 MB (`evaluatorInstances`
// counts them; bench/gov-evalcheck.ts checks the transactions are byte-identical). What
// still grows is CML's WebAssembly memory, ≈ 0.6 MB per transaction (≈ 0.4 MB of it inside
// Lucid's complete(), not given back by a GC either): ≈ 1.5 GB over the run, under 4 GB.
// Progress (with the evaluator's memory and the RSS) goes to stderr every 50 transactions.
import { configToData } from "../offchain/codec/data.js";
import type { ProposalKind } from "../offchain/codec/governance.js";
import { deployedValidators } from "../offchain/demo/section.js";
import { voteAtScale } from "../offchain/emulator/gov-scale.js";
import { useRecyclingEvaluator } from "../offchain/emulator/uplc-eval.js";
import { govWorld } from "../offchain/emulator/gov-world.js";
import { exUnits, newWorld, run, type Actor, type World } from "../offchain/emulator/world.js";
import { epochOf, epochStartMs } from "../offchain/governance/clock.js";
import type { Protocol } from "../offchain/protocol.js";
import { readConfig, readState } from "../offchain/readers.js";
import { nextConfig } from "../offchain/tx/config/params.js";
import { authenticate } from "../offchain/tx/governance/common.js";
import { commit } from "../offchain/tx/governance/commit.js";
import { execute } from "../offchain/tx/governance/execute.js";
import { donate, payout } from "../offchain/tx/governance/grant.js";
import { propose } from "../offchain/tx/governance/propose.js";
import { tally } from "../offchain/tx/governance/tally.js";
import { vote } from "../offchain/tx/governance/vote.js";
import type { TxPlan } from "../offchain/tx/plan.js";
import type { BenchSection } from "./main.js";

const JET = 1_000_000n;
const BATCH = 50;

async function measured(w: World, kind: string, plan: TxPlan, payer: Actor) {
  const { tx } = await run(w, plan, payer);
  const rs = exUnits(tx);
  const t = tx.toTransaction();
  return { kind, steps: String(rs.reduce((a, r) => a + r.steps, 0n)), mem: String(rs.reduce((a, r) => a + r.mem, 0n)), sizeBytes: t.to_cbor_bytes().length, feeLovelace: String(t.body().fee()) };
}

async function flow() {
  const w = await newWorld();
  const p: Protocol = await govWorld(w, deployedValidators());
  const gov = async (kind: string, id?: string) =>
    (await w.lucid.utxosAt(p.governance.address)).map((u) => authenticate(p, u)).filter((a) => a && a.kind === kind && (id === undefined || a.id === id)).map((a) => a!.utxo);
  const epoch = () => epochOf(w.emulator.now(), p.params.genesisTimeMs);
  const toEpoch = (e: bigint) => w.emulator.awaitSlot(Math.ceil((Number(epochStartMs(e, p.params.genesisTimeMs)) + 3_600_000 - w.emulator.now()) / 1000));
  const cfgUtxo = async () => (await readConfig(w.lucid, p)).utxo;
  const rows = [];
  const ids: Record<string, string> = {};
  for (const who of ["user1", "user2"] as const) {
    const [seed] = await w.lucid.utxosAt(w.accounts[who].address);
    const plan = commit({ protocol: p, configUtxo: await cfgUtxo(), owner: { key: w.pkh[who] }, amountPack: 10_000n * JET, lockEnd: epoch() + 292n, seed: seed!, nowMs: w.emulator.now() });
    const row = await measured(w, "ve commit", plan, who);
    if (who === "user1") rows.push(row);
    ids[who] = plan.id;
  }
  await run(w, donate({ protocol: p, jetPack: 5_000n * JET }), "user2");
  toEpoch(epoch() + 1n);
  const cfg = (await readConfig(w.lucid, p)).datum;
  const props: Record<string, string> = {};
  const kinds: [string, ProposalKind][] = [
    ["config", { type: "config" as const, newConfig: configToData(nextConfig(cfg, { ...cfg, weightsBps: [4000n, 4000n, 2000n] })), replacesVersion: cfg.version }],
    ["grant", { type: "grant" as const, recipient: w.pkh.user3, milestones: [{ epoch: epoch() + 3n, amount: 1_000n * JET }, { epoch: epoch() + 4n, amount: 500n * JET }] }],
  ];
  for (const [k, kind] of kinds) {
    const [seed] = await w.lucid.utxosAt(w.accounts.user1.address);
    const [c] = await gov("commitment", ids.user1);
    const plan = propose({ protocol: p, configUtxo: await cfgUtxo(), stateUtxo: (await readState(w.lucid, p)).utxo, commitment: c!, kind, returnTo: w.accounts.user1.address, seed: seed!, nowMs: w.emulator.now() });
    const row = await measured(w, `gov propose (${k})`, plan, "user1");
    if (k === "config") rows.push(row);
    props[k] = plan.id;
  }
  for (const k of ["config", "grant"])
    for (const who of ["user1", "user2"] as const) {
      const [c] = await gov("commitment", ids[who]);
      const [pr] = await gov("proposal", props[k]);
      const row = await measured(w, "gov vote", vote({ protocol: p, commitment: c!, proposal: pr!, yes: true, nowMs: w.emulator.now() }), who);
      if (k === "config" && who === "user1") rows.push(row);
    }
  toEpoch(epoch() + 1n);
  for (const k of ["config", "grant"]) {
    const receipts = (await w.lucid.utxosAt(p.governance.address)).filter((u) => {
      const a = authenticate(p, u);
      return a?.kind === "receipt" && a.datum.proposal === props[k];
    });
    const [pr] = await gov("proposal", props[k]);
    const row = await measured(w, "gov tally (2 receipts)", tally({ protocol: p, proposal: pr!, receipts, nowMs: w.emulator.now() }), "govB");
    if (k === "config") rows.push(row);
  }
  toEpoch(epoch() + 1n);
  const [pc] = await gov("proposal", props.config);
  rows.push(await measured(w, "gov execute (config change)", execute({ protocol: p, proposal: pc!, configUtxo: await cfgUtxo(), nowMs: w.emulator.now() }), "user1"));
  const [pg] = await gov("proposal", props.grant);
  rows.push(await measured(w, "gov execute (grant, from the treasury)", execute({ protocol: p, proposal: pg!, configUtxo: await cfgUtxo(), treasury: await w.lucid.utxosAt(p.treasury.address), nowMs: w.emulator.now() }), "user1"));
  toEpoch(epoch() + 1n);
  const [g] = await gov("grant", props.grant);
  rows.push(await measured(w, "grant payout (milestone 1 of 2)", payout({ protocol: p, grant: g!, nowMs: w.emulator.now() }), "user3"));
  return rows;
}

export const governanceSection: BenchSection = {
  name: "governance",
  async run(options) {
    const transactions = await flow();
    const n = options.quick ? 100 : 1000;
    const w = await newWorld();
    const evaluator = useRecyclingEvaluator(w);
    const p = await govWorld(w, deployedValidators(), { proposalThreshold: 0n });
    const t0 = Date.now();
    const mb = (x: number) => Math.round(x / 2 ** 20);
    const say = (s: string) =>
      process.stderr.write(`governance scale: ${s} (${Math.round((Date.now() - t0) / 1000)} s; evaluator #${evaluator.instances()} ${mb(evaluator.memoryBytes())} MB; rss ${mb(process.memoryUsage().rss)} MB)\n`);
    const scale = await voteAtScale(w, p, "user1", n, 10n * JET, BATCH, say);
    const max = (f: (t: (typeof scale.tallyExUnits)[number]) => string | number) => scale.tallyExUnits.reduce((m, t) => (BigInt(f(t)) > m ? BigInt(f(t)) : m), 0n);
    return {
      scripts: { governanceBytes: p.governance.script.script.length / 2, treasuryBytes: p.treasury.script.script.length / 2, configBytes: p.config.script.script.length / 2 },
      transactions,
      scale: {
        votes: scale.votes,
        voteTransactions: scale.votes,
        everyVoteSpendsOnlyItsOwnCommitment: scale.distinctScriptInputs,
        tallyBatch: BATCH,
        tallyTransactions: scale.tallyTransactions,
        withinTwentyTallies: scale.tallyTransactions <= 20,
        largestTally: scale.tallyExUnits[0],
        // the maximum of each figure over all the tallies (a 50-receipt tally is the largest)
        tallyMax: { sizeBytes: Number(max((t) => t.sizeBytes)), mem: String(max((t) => t.mem)), steps: String(max((t) => t.steps)), feeLovelace: String(max((t) => t.feeLovelace)) },
        vote: scale.voteExUnits,
        yesPower: scale.yes,
        noPower: scale.no,
        seconds: Math.round((Date.now() - t0) / 1000),
        // transactions whose scripts the private evaluator ran (the world's setup included)
        scriptEvaluations: evaluator.calls(),
        evaluatorInstances: evaluator.instances(),
      },
    };
  },
};
