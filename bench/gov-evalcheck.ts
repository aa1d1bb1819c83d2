// Why: the governance bench's scale case evaluates scripts with offchain/emulator/uplc-eval.ts
// (Lucid's evaluator in a private, recycled instance) instead of Lucid's own localUPLCEval
// path; this checks that both give byte-identical transactions for the same plans.
// How: 60 commitments, a proposal, 60 votes and 2 tallies of 30/50 receipts in one world whose
// evaluator is replaced every 64 MB; every 10th commit/vote, the proposal and each tally are
// completed both ways and compared. Exit code 1 on any difference. ≈ 1.5 min:
//   nice -n 10 node --import tsx bench/gov-evalcheck.ts
import { deployedValidators } from "../offchain/demo/section.js";
import { govWorld } from "../offchain/emulator/gov-world.js";
import { newWorld, run } from "../offchain/emulator/world.js";
import { useRecyclingEvaluator } from "../offchain/emulator/uplc-eval.js";
import { readConfig, readState } from "../offchain/readers.js";
import { authenticate } from "../offchain/tx/governance/common.js";
import { commit } from "../offchain/tx/governance/commit.js";
import { propose } from "../offchain/tx/governance/propose.js";
import { vote } from "../offchain/tx/governance/vote.js";
import { tally } from "../offchain/tx/governance/tally.js";
import { epochOf, epochStartMs } from "../offchain/governance/clock.js";
import { toTx, type TxPlan } from "../offchain/tx/plan.js";

const w = await newWorld();
const ev = useRecyclingEvaluator(w, 64 * 2 ** 20); // small limit: several replacements
const p = await govWorld(w, deployedValidators(), { proposalThreshold: 0n });
let same = 0, differ = 0;
const check = async (label: string, plan: TxPlan) => {
  w.lucid.selectWallet.fromSeed(w.accounts.user1.seedPhrase);
  const a = (await toTx(w.lucid, plan).complete({ localUPLCEval: true })).toCBOR();
  const b = (await toTx(w.lucid, plan).complete({ localUPLCEval: false })).toCBOR();
  if (a === b) same++; else { differ++; console.error(`DIFFERENT: ${label}`); }
};
const gov = async (kind: string) => (await w.lucid.utxosAt(p.governance.address)).filter((u) => authenticate(p, u)?.kind === kind);
const cfg = (await readConfig(w.lucid, p)).utxo;
const N = 60;
for (let i = 0; i < N; i++) {
  const [seed] = await w.lucid.utxosAt(w.accounts.user1.address);
  const plan = commit({ protocol: p, configUtxo: cfg, owner: { key: w.pkh.user1 }, amountPack: 10_000_000n, lockEnd: epochOf(w.emulator.now(), p.params.genesisTimeMs) + 292n, seed: seed!, nowMs: w.emulator.now() });
  if (i % 10 === 0) await check("commit", plan);
  await run(w, plan, "user1");
}
const moveTo = (e: bigint) => w.emulator.awaitSlot(Math.ceil((Number(epochStartMs(e, p.params.genesisTimeMs)) + 3_600_000 - w.emulator.now()) / 1000));
moveTo(epochOf(w.emulator.now(), p.params.genesisTimeMs) + 1n);
const [first] = await gov("commitment");
const [seed] = await w.lucid.utxosAt(w.accounts.user1.address);
const prop = propose({ protocol: p, configUtxo: cfg, stateUtxo: (await readState(w.lucid, p)).utxo, commitment: first!, kind: { type: "text", hash: "ab".repeat(32) }, returnTo: w.accounts.user1.address, seed: seed!, nowMs: w.emulator.now() });
await check("propose", prop);
await run(w, prop, "user1");
const [proposal] = await gov("proposal");
let i = 0;
for (const c of await gov("commitment")) {
  const plan = vote({ protocol: p, commitment: c, proposal: proposal!, yes: i++ % 4 !== 3, nowMs: w.emulator.now() });
  if (i % 10 === 1) await check("vote", plan);
  await run(w, plan, "user1");
}
moveTo(epochOf(w.emulator.now(), p.params.genesisTimeMs) + 1n);
for (;;) {
  const receipts = (await gov("receipt")).slice(0, 50);
  if (!receipts.length) break;
  const [pr] = await gov("proposal");
  const plan = tally({ protocol: p, proposal: pr!, receipts, nowMs: w.emulator.now() });
  await check(`tally of ${receipts.length}`, plan);
  await run(w, plan, "user1");
}
console.error(`identical: ${same}, different: ${differ}; evaluations ${ev.calls()}, instances ${ev.instances()}`);
process.exitCode = differ ? 1 : 0;
