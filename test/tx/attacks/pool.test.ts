/**
 * Attacks on the claim pool validator (Claim and PoolSweep), in the Emulator.
 *
 * Method (docs/protocol.md): each attack takes a VALID plan from the SDK
 * builder, changes exactly one thing, and expects `complete()` (local script evaluation on)
 * to fail with the trace of the check that names the attack. Each group keeps a positive
 * control: the unmutated plan goes through.
 *
 * World of the claim group: the config's claim window is 12 days, so epoch 1's and epoch 2's
 * pools are both open at the start of epoch 2 (a leaf of one epoch can be tried against the
 * other's pool). Epoch 1 (4 leaves per shard): shard 0 = [svcA, svcB, svcC, attacker],
 * shard 1 = [user1]. Epoch 2 (2 leaves per shard): shard 0 = [svcA, svcB] (svcA with the
 * same amount as in epoch 1), plus a shard 1 the operator crafted from a tree the test
 * built (leaves above the cap, of level 0 and 10, of a negative amount) — the advance rules
 * cannot see inside a Merkle root, so only the claim validator can stop those leaves.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Constr, Data, type UTxO } from "@lucid-evolution/lucid";
import { expectRejected, exUnits, newWorld, run, type World } from "../../helpers/chain.js";
import { defaultConfig, deploy } from "../../helpers/deploy.js";
import type { Protocol } from "../../../offchain/protocol.js";
import type { AdvanceResult } from "../../../offchain/tx/emission/advance.js";
import { epochStart } from "../../../offchain/tx/emission/advance.js";
import { claim, LOCK_TOKEN_REDEEMER } from "../../../offchain/tx/pool/claim.js";
import { sweep } from "../../../offchain/tx/emission/sweep.js";
import { claimRedeemer, decodePool, decodeState, encodeLock, encodePool, encodeState, poolSweepRedeemer } from "../../../offchain/codec/data.js";
import { readState } from "../../../offchain/readers.js";
import { DEFAULT_LEVEL_CAPS_PACK } from "../../../offchain/economics/scoring.js";
import {
  advance,
  claimUnchecked,
  clonePlan,
  configUtxo,
  craftedEntries,
  DAY_MS,
  entryOf,
  forgeConfig,
  JET,
  jetOf,
  lockDatumWithExtraField,
  mintJunk,
  poolDatumWithExtraField,
  poolUtxo,
  scriptAddress,
  travelTo,
  withCraftedShard,
  type CraftedShard,
} from "./pool.helpers.js";

const CAP9 = DEFAULT_LEVEL_CAPS_PACK[8]!;

describe("claim: a service takes its allocation, and nothing else", () => {
  let w: World;
  let p: Protocol;
  let adv1: AdvanceResult;
  let adv2: AdvanceResult;
  let junk: string;
  let crafted: CraftedShard;

  /** A valid SDK claim of service `id`'s leaf of epoch `epoch`, built now. */
  async function validClaim(adv: AdvanceResult, id: string) {
    const e = entryOf(adv, id);
    const pool = await poolUtxo(w, p, adv.epoch, e.shard);
    return claim({ protocol: p, pool, configUtxo: await configUtxo(w, p), entry: e, nowMs: w.emulator.now() });
  }

  beforeAll(async () => {
    w = await newWorld();
    p = await deploy(w, defaultConfig(w, { claimWindowMs: BigInt(12 * DAY_MS) }));
    junk = await mintJunk(w, ["svcA", "attacker"]);
    adv1 = await advance(
      w,
      p,
      [
        { id: "A", service: w.pkh.svcA, level: 1, amountPack: 20_000n * JET },
        { id: "B", service: w.pkh.svcB, level: 4, amountPack: 10_000n * JET },
        { id: "C", service: w.pkh.svcC, level: 6, amountPack: 5_000n * JET },
        { id: "X", service: w.pkh.attacker, level: 9, amountPack: 1_000n * JET },
        { id: "U", service: w.pkh.user1, level: 8, amountPack: 2_000n * JET },
      ],
      4,
    );
    travelTo(w, Number(epochStart(p.params.genesisTimeMs, 2)) + 1000);
    crafted = {
      shard: 1,
      jet: CAP9 + 3n * JET,
      leaves: [
        { epoch: 2n, shard: 1n, index: 0n, service: w.pkh.svcA, level: 9n, amount: CAP9 + 1n }, // above the level-9 cap
        { epoch: 2n, shard: 1n, index: 1n, service: w.pkh.svcA, level: 0n, amount: JET }, // level 0
        { epoch: 2n, shard: 1n, index: 2n, service: w.pkh.svcA, level: 10n, amount: JET }, // level 10
        { epoch: 2n, shard: 1n, index: 3n, service: w.pkh.svcA, level: 9n, amount: -5n }, // negative amount
      ],
    };
    adv2 = await advance(
      w,
      p,
      [
        { id: "A", service: w.pkh.svcA, level: 1, amountPack: 20_000n * JET },
        { id: "B", service: w.pkh.svcB, level: 4, amountPack: 10_000n * JET },
      ],
      2,
      (adv) => withCraftedShard(p, adv, crafted),
    );
  });

  it("the unchecked claim helper builds exactly the SDK's plan on valid input", async () => {
    const e = entryOf(adv1, "A");
    const pool = await poolUtxo(w, p, 1, 0);
    const cfg = await configUtxo(w, p);
    const now = w.emulator.now();
    const sdk = claim({ protocol: p, pool, configUtxo: cfg, entry: e, nowMs: now });
    const raw = claimUnchecked({ protocol: p, pool, configUtxo: cfg, entry: e, nowMs: now });
    expect(raw).toEqual(sdk);
  });

  it("positive control: a service claims its leaf into one lock it owns", async () => {
    const plan = await validClaim(adv1, "B");
    const { tx } = await run(w, plan, "svcB");
    const ex = exUnits(tx);
    console.log("claim (4-leaf shard) ex-units", ex, "fee", tx.toTransaction().body().fee());
    const pool = await poolUtxo(w, p, 1, 0);
    expect(decodePool(pool.datum!).bitmap).toBe("02");
    expect(jetOf(p, pool.assets)).toBe(26_000n * JET);
  });

  it("a service cannot claim twice: the same leaf again after a valid claim", async () => {
    const plan = claimUnchecked({ protocol: p, pool: await poolUtxo(w, p, 1, 0), configUtxo: await configUtxo(w, p), entry: entryOf(adv1, "B"), nowMs: w.emulator.now() });
    await expectRejected(w, plan, "svcB", "claim: already claimed");
  });

  it("a claim signed by an attacker instead of the service is rejected", async () => {
    const plan = await validClaim(adv1, "A");
    plan.signers = [w.pkh.attacker];
    await expectRejected(w, plan, "attacker", "claim: signed by the service");
  });

  it("a service cannot claim another index's leaf (its leaf and proof with index 3, unclaimed)", async () => {
    const e = entryOf(adv1, "A");
    const plan = claimUnchecked({ protocol: p, pool: await poolUtxo(w, p, 1, 0), configUtxo: await configUtxo(w, p), entry: { ...e, index: 3 }, nowMs: w.emulator.now() });
    await expectRejected(w, plan, "svcA", "claim: leaf proven against the pool root");
  });

  it("an inner node cannot pass as a leaf (the leaf's parent with the proof above it)", async () => {
    const e = entryOf(adv1, "A");
    const plan = claimUnchecked({
      protocol: p,
      pool: await poolUtxo(w, p, 1, 0),
      configUtxo: await configUtxo(w, p),
      entry: { ...e, index: e.index >> 1, proof: e.proof.slice(1) },
      nowMs: w.emulator.now(),
    });
    await expectRejected(w, plan, "svcA", "claim: leaf proven against the pool root");
  });

  it("a service cannot claim its leaf of another epoch against this epoch's pool", async () => {
    const e2 = entryOf(adv2, "A"); // epoch 2, shard 0, index 0, same amount and level as in epoch 1
    const plan = claimUnchecked({ protocol: p, pool: await poolUtxo(w, p, 1, 0), configUtxo: await configUtxo(w, p), entry: e2, nowMs: w.emulator.now() });
    await expectRejected(w, plan, "svcA", "claim: leaf proven against the pool root");
  });

  it("a service cannot claim its leaf against another shard's pool", async () => {
    const e = entryOf(adv1, "U"); // shard 1, index 0, against the pool of shard 0 (index 0 unclaimed there)
    const plan = claimUnchecked({ protocol: p, pool: await poolUtxo(w, p, 1, 0), configUtxo: await configUtxo(w, p), entry: e, nowMs: w.emulator.now() });
    await expectRejected(w, plan, "user1", "claim: leaf proven against the pool root");
  });

  it("a claim with a tampered proof sibling is rejected", async () => {
    const e = entryOf(adv1, "A");
    const s = e.proof[1]!;
    const tampered = [e.proof[0]!, (s[0] === "0" ? "1" : "0") + s.slice(1), ...e.proof.slice(2)];
    const plan = claimUnchecked({ protocol: p, pool: await poolUtxo(w, p, 1, 0), configUtxo: await configUtxo(w, p), entry: { ...e, proof: tampered }, nowMs: w.emulator.now() });
    await expectRejected(w, plan, "svcA", "claim: leaf proven against the pool root");
  });

  it("a service cannot claim its leaf's amount + 1 Pack", async () => {
    const e = entryOf(adv1, "A");
    const plan = claimUnchecked({ protocol: p, pool: await poolUtxo(w, p, 1, 0), configUtxo: await configUtxo(w, p), entry: { ...e, amountPack: e.amountPack + 1n }, nowMs: w.emulator.now() });
    await expectRejected(w, plan, "svcA", "claim: leaf proven against the pool root");
  });

  it("a service cannot claim its leaf's amount − 1 Pack", async () => {
    const e = entryOf(adv1, "A");
    const plan = claimUnchecked({ protocol: p, pool: await poolUtxo(w, p, 1, 0), configUtxo: await configUtxo(w, p), entry: { ...e, amountPack: e.amountPack - 1n }, nowMs: w.emulator.now() });
    await expectRejected(w, plan, "svcA", "claim: leaf proven against the pool root");
  });

  it("a service cannot claim a negative amount (redeemer amount −1, outputs of the valid claim)", async () => {
    const e = entryOf(adv1, "A");
    const plan = await validClaim(adv1, "A");
    plan.spend[0]!.redeemer = claimRedeemer({ index: BigInt(e.index), owner: e.service, level: BigInt(e.level), amount: -1n, proof: e.proof });
    await expectRejected(w, plan, "svcA", "claim: amount is positive");
  });

  it("a proven leaf of negative amount cannot be claimed (crafted tree)", async () => {
    const e = craftedEntries(crafted)[3]!;
    const pool = await poolUtxo(w, p, 2, 1);
    const plan = claimUnchecked({ protocol: p, pool, configUtxo: await configUtxo(w, p), entry: { ...e, amountPack: 0n }, nowMs: w.emulator.now() });
    plan.spend[0]!.redeemer = claimRedeemer({ index: 3n, owner: e.service, level: 9n, amount: -5n, proof: e.proof });
    await expectRejected(w, plan, "svcA", "claim: amount is positive");
  });

  it("a proven leaf above the level cap cannot be claimed (crafted tree)", async () => {
    const e = craftedEntries(crafted)[0]!;
    const plan = claimUnchecked({ protocol: p, pool: await poolUtxo(w, p, 2, 1), configUtxo: await configUtxo(w, p), entry: e, nowMs: w.emulator.now() });
    await expectRejected(w, plan, "svcA", "claim: amount within the level cap");
  });

  it("a forged config with raised caps does not raise a pool's caps (a claim reads only its pool's snapshot)", async () => {
    const forged = await forgeConfig(w, p, "svcA", (c) => ({ ...c, levelCapsPack: c.levelCapsPack.map((x) => x * 10n) }));
    const e = craftedEntries(crafted)[0]!; // above the real cap, within the forged one
    const plan = claimUnchecked({ protocol: p, pool: await poolUtxo(w, p, 2, 1), configUtxo: forged, entry: e, nowMs: w.emulator.now() });
    plan.reference.push(forged);
    await expectRejected(w, plan, "svcA", "claim: amount within the level cap");
  });

  it("a proven leaf of level 0 cannot be claimed (crafted tree)", async () => {
    const e = craftedEntries(crafted)[1]!;
    const plan = claimUnchecked({ protocol: p, pool: await poolUtxo(w, p, 2, 1), configUtxo: await configUtxo(w, p), entry: e, nowMs: w.emulator.now() });
    await expectRejected(w, plan, "svcA", "cap: level below 1");
  });

  it("a proven leaf of level 10 cannot be claimed (crafted tree)", async () => {
    const e = craftedEntries(crafted)[2]!;
    const plan = claimUnchecked({ protocol: p, pool: await poolUtxo(w, p, 2, 1), configUtxo: await configUtxo(w, p), entry: e, nowMs: w.emulator.now() });
    await expectRejected(w, plan, "svcA", "cap: level above the cap table");
  });

  it("a claim with an open-ended validity range (no upper bound) is rejected", async () => {
    const plan = await validClaim(adv1, "A");
    delete plan.validTo;
    await expectRejected(w, plan, "svcA", "claim: validity range has a finite end");
  });

  it("a claim whose validity range ends after the pool's expiry is rejected", async () => {
    const plan = await validClaim(adv1, "A");
    plan.validTo = Number(decodePool((await poolUtxo(w, p, 1, 0)).datum!).expiry) + 1000;
    await expectRejected(w, plan, "svcA", "claim: validity ends by the pool expiry");
  });

  it("double satisfaction: two pools spent in one transaction are paid by one lock output", async () => {
    const a = await validClaim(adv1, "A");
    const b = await validClaim(adv2, "A"); // same amount, epoch 2
    const plan = clonePlan(a);
    plan.spend.push(...b.spend);
    plan.outputs = [a.outputs[0]!, b.outputs[0]!, a.outputs[1]!]; // the second 20,000 Jet would go to svcA's wallet as change
    await expectRejected(w, plan, "svcA", "claim: one pool per transaction");
  });

  it("datum hijack: the lock output is owned by someone else", async () => {
    const plan = await validClaim(adv1, "A");
    plan.outputs[1] = { ...plan.outputs[1]!, datum: encodeLock({ owner: w.pkh.attacker }) };
    await expectRejected(w, plan, "svcA", "claim: lock is owned by the service");
  });

  it("the lock datum cannot carry an extra field (bloated datum)", async () => {
    const plan = await validClaim(adv1, "A");
    plan.outputs[1] = { ...plan.outputs[1]!, datum: lockDatumWithExtraField(w.pkh.svcA) };
    await expectRejected(w, plan, "svcA", "claim: lock is owned by the service");
  });

  it("the lock output cannot carry a staking credential", async () => {
    const plan = await validClaim(adv1, "A");
    plan.outputs[1] = { ...plan.outputs[1]!, address: scriptAddress(p.lock.hash, w.pkh.attacker) };
    await expectRejected(w, plan, "svcA", "claim: lock has no stake credential");
  });

  it("the amount cannot be split over two lock outputs", async () => {
    const plan = await validClaim(adv1, "A");
    const lock = plan.outputs[1]!;
    const half = 10_000n * JET;
    plan.outputs[1] = { ...lock, assets: { ...lock.assets, [p.units.jet]: half } };
    const { [p.units.lockToken]: _token, ...noToken } = lock.assets; // one lock token is minted
    plan.outputs.push({ ...lock, assets: { ...noToken, [p.units.jet]: half } });
    await expectRejected(w, plan, "svcA", "claim: exactly one lock output");
  });

  it("the amount cannot go to the service's wallet instead of a lock (no lock output)", async () => {
    const plan = await validClaim(adv1, "A");
    plan.outputs.pop();
    await expectRejected(w, plan, "svcA", "claim: exactly one lock output");
  });

  it("the lock cannot receive less than the amount (the rest to the service's wallet)", async () => {
    const plan = await validClaim(adv1, "A");
    const lock = plan.outputs[1]!;
    plan.outputs[1] = { ...lock, assets: { ...lock.assets, [p.units.jet]: lock.assets[p.units.jet]! - 1n } };
    await expectRejected(w, plan, "svcA", "claim: lock receives exactly the amount");
  });

  it("a junk token cannot be added to the lock", async () => {
    const plan = await validClaim(adv1, "A");
    const lock = plan.outputs[1]!;
    plan.outputs[1] = { ...lock, assets: { ...lock.assets, [junk]: 1n } };
    await expectRejected(w, plan, "svcA", "claim: lock holds ADA, Jet and its lock token");
  });

  it("a junk token cannot be added to the continuing pool", async () => {
    const plan = await validClaim(adv1, "A");
    const pool = plan.outputs[0]!;
    plan.outputs[0] = { ...pool, assets: { ...pool.assets, [junk]: 1n } };
    await expectRejected(w, plan, "svcA", "claim: continuing pool holds ADA, Jet and its pool token");
  });

  it("the continuing pool datum must set the claimed bit", async () => {
    const plan = await validClaim(adv1, "A");
    const d = decodePool(plan.outputs[0]!.datum!);
    plan.outputs[0] = { ...plan.outputs[0]!, datum: encodePool({ ...d, bitmap: "" }) };
    await expectRejected(w, plan, "svcA", "claim: continuing pool datum is the spent one with the bit set");
  });

  it("the continuing pool datum cannot change another field (expiry extended)", async () => {
    const plan = await validClaim(adv1, "A");
    const d = decodePool(plan.outputs[0]!.datum!);
    plan.outputs[0] = { ...plan.outputs[0]!, datum: encodePool({ ...d, expiry: d.expiry + BigInt(30 * DAY_MS) }) };
    await expectRejected(w, plan, "svcA", "claim: continuing pool datum is the spent one with the bit set");
  });

  it("the continuing pool datum cannot carry an extra field (bloated datum)", async () => {
    const plan = await validClaim(adv1, "A");
    plan.outputs[0] = { ...plan.outputs[0]!, datum: poolDatumWithExtraField(decodePool(plan.outputs[0]!.datum!)) };
    await expectRejected(w, plan, "svcA", "claim: continuing pool datum is the spent one with the bit set");
  });

  it("the continuing pool cannot carry a reference script (the next claimant would pay its fee)", async () => {
    const plan = await validClaim(adv1, "A");
    const pool = plan.outputs[0]!;
    plan.outputs[0] = { ...pool, assets: { ...pool.assets, lovelace: 10_000_000n }, scriptRef: p.lock.script };
    await expectRejected(w, plan, "svcA", "claim: continuing pool carries no reference script");
  });

  it("no more Jet than the amount can leave the pool (continuing pool short by 1 Pack)", async () => {
    const plan = await validClaim(adv1, "A");
    const pool = plan.outputs[0]!;
    plan.outputs[0] = { ...pool, assets: { ...pool.assets, [p.units.jet]: pool.assets[p.units.jet]! - 1n } };
    await expectRejected(w, plan, "svcA", "claim: exactly the amount leaves the pool");
  });

  it("the continuing pool keeps its ADA", async () => {
    const plan = await validClaim(adv1, "A");
    const pool = plan.outputs[0]!;
    plan.outputs[0] = { ...pool, assets: { ...pool.assets, lovelace: pool.assets.lovelace! - 100_000n } };
    await expectRejected(w, plan, "svcA", "claim: continuing pool keeps its ADA");
  });

  it("the pool's staking credential cannot be swapped in the continuing output", async () => {
    const plan = await validClaim(adv1, "A");
    plan.outputs[0] = { ...plan.outputs[0]!, address: scriptAddress(p.pool.hash, w.pkh.attacker) };
    await expectRejected(w, plan, "svcA", "claim: continuing pool keeps the pool address");
  });

  it("the pool cannot be emptied into the service's wallet (no continuing pool)", async () => {
    const plan = await validClaim(adv1, "A");
    plan.outputs.shift();
    await expectRejected(w, plan, "svcA", "claim: exactly one continuing pool");
  });

  it("purpose confusion: a service cannot spend an open pool with the PoolSweep redeemer", async () => {
    const plan = await validClaim(adv1, "A");
    plan.spend[0]!.redeemer = poolSweepRedeemer();
    await expectRejected(w, plan, "svcA", "pool sweep: the state's Sweep burns the pool tokens");
  });

  it("redeemer confusion: an unknown redeemer (Constr 2 []) is rejected", async () => {
    const plan = await validClaim(adv1, "A");
    plan.spend[0]!.redeemer = Data.to(new Constr(2, []));
    await expectRejected(w, plan, "svcA", "pool: unknown redeemer");
  });

  it("redeemer confusion: PoolSweep with fields is rejected", async () => {
    const plan = await validClaim(adv1, "A");
    plan.spend[0]!.redeemer = Data.to(new Constr(1, [0n]));
    await expectRejected(w, plan, "svcA", "pool: unknown redeemer");
  });

  it("a claim cannot mint another token name under the pool (lock-token) policy", async () => {
    const plan = await validClaim(adv1, "A");
    plan.mint = { ...plan.mint!, assets: { ...plan.mint!.assets, [p.pool.hash + "4a6574"]: 1n } };
    await expectRejected(w, plan, "svcA", "lock token: one JetLock per claim");
  });

  it("a claim after the expiry is rejected (the range cannot end by the expiry any more)", async () => {
    const expiry = Number(decodePool((await poolUtxo(w, p, 1, 0)).datum!).expiry);
    travelTo(w, expiry + 60_000);
    const plan = claimUnchecked({ protocol: p, pool: await poolUtxo(w, p, 1, 0), configUtxo: await configUtxo(w, p), entry: entryOf(adv1, "A"), nowMs: w.emulator.now() });
    await expectRejected(w, plan, "svcA", "claim: validity ends by the pool expiry");
  });
});

