/**
 * The lock rules' reward account made non-zero by someone else (e.g. a governance-action
 * deposit returned to it; the Emulator cannot do that, so the test sets the balance the
 * way the ledger would hold it). A withdrawal must take the whole balance, so the SDK's
 * zero withdrawal would make every reward fail; with `rewardBalance` (what `jetpack
 * reward` reads from the provider) the reward goes through and empties the account.
 */
import { describe, expect, it } from "vitest";
import { newWorld, run } from "../helpers/chain.js";
import { defaultConfig, deploy } from "../helpers/deploy.js";
import { claim } from "../../offchain/tx/pool/claim.js";
import { reward } from "../../offchain/tx/lock/reward.js";
import { advance, configUtxo, entryOf, JET, locksOf, poolUtxo } from "./attacks/pool.helpers.js";

describe("the lock rules' reward account", () => {
  it("a service still pays its users when someone paid into the lock rules' reward account", async () => {
    const w = await newWorld();
    const p = await deploy(w, defaultConfig(w));
    const adv = await advance(w, p, [{ id: "A", service: w.pkh.svcA, level: 1, amountPack: 1_000n * JET }]);
    const e = entryOf(adv, "A");
    await run(w, claim({ protocol: p, pool: await poolUtxo(w, p, 1, e.shard), configUtxo: await configUtxo(w, p), entry: e, nowMs: w.emulator.now() }), "svcA");
    const chain = (w.emulator as unknown as { chain: Record<string, { delegation: { rewards: bigint } }> }).chain;
    chain[p.lockRules.rewardAddress]!.delegation.rewards = 3_000_000n;
    const plan = (balance?: bigint) =>
      locksOf(w, p, w.pkh.svcA).then(async ([lock]) => reward({ protocol: p, locks: [lock!], configUtxo: await configUtxo(w, p), payouts: [{ address: w.accounts.user1.address, amountPack: 1n * JET }], rewardBalance: balance }));
    await expect(run(w, await plan(), "svcA")).rejects.toThrow(/Withdrawal amount doesn.t match actual reward balance/);
    await run(w, await plan(3_000_000n), "svcA");
    expect(chain[p.lockRules.rewardAddress]!.delegation.rewards).toBe(0n);
    expect((await w.lucid.utxosAt(w.accounts.user1.address)).reduce((a, u) => a + (u.assets[p.units.jet] ?? 0n), 0n)).toBe(1n * JET);
  });
});
