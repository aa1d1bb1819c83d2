import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DEFAULT_LEVEL_CAPS_PACK,
  PACK_PER_JET,
  Rational,
  SPEC_EPOCH1_SERVICES,
  type ServiceMetrics,
  allocate,
  emissionPack,
  levelForPercentile,
  percentileOf,
} from "../../offchain/economics/index.js";
import { jetAt } from "./helpers.js";
import { capsArb, fTotalArb, permutation, servicesArb, weightsArb } from "./arbitraries.js";

const JET = PACK_PER_JET;

describe("the spec's epoch-1 allocation", () => {
  const r = allocate({ fTotalPack: emissionPack(1), services: SPEC_EPOCH1_SERVICES });
  const by = new Map(r.services.map((s) => [s.id, s]));

  it("f_total(1) is emission(1) = 3,479,788.70 Jet", () => {
    expect(jetAt(r.fTotalPack, 2)).toBe("3479788.70");
  });

  it("A, C and B are capped at 30,000, 15,000 and 7,000 Jet (levels 1, 4, 6)", () => {
    expect([by.get("A")!, by.get("C")!, by.get("B")!].map((s) => [s.level, s.capPack, s.allocationPack])).toEqual([
      [1, 30_000n * JET, 30_000n * JET],
      [4, 15_000n * JET, 15_000n * JET],
      [6, 7_000n * JET, 7_000n * JET],
    ]);
  });

  it("52,000 Jet is distributed and 3,427,788.70 Jet carries over", () => {
    expect(r.distributedPack).toBe(52_000n * JET);
    expect(jetAt(r.undistributedPack, 2)).toBe("3427788.70");
    expect(r.undistributedPack).toBe(emissionPack(1) - 52_000n * JET);
  });

  it("services come back in input order with exact scores", () => {
    expect(r.services.map((s) => [s.id, s.score.toString()])).toEqual([
      ["A", "19/50"],
      ["B", "29/100"],
      ["C", "33/100"],
    ]);
  });
});

describe("allocation below the caps", () => {
  it("splits f_total in proportion to the scores, rounding each share down to the Pack", () => {
    const r = allocate({ fTotalPack: 100n, services: SPEC_EPOCH1_SERVICES });
    expect(r.services.map((s) => s.allocationPack)).toEqual([38n, 29n, 33n]);
    const r2 = allocate({ fTotalPack: 10n, services: [{ id: "a", m1: 1n, m2: 1n, m3: 1n }, { id: "b", m1: 2n, m2: 2n, m3: 2n }] });
    expect(r2.services.map((s) => s.allocationPack)).toEqual([3n, 6n]); // 3.33 and 6.67 rounded down
    expect(r2.undistributedPack).toBe(1n);
  });
});

describe("nothing to distribute", () => {
  it("no services → nothing distributed, everything carries over", () => {
    const r = allocate({ fTotalPack: 123n, services: [] });
    expect([r.distributedPack, r.undistributedPack, r.services.length]).toEqual([0n, 123n, 0]);
  });

  it("P = 0 → nothing distributed, but ranks and levels are still reported", () => {
    const r = allocate({ fTotalPack: 10n ** 12n, services: [{ id: "a", m1: 0n, m2: 0n, m3: 0n }, { id: "b", m1: 0n, m2: 0n, m3: 0n }] });
    expect(r.distributedPack).toBe(0n);
    expect(r.undistributedPack).toBe(10n ** 12n);
    expect(r.services.map((s) => [s.rank.toString(), s.percentile.toString(), s.level])).toEqual([
      ["3/2", "75/1", 4],
      ["3/2", "75/1", 4],
    ]);
  });

  it("P = 0 also when only metrics with weight 0 are nonzero", () => {
    const r = allocate({ fTotalPack: 99n, weightsBps: [10000, 0, 0], services: [{ id: "a", m1: 0n, m2: 5n, m3: 5n }] });
    expect(r.distributedPack).toBe(0n);
  });
});

describe("allocation input", () => {
  it("rejects a negative f_total", () => {
    expect(() => allocate({ fTotalPack: -1n, services: [] })).toThrow("fTotalPack: must be a non-negative Pack amount");
  });

  it("rejects a cap table of the wrong length", () => {
    expect(() => allocate({ fTotalPack: 1n, services: [], capsPack: [1n] })).toThrow("capsPack: must be an array of 9 Pack amounts");
  });

  it("uses a custom cap table", () => {
    const caps = [9n, 8n, 7n, 6n, 5n, 4n, 3n, 2n, 1n];
    const r = allocate({ fTotalPack: 10n ** 9n, services: SPEC_EPOCH1_SERVICES, capsPack: caps });
    expect(r.services.map((s) => s.allocationPack)).toEqual([9n, 4n, 6n]);
    expect(r.distributedPack).toBe(19n);
  });
});

