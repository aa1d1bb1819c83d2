import { describe, expect, it } from "vitest";
import {
  DEFAULT_LEVEL_CAPS_PACK,
  DEFAULT_WEIGHTS_BPS,
  InputError,
  Rational,
  SPEC_EPOCH1_SERVICES,
  SPEC_EPOCH2_SERVICES,
  allocate,
  averageRanks,
  computeScores,
  levelForPercentile,
  levelForRank,
  percentileOf,
  scoreBasis,
  validateServices,
  validateWeights,
} from "../../offchain/economics/index.js";

const svc = (id: string, m1: number, m2: number, m3: number) => ({ id, m1: BigInt(m1), m2: BigInt(m2), m3: BigInt(m3) });

describe("scores", () => {
  it("the spec's three-service example scores exactly 0.38, 0.29 and 0.33", () => {
    const [a, b, c] = computeScores(SPEC_EPOCH1_SERVICES);
    expect(a!.equals(Rational.of(38n, 100n))).toBe(true);
    expect(b!.equals(Rational.of(29n, 100n))).toBe(true);
    expect(c!.equals(Rational.of(33n, 100n))).toBe(true);
    expect([a, b, c].map(String)).toEqual(["19/50", "29/100", "33/100"]);
  });

  it("the chosen epoch-2 metrics score exactly A 0.40, B 0.25, C 0.35", () => {
    expect(computeScores(SPEC_EPOCH2_SERVICES).map(String)).toEqual(["2/5", "1/4", "7/20"]);
  });

  it("scores of all services sum to the weights of the metrics with a nonzero total", () => {
    const scores = computeScores([svc("a", 1, 0, 5), svc("b", 3, 0, 0)]);
    expect(scores.reduce((x, y) => x.add(y)).toString()).toBe("7/10"); // M2 total is 0
  });

  it("a metric whose total is 0 contributes 0", () => {
    const scores = computeScores([svc("a", 1, 0, 0), svc("b", 3, 0, 0)]);
    expect(scores.map(String)).toEqual(["1/8", "3/8"]);
  });

  it("with every total 0 every score is 0", () => {
    expect(computeScores([svc("a", 0, 0, 0), svc("b", 0, 0, 0)]).map(String)).toEqual(["0/1", "0/1"]);
    expect(scoreBasis([svc("a", 0, 0, 0)], [5000n, 3000n, 2000n]).total).toBe(0n);
  });

  it("custom weights are honoured", () => {
    expect(computeScores(SPEC_EPOCH1_SERVICES, [10000, 0, 0]).map(String)).toEqual(["1/2", "3/10", "1/5"]);
    expect(computeScores(SPEC_EPOCH1_SERVICES, [0, 0, 10000]).map(String)).toEqual(["1/5", "1/10", "7/10"]);
  });

  it("huge metrics stay exact", () => {
    const big = 10n ** 40n;
    const scores = computeScores([
      { id: "a", m1: big, m2: 1n, m3: big + 1n },
      { id: "b", m1: big * 3n, m2: 0n, m3: 1n },
    ]);
    const expected = Rational.of(1n, 4n).mul(Rational.of(1n, 2n))
      .add(Rational.of(3n, 10n))
      .add(Rational.of(1n, 5n).mul(Rational.of(big + 1n, big + 2n)));
    expect(scores[0]!.equals(expected)).toBe(true);
  });
});

describe("weights", () => {
  it("default to 5000 / 3000 / 2000 basis points", () => {
    expect(DEFAULT_WEIGHTS_BPS).toEqual([5000, 3000, 2000]);
  });

  it("must sum to 10000", () => {
    expect(() => validateWeights([5000, 3000, 1999])).toThrow("weightsBps: must sum to 10000, got 9999");
  });

  it("must be three non-negative integers", () => {
    expect(() => validateWeights([5000, 5000])).toThrow(/weightsBps: must be an array of 3 integers/);
    expect(() => validateWeights([11000, -1000, 0])).toThrow("weightsBps[1]: must be a non-negative integer");
    expect(() => validateWeights([5000.5, 2999.5, 2000])).toThrow("weightsBps[0]: must be a non-negative integer");
  });
});

describe("service validation", () => {
  it("rejects a duplicate id, naming both places", () => {
    expect(() => validateServices([svc("x", 1, 1, 1), svc("y", 1, 1, 1), svc("x", 2, 2, 2)])).toThrow(
      'services[2].id: duplicate service id "x" (first at services[0])',
    );
  });

  it("rejects a negative metric", () => {
    expect(() => validateServices([{ id: "x", m1: 1n, m2: -1n, m3: 0n }])).toThrow("services[0].m2: must be a non-negative integer, got -1");
  });

  it("rejects a missing or empty id", () => {
    expect(() => validateServices([{ id: "", m1: 1n, m2: 1n, m3: 0n }])).toThrow(InputError);
  });
});

