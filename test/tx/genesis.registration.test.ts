/**
 * Front-running the lock rules' registration (docs/protocol.md, threat model): anyone can
 * register the lock rules' stake credential first, with a certificate that needs no
 * witness, and so make a genesis that registers it fail (its seed stays unspent). The
 * retry leaves the certificate out (`registerLockRules: false`, `init
 * --lock-rules-registered`), and the instance works: a claim, then a reward through the
 * lock rules' withdrawal.
 */
import { describe, expect, it } from "vitest";
import { newWorld, run } from "../helpers/chain.js";
import { defaultConfig } from "../helpers/deploy.js";
import { publish } from "../../offchain/emulator/world.js";
import { tracedValidators } from "../helpers/scripts.js";
import { genesis } from "../../offchain/tx/genesis.js";
import { claim } from "../../offchain/tx/pool/claim.js";
import { reward } from "../../offchain/tx/lock/reward.js";
import { advance, configUtxo, entryOf, JET, locksOf, poolUtxo } from "./attacks/pool.helpers.js";

describe("the lock rules' registration, front-run", () => {
  it("a genesis after someone registered the lock rules first succeeds without the certificate, and rewards work", async () => {
    const w = await newWorld();
    const p = await publish(w, await tracedValidators());
    // the attacker registers the credential first
    w.lucid.selectWallet.fromSeed(w.accounts.attacker.seedPhrase);
    const reg = await w.lucid.newTx().registerStake(p.lockRules.rewardAddress).complete();
    await (await reg.sign.withWallet().complete()).submit();
    w.emulator.awaitBlock(1);
    const [seed] = (await w.lucid.utxosAt(w.accounts.deployer.address)).filter((u) => u.txHash === p.params.seed.txHash && u.outputIndex === p.params.seed.outputIndex);
    // the genesis with the certificate is refused, and its seed stays unspent
    await expect(run(w, genesis({ protocol: p, seed: seed!, config: defaultConfig(w) }), "deployer")).rejects.toThrow(/already registered/i);
    await run(w, genesis({ protocol: p, seed: seed!, config: defaultConfig(w), registerLockRules: false }), "deployer");
    const adv = await advance(w, p, [{ id: "A", service: w.pkh.svcA, level: 1, amountPack: 1_000n * JET }]);
    await run(w, claim({ protocol: p, pool: await poolUtxo(w, p, 1, 0), entry: entryOf(adv, "A"), nowMs: w.emulator.now() }), "svcA");
    const [lock] = await locksOf(w, p, w.pkh.svcA);
    await run(w, reward({ protocol: p, locks: [lock!], configUtxo: await configUtxo(w, p), payouts: [{ address: w.accounts.user1.address, amountPack: 1n * JET }] }), "svcA");
    expect((await locksOf(w, p, w.pkh.svcA)).map((l) => l.assets[p.units.jet])).toEqual([999n * JET]);
  }, 120_000);
});
