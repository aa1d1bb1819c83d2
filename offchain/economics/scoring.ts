// Why: a service's share of each epoch's Jet depends on its performance score, its rank
// among all services, the percentile band that rank falls in, and that band's cap. These must
// be exact (the spec's worked example is 0.38 / 0.29 / 0.33, band edges are "≤ 96%"), so no
// floating point is used anywhere: scores are rationals, ranks are halves, percentiles are
// compared by integer cross-multiplication.
//
// How: with weights w_k in basis points and metric totals T_k, the score of service n is
//   P_n = Σ_k (w_k/10000) · M_k,n / T_k        (a metric whose total is 0 contributes 0).
// All scores share the denominator D = 10000 · Π_{T_k ≠ 0} T_k, so P_n = num_n / D with the
// integer num_n = Σ_k w_k · M_k,n · Π_{j ≠ k, T_j ≠ 0} T_j. Ranking, ties and the allocation
// ratio P_n / P = num_n / Σ num only need these integer numerators (see scoreBasis).
// Ranks: sort by num_n descending; a run of equal scores spanning positions i+1…j (1-based)
// all get the average rank (i+1+j)/2. Percentile p = (1 − (rank−1)/N) × 100. Level:
//   p > 96 → 1, 89 < p ≤ 96 → 2, 77 < p ≤ 89 → 3, 60 < p ≤ 77 → 4, 40 < p ≤ 60 → 5,
//   23 < p ≤ 40 → 6, 11 < p ≤ 23 → 7, 4 < p ≤ 11 → 8, p ≤ 4 → 9.
import { InputError } from "./errors.js";
import { PACK_PER_JET } from "./emission.js";
import { Rational, gcd } from "./rational.js";

/** Basis points in 100%. */
export const BPS_TOTAL = 10_000;
/** Default weights of M1 (tokens consumed), M2 (OG votes), M3 (unique users), in bps. */
export const DEFAULT_WEIGHTS_BPS: readonly number[] = Object.freeze([5000, 3000, 2000]);
/** Number of levels. */
export const LEVELS = 9;
/** Level L (1…8) requires a percentile strictly above LEVEL_PERCENTILE_FLOORS[L−1]; else 9. */
export const LEVEL_PERCENTILE_FLOORS: readonly number[] = Object.freeze([96, 89, 77, 60, 40, 23, 11, 4]);
/** Default maximum Pack per epoch for levels 1…9 (30,000 Jet … 1,000 Jet). */
export const DEFAULT_LEVEL_CAPS_PACK: readonly bigint[] = Object.freeze(
  [30_000n, 25_000n, 20_000n, 15_000n, 10_000n, 7_000n, 5_000n, 3_000n, 1_000n].map((j) => j * PACK_PER_JET),
);

/** One service's metrics for one epoch (non-negative integers). */
export interface ServiceMetrics {
  readonly id: string;
  readonly m1: bigint;
  readonly m2: bigint;
  readonly m3: bigint;
}

/** Check weights (3 non-negative integers summing to 10000); returns them as bigints. */
export function validateWeights(weightsBps: readonly (number | bigint)[], path = "weightsBps"): readonly bigint[] {
  if (!Array.isArray(weightsBps) || weightsBps.length !== 3) {
    throw new InputError(path, `must be an array of 3 integers (basis points), got ${describe(weightsBps)}`);
  }
  const out: bigint[] = [];
  weightsBps.forEach((w, i) => {
    const ok = typeof w === "bigint" ? w >= 0n : Number.isSafeInteger(w) && w >= 0;
    if (!ok) throw new InputError(`${path}[${i}]`, `must be a non-negative integer (basis points), got ${describe(w)}`);
    out.push(BigInt(w));
  });
  const sum = out[0]! + out[1]! + out[2]!;
  if (sum !== BigInt(BPS_TOTAL)) throw new InputError(path, `must sum to ${BPS_TOTAL}, got ${sum}`);
  return out;
}

