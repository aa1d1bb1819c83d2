/**
 * Attacks on the service lock validator (Reward; merging is a reward with no payouts), in
 * the Emulator.
 *
 * Method (docs/protocol.md): each attack takes a VALID plan from the SDK builder
 * (offchain/tx/lock/reward.ts), changes exactly one thing, and expects `complete()` (local
 * script evaluation on) to fail with the trace of the check that names the attack.
 *
 * World: epoch 1 gives svcA 20,000 Jet, svcB 10,000, svcC 5,000; epoch 2 gives svcA 3,000
 * more, so svcA owns two locks. A second world configures a reward attestor (govC).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Constr, Data, type UTxO } from "@lucid-evolution/lucid";
import { expectRejected, exUnits, newWorld, run, type World } from "../../helpers/chain.js";
import { defaultConfig, deploy } from "../../helpers/deploy.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { epochStart, type AdvanceResult } from "../../../offchain/tx/emission/advance.js";
import { claim } from "../../../offchain/tx/pool/claim.js";
import { mergeLocks, reward, type Payout } from "../../../offchain/tx/lock/reward.js";
import { encodeLock } from "../../../offchain/codec/data.js";
import { advance, configUtxo, entryOf, fakeKeyHash, forgeConfig, JET, jetOf, keyAddress, lockDatumWithExtraField, locksOf, mintJunk, poolUtxo, scriptAddress, travelTo } from "./pool.helpers.js";

/** Claims service `id`'s leaf of an advance (SDK plan, signed by `actor`). */
async function claimAll(w: World, p: Protocol, adv: AdvanceResult, who: [string, "svcA" | "svcB" | "svcC"][]) {
  for (const [id, actor] of who) {
    const e = entryOf(adv, id);
    await run(w, claim({ protocol: p, pool: await poolUtxo(w, p, adv.epoch, e.shard), configUtxo: await configUtxo(w, p), entry: e, nowMs: w.emulator.now() }), actor);
  }
}

