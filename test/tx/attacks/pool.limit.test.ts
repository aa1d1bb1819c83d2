/**
 * The largest shard (finding: bitmap limit). A claim grows the bitmap by one
 * integer_to_bytearray of at most 8,192 bytes, so the SDK and the CLI cap a shard at 65,536
 * leaves: the last leaf of the largest shard must be claimable first, with the bitmap
 * growing from nothing to 8 KB in that one claim. Measured here with the deployed scripts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { exUnits, newWorld, run, type World } from "../../helpers/chain.js";
import { deploy } from "../../../offchain/emulator/world.js";
import { deployedValidators } from "../../../offchain/demo/section.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { MAX_LEAVES_PER_SHARD } from "../../../offchain/bitmap.js";
import { advanceEpoch, type AdvanceResult } from "../../../offchain/tx/emission/advance.js";
import { claim } from "../../../offchain/tx/pool/claim.js";
import { readConfig, readState } from "../../../offchain/readers.js";
import { chainFTotal } from "../../../offchain/epoch.js";
import { fakeKeyHash, JET, poolUtxo } from "./pool.helpers.js";
import { entryWithProof } from "../../../offchain/tx/emission/proof.js";

describe("the largest shard: 65,536 leaves", () => {
  let w: World;
  let p: Protocol;
  let adv: AdvanceResult;
  const entries = () =>
    Array.from({ length: MAX_LEAVES_PER_SHARD }, (_, i) => ({ id: `s${i}`, service: i === MAX_LEAVES_PER_SHARD - 1 ? w.pkh.svcA : fakeKeyHash(i), level: 9, amountPack: JET }));

  beforeAll(async () => {
    w = await newWorld();
    p = await deploy(w, deployedValidators());
    const state = await readState(w.lucid, p);
    const config = await readConfig(w.lucid, p);
    adv = advanceEpoch({ protocol: p, stateUtxo: state.utxo, configUtxo: config.utxo, fTotalPack: chainFTotal(state.datum), entries: entries(), operator: w.pkh.operator, nowMs: w.emulator.now(), leavesPerShard: MAX_LEAVES_PER_SHARD });
    await run(w, adv.plan, "operator");
  }, 300_000);

  it("the SDK refuses a shard of more than 65,536 leaves, naming the limit", async () => {
    const state = await readState(w.lucid, p);
    const config = await readConfig(w.lucid, p);
    expect(() =>
      advanceEpoch({ protocol: p, stateUtxo: state.utxo, configUtxo: config.utxo, fTotalPack: chainFTotal(state.datum), entries: [], operator: w.pkh.operator, nowMs: w.emulator.now(), leavesPerShard: 2 * MAX_LEAVES_PER_SHARD }),
    ).toThrow(/leavesPerShard 131072 is over the maximum of 65536 leaves per shard/);
  });

  it("the last leaf (index 65,535) is claimable first: the bitmap grows to 8,192 bytes in one claim, within the transaction limits", async () => {
    const e = entryWithProof(adv.file, { service: w.pkh.svcA });
    expect(e.index).toBe(MAX_LEAVES_PER_SHARD - 1);
    const pool = await poolUtxo(w, p, 1, e.shard);
    const { tx } = await run(w, claim({ protocol: p, pool, entry: { index: e.index, service: e.service, level: e.level, amountPack: BigInt(e.amountPack), proof: e.proof }, nowMs: w.emulator.now() }), "svcA");
    const size = tx.toCBOR().length / 2;
    const ex = exUnits(tx);
    const mem = ex.reduce((s, r) => s + r.mem, 0n);
    const steps = ex.reduce((s, r) => s + r.steps, 0n);
    console.log(`claim of leaf 65,535 of a 65,536-leaf shard: ${size} bytes, ${mem} memory, ${steps} CPU, fee ${tx.toTransaction().body().fee()} lovelace`);
    expect(size).toBeLessThanOrEqual(16_384);
    expect(mem).toBeLessThanOrEqual(14_000_000n);
    expect(steps).toBeLessThanOrEqual(10_000_000_000n);
    const after = await poolUtxo(w, p, 1, e.shard);
    expect(after.datum!.length).toBeGreaterThan(2 * 8192);
  });
});