describe("pool sweep: only an operator, only after expiry, only by burning through the state", () => {
  let w: World;
  let p: Protocol;
  let expiry: number;

  /** The SDK's sweep of both epoch-1 pools, built as if at `nowMs`. */
  async function validSweep(nowMs = w.emulator.now()) {
    const state = await readState(w.lucid, p);
    return sweep({ protocol: p, stateUtxo: state.utxo, configUtxo: await configUtxo(w, p), pools: [await poolUtxo(w, p, 1, 0), await poolUtxo(w, p, 1, 1)], operator: w.pkh.operator, nowMs });
  }

  /** A plan that spends the pools only (PoolSweep), without the state and without burning. */
  function poolsOnly(plan: ReturnType<typeof sweep>, signer: string) {
    const out = clonePlan(plan);
    out.spend = out.spend.filter((s) => s.redeemer === poolSweepRedeemer());
    delete out.mint;
    out.outputs = [];
    out.signers = [signer];
    return out;
  }

  beforeAll(async () => {
    w = await newWorld();
    p = await deploy(w);
    const adv = await advance(
      w,
      p,
      [
        { id: "A", service: w.pkh.svcA, level: 1, amountPack: 20_000n * JET },
        { id: "B", service: w.pkh.svcB, level: 4, amountPack: 10_000n * JET },
        { id: "C", service: w.pkh.svcC, level: 6, amountPack: 5_000n * JET },
      ],
      2,
    );
    const e = entryOf(adv, "A");
    await run(w, claim({ protocol: p, pool: await poolUtxo(w, p, 1, 0), configUtxo: await configUtxo(w, p), entry: e, nowMs: w.emulator.now() }), "svcA");
    expiry = Number(decodePool((await poolUtxo(w, p, 1, 0)).datum!).expiry);
  });

  it("an operator cannot sweep a pool before its expiry", async () => {
    const plan = await validSweep(expiry + 10_000); // the SDK refuses to build it earlier
    plan.validFrom = w.emulator.now() - 1_000;
    await expectRejected(w, plan, "operator", "pool sweep: only after expiry");
  });

  it("an outsider cannot take an expired pool's Jet with the PoolSweep redeemer", async () => {
    travelTo(w, expiry + 60_000);
    const plan = poolsOnly(await validSweep(), w.pkh.attacker);
    await expectRejected(w, plan, "attacker", "pool sweep: the state's Sweep burns the pool tokens");
  });

  // Both the state's Sweep and the pool's PoolSweep require an operator; the evaluator
  // reports the first failing script in input order ("sweep: …" or "pool sweep: …"), which
  // varies with the transaction hashes, so the common part of the two traces is asserted.
  it("an outsider cannot run the operator's sweep (signer replaced; state and pool both refuse)", async () => {
    const plan = await validSweep();
    plan.signers = [w.pkh.attacker];
    await expectRejected(w, plan, "attacker", "signed by an operator");
  });

  it("an operator cannot divert the unclaimed Jet to itself instead of burning it", async () => {
    const plan = await validSweep();
    const burned = -plan.mint!.assets[p.units.jet]!;
    plan.mint = { ...plan.mint!, assets: { [p.units.poolToken]: plan.mint!.assets[p.units.poolToken]! } }; // the tokens still burned
    const st = decodeState(plan.outputs[0]!.datum!);
    plan.outputs[0] = { ...plan.outputs[0]!, datum: encodeState({ ...st, minted: st.minted + burned }) }; // the state's accounting unchanged
    plan.outputs.push({ address: w.accounts.operator.address, assets: { lovelace: 2_000_000n, [p.units.jet]: burned } });
    await expectRejected(w, plan, "operator", "pool sweep: all Jet is burned");
  });

  it("an operator cannot keep a swept pool's token (one JetPool to its wallet instead of the burn)", async () => {
    const plan = await validSweep();
    plan.mint = { ...plan.mint!, assets: { ...plan.mint!.assets, [p.units.poolToken]: plan.mint!.assets[p.units.poolToken]! + 1n } };
    plan.outputs.push({ address: w.accounts.operator.address, assets: { lovelace: 2_000_000n, [p.units.poolToken]: 1n } });
    await expectRejected(w, plan, "operator", "pool sweep: the pool tokens are burned");
  });

  it("an operator cannot mint a lock token beside a sweep (the pool script as policy)", async () => {
    const plan = await validSweep();
    // two policies mint: the Jet policy (Sweep) and the pool script (its lock-token rule,
    // which lets one JetLock through beside a pool spend)
    plan.moreMints = [{ assets: { [p.units.lockToken]: 1n }, redeemer: LOCK_TOKEN_REDEEMER }];
    plan.outputs.push({ address: w.accounts.operator.address, assets: { lovelace: 2_000_000n, [p.units.lockToken]: 1n } });
    await expectRejected(w, plan, "operator", "pool sweep: no lock token is minted");
  });

  it("an operator cannot sweep without spending the state (the Jet to its wallet, minted unchanged)", async () => {
    const plan = poolsOnly(await validSweep(), w.pkh.operator);
    await expectRejected(w, plan, "operator", "pool sweep: the state's Sweep burns the pool tokens");
  });

  it("positive control: after expiry the operator burns the unclaimed Jet and lowers minted", async () => {
    const before = (await readState(w.lucid, p)).datum;
    const { tx } = await run(w, await validSweep(), "operator");
    console.log("sweep (2 pools) ex-units", exUnits(tx), "fee", tx.toTransaction().body().fee());
    const after = (await readState(w.lucid, p)).datum;
    expect(after.minted).toBe(before.minted - 15_000n * JET);
    expect(await w.lucid.utxosAt(p.pool.address)).toEqual([]);
  });
});