describe("lock: Jet leaves a service's lock only to users", () => {
  let w: World;
  let p: Protocol;
  let junk: string;

  /** svcA's locks, the largest first. */
  async function locksA(): Promise<UTxO[]> {
    return (await locksOf(w, p, w.pkh.svcA)).sort((a, b) => Number(jetOf(p, b.assets) - jetOf(p, a.assets)));
  }

  /** The SDK's reward from svcA's largest lock: 1 Jet to user1, 2 Jet to user2, the rest back. */
  async function validReward(payouts?: Payout[]) {
    return reward({
      protocol: p,
      locks: [(await locksA())[0]!],
      configUtxo: await configUtxo(w, p),
      payouts: payouts ?? [
        { address: w.accounts.user1.address, amountPack: 1n * JET },
        { address: w.accounts.user2.address, amountPack: 2n * JET },
      ],
    });
  }

  beforeAll(async () => {
    w = await newWorld();
    p = await deploy(w);
    junk = await mintJunk(w, ["svcA"]);
    const adv1 = await advance(w, p, [
      { id: "A", service: w.pkh.svcA, level: 1, amountPack: 20_000n * JET },
      { id: "B", service: w.pkh.svcB, level: 4, amountPack: 10_000n * JET },
      { id: "C", service: w.pkh.svcC, level: 6, amountPack: 5_000n * JET },
    ]);
    await claimAll(w, p, adv1, [["A", "svcA"], ["B", "svcB"], ["C", "svcC"]]);
    travelTo(w, Number(epochStart(p.params.genesisTimeMs, 2)) + 1000);
    const adv2 = await advance(w, p, [{ id: "A", service: w.pkh.svcA, level: 1, amountPack: 3_000n * JET }]);
    await claimAll(w, p, adv2, [["A", "svcA"]]);
  });

  it("positive control: a service pays two users from its lock; the rest stays locked", async () => {
    const { tx } = await run(w, await validReward(), "svcA");
    console.log("reward (1 lock, 2 payouts) ex-units", exUnits(tx), "fee", tx.toTransaction().body().fee());
    expect((await locksA()).map((u) => jetOf(p, u.assets))).toEqual([19_997n * JET, 3_000n * JET]);
    const u2 = await w.lucid.utxosAt(w.accounts.user2.address);
    expect(u2.reduce((s, u) => s + jetOf(p, u.assets), 0n)).toBe(2n * JET);
  });

  it("a reward not signed by the owner is rejected (signed by an attacker instead)", async () => {
    const plan = await validReward();
    plan.signers = [w.pkh.attacker];
    await expectRejected(w, plan, "attacker", "lock: signed by the owner");
  });

  it("a service cannot pay its own key from its lock", async () => {
    const plan = await validReward();
    plan.outputs[0] = { ...plan.outputs[0]!, address: w.accounts.svcA.address };
    await expectRejected(w, plan, "svcA", "lock: Jet may not be paid to the owner's key");
  });

  it("a service cannot pay an address whose stake part is its own key", async () => {
    const plan = await validReward();
    plan.outputs[0] = { ...plan.outputs[0]!, address: keyAddress(w.pkh.user1, w.pkh.svcA) };
    await expectRejected(w, plan, "svcA", "lock: Jet may not be paid to the owner's stake key");
  });

  it("a service cannot pay Jet to a script (the pool address)", async () => {
    const plan = await validReward();
    plan.outputs[0] = { ...plan.outputs[0]!, address: p.pool.address };
    await expectRejected(w, plan, "svcA", "lock: Jet may only be paid to a key, not a script");
  });

  it("a service cannot pay Jet to a script (any other script hash)", async () => {
    const plan = await validReward();
    plan.outputs[0] = { ...plan.outputs[0]!, address: scriptAddress(fakeKeyHash(7)) };
    await expectRejected(w, plan, "svcA", "lock: Jet may only be paid to a key, not a script");
  });

  it("a service cannot pay Jet into another owner's lock (the lock address with another datum)", async () => {
    const plan = await validReward();
    plan.outputs[0] = { ...plan.outputs[0]!, address: p.lock.address, datum: encodeLock({ owner: w.pkh.user1 }) };
    await expectRejected(w, plan, "svcA", "lock: continuing lock keeps its owner");
  });

  it("a service cannot pay Jet to the lock script under another address (a stake credential added)", async () => {
    const plan = await validReward();
    plan.outputs[0] = { ...plan.outputs[0]!, address: scriptAddress(p.lock.hash, w.pkh.user1), datum: encodeLock({ owner: w.pkh.user1 }) };
    await expectRejected(w, plan, "svcA", "lock: continuing lock keeps the lock address");
  });

  it("the remainder cannot be split over two continuing locks", async () => {
    // Both of svcA's locks are spent, so both lock tokens are there to keep: nothing burned.
    const plan = reward({ protocol: p, locks: await locksA(), configUtxo: await configUtxo(w, p), payouts: [{ address: w.accounts.user1.address, amountPack: 1n * JET }] });
    delete plan.mint;
    const cont = plan.outputs[1]!;
    const half = jetOf(p, cont.assets) / 2n;
    plan.outputs[1] = { ...cont, assets: { ...cont.assets, [p.units.jet]: half } };
    plan.outputs.push({ ...cont, assets: { ...cont.assets, [p.units.jet]: jetOf(p, cont.assets) - half } });
    await expectRejected(w, plan, "svcA", "lock: at most one continuing lock");
  });

  it("datum hijack: the continuing lock cannot change its owner", async () => {
    const plan = await validReward();
    plan.outputs[2] = { ...plan.outputs[2]!, datum: encodeLock({ owner: w.pkh.attacker }) };
    await expectRejected(w, plan, "svcA", "lock: continuing lock keeps its owner");
  });

  it("the continuing lock datum cannot carry an extra field (bloated datum)", async () => {
    const plan = await validReward();
    plan.outputs[2] = { ...plan.outputs[2]!, datum: lockDatumWithExtraField(w.pkh.svcA) };
    await expectRejected(w, plan, "svcA", "lock: continuing lock keeps its owner");
  });

  it("the continuing lock cannot carry a staking credential", async () => {
    const plan = await validReward();
    plan.outputs[2] = { ...plan.outputs[2]!, address: scriptAddress(p.lock.hash, w.pkh.svcA) };
    await expectRejected(w, plan, "svcA", "lock: continuing lock keeps the lock address");
  });

  it("a junk token cannot be added to the continuing lock", async () => {
    const plan = await validReward();
    const cont = plan.outputs[2]!;
    plan.outputs[2] = { ...cont, assets: { ...cont.assets, [junk]: 1n } };
    await expectRejected(w, plan, "svcA", "lock: continuing lock holds ADA, Jet and its lock token");
  });

  it("locks of two owners cannot be spent in one transaction (svcB's Jet into svcA's lock)", async () => {
    const plan = await validReward();
    const [lockB] = await locksOf(w, p, w.pkh.svcB);
    plan.spend[0]!.utxos.push(lockB!);
    const cont = plan.outputs[2]!;
    plan.outputs[2] = { ...cont, assets: { ...cont.assets, [p.units.jet]: jetOf(p, cont.assets) + jetOf(p, lockB!.assets) } };
    plan.signers.push(w.pkh.svcB);
    await expectRejected(w, plan, "svcA", "lock: one owner per transaction");
  });

  it("double satisfaction: two locks of one owner cannot be settled by one lock's worth (the rest to the owner)", async () => {
    const [big, small] = await locksA();
    const plan = mergeLocks({ protocol: p, locks: [big!, small!], configUtxo: await configUtxo(w, p) });
    const cont = plan.outputs[0]!;
    plan.outputs[0] = { ...cont, assets: { ...cont.assets, [p.units.jet]: jetOf(p, big!.assets) } }; // the small lock's Jet is left for the change output (svcA's key)
    await expectRejected(w, plan, "svcA", "lock: Jet may not be paid to the owner's key");
  });

  it("a lock cannot be spent without the lock rules' withdrawal (the rules would not run)", async () => {
    const plan = await validReward();
    delete plan.withdraw;
    plan.spend[0]!.redeemer = Data.to(new Constr(1, [])); // the lock reads no redeemer: the rules decide
    await expectRejected(w, plan, "svcA", "lock: the lock rules run (withdrawal by their script)");
  });

  it("purpose confusion: the lock script fails as a minting policy", async () => {
    const plan = await validReward();
    plan.mint = { assets: { [p.lock.hash + "4a6574"]: 1n }, redeemer: Data.to(new Constr(0, [])) };
    await expectRejected(w, plan, "svcA", "lock: unsupported purpose");
  });

  it("positive: merging two locks of one owner succeeds (a reward with no payouts)", async () => {
    const { tx } = await run(w, mergeLocks({ protocol: p, locks: await locksA(), configUtxo: await configUtxo(w, p) }), "svcA");
    console.log("merge (2 locks) ex-units", exUnits(tx), "fee", tx.toTransaction().body().fee());
    expect((await locksA()).map((u) => jetOf(p, u.assets))).toEqual([22_997n * JET]);
  });

  it("positive: a reward with 100 user payouts fits in one transaction", async () => {
    const N = 100;
    const payouts: Payout[] = Array.from({ length: N }, (_, i) => ({ address: keyAddress(fakeKeyHash(i + 1), fakeKeyHash(i + 1, 1)), amountPack: BigInt(i + 1) * JET }));
    const plan = reward({ protocol: p, locks: await locksOf(w, p, w.pkh.svcA), configUtxo: await configUtxo(w, p), payouts });
    const { tx } = await run(w, plan, "svcA");
    const size = tx.toCBOR().length / 2;
    const ex = exUnits(tx);
    console.log(`reward (${N} payouts): size ${size} bytes, ex-units`, ex, "fee", tx.toTransaction().body().fee());
    expect(size).toBeLessThanOrEqual(16_384);
    expect(ex[0]!.mem).toBeLessThanOrEqual(14_000_000n);
    expect(ex[0]!.steps).toBeLessThanOrEqual(10_000_000_000n);
    const paid = (await w.lucid.utxosAt(payouts[N - 1]!.address)).reduce((s, u) => s + jetOf(p, u.assets), 0n);
    expect(paid).toBe(BigInt(N) * JET);
  });
});

