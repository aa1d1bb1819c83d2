import { describe, expect, it, beforeAll } from "vitest";
import { newWorld, run, type World } from "../helpers/chain.js";
import { deploy } from "../helpers/deploy.js";
import { instantiate, type Protocol } from "../../offchain/protocol.js";
import { genesis } from "../../offchain/tx/genesis.js";
import { advanceEpoch } from "../../offchain/tx/emission/advance.js";
import { claim } from "../../offchain/tx/pool/claim.js";
import { reward } from "../../offchain/tx/lock/reward.js";
import { decodeState, decodePool } from "../../offchain/codec/data.js";
import { emissionPack, cumulativePack } from "../../offchain/economics/emission.js";
import { DEFAULT_LEVEL_CAPS_PACK } from "../../offchain/economics/scoring.js";

let w: World;
let p: Protocol;

describe("the spec scenario", () => {
  beforeAll(async () => {
    w = await newWorld();
    p = await deploy(w);
  });

  it("genesis creates the state (0, 0, 0)", async () => {
    const [state] = await w.lucid.utxosAtWithUnit(p.emission.address, p.units.state);
    expect(decodeState(state!.datum!)).toEqual({ epoch: 0n, scheduled: 0n, minted: 0n });
  });

  it("the operator advances epoch 1 and services A, B, C claim", async () => {
    const [stateUtxo] = await w.lucid.utxosAtWithUnit(p.emission.address, p.units.state);
    const [configUtxo] = await w.lucid.utxosAtWithUnit(p.config.address, p.units.config);
    const adv = advanceEpoch({
      protocol: p,
      stateUtxo: stateUtxo!,
      configUtxo: configUtxo!,
      fTotalPack: emissionPack(1),
      entries: [
        { id: "A", service: w.pkh.svcA, level: 1, amountPack: 30_000_000_000n },
        { id: "C", service: w.pkh.svcC, level: 4, amountPack: 15_000_000_000n },
        { id: "B", service: w.pkh.svcB, level: 6, amountPack: 7_000_000_000n },
      ],
      operator: w.pkh.operator,
      nowMs: w.emulator.now(),
    });
    await run(w, adv.plan, "operator");
    const [s1] = await w.lucid.utxosAtWithUnit(p.emission.address, p.units.state);
    expect(decodeState(s1!.datum!)).toEqual({ epoch: 1n, scheduled: cumulativePack(1), minted: 52_000_000_000n });
    for (const e of adv.file.entries) {
      const [pool] = (await w.lucid.utxosAt(p.pool.address)).filter((u) => decodePool(u.datum!).shard === BigInt(e.shard));
      const [cfg] = await w.lucid.utxosAtWithUnit(p.config.address, p.units.config);
      const actor = e.id === "A" ? "svcA" : e.id === "B" ? "svcB" : "svcC";
      await run(w, claim({ protocol: p, pool: pool!, configUtxo: cfg!, entry: { index: e.index, service: e.service, level: e.level, amountPack: BigInt(e.amountPack), proof: e.proof }, nowMs: w.emulator.now() }), actor);
    }
    const locks = await w.lucid.utxosAt(p.lock.address);
    expect(locks.map((l) => l.assets[p.units.jet]).sort()).toEqual([15_000_000_000n, 30_000_000_000n, 7_000_000_000n].sort());
    const [cfg] = await w.lucid.utxosAtWithUnit(p.config.address, p.units.config);
    const lockA = locks.filter((l) => l.assets[p.units.jet] === 30_000_000_000n);
    await run(w, reward({ protocol: p, locks: lockA, configUtxo: cfg!, payouts: [
      { address: w.accounts.user1.address, amountPack: 1_000_000n },
      { address: w.accounts.user2.address, amountPack: 2_000_000n },
      { address: w.accounts.user3.address, amountPack: 3_000_000n },
    ] }), "svcA");
    const u1 = await w.lucid.utxosAt(w.accounts.user1.address);
    expect(u1.reduce((s, u) => s + (u.assets[p.units.jet] ?? 0n), 0n)).toBe(1_000_000n);
  });
});
