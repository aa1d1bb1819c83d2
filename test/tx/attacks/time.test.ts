/**
 * Time rules of Advance (protocol.md rule 2): epoch t is advanced at or after
 * start(t) = genesis + (t − 1)·5 days, one epoch at a time, never past 2776; and the
 * accounting invariant over a run of epochs: scheduled = Σ emission(1..epoch),
 * minted ≤ scheduled, and minted = the Jet that exists on chain.
 *
 * The end of the schedule: 2,775 real advances would take 7–23 minutes in the Emulator
 * (150–500 ms per D = 0 advance, measured below and printed), so the second world starts its genesis
 * 2,775 epochs in the past and places the state at epoch 2775 by rewriting the state
 * UTxO's datum in the Emulator's ledger (test/tx/attacks/emission.helpers.ts
 * `rewriteDatum`): the validators see the UTxO 2,775 honest advances would produce.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { newWorld, run, type World } from "../../helpers/chain.js";
import { defaultConfig, publish } from "../../helpers/deploy.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { genesis } from "../../../offchain/tx/genesis.js";
import { advanceEpoch, epochStart } from "../../../offchain/tx/emission/advance.js";
import { sweep } from "../../../offchain/tx/emission/sweep.js";
import { claim } from "../../../offchain/tx/pool/claim.js";
import { toTx, type TxPlan } from "../../../offchain/tx/plan.js";
import { decodePool, decodeState, emissionRedeemer, encodeState, type StateDatum } from "../../../offchain/codec/data.js";
import { cumulativePack, emissionPack, EPOCH_LENGTH_MS, EPOCHS, scheduledThrough, TOTAL_SUPPLY_PACK } from "../../../offchain/economics/emission.js";
import { configUtxo, expectRejected, mutated, poolUtxos, rewriteDatum, setPool, poolOf, setState, stateOf, stateUtxo } from "./emission.helpers.js";
import { entryWithProof } from "../../../offchain/tx/emission/proof.js";

const STATE = 0;
const POOL = 1;
const DAY_S = 86_400;

async function deployAt(w: World, genesisTimeMs: bigint): Promise<Protocol> {
  const p = await publish(w, genesisTimeMs);
  const [seed] = (await w.lucid.utxosAt(w.accounts.deployer.address)).filter(
    (u) => u.txHash === p.params.seed.txHash && u.outputIndex === p.params.seed.outputIndex,
  );
  await run(w, genesis({ protocol: p, seed: seed!, config: defaultConfig(w) }), "deployer");
  return p;
}

async function state(w: World, p: Protocol): Promise<StateDatum> {
  return decodeState((await stateUtxo(w, p)).datum!);
}

/** Jet in every unspent UTxO of the Emulator's ledger. */
function jetOnChain(w: World, p: Protocol): bigint {
  let sum = 0n;
  for (const { utxo, spent } of Object.values((w.emulator as any).ledger as Record<string, { utxo: any; spent: boolean }>))
    if (!spent) sum += utxo.assets[p.units.jet] ?? 0n;
  return sum;
}

/** The accounting invariant, checked after every transaction of the run. */
async function expectInvariant(w: World, p: Protocol): Promise<StateDatum> {
  const s = await state(w, p);
  expect(s.scheduled).toBe(scheduledThrough(Number(s.epoch)));
  expect(s.minted <= s.scheduled).toBe(true);
  expect(jetOnChain(w, p)).toBe(s.minted);
  return s;
}

/** Moves the Emulator clock to `ms` when it is earlier (each submitted block adds 20 s). */
function waitUntil(w: World, ms: number): void {
  const slots = Math.ceil((ms - w.emulator.now()) / 1000);
  if (slots > 0) w.emulator.awaitSlot(slots);
}

