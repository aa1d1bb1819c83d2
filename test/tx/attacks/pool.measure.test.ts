/**
 * Measurements at full scale (authoritative Emulator ex-units, with the deployed untraced
 * scripts of plutus.json):
 * an advance that allocates to 100,000 services (level 9, 1 Jet each) in 2,048-leaf
 * shards (the SDK default: 49 shards, depth-11 proofs), and claims from one of its pools —
 * the first leaf (empty bitmap: one byte appended) and the last leaf of the shard (index
 * 2,047: the bitmap grows to 256 bytes).
 *
 * The advance's size and budget are reported; when the 49-shard advance does not fit one
 * transaction (16,384 bytes, 14 M memory, 10 G CPU), the test finds the largest number of
 * shards that does and advances with those, so the claims still run against a 2,048-leaf
 * pool of the 100,000-service allocation (a claim's cost depends on its own shard only).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { exUnits, newWorld, run, type World } from "../../helpers/chain.js";
import { deploy } from "../../../offchain/emulator/world.js";
import { compiledFrom } from "../../helpers/scripts.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { advanceEpoch, type AdvanceResult, type AllocationEntryInput } from "../../../offchain/tx/emission/advance.js";
import { claim } from "../../../offchain/tx/pool/claim.js";
import { toTx, type TxPlan } from "../../../offchain/tx/plan.js";
import { readConfig, readState } from "../../../offchain/readers.js";
import { chainFTotal } from "../../../offchain/epoch.js";
import { configUtxo, entryOf, fakeKeyHash, JET, poolUtxo } from "./pool.helpers.js";

const SERVICES = 100_000;
const LIMITS = { size: 16_384, mem: 14_000_000n, steps: 10_000_000_000n };

interface Measured {
  size: number;
  mem: bigint;
  steps: bigint;
  fee: bigint;
  fits: boolean;
  error?: string;
}

async function measure(w: World, plan: TxPlan): Promise<Measured> {
  w.lucid.selectWallet.fromSeed(w.accounts.operator.seedPhrase);
  try {
    const tx = await toTx(w.lucid, plan).complete({ localUPLCEval: true });
    const size = tx.toCBOR().length / 2;
    const ex = exUnits(tx);
    const mem = ex.reduce((s, r) => s + r.mem, 0n);
    const steps = ex.reduce((s, r) => s + r.steps, 0n);
    const fee = BigInt(tx.toTransaction().body().fee());
    return { size, mem, steps, fee, fits: size <= LIMITS.size && mem <= LIMITS.mem && steps <= LIMITS.steps };
  } catch (e) {
    return { size: NaN, mem: 0n, steps: 0n, fee: 0n, fits: false, error: String((e as Error)?.message ?? e).slice(0, 300) };
  }
}

describe("measure: claims from a 2,048-leaf pool of a 100,000-service allocation", () => {
  let w: World;
  let p: Protocol;
  let adv: AdvanceResult;
  const report: Record<string, unknown> = {};

  beforeAll(async () => {
    w = await newWorld();
    p = await deploy(w, compiledFrom("plutus.json"));
    const entries: AllocationEntryInput[] = Array.from({ length: SERVICES }, (_, i) => ({ id: `s${i}`, service: fakeKeyHash(i), level: 9, amountPack: 1n * JET }));
    entries[0] = { id: "first", service: w.pkh.svcA, level: 9, amountPack: 1n * JET };
    entries[2047] = { id: "last", service: w.pkh.svcB, level: 9, amountPack: 1n * JET };
    const state = await readState(w.lucid, p);
    const config = await readConfig(w.lucid, p);
    const build = (n: number) =>
      advanceEpoch({ protocol: p, stateUtxo: state.utxo, configUtxo: config.utxo, fTotalPack: chainFTotal(state.datum), entries: entries.slice(0, n), operator: w.pkh.operator, nowMs: w.emulator.now() });
    const t0 = Date.now();
    const full = build(SERVICES);
    report.allocationBuildMs = Date.now() - t0;
    report.shards = full.file.shards.length;
    report.fileBytes = full.fileBytes.length;
    const m = await measure(w, full.plan);
    report.advance49 = m;
    adv = full;
    if (!m.fits) {
      // the largest number of whole shards that fits one advance
      let lo = 1;
      let hi = full.file.shards.length;
      let best = build(2048);
      let bestM = await measure(w, best.plan);
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        const cand = build(mid * 2048);
        const cm = await measure(w, cand.plan);
        if (cm.fits) {
          lo = mid;
          best = cand;
          bestM = cm;
        } else hi = mid - 1;
      }
      report.shardsThatFit = lo;
      report.advanceThatFits = bestM;
      adv = best;
    }
    await run(w, adv.plan, "operator");
  }, 600_000);

  it("the advance of the 100,000-service allocation: size and budget", () => {
    console.log("advance measurements", JSON.stringify(report, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
    expect(report.shards).toBe(49);
  });

  it("a claim of the first leaf (index 0) of a 2,048-leaf pool", async () => {
    const e = entryOf(adv, "first");
    expect(e.proof.length).toBe(11);
    const { tx } = await run(w, claim({ protocol: p, pool: await poolUtxo(w, p, 1, 0), configUtxo: await configUtxo(w, p), entry: e, nowMs: w.emulator.now() }), "svcA");
    const ex = exUnits(tx);
    console.log("claim index 0 of 2,048:", JSON.stringify({ ex: ex.map((r) => ({ mem: String(r.mem), steps: String(r.steps) })), fee: String(tx.toTransaction().body().fee()), size: tx.toCBOR().length / 2 }));
    expect(ex[0]!.mem).toBeLessThan(LIMITS.mem);
  });

  it("a claim of the last leaf (index 2,047: the bitmap grows to 256 bytes)", async () => {
    const e = entryOf(adv, "last");
    expect(e.index).toBe(2047);
    const { tx } = await run(w, claim({ protocol: p, pool: await poolUtxo(w, p, 1, 0), configUtxo: await configUtxo(w, p), entry: e, nowMs: w.emulator.now() }), "svcB");
    const ex = exUnits(tx);
    console.log("claim index 2047 of 2,048:", JSON.stringify({ ex: ex.map((r) => ({ mem: String(r.mem), steps: String(r.steps) })), fee: String(tx.toTransaction().body().fee()), size: tx.toCBOR().length / 2 }));
    expect(ex[0]!.mem).toBeLessThan(LIMITS.mem);
  });
});
