/**
 * Model of the on-chain fixed-point natural logarithm (lib/jetpack/math/ln.ak): LN_FP(n) ≈ ln(n) · 10^24 for
 * n = 2 … 2783 (the emission needs 2 … 2777).
 *
 * Why this shape: in Plutus the cost is dominated by the number of machine steps (each
 * step costs 100 memory units), not by the size of the integers, so the algorithm is
 * straight-line code with few builtin calls, three tiny byte-string tables and a short
 * series, with every constant derived at build time (lib/math/fixed.ts).
 *
 * Algorithm (all integer builtins; `÷` is quotientInteger, `⌊/⌋` divideInteger):
 *   1. range reduction with tables: q = ⌊n/16⌋, k = T1[q] (= ⌊log2 q⌋ for q ≥ 1, else 0),
 *      P = 2^k, h = ⌊P/2⌋ (tables POW and HALF, indexed by k), i = (n + h) ÷ P
 *      (= round(n / P) ∈ [16, 32] for n ≥ 32, i = n below 32), c = P · i.
 *      So c is an integer near n, |n − c| ≤ P/2, c ≥ 16 P, and ln c = k·ln 2 + ln i.
 *   2. ln(n / c) = 2·atanh(z), z = (n − c)/(n + c), |z| ≤ 1/63: with S = 10^24,
 *      u = (n − c)·S ÷ (n + c) ≈ z·S, W = u·u ÷ S ≈ z²·S, and the series
 *      Σ_{j<5} z^{2j}/(2j+1) is one Horner polynomial in W with integer coefficients
 *      D_j = S^{4−j}·L/(2j+1), L = lcm(1,3,5,7,9) = 315, so no division per step;
 *      V = u·acc ÷ K with K = S^5·L / (2·10^24) gives 2·atanh(z)·10^24.
 *   3. LN_FP(n) = k·LN2_FP + LNI[i] + V, LNI[i] = round(ln(i)·10^24) read from a 33-entry
 *      table of 11-byte big-endian integers (LNI[0] = LNI[1] = 0).
 * Error: the series is cut after z^9: 2·z^11/11 ≤ 1.9·10^−21 (z ≤ 1/63); the fixed-point
 * steps add a few units of 10^−24. Worst case measured over 2 … 2777 by `lnFpModel` vs
 * decimal.js: see test/lib/ln.test.ts. Inputs out of range: n ≤ −1 fails (negative table
 * index), n = 0 fails (0 ÷ 0), n = 1 gives 0 (the emission divides by it and fails),
 * n ≥ 2784 fails (table index out of bounds).
 */
import { bigintToBytesBE, floorDiv, lnScaled, quot } from "./fixed.js";

/** Fixed-point scale of LN_FP. */
export const LN_SCALE = 10n ** 24n;
/** Largest n the tables cover (⌊n/16⌋ ≤ 173). */
export const LN_MAX_N = 2783;
const BINS = 16; // sub-bins per octave
const LNI_WIDTH = 11; // bytes per LNI entry (ln 32 · 10^24 < 2^88)
const TERMS = 5; // series terms z, z^3, …, z^9
const L = 315n; // lcm(1, 3, 5, 7, 9)

export interface LnConstants {
  t1: Uint8Array; // ⌊n/16⌋ → k
  pow: Uint8Array; // k → 2^k
  half: Uint8Array; // k → ⌊2^k / 2⌋
  lni: Uint8Array; // i → round(ln i · 10^24), 11 bytes BE each, i = 0 … 32
  ln2: bigint; // round(ln 2 · 10^24)
  d: bigint[]; // Horner coefficients D_0 … D_4
  k: bigint; // final divisor
}

let cached: LnConstants | undefined;

/** Every constant of the on-chain ln, derived (once) with decimal.js. */
export function lnConstants(): LnConstants {
  if (cached) return cached;
  const nBins = Math.floor(LN_MAX_N / BINS) + 1; // 174
  const t1 = new Uint8Array(nBins);
  for (let q = 1; q < nBins; q++) t1[q] = Math.floor(Math.log2(q));
  const maxK = t1[nBins - 1]!;
  const pow = new Uint8Array(maxK + 1);
  const half = new Uint8Array(maxK + 1);
  for (let k = 0; k <= maxK; k++) {
    pow[k] = 2 ** k;
    half[k] = Math.floor(2 ** k / 2);
  }
  const lni = new Uint8Array((2 * BINS + 1) * LNI_WIDTH);
  for (let i = 2; i <= 2 * BINS; i++) lni.set(bigintToBytesBE(lnScaled(i, LN_SCALE), LNI_WIDTH), i * LNI_WIDTH);
  const S = LN_SCALE;
  const d: bigint[] = [];
  for (let j = 0; j < TERMS; j++) d.push(S ** BigInt(TERMS - 1 - j) * (L / BigInt(2 * j + 1)));
  const k = (S ** BigInt(TERMS) * L) / (2n * LN_SCALE);
  cached = { t1, pow, half, lni, ln2: lnScaled(2, LN_SCALE), d, k };
  return cached;
}

/**
 * The on-chain algorithm step by step in TypeScript (same builtins, same rounding): used by
 * the tests to bound its error for every n and to explain a cross-check mismatch.
 */
export function lnFpModel(n: bigint): bigint {
  const c0 = lnConstants();
  const q = floorDiv(n, BigInt(BINS));
  if (q < 0n || q >= BigInt(c0.t1.length)) throw new RangeError(`ln: n = ${n} out of range`);
  const k = BigInt(c0.t1[Number(q)]!);
  const P = BigInt(c0.pow[Number(k)]!);
  const h = BigInt(c0.half[Number(k)]!);
  const i = quot(n + h, P);
  const c = P * i;
  const u = quot((n - c) * LN_SCALE, n + c);
  const W = quot(u * u, LN_SCALE);
  let acc = c0.d[TERMS - 1]!;
  for (let j = TERMS - 2; j >= 0; j--) acc = acc * W + c0.d[j]!;
  const V = quot(u * acc, c0.k);
  const off = Number(i) * LNI_WIDTH;
  let lnI = 0n;
  for (const b of c0.lni.subarray(off, off + LNI_WIDTH)) lnI = (lnI << 8n) | BigInt(b);
  return k * c0.ln2 + lnI + V;
}
