import { describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import {
  DEFAULT_GENESIS_MS,
  EPOCHS,
  EPOCH_LENGTH_MS,
  PACK_PER_JET,
  TOTAL_SUPPLY_PACK,
  aFixedPoint,
  cumulativePack,
  emissionA,
  emissionPack,
  emissionRealPack,
  emissionS,
  epochStartDate,
  epochStartMs,
  formatJet,
  lnEpoch,
  scheduleTable,
} from "../../offchain/economics/emission.js";
import { jetAt, plain } from "./helpers.js";

describe("the constants", () => {
  it("match docs/design.md §1", () => {
    expect(EPOCHS).toBe(2776);
    expect(TOTAL_SUPPLY_PACK).toBe(10n ** 15n);
    expect(PACK_PER_JET).toBe(1_000_000n);
    expect(EPOCH_LENGTH_MS).toBe(432_000_000);
    expect(DEFAULT_GENESIS_MS).toBe(1_735_689_600_000);
  });
});

describe("A and S are derived, not hard-coded", () => {
  it("A = 10^9 / S equals the spec's 2,412,005.7263929145… and design.md's 27 digits", () => {
    const a = emissionA().toString();
    expect(a.startsWith("2412005.7263929145")).toBe(true);
    expect(a.startsWith("2412005.72639291456678664907")).toBe(true);
    expect(emissionA().times(emissionS()).toDecimalPlaces(40).toString()).toBe("1000000000");
  });

  it("A carries 60 significant digits", () => {
    expect(emissionA().precision()).toBeGreaterThanOrEqual(59);
  });

  it("A agrees with an independent 90-digit sum of 1/ln(t+1) to at least 55 significant digits", () => {
    const D = Decimal.clone({ precision: 90 });
    let s = new D(0);
    for (let t = 1; t <= EPOCHS; t++) s = s.plus(new D(1).div(new D(t + 1).ln()));
    const a = new D(10).pow(9).div(s);
    const rel = a.minus(emissionA().toString()).abs().div(a);
    expect(rel.lt("1e-55")).toBe(true);
  });

  it("ln(t+1) built from prime factors equals decimal.js's direct ln to 58 digits", () => {
    const D = Decimal.clone({ precision: 80 });
    for (const t of [1, 2, 3, 7, 63, 255, 999, 1023, 2047, 2310, 2773, 2774, 2775, 2776]) {
      const direct = new D(t + 1).ln();
      expect(direct.minus(lnEpoch(t).toString()).abs().div(direct).lt("1e-58")).toBe(true);
    }
  });
});

describe("the per-epoch amounts", () => {
  const published: [number, string][] = [
    [1, "3,479,788.70"],
    [2, "2,195,502.227"],
    [3, "1,739,894.35"],
    [2774, "304,223.285"],
    [2775, "304,209.4607"],
    [2776, "304,195.6425"],
  ];
  for (const [t, printed] of published) {
    it(`epoch ${t} matches the published ${printed} Jet at its printed precision`, () => {
      const decimals = plain(printed).split(".")[1]!.length;
      expect(jetAt(emissionPack(t), decimals)).toBe(plain(printed));
    });
  }

  it("the exact Pack amounts of the published epochs are pinned", () => {
    expect([1, 2, 3, 2774, 2775, 2776].map(emissionPack)).toEqual([
      3479788700063n, 2195502227011n, 1739894350031n, 304223285037n, 304209460659n, 304195642529n,
    ]);
  });

  it("all 2,776 epochs sum to exactly 1,000,000,000.000000 Jet", () => {
    const sum = scheduleTable().reduce((a, b) => a + b, 0n);
    expect(sum).toBe(TOTAL_SUPPLY_PACK);
    expect(formatJet(sum)).toBe("1000000000.000000");
    expect(cumulativePack(EPOCHS)).toBe(TOTAL_SUPPLY_PACK);
  });

  it("amounts strictly decrease from epoch to epoch", () => {
    const table = scheduleTable();
    expect(table.length).toBe(EPOCHS);
    for (let i = 1; i < table.length; i++) expect(table[i]! < table[i - 1]!).toBe(true);
  });

  it("epochs 1…2775 are the real value rounded half up to the nearest Pack", () => {
    for (let t = 1; t < EPOCHS; t++) {
      const real = emissionRealPack(t);
      const diff = real.minus(emissionPack(t).toString());
      // Half up: pack − 1/2 ≤ real < pack + 1/2.
      expect(diff.gte(-0.5) && diff.lt(0.5)).toBe(true);
    }
  });

  it("no epoch's real value lies within 1.6e-4 Pack of a half Pack, so the rounding is robust", () => {
    let closest = new Decimal(1);
    for (let t = 1; t < EPOCHS; t++) {
      const real = emissionRealPack(t);
      const d = real.minus(real.floor()).minus(0.5).abs();
      if (d.lt(closest)) closest = d;
    }
    expect(closest.gt("1.6e-4")).toBe(true);
    expect(closest.lt("1.8e-4")).toBe(true);
  });

  it("epoch 2776 is the remainder, within 2·10^-5 Jet of its real value 304,195.642515…", () => {
    const real = emissionRealPack(2776);
    expect(real.toFixed(0).startsWith("304195642515")).toBe(true);
    expect(real.minus(emissionPack(2776).toString()).abs().lt(20)).toBe(true);
    expect(emissionPack(2776)).toBe(TOTAL_SUPPLY_PACK - cumulativePack(2775));
  });

  it("the cumulative total is the running sum and starts at 0", () => {
    expect(cumulativePack(0)).toBe(0n);
    expect(cumulativePack(1)).toBe(emissionPack(1));
    expect(cumulativePack(3)).toBe(emissionPack(1) + emissionPack(2) + emissionPack(3));
    for (const t of [10, 500, 2775]) expect(cumulativePack(t) - cumulativePack(t - 1)).toBe(emissionPack(t));
  });

  it("epochs outside 1…2776 are rejected", () => {
    for (const bad of [0, -1, 2777, 1.5, Number.NaN]) expect(() => emissionPack(bad)).toThrow(RangeError);
    expect(() => cumulativePack(-1)).toThrow(RangeError);
    expect(() => cumulativePack(2777)).toThrow(RangeError);
  });

  it("the schedule table is frozen", () => {
    expect(Object.isFrozen(scheduleTable())).toBe(true);
  });
});

describe("epoch start dates", () => {
  it("epoch 1 starts 2025-01-01 and epochs are 5 days apart", () => {
    expect(epochStartDate(1)).toBe("2025-01-01");
    expect(epochStartDate(2)).toBe("2025-01-06");
    expect(epochStartDate(3)).toBe("2025-01-11");
    expect(epochStartMs(2) - epochStartMs(1)).toBe(5 * 24 * 3600 * 1000);
  });

  it("epochs 2774, 2775, 2776 start 2062-12-18, 2062-12-23, 2062-12-28", () => {
    expect([2774, 2775, 2776].map((t) => epochStartDate(t))).toEqual(["2062-12-18", "2062-12-23", "2062-12-28"]);
  });

  it("the genesis time is configurable", () => {
    const g = Date.UTC(2030, 5, 15, 12);
    expect(epochStartMs(1, g)).toBe(g);
    expect(epochStartMs(3, g)).toBe(g + 2 * EPOCH_LENGTH_MS);
    expect(epochStartDate(2, g)).toBe("2030-06-20");
  });
});

describe("the on-chain fixed-point constant", () => {
  it("A_FP = round(A · 10^6 · 10^24)", () => {
    const afp = aFixedPoint(10n ** 24n);
    expect(afp.toString()).toBe(emissionA().times("1e30").toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
    expect(afp.toString().startsWith("2412005726392914566786649076")).toBe(true);
    expect(aFixedPoint(1n)).toBe(2412005726393n);
  });

  it("the on-chain formula (2·A_FP + LN_FP) / (2·LN_FP) reproduces every epoch 1…2775", () => {
    const afp = aFixedPoint(10n ** 24n);
    for (let t = 1; t < EPOCHS; t++) {
      const lnFp = BigInt(lnEpoch(t).times("1e24").toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
      expect((2n * afp + lnFp) / (2n * lnFp)).toBe(emissionPack(t));
    }
  });

  it("refuses a scale beyond the derivation's precision", () => {
    expect(() => aFixedPoint(10n ** 60n)).toThrow(RangeError);
    expect(() => aFixedPoint(0n)).toThrow(RangeError);
  });
});

describe("formatJet", () => {
  it("prints Pack as Jet with exactly 6 decimals", () => {
    expect(formatJet(3479788700063n)).toBe("3479788.700063");
    expect(formatJet(0n)).toBe("0.000000");
    expect(formatJet(1n)).toBe("0.000001");
    expect(formatJet(-1_500_000n)).toBe("-1.500000");
    expect(formatJet(TOTAL_SUPPLY_PACK)).toBe("1000000000.000000");
  });
});