describe("lock: with a reward attestor in the config, it must co-sign", () => {
  let w: World;
  let p: Protocol;

  async function validReward() {
    return reward({
      protocol: p,
      locks: await locksOf(w, p, w.pkh.svcA),
      configUtxo: await configUtxo(w, p),
      payouts: [{ address: w.accounts.user1.address, amountPack: 5n * JET }],
      extraSigners: [w.pkh.govC],
    });
  }

  beforeAll(async () => {
    w = await newWorld();
    p = await deploy(w, defaultConfig(w, { rewardAttestor: w.pkh.govC }));
    const adv = await advance(w, p, [{ id: "A", service: w.pkh.svcA, level: 1, amountPack: 20_000n * JET }]);
    await claimAll(w, p, adv, [["A", "svcA"]]);
  });

  it("a reward the attestor did not sign is rejected", async () => {
    const plan = await validReward();
    plan.signers = plan.signers.filter((k) => k !== w.pkh.govC);
    await expectRejected(w, plan, "svcA", "lock: signed by the reward attestor");
  });

  it("a forged config without the NFT (and without the attestor) cannot stand in for the real one", async () => {
    const forged = await forgeConfig(w, p, "svcA", (c) => ({ ...c, rewardAttestor: null }));
    const plan = await validReward();
    plan.reference = plan.reference.map((u) => (u.address === p.config.address ? forged : u));
    plan.signers = plan.signers.filter((k) => k !== w.pkh.govC);
    await expectRejected(w, plan, "svcA", "config reference input missing");
  });

  it("positive control: the attestor co-signs and the reward goes through", async () => {
    const { tx } = await run(w, await validReward(), "svcA", ["govC"]);
    console.log("reward with attestor ex-units", exUnits(tx));
    const u1 = await w.lucid.utxosAt(w.accounts.user1.address);
    expect(u1.reduce((s, u) => s + jetOf(p, u.assets), 0n)).toBe(5n * JET);
  });
});
