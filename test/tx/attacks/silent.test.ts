/**
 * The deployed scripts refuse what the traced ones refuse. The attack suites run against the
 * verbose build, whose failures name their check; the silent build (`plutus.json`, the one a
 * deployer publishes) is the same code without the strings. Here one attack per family of
 * checks runs against plutus.json, next to the unmutated transaction it was made from, which
 * is accepted: the rejection comes from the rule, not from the build.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { newWorld, run, type Actor, type World } from "../../helpers/chain.js";
import { deploy, publish, defaultConfig } from "../../../offchain/emulator/world.js";
import { deployedValidators } from "../../../offchain/demo/section.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { toTx, type TxPlan } from "../../../offchain/tx/plan.js";
import { genesis } from "../../../offchain/tx/genesis.js";
import { advanceEpoch, epochStart } from "../../../offchain/tx/emission/advance.js";
import { sweep } from "../../../offchain/tx/emission/sweep.js";
import { claim } from "../../../offchain/tx/pool/claim.js";
import { reward } from "../../../offchain/tx/lock/reward.js";
import { updateConfig } from "../../../offchain/tx/config/update.js";
import { decodeConfig, decodeState, encodeState } from "../../../offchain/codec/data.js";
import { readConfig, readPools, readState } from "../../../offchain/readers.js";
import { emissionPack } from "../../../offchain/economics/emission.js";
import { chainFTotal } from "../../../offchain/epoch.js";
import { claimUnchecked, clonePlan, entryOf, JET, locksOf, travelTo } from "./pool.helpers.js";

/** `complete()` with local evaluation fails; the silent build gives no trace to assert. */
async function expectSilentRejection(w: World, plan: TxPlan, payer: Actor): Promise<void> {
  w.lucid.selectWallet.fromSeed(w.accounts[payer].seedPhrase);
  let failed = false;
  try {
    await toTx(w.lucid, plan).complete({ localUPLCEval: true });
  } catch {
    failed = true;
  }
  expect(failed, "the silent build accepted the mutated transaction").toBe(true);
}

async function complete(w: World, plan: TxPlan, payer: Actor): Promise<void> {
  w.lucid.selectWallet.fromSeed(w.accounts[payer].seedPhrase);
  await toTx(w.lucid, plan).complete({ localUPLCEval: true });
}

