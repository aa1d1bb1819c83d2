/**
 * The spec's worked scenario on a local Emulator chain, step by step: genesis; epochs 1
 * and 2 advanced with services A, B and C (the spec's metrics); claims signed by each
 * service; rewards to three users each; B leaves its epoch-2 allocation unclaimed, and
 * after expiry the operator sweeps it so it carries over. Returns every figure a reader
 * (or a test) needs to check it against the SDK: states, balances, fees and ex-units.
 */
import type { LucidEvolution } from "@lucid-evolution/lucid";
import { chainFTotal, planEpoch, type EpochPlan, type ServiceInput } from "../epoch.js";
import { PACK_PER_JET } from "../economics/emission.js";
import { SPEC_EPOCH1_SERVICES, SPEC_EPOCH2_SERVICES } from "../economics/examples.js";
import type { ServiceMetrics } from "../economics/scoring.js";
import type { StateDatum } from "../codec/data.js";
import type { CompiledValidators, Protocol } from "../protocol.js";
import { readConfig, readLocks, readPools, readState } from "../readers.js";
import { advanceEpoch, type AdvanceResult } from "../tx/emission/advance.js";
import { sweep } from "../tx/emission/sweep.js";
import { reward } from "../tx/lock/reward.js";
import { claim } from "../tx/pool/claim.js";
import { deploy, exUnits, newWorld, run, type Actor, type World } from "../emulator/world.js";
import { entryWithProof } from "../tx/emission/proof.js";

const DAY_S = 86_400;
export const SERVICE_ACTOR: Record<string, Actor> = { A: "svcA", B: "svcB", C: "svcC" };
export const USERS: Actor[] = ["user1", "user2", "user3"];

export interface StepRecord {
  step: string;
  txHash: string;
  feeLovelace: bigint;
  sizeBytes: number;
  exUnits: { mem: bigint; steps: bigint }[];
}

export interface ScenarioRecord {
  world: World;
  protocol: Protocol;
  steps: StepRecord[];
  epochs: { plan: EpochPlan; advance: AdvanceResult; stateAfter: StateDatum }[];
  stateAfterSweep: StateDatum;
  carryIntoEpoch3: bigint;
  userJet: Record<string, bigint>;
  lockJet: Record<string, bigint>;
  /** Jet B left unclaimed in epoch 2 and the sweep burned. */
  sweptPack: bigint;
}

async function jetAt(lucid: LucidEvolution, address: string, unit: string): Promise<bigint> {
  return (await lucid.utxosAt(address)).reduce((s, u) => s + (u.assets[unit] ?? 0n), 0n);
}

export async function runSpecScenario(compiled: CompiledValidators, log: (line: string) => void = () => {}): Promise<ScenarioRecord> {
  const w = await newWorld();
  const steps: StepRecord[] = [];
  const submit = async (step: string, plan: Parameters<typeof run>[1], payer: Actor) => {
    const { hash, tx } = await run(w, plan, payer);
    const t = tx.toTransaction();
    steps.push({ step, txHash: hash, feeLovelace: BigInt(t.body().fee()), sizeBytes: t.to_cbor_bytes().length, exUnits: exUnits(tx) });
    log(`  ${step}`);
  };
  log("deploying (reference scripts + genesis)");
  const p = await deploy(w, compiled);
  const services = (m: readonly ServiceMetrics[]): ServiceInput[] => m.map((s) => ({ ...s, pkh: w.pkh[SERVICE_ACTOR[s.id]!] }));
  const epochs: ScenarioRecord["epochs"] = [];

  const advance = async (metrics: readonly ServiceMetrics[]) => {
    const state = await readState(w.lucid, p);
    const config = await readConfig(w.lucid, p);
    const plan = planEpoch(state.datum, config.datum, services(metrics));
    const adv = advanceEpoch({ protocol: p, stateUtxo: state.utxo, configUtxo: config.utxo, fTotalPack: plan.fTotalPack, entries: plan.entries, operator: w.pkh.operator, nowMs: w.emulator.now() });
    await submit(`advance to epoch ${adv.epoch}`, adv.plan, "operator");
    epochs.push({ plan, advance: adv, stateAfter: (await readState(w.lucid, p)).datum });
    return adv;
  };
  const claimAs = async (id: string, adv: AdvanceResult) => {
    const e = entryWithProof(adv.file, { id });
    const [pool] = (await readPools(w.lucid, p, adv.epoch)).filter((x) => x.datum.shard === BigInt(e.shard));
    const config = await readConfig(w.lucid, p);
    const entry = { index: e.index, service: e.service, level: e.level, amountPack: BigInt(e.amountPack), proof: e.proof };
    await submit(`service ${id} claims epoch ${adv.epoch}`, claim({ protocol: p, pool: pool!.utxo, configUtxo: config.utxo, entry, nowMs: w.emulator.now() }), SERVICE_ACTOR[id]!);
  };

  log("epoch 1");
  const adv1 = await advance(SPEC_EPOCH1_SERVICES);
  for (const id of ["A", "B", "C"]) await claimAs(id, adv1);
  for (const [i, id] of ["A", "B", "C"].entries()) {
    const svc = SERVICE_ACTOR[id]!;
    const locks = (await readLocks(w.lucid, p, w.pkh[svc])).map((l) => l.utxo);
    const config = await readConfig(w.lucid, p);
    const payouts = USERS.map((u, k) => ({ address: w.accounts[u].address, amountPack: BigInt((i + 1) * (k + 1)) * PACK_PER_JET }));
    await submit(`service ${id} rewards three users`, reward({ protocol: p, locks, configUtxo: config.utxo, payouts }), svc);
  }

  log("epoch 2 (five days later)");
  w.emulator.awaitSlot(5 * DAY_S);
  const adv2 = await advance(SPEC_EPOCH2_SERVICES);
  await claimAs("A", adv2);
  await claimAs("C", adv2);
  const sweptPack = BigInt(adv2.file.entries.find((e) => e.id === "B")!.amountPack);

  log("after the claim window: sweep");
  // a pool expires at its advance's validity end + the claim window
  const open = await readPools(w.lucid, p);
  const lastExpiry = open.reduce((m, x) => (x.datum.expiry > m ? x.datum.expiry : m), 0n);
  w.emulator.awaitSlot(Math.ceil((Number(lastExpiry) - w.emulator.now()) / 1000) + 10);
  const state = await readState(w.lucid, p);
  const config = await readConfig(w.lucid, p);
  const pools = open.map((x) => x.utxo);
  await submit("operator sweeps expired pools", sweep({ protocol: p, stateUtxo: state.utxo, configUtxo: config.utxo, pools, operator: w.pkh.operator, nowMs: w.emulator.now() }), "operator");
  const stateAfterSweep = (await readState(w.lucid, p)).datum;

  const userJet: Record<string, bigint> = {};
  for (const u of USERS) userJet[u] = await jetAt(w.lucid, w.accounts[u].address, p.units.jet);
  const lockJet: Record<string, bigint> = {};
  for (const id of ["A", "B", "C"]) {
    const svc = SERVICE_ACTOR[id]!;
    lockJet[id] = (await readLocks(w.lucid, p, w.pkh[svc])).reduce((s, l) => s + (l.utxo.assets[p.units.jet] ?? 0n), 0n);
  }
  return { world: w, protocol: p, steps, epochs, stateAfterSweep, carryIntoEpoch3: chainFTotal(stateAfterSweep), userJet, lockJet, sweptPack };
}
