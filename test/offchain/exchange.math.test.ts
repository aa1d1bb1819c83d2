/**
 * Exchange maths (offchain/exchange/math.ts) and the fill plans built on it
 * (offchain/tx/exchange/fill.ts): properties over any sequence of fills, and the SDK's
 * rounding checked against the on-chain functions (lib/jetpack/logic/exchange/order.ak,
 * evaluated as UPLC from plutus.exports.json).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { OnchainFn } from "../../offchain/onchain/eval.js";
import { loadExports } from "../../offchain/onchain/exports.js";
import { buyCapacity, feeOf, fillBuy, fillSell, formatPrice, lovelaceDue, lovelaceGiven, parsePrice, price, type OrderState } from "../../offchain/exchange/math.js";

const PAY_MIN = 1_200_000n;
const DEPOSIT = 1_900_000n;
const arbPrice = fc.record({ num: fc.bigInt({ min: 1n, max: 10n ** 9n }), den: fc.bigInt({ min: 1n, max: 10n ** 9n }) }).map((p) => price(p.num, p.den));
/** Fractions of what is left, in millionths: each step fills that share (at least 1 Pack). */
const arbSteps = fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 12 });

describe("exchange maths", () => {
  it("a seller is paid at least the exact price for any sequence of fills, nothing is created or lost, and the order's terms never change", () => {
    fc.assert(
      fc.property(arbPrice, fc.bigInt({ min: 1n, max: 10n ** 12n }), arbSteps, (pr, jet, steps) => {
        let o: OrderState | null = { side: "sell", lovelace: DEPOSIT, jet, price: pr, minFillPack: 1n, depositLovelace: DEPOSIT };
        const terms = JSON.stringify({ ...o, jet: 0, lovelace: 0 }, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
        let taken = 0n;
        let paid = 0n; // lovelace to the maker, the deposit excluded
        let taker = 0n; // Jet the taker holds
        for (const s of steps) {
          if (!o) break;
          const pack = (o.jet * BigInt(s)) / 1_000_000n || 1n;
          const f = fillSell(o, pack, PAY_MIN);
          taken += f.pack;
          taker += f.pack;
          paid += f.payLovelace - (f.next ? 0n : o.lovelace);
          // conservation: Jet moves from the order to the taker only; the order's ADA stays or returns whole
          expect((f.next?.jet ?? 0n) + f.pack).toBe(o.jet);
          if (f.next) expect(f.next.lovelace).toBe(o.lovelace);
          o = f.next ? { ...o, ...f.next } : null;
          if (o) expect(JSON.stringify({ ...o, jet: 0, lovelace: 0 }, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).toBe(terms);
        }
        expect(paid * pr.den >= taken * pr.num).toBe(true);
        expect(taker + (o?.jet ?? 0n)).toBe(jet);
      }),
      { numRuns: 300 },
    );
  });

  it("a buyer never gives more than the exact price for any sequence of fills, and keeps everything else", () => {
    fc.assert(
      fc.property(arbPrice, fc.bigInt({ min: 3_000_000n, max: 10n ** 12n }), arbSteps, (pr, offer, steps) => {
        let o: OrderState | null = { side: "buy", lovelace: DEPOSIT + offer, jet: 0n, price: pr, minFillPack: 1n, depositLovelace: DEPOSIT };
        const start = o.lovelace;
        let jetIn = 0n; // Jet the maker received
        let back = 0n; // lovelace back in the maker's payments
        let toTaker = 0n;
        for (const s of steps) {
          if (!o) break;
          const cap = buyCapacity(o, PAY_MIN);
          if (cap === 0n) break;
          let pack = (cap * BigInt(s)) / 1_000_000n || 1n;
          let f;
          try {
            f = fillBuy(o, pack, PAY_MIN);
          } catch {
            pack = cap; // a part that would leave no more than the deposit: close it instead
            f = fillBuy(o, pack, PAY_MIN);
          }
          jetIn += f.payJet;
          back += f.payLovelace;
          toTaker += f.takerLovelace;
          // conservation: the order's ADA goes to the continuing order, the maker or the taker
          expect((f.next?.lovelace ?? 0n) + f.payLovelace + f.takerLovelace).toBe(o.lovelace);
          o = f.next ? { ...o, ...f.next } : null;
        }
        const given = start - (o?.lovelace ?? 0n) - back; // the maker's ADA that went to takers
        expect(given).toBe(toTaker);
        expect(given * pr.den <= jetIn * pr.num).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("the SDK rounds exactly as the on-chain functions do", () => {
    const ex = loadExports();
    const due = new OnchainFn(ex.lovelaceDue);
    const given = new OnchainFn(ex.lovelaceGiven);
    const fee = new OnchainFn(ex.exchangeFee);
    const d = (x: bigint) => ({ data: x });
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), arbPrice, fc.bigInt({ min: 0n, max: 1_000n }), (pack, pr, bps) => {
        expect(due.int(d(pack), d(pr.num), d(pr.den))).toBe(lovelaceDue(pack, pr));
        expect(given.int(d(pack), d(pr.num), d(pr.den))).toBe(lovelaceGiven(pack, pr));
        expect(fee.int(d(pack), d(bps))).toBe(feeOf(pack, bps));
      }),
      { numRuns: 60 },
    );
  });

  it("prices parse exactly and print back", () => {
    expect(parsePrice("0.25")).toEqual({ num: 1n, den: 4n });
    expect(parsePrice("1/3")).toEqual({ num: 1n, den: 3n });
    expect(formatPrice(parsePrice("1.000001"))).toBe("1.000001");
    expect(formatPrice(parsePrice("1/3"))).toBe("1/3");
    for (const bad of ["0", "-1", "abc", "1/0", ".5", ""]) expect(() => parsePrice(bad)).toThrow(/price/);
  });

  it("a fill under the minimum, or beyond what the order holds, is refused before any transaction", () => {
    const o: OrderState = { side: "sell", lovelace: DEPOSIT, jet: 1_000n, price: price(1n, 2n), minFillPack: 100n, depositLovelace: DEPOSIT };
    expect(() => fillSell(o, 99n, PAY_MIN)).toThrow(/at least the order's minimum/);
    expect(() => fillSell(o, 1_001n, PAY_MIN)).toThrow(/takes 1..1000 Pack/);
    expect(fillSell(o, 1_000n, PAY_MIN).next).toBeNull();
  });
});