describe("ranks", () => {
  it("rank 1 is the best score", () => {
    expect(averageRanks([5n, 9n, 1n]).map(String)).toEqual(["2/1", "1/1", "3/1"]);
  });

  it("a tie shares the average rank", () => {
    // positions 2 and 3 tie → 2.5; positions 4, 5, 6 tie → 5
    expect(averageRanks([10n, 7n, 7n, 3n, 3n, 3n]).map((r) => r.toFixed(1))).toEqual(["1.0", "2.5", "2.5", "5.0", "5.0", "5.0"]);
  });

  it("all services tied share the middle rank", () => {
    expect(averageRanks([0n, 0n, 0n, 0n]).map(String)).toEqual(["5/2", "5/2", "5/2", "5/2"]);
  });
});

describe("percentiles and levels", () => {
  it("percentile = (1 − (rank − 1)/N) × 100, exactly", () => {
    expect(percentileOf(Rational.int(1), 3).toString()).toBe("100/1");
    expect(percentileOf(Rational.int(2), 3).toString()).toBe("200/3");
    expect(percentileOf(Rational.int(3), 3).toString()).toBe("100/3");
    expect(percentileOf(Rational.of(5n, 2n), 4).toString()).toBe("125/2");
  });

  it("with 25 services rank 2 is exactly 96% and therefore level 2", () => {
    expect(percentileOf(Rational.int(2), 25).toString()).toBe("96/1");
    expect(levelForRank(Rational.int(2), 25)).toBe(2);
    expect(levelForRank(Rational.int(1), 25)).toBe(1);
  });

  it("with 100 services ranks 5, 12, 24, 41, 61, 78, 90, 97 sit exactly on the band floors", () => {
    const onEdge: [number, number, number][] = [
      // rank, percentile, level (the band's floor belongs to the lower level)
      [5, 96, 2],
      [12, 89, 3],
      [24, 77, 4],
      [41, 60, 5],
      [61, 40, 6],
      [78, 23, 7],
      [90, 11, 8],
      [97, 4, 9],
    ];
    for (const [rank, p, level] of onEdge) {
      expect(percentileOf(Rational.int(rank), 100).toString()).toBe(`${p}/1`);
      expect(levelForRank(Rational.int(rank), 100)).toBe(level);
      // one rank better is strictly above the floor → one level better
      expect(levelForRank(Rational.int(rank - 1), 100)).toBe(level - 1);
    }
  });

  it("every level band of 100 services has the expected ranks", () => {
    const levels = Array.from({ length: 100 }, (_, i) => levelForRank(Rational.int(i + 1), 100));
    const counts = Array.from({ length: 9 }, (_, l) => levels.filter((x) => x === l + 1).length);
    expect(counts).toEqual([4, 7, 12, 17, 20, 17, 12, 7, 4]);
  });

  it("allocation assigns the same band edges to 100 distinct services", () => {
    const services = Array.from({ length: 100 }, (_, i) => svc(`s${i + 1}`, 100 - i, 0, 0));
    const r = allocate({ fTotalPack: 0n, services });
    const byRank = new Map(r.services.map((s) => [Number(s.rank.num), s]));
    for (const [rank, level] of [[4, 1], [5, 2], [11, 2], [12, 3], [23, 3], [24, 4], [40, 4], [41, 5], [60, 5], [61, 6], [77, 6], [78, 7], [89, 7], [90, 8], [96, 8], [97, 9], [100, 9]] as const) {
      expect(byRank.get(rank)!.level).toBe(level);
    }
    expect(byRank.get(5)!.percentile.toString()).toBe("96/1");
  });

  it("a percentile a hair above a floor is in the better band", () => {
    const hair = Rational.of(1n, 10n ** 30n);
    expect(levelForPercentile(Rational.int(96))).toBe(2);
    expect(levelForPercentile(Rational.int(96).add(hair))).toBe(1);
    expect(levelForPercentile(Rational.int(4))).toBe(9);
    expect(levelForPercentile(Rational.int(4).add(hair))).toBe(8);
    expect(levelForPercentile(Rational.int(0))).toBe(9);
  });

  it("the spec's example ranks A 1 (100%), C 2 (66.67%), B 3 (33.33%) into levels 1, 4, 6", () => {
    const r = allocate({ fTotalPack: 0n, services: SPEC_EPOCH1_SERVICES });
    const view = r.services.map((s) => [s.id, s.rank.toString(), s.percentile.toFixed(2), s.level]);
    expect(view).toEqual([
      ["A", "1/1", "100.00", 1],
      ["B", "3/1", "33.33", 6],
      ["C", "2/1", "66.67", 4],
    ]);
  });
});

describe("caps", () => {
  it("default to 30,000 / 25,000 / 20,000 / 15,000 / 10,000 / 7,000 / 5,000 / 3,000 / 1,000 Jet", () => {
    expect(DEFAULT_LEVEL_CAPS_PACK.map((c) => c / 1_000_000n)).toEqual([30000n, 25000n, 20000n, 15000n, 10000n, 7000n, 5000n, 3000n, 1000n]);
  });
});