describe("time: epochs 1, 2, 3 in sequence, never early, never skipped", () => {
  let w: World;
  let p: Protocol;
  const start = (t: number) => Number(epochStart(p.params.genesisTimeMs, t));
  const advancePlan = async (entries: { id: string; service: string; level: number; amountPack: bigint }[], nowMs = w.emulator.now()) => {
    const s = await state(w, p);
    return advanceEpoch({
      protocol: p,
      stateUtxo: await stateUtxo(w, p),
      configUtxo: await configUtxo(w, p),
      fTotalPack: cumulativePack(Number(s.epoch) + 1) - s.minted,
      entries,
      operator: w.pkh.operator,
      nowMs,
    });
  };

  beforeAll(async () => {
    w = await newWorld();
    // Epoch 1 starts one day after the deployment.
    p = await deployAt(w, BigInt(w.emulator.now() + DAY_S * 1000));
    await expectInvariant(w, p);
  });

  it("epoch 1 cannot be advanced before its start (the range starts now, a day early)", async () => {
    const { plan } = await advancePlan([], start(1));
    await expectRejected(w, mutated(plan, (q) => (q.validFrom = w.emulator.now())), "operator", "advance: validity starts at or after the epoch start");
  });
  it("a plan whose range starts at start(1) is valid on-chain but the ledger refuses it until then", async () => {
    const { plan } = await advancePlan([], start(1));
    w.lucid.selectWallet.fromSeed(w.accounts.operator.seedPhrase);
    const tx = await toTx(w.lucid, plan).complete({ localUPLCEval: true });
    await expect((await tx.sign.withWallet().complete()).submit()).rejects.toThrow(/Lower bound .* not in slot range/);
  });

  it("epoch 1 advances at its start; the invariant holds", async () => {
    waitUntil(w, start(1));
    const adv = await advancePlan([
      { id: "A", service: w.pkh.svcA, level: 1, amountPack: 30_000_000_000n },
      { id: "B", service: w.pkh.svcB, level: 6, amountPack: 7_000_000_000n },
    ]);
    expect(adv.plan.validFrom).toBe(start(1));
    await run(w, adv.plan, "operator");
    expect(await expectInvariant(w, p)).toEqual({ epoch: 1n, scheduled: emissionPack(1), minted: 37_000_000_000n });
    // A claims (Jet moves from the pool to A's lock: the supply does not change).
    const a = entryWithProof(adv.file, { id: "A" });
    const [pool] = await poolUtxos(w, p);
    await run(w, claim({ protocol: p, pool: pool!, configUtxo: await configUtxo(w, p), entry: { index: a.index, service: a.service, level: a.level, amountPack: BigInt(a.amountPack), proof: a.proof }, nowMs: w.emulator.now() }), "svcA");
    await expectInvariant(w, p);
  });

  it("epoch 2 cannot be advanced one second before its start", async () => {
    waitUntil(w, start(2) - 1_000);
    const { plan } = await advancePlan([], start(2));
    await expectRejected(w, mutated(plan, (q) => (q.validFrom = w.emulator.now())), "operator", "advance: validity starts at or after the epoch start");
  });

  it("after epoch 1's expiry the unclaimed Jet is swept; the invariant holds", async () => {
    const pools = await poolUtxos(w, p);
    await run(w, sweep({ protocol: p, stateUtxo: await stateUtxo(w, p), configUtxo: await configUtxo(w, p), pools, operator: w.pkh.operator, nowMs: w.emulator.now() }), "operator");
    const s = await expectInvariant(w, p);
    expect(s.minted).toBe(30_000_000_000n);
  });

  it("epoch 2 advances once it has started, with the carry-over; the invariant holds", async () => {
    waitUntil(w, start(2));
    const adv = await advancePlan([{ id: "C", service: w.pkh.svcC, level: 4, amountPack: 15_000_000_000n }]);
    await run(w, adv.plan, "operator");
    expect(await expectInvariant(w, p)).toEqual({ epoch: 2n, scheduled: cumulativePack(2), minted: 45_000_000_000n });
  });

  it("epoch 4 cannot be advanced from epoch 2 (skipping epoch 3), even when its time has come", async () => {
    waitUntil(w, start(4));
    const { plan } = await advancePlan([{ id: "C", service: w.pkh.svcC, level: 4, amountPack: 1_000_000n }]);
    const q = mutated(plan, (q) => {
      const s = stateOf(q, STATE);
      setState(q, STATE, { epoch: 4n, scheduled: cumulativePack(4), minted: s.minted });
      setPool(q, POOL, { ...poolOf(q, POOL), epoch: 4n, expiry: BigInt(start(4)) + defaultConfig(w).claimWindowMs });
    });
    await expectRejected(w, q, "operator", "state: continuing datum");
  });
  it("a pool of epoch t+1 cannot be created by the advance to epoch t", async () => {
    const { plan } = await advancePlan([{ id: "C", service: w.pkh.svcC, level: 4, amountPack: 1_000_000n }]);
    await expectRejected(w, mutated(plan, (q) => setPool(q, POOL, { ...poolOf(q, POOL), epoch: 4n })), "operator", "advance: fresh pool datum for this epoch");
  });

  it("a late advance gives its pools the whole claim window, counted from the advance (epoch 3 at start(4))", async () => {
    const late = await advancePlan([{ id: "L", service: w.pkh.svcA, level: 9, amountPack: 1_000_000n }]);
    const now = w.emulator.now();
    expect(now - start(3)).toBeGreaterThan(86_400_000); // more than a day late
    const expiry = BigInt(late.file.expiryMs);
    expect(expiry).toBe(BigInt(late.plan.validTo!) + defaultConfig(w).claimWindowMs);
    expect(expiry - BigInt(now)).toBeGreaterThanOrEqual(defaultConfig(w).claimWindowMs);
    expect(expiry - BigInt(start(3))).toBeGreaterThan(defaultConfig(w).claimWindowMs); // the old rule would have shortened it
  });

  it("epoch 3 advances late (at start(4)) and epoch 4 right after; the invariant holds", async () => {
    await run(w, (await advancePlan([])).plan, "operator");
    expect(await expectInvariant(w, p)).toEqual({ epoch: 3n, scheduled: cumulativePack(3), minted: 45_000_000_000n });
    await run(w, (await advancePlan([])).plan, "operator");
    expect((await expectInvariant(w, p)).epoch).toBe(4n);
  });

  it("three more advances with no allocations (D = 0) in a row, timed; minted never exceeds scheduled", async () => {
    const times: number[] = [];
    for (let t = 5; t <= 7; t++) {
      waitUntil(w, start(t));
      const t0 = performance.now();
      await run(w, (await advancePlan([])).plan, "operator");
      times.push(performance.now() - t0);
      await expectInvariant(w, p);
    }
    const per = times.reduce((a, b) => a + b, 0) / times.length;
    console.log(`time per D = 0 advance (complete + sign + submit): ${per.toFixed(0)} ms; 2,775 advances ≈ ${((per * 2775) / 60_000).toFixed(1)} min`);
    expect((await state(w, p)).epoch).toBe(7n);
  });
});