/** The spec's formula with generic rationals, no shortcuts: the reference for the fast path. */
function reference(fTotal: bigint, services: readonly ServiceMetrics[], weights: readonly number[], caps: readonly bigint[]) {
  const keys = ["m1", "m2", "m3"] as const;
  const totals = keys.map((k) => services.reduce((a, s) => a + s[k], 0n));
  const scores = services.map((s) =>
    keys.reduce(
      (acc, k, i) => (totals[i] === 0n ? acc : acc.add(Rational.of(BigInt(weights[i]!), 10000n).mul(Rational.of(s[k], totals[i]!)))),
      Rational.int(0),
    ),
  );
  const P = scores.reduce((a, b) => a.add(b), Rational.int(0));
  const n = services.length;
  return services.map((s, i) => {
    const better = scores.filter((x) => x.compare(scores[i]!) > 0).length;
    const equal = scores.filter((x) => x.compare(scores[i]!) === 0).length;
    const rank = Rational.of(BigInt(2 * better + equal + 1), 2n); // mean of better+1 … better+equal
    const level = levelForPercentile(percentileOf(rank, n));
    const raw = P.num === 0n ? 0n : Rational.int(fTotal).mul(scores[i]!).div(P).floor();
    const cap = caps[level - 1]!;
    return { id: s.id, score: scores[i]!.toString(), rank: rank.toString(), level, allocationPack: raw < cap ? raw : cap };
  });
}

const view = (r: ReturnType<typeof allocate>) =>
  r.services.map((s) => ({ id: s.id, score: s.score.toString(), rank: s.rank.toString(), level: s.level, allocationPack: s.allocationPack }));

describe("allocation properties", () => {
  it("the fast path equals the spec's formula evaluated with generic rationals", () => {
    fc.assert(
      fc.property(fTotalArb, servicesArb(20), weightsArb, fc.option(capsArb, { nil: undefined }), (f, services, w, caps) => {
        const r = allocate({ fTotalPack: f, services, weightsBps: w, ...(caps ? { capsPack: caps } : {}) });
        expect(view(r)).toEqual(reference(f, services, w, caps ?? DEFAULT_LEVEL_CAPS_PACK));
      }),
      { numRuns: 300 },
    );
  });

  it("Σ S_n + undistributed = f_total", () => {
    fc.assert(
      fc.property(fTotalArb, servicesArb(), weightsArb, fc.option(capsArb, { nil: undefined }), (f, services, w, caps) => {
        const r = allocate({ fTotalPack: f, services, weightsBps: w, ...(caps ? { capsPack: caps } : {}) });
        const sum = r.services.reduce((a, s) => a + s.allocationPack, 0n);
        expect(sum).toBe(r.distributedPack);
        expect(r.distributedPack + r.undistributedPack).toBe(f);
        expect(r.undistributedPack >= 0n).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("every S_n is at least 0 and at most its cap", () => {
    fc.assert(
      fc.property(fTotalArb, servicesArb(), weightsArb, fc.option(capsArb, { nil: undefined }), (f, services, w, caps) => {
        const table = caps ?? DEFAULT_LEVEL_CAPS_PACK;
        const r = allocate({ fTotalPack: f, services, weightsBps: w, capsPack: table });
        for (const s of r.services) {
          expect(s.allocationPack >= 0n).toBe(true);
          expect(s.allocationPack <= s.capPack).toBe(true);
          expect(s.capPack).toBe(table[s.level - 1]);
          expect(s.level >= 1 && s.level <= 9).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("equal metrics ⇒ equal rank, level and allocation", () => {
    fc.assert(
      fc.property(fTotalArb, servicesArb(25, 3n), weightsArb, (f, services, w) => {
        const r = allocate({ fTotalPack: f, services, weightsBps: w });
        for (let i = 0; i < services.length; i++) {
          for (let j = i + 1; j < services.length; j++) {
            const a = services[i]!;
            const b = services[j]!;
            if (a.m1 === b.m1 && a.m2 === b.m2 && a.m3 === b.m3) {
              const x = r.services[i]!;
              const y = r.services[j]!;
              expect([x.score.toString(), x.rank.toString(), x.level, x.allocationPack]).toEqual([y.score.toString(), y.rank.toString(), y.level, y.allocationPack]);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("permuting the input order changes nothing", () => {
    fc.assert(
      fc.property(fTotalArb, servicesArb(), weightsArb, fc.array(fc.integer(), { maxLength: 25 }), (f, services, w, keys) => {
        const perm = permutation(keys, services.length).map((i) => services[i]!);
        const a = view(allocate({ fTotalPack: f, services, weightsBps: w }));
        const b = view(allocate({ fTotalPack: f, services: perm, weightsBps: w }));
        const byId = (xs: typeof a) => [...xs].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
        expect(byId(b)).toEqual(byId(a));
      }),
      { numRuns: 300 },
    );
  });

  it("scaling every metric by k changes nothing", () => {
    fc.assert(
      fc.property(fTotalArb, servicesArb(), weightsArb, fc.bigInt({ min: 1n, max: 10n ** 18n }), (f, services, w, k) => {
        const scaled = services.map((s) => ({ id: s.id, m1: s.m1 * k, m2: s.m2 * k, m3: s.m3 * k }));
        expect(view(allocate({ fTotalPack: f, services: scaled, weightsBps: w }))).toEqual(view(allocate({ fTotalPack: f, services, weightsBps: w })));
      }),
      { numRuns: 300 },
    );
  });

  it("scaling a single metric's column by k changes nothing either", () => {
    fc.assert(
      fc.property(fTotalArb, servicesArb(), weightsArb, fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.constantFrom<"m1" | "m2" | "m3">("m1", "m2", "m3"), (f, services, w, k, col) => {
        const scaled = services.map((s) => ({ ...s, [col]: s[col] * k }));
        expect(view(allocate({ fTotalPack: f, services: scaled, weightsBps: w }))).toEqual(view(allocate({ fTotalPack: f, services, weightsBps: w })));
      }),
      { numRuns: 200 },
    );
  });
});
