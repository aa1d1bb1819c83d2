/**
 * Authentication tokens (docs/protocol.md, "Authenticated UTxOs"): every claim pool holds
 * one JetPool (Jet policy, minted by the advance, burned by the sweep) and every service
 * lock one JetLock (the pool script as policy, minted by a claim, burned when a lock is
 * merged or emptied). Anyone can copy a datum to a script address; no one can copy the
 * token. Each test tries to forge a token, make one escape its UTxO, or make a reader
 * trust a copy, and asserts the named failure.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Data, type UTxO } from "@lucid-evolution/lucid";
import { expectRejected, newWorld, run, type World } from "../../helpers/chain.js";
import { defaultConfig, deploy } from "../../helpers/deploy.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { emptyPlan, toTx, useScript } from "../../../offchain/tx/plan.js";
import { emissionRedeemer, encodeLock, rewardRedeemer } from "../../../offchain/codec/data.js";
import { claim, LOCK_TOKEN_REDEEMER } from "../../../offchain/tx/pool/claim.js";
import { mergeLocks, reward } from "../../../offchain/tx/lock/reward.js";
import { readLocks, readPools } from "../../../offchain/readers.js";
import { epochStart } from "../../../offchain/tx/emission/advance.js";
import { advance, claimUnchecked, clonePlan, configUtxo, DAY_MS, entryOf, JET, locksOf, poolUtxo, travelTo } from "./pool.helpers.js";
import type { AdvanceResult } from "../../../offchain/tx/emission/advance.js";

describe("authentication tokens: only the protocol's rules make them, and they never leave their UTxO", () => {
  let w: World;
  let p: Protocol;
  let adv1: AdvanceResult;

  /** Puts a UTxO with `datum` and `assets` at `address`, paid by the attacker. */
  async function plant(address: string, datum: string, lovelace = 2_000_000n): Promise<UTxO> {
    w.lucid.selectWallet.fromSeed(w.accounts.attacker.seedPhrase);
    const tx = await w.lucid.newTx().pay.ToContract(address, { kind: "inline", value: datum }, { lovelace }).complete();
    const hash = await (await tx.sign.withWallet().complete()).submit();
    w.emulator.awaitBlock(1);
    const [u] = await w.lucid.utxosByOutRef([{ txHash: hash, outputIndex: 0 }]);
    return u!;
  }

  async function validClaim(id: string) {
    const e = entryOf(adv1, id);
    return claim({ protocol: p, pool: await poolUtxo(w, p, 1, e.shard), entry: e, nowMs: w.emulator.now() });
  }

  beforeAll(async () => {
    w = await newWorld();
    p = await deploy(w, defaultConfig(w, { claimWindowMs: BigInt(12 * DAY_MS) }));
    adv1 = await advance(w, p, [
      { id: "A", service: w.pkh.svcA, level: 1, amountPack: 20_000n * JET },
      { id: "B", service: w.pkh.svcB, level: 4, amountPack: 10_000n * JET },
    ]);
    // svcB claims twice over two epochs, so it has two locks to merge or empty
    await run(w, await validClaim("B"), "svcB");
    travelTo(w, Number(epochStart(p.params.genesisTimeMs, 2)) + 1000);
    const adv2 = await advance(w, p, [{ id: "B", service: w.pkh.svcB, level: 4, amountPack: 5_000n * JET }]);
    const e2 = entryOf(adv2, "B");
    await run(w, claim({ protocol: p, pool: await poolUtxo(w, p, 2, e2.shard), entry: e2, nowMs: w.emulator.now() }), "svcB");
  });

  // ## Pools

  it("a copy of a pool's datum without its pool token is not read as a pool, and a claim from it fails", async () => {
    const real = await poolUtxo(w, p, 1, entryOf(adv1, "A").shard);
    const fake = await plant(p.pool.address, real.datum!);
    expect((await readPools(w.lucid, p, 1)).map((r) => r.utxo.txHash)).not.toContain(fake.txHash);
    expect(() => claim({ protocol: p, pool: fake, entry: { ...entryOf(adv1, "A"), amountPack: 0n }, nowMs: w.emulator.now() })).toThrow(/holds no JetPool token/);
    // (no Jet exists outside the protocol yet, so the copy asks for none; it fails before any amount rule)
    const plan = claimUnchecked({ protocol: p, pool: fake, configUtxo: await configUtxo(w, p), entry: { ...entryOf(adv1, "A"), amountPack: 0n }, nowMs: w.emulator.now() });
    plan.outputs[0] = { ...plan.outputs[0]!, assets: { lovelace: 2_000_000n } };
    await expectRejected(w, plan, "svcA", "claim: the pool holds its pool token");
  });

  it("no one can mint a pool token without spending the state (the Advance redeemer alone)", async () => {
    const plan = emptyPlan();
    plan.mint = { assets: { [p.units.poolToken]: 1n }, redeemer: emissionRedeemer("Advance") };
    plan.outputs.push({ address: p.pool.address, assets: { lovelace: 2_000_000n, [p.units.poolToken]: 1n }, datum: (await poolUtxo(w, p, 1, 0)).datum! });
    useScript(plan, p, "emission");
    await expectRejected(w, plan, "attacker", "mint: the state UTxO must be spent");
  });

  it("a claim cannot take the pool token out of the pool (to the service's wallet)", async () => {
    const plan = await validClaim("A");
    const { [p.units.poolToken]: token, ...rest } = plan.outputs[0]!.assets;
    plan.outputs[0] = { ...plan.outputs[0]!, assets: rest };
    plan.outputs.push({ address: w.accounts.svcA.address, assets: { lovelace: 2_000_000n, [p.units.poolToken]: token! } });
    await expectRejected(w, plan, "svcA", "claim: continuing pool holds ADA, Jet and its pool token");
  });

  // ## Locks

  it("no one can mint a lock token without spending a pool", async () => {
    const plan = emptyPlan();
    plan.mint = { assets: { [p.units.lockToken]: 1n }, redeemer: LOCK_TOKEN_REDEEMER };
    plan.outputs.push({ address: p.lock.address, assets: { lovelace: 2_000_000n, [p.units.lockToken]: 1n }, datum: encodeLock({ owner: w.pkh.attacker }) });
    useScript(plan, p, "pool");
    await expectRejected(w, plan, "attacker", "lock token: minted only beside a pool spend");
  });

  it("a claim cannot mint a second lock token (one to the service's wallet)", async () => {
    const plan = await validClaim("A");
    plan.mint = { ...plan.mint!, assets: { [p.units.lockToken]: 2n } };
    plan.outputs.push({ address: w.accounts.svcA.address, assets: { lovelace: 2_000_000n, [p.units.lockToken]: 1n } });
    await expectRejected(w, plan, "svcA", "lock token: one JetLock per claim");
  });

  it("a claim's lock cannot go without its lock token (the token to the service's wallet)", async () => {
    const plan = await validClaim("A");
    const { [p.units.lockToken]: token, ...rest } = plan.outputs[1]!.assets;
    plan.outputs[1] = { ...plan.outputs[1]!, assets: rest };
    plan.outputs.push({ address: w.accounts.svcA.address, assets: { lovelace: 2_000_000n, [p.units.lockToken]: token! } });
    await expectRejected(w, plan, "svcA", "claim: lock holds ADA, Jet and its lock token");
  });

  it("a copy of a service's lock datum without the lock token is not read as a lock", async () => {
    const fake = await plant(p.lock.address, encodeLock({ owner: w.pkh.svcB }));
    expect((await readLocks(w.lucid, p, w.pkh.svcB)).map((r) => r.utxo.txHash)).not.toContain(fake.txHash);
    expect(() => reward({ protocol: p, locks: [fake], configUtxo: fake, payouts: [] })).toThrow(/holds no JetLock token/);
  });

  it("a reward cannot pay the lock token out to a user", async () => {
    const [lock] = await locksOf(w, p, w.pkh.svcB);
    const plan = reward({ protocol: p, locks: [lock!], configUtxo: await configUtxo(w, p), payouts: [{ address: w.accounts.user1.address, amountPack: lock!.assets[p.units.jet]! }] });
    delete plan.mint; // the emptied lock's token is not burned …
    plan.outputs[0] = { ...plan.outputs[0]!, assets: { ...plan.outputs[0]!.assets, [p.units.lockToken]: 1n } }; // … but paid to user1
    await expectRejected(w, plan, "svcB", "lock: the lock token stays in its lock");
  });

  it("a merge cannot keep both lock tokens in the continuing lock", async () => {
    const plan = mergeLocks({ protocol: p, locks: await locksOf(w, p, w.pkh.svcB), configUtxo: await configUtxo(w, p) });
    delete plan.mint;
    plan.outputs[0] = { ...plan.outputs[0]!, assets: { ...plan.outputs[0]!.assets, [p.units.lockToken]: 2n } };
    await expectRejected(w, plan, "svcB", "lock: continuing lock holds ADA, Jet and its lock token");
  });

  it("a merge cannot continue without a lock token (both burned)", async () => {
    const plan = mergeLocks({ protocol: p, locks: await locksOf(w, p, w.pkh.svcB), configUtxo: await configUtxo(w, p) });
    plan.mint = { ...plan.mint!, assets: { [p.units.lockToken]: -2n } };
    const { [p.units.lockToken]: _t, ...rest } = plan.outputs[0]!.assets;
    plan.outputs[0] = { ...plan.outputs[0]!, assets: rest };
    await expectRejected(w, plan, "svcB", "lock: continuing lock holds ADA, Jet and its lock token");
  });

  it("the lock rules' withdrawal spends no lock by itself", async () => {
    const plan = emptyPlan();
    plan.withdraw = { rewardAddress: p.lockRules.rewardAddress, redeemer: rewardRedeemer() };
    plan.reference.push(await configUtxo(w, p));
    useScript(plan, p, "lockRules");
    await expectRejected(w, plan, "attacker", "lock: a lock is spent");
  });

  it("no one can deregister the lock rules' stake credential (the locks would freeze)", async () => {
    w.lucid.selectWallet.fromSeed(w.accounts.attacker.seedPhrase);
    let message = "";
    try {
      await w.lucid.newTx().readFrom([p.refs!.lockRules!]).deRegisterStake(p.lockRules.rewardAddress, Data.void()).complete({ localUPLCEval: true });
    } catch (e) {
      message = String((e as Error)?.message ?? e) + JSON.stringify(e, Object.getOwnPropertyNames(e as object));
    }
    expect(message).toContain("lock rules: unsupported purpose");
  });

  it("positive control: a merge burns one token and an emptying reward the last", async () => {
    const merge = mergeLocks({ protocol: p, locks: await locksOf(w, p, w.pkh.svcB), configUtxo: await configUtxo(w, p) });
    expect(merge.mint!.assets[p.units.lockToken]).toBe(-1n);
    await run(w, clonePlan(merge), "svcB");
    const [lock] = await locksOf(w, p, w.pkh.svcB);
    expect(lock!.assets[p.units.lockToken]).toBe(1n);
    const empty = reward({ protocol: p, locks: [lock!], configUtxo: await configUtxo(w, p), payouts: [{ address: w.accounts.user1.address, amountPack: lock!.assets[p.units.jet]! }] });
    await run(w, empty, "svcB");
    expect(await locksOf(w, p, w.pkh.svcB)).toEqual([]);
    expect(await w.lucid.utxosAtWithUnit(p.lock.address, p.units.lockToken)).toEqual([]);
  });
});