describe("time: the end of the schedule (epoch 2776)", () => {
  let w: World;
  let p: Protocol;
  let last: TxPlan; // the valid advance to epoch 2776 minting exactly the remainder
  const E2776 = emissionPack(EPOCHS);

  beforeAll(async () => {
    w = await newWorld();
    // Genesis 2,775 epochs ago: epoch 2776 starts now.
    p = await deployAt(w, BigInt(w.emulator.now()) - 2775n * BigInt(EPOCH_LENGTH_MS));
    // The state as 2,775 advances that minted everything scheduled would leave it.
    await rewriteDatum(w, await stateUtxo(w, p), encodeState({ epoch: 2775n, scheduled: cumulativePack(2775), minted: cumulativePack(2775) }));
    const adv = advanceEpoch({
      protocol: p,
      stateUtxo: await stateUtxo(w, p),
      configUtxo: await configUtxo(w, p),
      fTotalPack: E2776,
      entries: [{ id: "A", service: w.pkh.svcA, level: 1, amountPack: 30_000_000_000n }],
      operator: w.pkh.operator,
      nowMs: w.emulator.now(),
    });
    // Mint the whole remainder into the pool (the allocation file is irrelevant on-chain).
    last = mutated(adv.plan, (q) => {
      q.mint!.assets[p.units.jet] = E2776;
      q.outputs[POOL]!.assets[p.units.jet] = E2776;
      setState(q, STATE, { ...stateOf(q, STATE), minted: TOTAL_SUPPLY_PACK });
    });
  });

  it("epoch 2776 cannot mint one Pack more than the remainder", async () => {
    const q = mutated(last, (q) => {
      q.mint!.assets[p.units.jet] = E2776 + 1n;
      q.outputs[POOL]!.assets[p.units.jet] = E2776 + 1n;
      setState(q, STATE, { ...stateOf(q, STATE), minted: TOTAL_SUPPLY_PACK + 1n });
    });
    await expectRejected(w, q, "operator", "advance: mint within schedule plus carry-over");
  });

  it("epoch 2776 takes the remainder: scheduled and minted become exactly 10^15 Pack", async () => {
    expect(stateOf(last, STATE).scheduled).toBe(TOTAL_SUPPLY_PACK);
    await run(w, last, "operator");
    expect(await state(w, p)).toEqual({ epoch: 2776n, scheduled: TOTAL_SUPPLY_PACK, minted: TOTAL_SUPPLY_PACK });
  });

  /** A hand-built advance from the state at 2776 to "epoch 2777" (the SDK refuses to build it). */
  async function beyond(mintPack: bigint): Promise<TxPlan> {
    const s = await stateUtxo(w, p);
    const cfg = await configUtxo(w, p);
    return mutated(last, (q) => {
      q.spend = [{ utxos: [s], redeemer: emissionRedeemer("Advance") }];
      q.reference = q.reference.map((u) => (u.txHash === last.reference[0]!.txHash && u.outputIndex === last.reference[0]!.outputIndex ? cfg : u));
      q.outputs[STATE] = { address: s.address, assets: { ...s.assets }, datum: encodeState({ epoch: 2777n, scheduled: TOTAL_SUPPLY_PACK, minted: TOTAL_SUPPLY_PACK + mintPack }) };
      if (mintPack === 0n) {
        delete q.mint;
        q.outputs.splice(POOL, 1);
      } else {
        q.mint!.assets[p.units.jet] = mintPack;
        q.outputs[POOL]!.assets[p.units.jet] = mintPack;
        setPool(q, POOL, { ...poolOf(q, POOL), epoch: 2777n });
      }
    });
  }

  it("with every scheduled Pack minted, no tail epoch can be advanced (SDK and script)", async () => {
    const s = await stateUtxo(w, p);
    expect(() =>
      advanceEpoch({ protocol: p, stateUtxo: s, configUtxo: last.reference[0]!, fTotalPack: 0n, entries: [], operator: w.pkh.operator, nowMs: w.emulator.now() }),
    ).toThrow(/schedule is complete/);
    await expectRejected(w, await beyond(0n), "operator", "advance: after epoch 2776 only while carry-over remains");
    await expectRejected(w, await beyond(1_000_000n), "operator", "advance: after epoch 2776 only while carry-over remains");
  });

  it("Jet swept after epoch 2776 carries into tail epoch 2777, which emits nothing and distributes exactly it; minted reaches 10^15 again", async () => {
    const [pool] = await poolUtxos(w, p);
    const expiry = Number(decodePool(pool!.datum!).expiry);
    waitUntil(w, expiry + 60_000);
    const cfg = await configUtxo(w, p);
    await run(w, sweep({ protocol: p, stateUtxo: await stateUtxo(w, p), configUtxo: cfg, pools: [pool!], operator: w.pkh.operator, nowMs: w.emulator.now() }), "operator");
    expect(await state(w, p)).toEqual({ epoch: 2776n, scheduled: TOTAL_SUPPLY_PACK, minted: TOTAL_SUPPLY_PACK - E2776 });
    waitUntil(w, Number(epochStart(p.params.genesisTimeMs, 2777)));
    const adv = advanceEpoch({ protocol: p, stateUtxo: await stateUtxo(w, p), configUtxo: cfg, fTotalPack: E2776, entries: [{ id: "A", service: w.pkh.svcA, level: 1, amountPack: 30_000_000_000n }], operator: w.pkh.operator, nowMs: w.emulator.now() });
    expect(stateOf(adv.plan, STATE).scheduled).toBe(TOTAL_SUPPLY_PACK); // a tail epoch emits nothing
    const all = mutated(adv.plan, (q) => {
      q.mint!.assets[p.units.jet] = E2776;
      q.outputs[POOL]!.assets[p.units.jet] = E2776;
      setState(q, STATE, { ...stateOf(q, STATE), minted: TOTAL_SUPPLY_PACK });
    });
    const over = mutated(all, (q) => {
      q.mint!.assets[p.units.jet] = E2776 + 1n;
      q.outputs[POOL]!.assets[p.units.jet] = E2776 + 1n;
      setState(q, STATE, { ...stateOf(q, STATE), minted: TOTAL_SUPPLY_PACK + 1n });
    });
    await expectRejected(w, over, "operator", "advance: mint within schedule plus carry-over");
    await run(w, all, "operator");
    // (the state before epoch 2776 was written, not advanced to, so Jet on chain is only this epoch's)
    expect(await state(w, p)).toEqual({ epoch: 2777n, scheduled: TOTAL_SUPPLY_PACK, minted: TOTAL_SUPPLY_PACK });
    expect(jetOnChain(w, p)).toBe(E2776);
  });
});