/** Check a cap table (9 non-negative Pack amounts, level 1 first). */
export function validateCaps(capsPack: readonly bigint[], path = "capsPack"): readonly bigint[] {
  if (!Array.isArray(capsPack) || capsPack.length !== LEVELS) {
    throw new InputError(path, `must be an array of ${LEVELS} Pack amounts, got ${describe(capsPack)}`);
  }
  capsPack.forEach((c, i) => {
    if (typeof c !== "bigint" || c < 0n) throw new InputError(`${path}[${i}]`, `must be a non-negative Pack amount, got ${describe(c)}`);
  });
  return capsPack;
}

/** Check ids (non-empty, unique strings) and metrics (non-negative bigints). */
export function validateServices(services: readonly ServiceMetrics[], path = "services"): void {
  if (!Array.isArray(services)) throw new InputError(path, "must be an array");
  const n = services.length;
  const ids: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = services[i]!;
    if (typeof s?.id !== "string" || s.id.length === 0) throw new InputError(`${path}[${i}].id`, "must be a non-empty string");
    ids[i] = s.id;
    for (const k of ["m1", "m2", "m3"] as const) {
      const m = s[k];
      if (typeof m !== "bigint" || m < 0n) throw new InputError(`${path}[${i}].${k}`, `must be a non-negative integer, got ${describe(m)}`);
    }
  }
  // Fast path: building the Set in one go is several times faster than adding one by one.
  if (new Set(ids).size === n) return;
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const first = seen.get(ids[i]!);
    if (first !== undefined) throw new InputError(`${path}[${i}].id`, `duplicate service id ${JSON.stringify(ids[i])} (first at ${path}[${first}])`);
    seen.set(ids[i]!, i);
  }
}

/** All scores as integer numerators over one common denominator. */
export interface ScoreBasis {
  /** P_n = numerators[n] / denominator. */
  readonly numerators: readonly bigint[];
  readonly denominator: bigint;
  /** Positive factors whose product is `denominator` (speeds up normalizing each score). */
  readonly denominatorFactors: readonly bigint[];
  /** Σ numerators; P = total / denominator. */
  readonly total: bigint;
}

/**
 * Integer numerators of all scores over the common denominator 10000·Π T_k (nonzero totals),
 * reduced by the gcd of the per-metric coefficients and the denominator (same ratios, smaller
 * numbers). Does not validate; see validateServices / validateWeights.
 */
export function scoreBasis(services: readonly ServiceMetrics[], weightsBps: readonly bigint[]): ScoreBasis {
  const n = services.length;
  let t1 = 0n;
  let t2 = 0n;
  let t3 = 0n;
  for (let i = 0; i < n; i++) {
    const s = services[i]!;
    t1 += s.m1;
    t2 += s.m2;
    t3 += s.m3;
  }
  const totals = [t1, t2, t3];
  const factors = [BigInt(BPS_TOTAL), ...totals.filter((t) => t !== 0n)];
  const coef = totals.map((t, k) => {
    if (t === 0n) return 0n;
    let c = weightsBps[k]!;
    totals.forEach((u, j) => {
      if (j !== k && u !== 0n) c *= u;
    });
    return c;
  });
  // g = gcd(coefficients, denominator); divide it out of the coefficients and, factor by
  // factor, out of the denominator (g divides the product, so the greedy split is complete).
  let g = factors.reduce((a, b) => a * b, 1n);
  for (const c of coef) g = gcd(g, c);
  const [c1, c2, c3] = coef.map((c) => c / g) as [bigint, bigint, bigint];
  let rest = g;
  for (let i = 0; i < factors.length && rest !== 1n; i++) {
    const h = gcd(rest, factors[i]!);
    factors[i] = factors[i]! / h;
    rest /= h;
  }
  const denFactors = factors.filter((f) => f !== 1n);
  const den = denFactors.reduce((a, b) => a * b, 1n);
  const nums: bigint[] = new Array(n);
  let total = 0n;
  for (let i = 0; i < n; i++) {
    const s = services[i]!;
    let v = 0n;
    if (c1 !== 0n && s.m1 !== 0n) v += c1 * s.m1;
    if (c2 !== 0n && s.m2 !== 0n) v += c2 * s.m2;
    if (c3 !== 0n && s.m3 !== 0n) v += c3 * s.m3;
    nums[i] = v;
    total += v;
  }
  return { numerators: nums, denominator: den, denominatorFactors: denFactors, total };
}

