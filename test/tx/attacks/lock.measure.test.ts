/**
 * Reward measurements at scale (authoritative Emulator ex-units, with the deployed untraced
 * scripts of plutus.json): 100 user payouts from one lock and from three locks, 10 locks at
 * once, and the most payouts one transaction holds (bounded by the 16,384-byte size limit).
 * Each spent lock only checks that the lock rules withdraw, so every lock costs the same
 * wherever it sits among the inputs; the rules run once over the whole transaction.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { deploy } from "../../../offchain/emulator/world.js";
import { exUnits, newWorld, run, type World } from "../../helpers/chain.js";
import { compiledFrom } from "../../helpers/scripts.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { claim } from "../../../offchain/tx/pool/claim.js";
import { reward, type Payout } from "../../../offchain/tx/lock/reward.js";
import { toTx } from "../../../offchain/tx/plan.js";
import { epochStart } from "../../../offchain/tx/emission/advance.js";
import { advance, configUtxo, entryOf, fakeKeyHash, JET, keyAddress, locksOf, poolUtxo, travelTo } from "./pool.helpers.js";

const payouts = (n: number, salt: number): Payout[] =>
  Array.from({ length: n }, (_, i) => ({ address: keyAddress(fakeKeyHash(i + 1, salt), fakeKeyHash(i + 1, salt + 1)), amountPack: 1n * JET }));

describe("measure: rewards with many payouts", () => {
  let w: World;
  let p: Protocol;

  beforeAll(async () => {
    w = await newWorld();
    p = await deploy(w, compiledFrom("plutus.json"));
    // ten epochs → ten locks of svcA
    for (let t = 1; t <= 10; t++) {
      travelTo(w, Number(epochStart(p.params.genesisTimeMs, t)) + 1000);
      const adv = await advance(w, p, [{ id: "A", service: w.pkh.svcA, level: 1, amountPack: 10_000n * JET }]);
      const e = entryOf(adv, "A");
      await run(w, claim({ protocol: p, pool: await poolUtxo(w, p, t, 0), configUtxo: await configUtxo(w, p), entry: e, nowMs: w.emulator.now() }), "svcA");
    }
  }, 300_000);

  async function measure(nLocks: number, n: number, salt: number) {
    const locks = (await locksOf(w, p, w.pkh.svcA)).slice(0, nLocks);
    const plan = reward({ protocol: p, locks, configUtxo: await configUtxo(w, p), payouts: payouts(n, salt) });
    w.lucid.selectWallet.fromSeed(w.accounts.svcA.seedPhrase);
    const tx = await toTx(w.lucid, plan).complete({ localUPLCEval: true });
    const ex = exUnits(tx);
    return {
      size: tx.toCBOR().length / 2,
      mem: ex.reduce((s, r) => s + r.mem, 0n),
      steps: ex.reduce((s, r) => s + r.steps, 0n),
      // redeemer tags: 0 spend (a lock), 1 mint (the lock-token burn), 3 reward (the lock rules)
      perLock: ex.filter((r) => r.tag === 0).map((r) => ({ mem: r.mem, steps: r.steps })),
      rules: ex.filter((r) => r.tag === 3).map((r) => ({ mem: r.mem, steps: r.steps })),
      burn: ex.filter((r) => r.tag === 1).map((r) => ({ mem: r.mem, steps: r.steps })),
      fee: BigInt(tx.toTransaction().body().fee()),
    };
  }

  it("100 payouts from one lock and from three locks fit the limits", async () => {
    for (const nLocks of [1, 3]) {
      const m = await measure(nLocks, 100, 10 * nLocks);
      console.log(`reward, ${nLocks} lock(s), 100 payouts:`, JSON.stringify(m, (_k, v) => (typeof v === "bigint" ? String(v) : v)));
      expect(m.rules).toHaveLength(1);
      expect(m.size).toBeLessThanOrEqual(16_384);
      expect(m.mem).toBeLessThanOrEqual(14_000_000n);
      expect(m.steps).toBeLessThanOrEqual(10_000_000_000n);
    }
  });

  it("the most payouts one reward transaction (one lock) holds", async () => {
    let lo = 120; // fits (checked at the end)
    let hi = 160;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      let ok = false;
      try {
        const m = await measure(1, mid, 1000 + mid);
        ok = m.size <= 16_384 && m.mem <= 14_000_000n && m.steps <= 10_000_000_000n;
      } catch {
        ok = false;
      }
      if (ok) lo = mid;
      else hi = mid - 1;
    }
    const m = await measure(1, lo, 5000);
    console.log(`reward, 1 lock, at most ${lo} payouts:`, JSON.stringify(m, (_k, v) => (typeof v === "bigint" ? String(v) : v)));
    expect(m.size).toBeLessThanOrEqual(16_384);
    expect(lo).toBeGreaterThanOrEqual(100);
  });

  it("a reward that spends 10 locks (10 payouts) fits the limits", async () => {
    const r = await measure(10, 10, 900);
    console.log(`reward, 10 locks, 10 payouts: ${JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`);
    expect(r.perLock).toHaveLength(10);
    expect(r.rules).toHaveLength(1);
    // no lock scans the inputs: the tenth costs what the first does
    expect(new Set(r.perLock.map((x) => `${x.mem}/${x.steps}`)).size).toBe(1);
    expect(r.size).toBeLessThanOrEqual(16_384);
    expect(r.mem).toBeLessThanOrEqual(14_000_000n);
    expect(r.steps).toBeLessThanOrEqual(10_000_000_000n);
  });
});
