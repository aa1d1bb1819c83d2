/**
 * Caps are fixed at the advance (finding: retroactive caps). A pool holds the config's level
 * caps of the moment it was created, and a claim checks those: governors lowering a cap
 * later cannot make that epoch's leaves unclaimable, while the next advance takes the new
 * caps.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectRejected, newWorld, run, type World } from "../../helpers/chain.js";
import { defaultConfig, deploy } from "../../helpers/deploy.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { claim } from "../../../offchain/tx/pool/claim.js";
import { updateConfig } from "../../../offchain/tx/config/update.js";
import { decodeConfig } from "../../../offchain/codec/data.js";
import { readPools } from "../../../offchain/readers.js";
import { epochStart } from "../../../offchain/tx/emission/advance.js";
import { advance, claimUnchecked, configUtxo, craftedEntries, entryOf, JET, poolUtxo, travelTo, withCraftedShard, type CraftedShard } from "./pool.helpers.js";

describe("caps are fixed when a pool is created", () => {
  let w: World;
  let p: Protocol;
  let adv1: Awaited<ReturnType<typeof advance>>;

  beforeAll(async () => {
    w = await newWorld();
    p = await deploy(w);
    adv1 = await advance(w, p, [{ id: "A", service: w.pkh.svcA, level: 9, amountPack: 1_000n * JET }]); // the level-9 cap
    const cfg = await configUtxo(w, p);
    const { poolScript: _p, lockScript: _l, ...now } = decodeConfig(cfg.datum!);
    const lower = { ...now, levelCapsPack: now.levelCapsPack.map((c, i) => (i === 8 ? 500n * JET : c)) };
    await run(w, updateConfig({ protocol: p, configUtxo: cfg, next: lower, signers: [w.pkh.govA, w.pkh.govB], nowMs: w.emulator.now() }), "govA", ["govB"]);
  });

  it("the pool keeps the caps of its advance after the governors lower the level-9 cap", async () => {
    expect(decodeConfig((await configUtxo(w, p)).datum!).levelCapsPack[8]).toBe(500n * JET);
    const [pool] = await readPools(w.lucid, p, 1);
    expect(pool!.datum.capsPack[8]).toBe(1_000n * JET);
    expect(pool!.datum.capsPack).toEqual(defaultConfig(w).levelCapsPack);
  });

  it("a service still claims its 1,000 Jet level-9 leaf after the cap was lowered to 500 Jet", async () => {
    const e = entryOf(adv1, "A");
    await run(w, claim({ protocol: p, pool: await poolUtxo(w, p, 1, e.shard), entry: e, nowMs: w.emulator.now() }), "svcA");
    const [pool] = await readPools(w.lucid, p, 1);
    expect(pool!.utxo.assets[p.units.jet] ?? 0n).toBe(0n);
  });

  it("the next advance takes the new caps: its pool refuses a proven 600 Jet level-9 leaf (cap 500)", async () => {
    travelTo(w, Number(epochStart(p.params.genesisTimeMs, 2)) + 1_000);
    // a crafted shard (the SDK refuses leaves above the cap) beside a valid one
    const crafted: CraftedShard = { shard: 1, jet: 600n * JET, leaves: [{ epoch: 2n, shard: 1n, index: 0n, service: w.pkh.svcB, level: 9n, amount: 600n * JET }] };
    await advance(w, p, [{ id: "C", service: w.pkh.svcC, level: 9, amountPack: 400n * JET }], 2, (adv) => withCraftedShard(p, adv, crafted));
    const pool = await poolUtxo(w, p, 2, 1);
    expect((await readPools(w.lucid, p, 2)).every((x) => x.datum.capsPack[8] === 500n * JET)).toBe(true);
    const e = craftedEntries(crafted)[0]!;
    await expectRejected(w, claimUnchecked({ protocol: p, pool, configUtxo: await configUtxo(w, p), entry: e, nowMs: w.emulator.now() }), "svcB", "claim: amount within the level cap");
  });
});