describe("the silent deployed scripts (plutus.json) reject an attack of every family", () => {
  let w: World;
  let p: Protocol;
  let adv: ReturnType<typeof advanceEpoch>;

  beforeAll(async () => {
    w = await newWorld();
    p = await deploy(w, deployedValidators());
    const st = await readState(w.lucid, p);
    const cf = await readConfig(w.lucid, p);
    adv = advanceEpoch({
      protocol: p,
      stateUtxo: st.utxo,
      configUtxo: cf.utxo,
      fTotalPack: emissionPack(1),
      entries: [
        { id: "A", service: w.pkh.svcA, level: 1, amountPack: 20_000n * JET },
        { id: "B", service: w.pkh.svcB, level: 9, amountPack: 1_000n * JET },
      ],
      operator: w.pkh.operator,
      nowMs: w.emulator.now(),
    });
  });

  it("advance: one Pack more than the schedule allows is refused", async () => {
    await complete(w, adv.plan, "operator");
    const bad = clonePlan(adv.plan);
    const pool = bad.outputs.find((o) => o.address === p.pool.address)!;
    const st = bad.outputs.find((o) => o.address === p.emission.address)!;
    bad.mint!.assets[p.units.jet] = emissionPack(1) + 1n;
    pool.assets[p.units.jet] = emissionPack(1) + 1n;
    st.datum = encodeState({ ...decodeState(st.datum!), minted: emissionPack(1) + 1n });
    await expectSilentRejection(w, bad, "operator");
  });

  it("time: the advance of epoch 2 before its start is refused", async () => {
    await run(w, adv.plan, "operator");
    const st = await readState(w.lucid, p);
    const next = advanceEpoch({ protocol: p, stateUtxo: st.utxo, configUtxo: (await readConfig(w.lucid, p)).utxo, fTotalPack: chainFTotal(st.datum), entries: [], operator: w.pkh.operator, nowMs: Number(epochStart(p.params.genesisTimeMs, 2)) });
    const early = clonePlan(next.plan);
    early.validFrom = w.emulator.now();
    await expectSilentRejection(w, early, "operator");
  });

  it("claim: a service cannot claim twice", async () => {
    const e = entryOf(adv, "A");
    const [pool] = (await readPools(w.lucid, p, 1)).filter((x) => x.datum.shard === BigInt(e.shard));
    const plan = claim({ protocol: p, pool: pool!.utxo, configUtxo: (await readConfig(w.lucid, p)).utxo, entry: e, nowMs: w.emulator.now() });
    await run(w, plan, "svcA");
    const [after] = (await readPools(w.lucid, p, 1)).filter((x) => x.datum.shard === BigInt(e.shard));
    // the SDK refuses a claimed leaf; the same claim built without its checks
    await expectSilentRejection(w, claimUnchecked({ protocol: p, pool: after!.utxo, configUtxo: (await readConfig(w.lucid, p)).utxo, entry: e, nowMs: w.emulator.now() }), "svcA");
  });

  it("reward: a service cannot pay Jet to its own key", async () => {
    const locks = await locksOf(w, p, w.pkh.svcA);
    const cfg = (await readConfig(w.lucid, p)).utxo;
    const plan = reward({ protocol: p, locks, configUtxo: cfg, payouts: [{ address: w.accounts.user1.address, amountPack: JET }] });
    await complete(w, plan, "svcA");
    const bad = clonePlan(plan); // the SDK refuses the owner's address: the payout redirected after
    bad.outputs.find((o) => o.address === w.accounts.user1.address)!.address = w.accounts.svcA.address;
    await expectSilentRejection(w, bad, "svcA");
  });

  it("config: one governor alone is below the quorum of two", async () => {
    const cf = await readConfig(w.lucid, p);
    const next = { ...decodeConfig(cf.utxo.datum!), claimWindowMs: 2n * 86_400_000n };
    const { poolScript: _p, lockScript: _l, ...rest } = next;
    const plan = updateConfig({ protocol: p, configUtxo: cf.utxo, next: rest, signers: [w.pkh.govA, w.pkh.govB], nowMs: w.emulator.now() });
    await complete(w, plan, "govA").catch(() => undefined); // needs both signatures to build
    const bad = clonePlan(plan);
    bad.signers = [w.pkh.govA];
    await expectSilentRejection(w, bad, "govA");
  });

  it("sweep: pools cannot be swept before their expiry, and the state's minted must fall by the burn", async () => {
    const pools = (await readPools(w.lucid, p, 1)).map((x) => x.utxo);
    const expiry = Number((await readPools(w.lucid, p, 1))[0]!.datum.expiry);
    travelTo(w, expiry + 60_000);
    const plan = sweep({ protocol: p, stateUtxo: (await readState(w.lucid, p)).utxo, configUtxo: (await readConfig(w.lucid, p)).utxo, pools, operator: w.pkh.operator, nowMs: w.emulator.now() });
    await complete(w, plan, "operator");
    const early = clonePlan(plan);
    early.validFrom = expiry - 60_000;
    await expectSilentRejection(w, early, "operator");
    const unchanged = clonePlan(plan);
    const st = unchanged.outputs.find((o) => o.address === p.emission.address)!;
    st.datum = (await readState(w.lucid, p)).utxo.datum!;
    await expectSilentRejection(w, unchanged, "operator");
  });
  // Last: a second Emulator resets Lucid's slot configuration of the "Custom" network, by
  // which the first world converts its validity ranges.
  it("genesis: a state that does not start at (0, 0, 0) is refused", async () => {
    const w2 = await newWorld();
    const p2 = await publish(w2, deployedValidators());
    const [seed] = (await w2.lucid.utxosAt(w2.accounts.deployer.address)).filter((u) => u.txHash === p2.params.seed.txHash && u.outputIndex === p2.params.seed.outputIndex);
    const plan = genesis({ protocol: p2, seed: seed!, config: defaultConfig(w2) });
    await complete(w2, plan, "deployer");
    const bad = clonePlan(plan);
    bad.outputs[0]!.datum = encodeState({ epoch: 0n, scheduled: 0n, minted: 1n });
    await expectSilentRejection(w2, bad, "deployer");
  });
});