/** Exact scores P_n (validates input). */
export function computeScores(services: readonly ServiceMetrics[], weightsBps: readonly (number | bigint)[] = DEFAULT_WEIGHTS_BPS): Rational[] {
  validateServices(services);
  const basis = scoreBasis(services, validateWeights(weightsBps));
  const toScore = Rational.overFactors(basis.denominatorFactors, services.length);
  return basis.numerators.map(toScore);
}

/**
 * Indices sorted by numerator descending (ties keep input order, which never matters:
 * tied services get identical results).
 *
 * Speed: comparing bigints is slow, so each numerator also gets an integer sort key
 * ⌊num / 2^shift⌋ < 2^53 (exact in a JS number; monotone in num). Different keys decide the
 * order; equal keys fall back to comparing the bigints. The order is therefore exactly the
 * bigint order — no rounding is involved anywhere.
 */
export function rankOrder(numerators: readonly bigint[]): Uint32Array {
  const n = numerators.length;
  let max = 0n;
  for (let i = 0; i < n; i++) if (numerators[i]! > max) max = numerators[i]!;
  const shift = BigInt(Math.max(0, max.toString(2).length - 52));
  const keys = new Float64Array(n); // holds integers 0 ≤ key < 2^53 only
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = Number(numerators[i]! >> shift);
    order[i] = i;
  }
  order.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    if (ka !== kb) return ka < kb ? 1 : -1;
    const x = numerators[a]!;
    const y = numerators[b]!;
    return x > y ? -1 : x < y ? 1 : a - b;
  });
  return order;
}

/** Average ranks (1 = best; ties share the mean of the ranks they span), index-aligned. */
export function averageRanks(numerators: readonly bigint[]): Rational[] {
  const order = rankOrder(numerators);
  const out: Rational[] = new Array(numerators.length);
  forEachTieGroup(numerators, order, (start, end) => {
    const rank = Rational.of(BigInt(start + 1 + end), 2n);
    for (let p = start; p < end; p++) out[order[p]!] = rank;
  });
  return out;
}

/**
 * Calls fn(start, end) for each run of equal numerators in `order` (positions start…end−1,
 * 0-based), best first. Their shared average rank is (start + 1 + end) / 2.
 */
export function forEachTieGroup(numerators: readonly bigint[], order: ArrayLike<number>, fn: (start: number, end: number) => void): void {
  const n = order.length;
  let start = 0;
  while (start < n) {
    const v = numerators[order[start]!]!;
    let end = start + 1;
    while (end < n && numerators[order[end]!] === v) end++;
    fn(start, end);
    start = end;
  }
}

/** Percentile (1 − (rank − 1)/N) × 100 as an exact rational. */
export function percentileOf(rank: Rational, n: number | bigint): Rational {
  const N = BigInt(n);
  if (N <= 0n) throw new RangeError("percentile needs at least one service");
  // 100 · (N − rank + 1) / N with rank = a/b: 100 · (b(N + 1) − a) / (bN)
  return Rational.of(100n * (rank.den * (N + 1n) - rank.num), rank.den * N);
}

/** Level (1…9) of a percentile, by exact comparison with the band floors. */
export function levelForPercentile(p: Rational): number {
  for (let i = 0; i < LEVEL_PERCENTILE_FLOORS.length; i++) {
    if (p.num > BigInt(LEVEL_PERCENTILE_FLOORS[i]!) * p.den) return i + 1;
  }
  return LEVELS;
}

/** Level (1…9) of an average rank among N services. */
export function levelForRank(rank: Rational, n: number | bigint): number {
  return levelForPercentile(percentileOf(rank, n));
}

function describe(v: unknown): string {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "string") return JSON.stringify(v);
  if (v === undefined) return "nothing";
  if (Array.isArray(v)) {
    const s = `[${v.map(describe).join(",")}]`;
    return s.length > 40 ? s.slice(0, 37) + "..." : s;
  }
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 40 ? s.slice(0, 37) + "..." : s;
  } catch {
    return String(v);
  }
}
