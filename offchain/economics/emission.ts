// Why: the emission schedule is the one number everybody must agree on — the on-chain
// minting policy, the SDK, the operator's reports. It is fixed by docs/design.md §1–2 and
// derived here, exactly, from the spec's formula; nothing about A is hard-coded.
//
// How: S = Σ_{t=1..2776} 1/ln(t+1) and A = 10^9 / S are kept at 60 significant digits (a
// private decimal.js clone, so the global decimal.js configuration is untouched). Underneath,
// ln(n) for n = 2…2777 and S are computed in exact integer (BigInt) fixed point at 80 decimal
// places: ln 2 and each prime p by ln(p) = ln(p−1) + 2·atanh(1/(2p−1)) (a series gaining
// ≥ 1.4 digits per term), a composite as the sum of its factors' logarithms, each value then
// rounded once to 60 significant digits. That is ~50× faster than decimal.js's ln at 60 digits
// and at least as precise; it matters because `jetpack schedule` (and every economics
// command) derives the whole schedule at start-up.
// Per-epoch amounts are integer Pack (bigint) under the single rounding rule of design.md §2:
//   t = 1…2775: emission(t) = round_half_up(A · 10^6 / ln(t+1))   (nearest Pack)
//   t = 2776:   emission(t) = 10^15 − Σ_{t=1..2775} emission(t)     (the remainder)
// so the total is exactly 10^15 Pack = 1,000,000,000 Jet. Everything is cached after the first
// call (the derivation takes a few tens of ms).
import { Decimal } from "decimal.js";

/** Number of emission epochs (distributions). */
export const EPOCHS = 2776;
/**
 * The last epoch the tools print or report: 10,000 tail epochs after 2776 (≈ 137 years of
 * carry-over distribution), far beyond any chain that still has carry-over to hand out.
 */
export const MAX_TAIL_EPOCH = EPOCHS + 10_000;
/** Total supply, in Pack (1,000,000,000 Jet). */
export const TOTAL_SUPPLY_PACK = 10n ** 15n;
/** Pack per Jet (6 decimals). */
export const PACK_PER_JET = 1_000_000n;
/** One epoch = 5 days, in milliseconds. */
export const EPOCH_LENGTH_MS = 432_000_000;
/** Start of epoch 1: 2025-01-01T00:00:00Z, POSIX milliseconds. */
export const DEFAULT_GENESIS_MS = Date.UTC(2025, 0, 1);
/** Significant digits used for every real-valued step of the derivation. */
export const EMISSION_PRECISION = 60;

/** Private decimal.js constructor: 60 significant digits, half-up rounding. */
const Dec = Decimal.clone({ precision: EMISSION_PRECISION, rounding: Decimal.ROUND_HALF_UP });

/** Decimal places of the fixed-point logarithms: 20 guard digits beyond the 60 kept. */
const LN_PLACES = 80;
const LN_ONE = 10n ** BigInt(LN_PLACES);

/**
 * atanh(1/m) · 10^80 for odd m ≥ 3: Σ_k 10^80 / ((2k+1) · m^(2k+1)), each term truncated
 * (error < 1 unit of 10^−80 per term, ≤ 45 terms at m = 3).
 */
function atanhInvFixed(m: bigint): bigint {
  const m2 = m * m;
  let power = LN_ONE / m;
  let sum = power;
  for (let k = 3n; power > 0n; k += 2n) {
    power /= m2;
    sum += power / k;
  }
  return sum;
}

let lnFixedCache: readonly bigint[] | undefined;

/**
 * ln(n) · 10^80 (truncated) for n = 0…EPOCHS+1 (entries 0 and 1: zero). n prime →
 * ln(n−1) + 2·atanh(1/(2n−1)), since n/(n−1) = (1+y)/(1−y) with y = 1/(2n−1); n composite →
 * ln(p) + ln(n/p) for its smallest prime factor p. Accumulated truncation stays below
 * 10^−75, far under the 60th significant digit.
 */
function lnFixed(): readonly bigint[] {
  if (lnFixedCache) return lnFixedCache;
  const max = EPOCHS + 1;
  const spf = new Uint32Array(max + 1); // smallest prime factor
  for (let i = 2; i <= max; i++) {
    if (spf[i] === 0) for (let j = i; j <= max; j += i) if (spf[j] === 0) spf[j] = i;
  }
  const ln: bigint[] = new Array(max + 1).fill(0n);
  for (let n = 2; n <= max; n++) {
    const p = spf[n]!;
    ln[n] = p === n ? ln[n - 1]! + 2n * atanhInvFixed(BigInt(2 * n - 1)) : ln[p]! + ln[n / p]!;
  }
  lnFixedCache = ln;
  return ln;
}

/** A fixed-point value (units of 10^−80) rounded once to 60 significant digits. */
function fixedToDecimal(v: bigint): Decimal {
  return new Dec(`${v / LN_ONE}.${(v % LN_ONE).toString().padStart(LN_PLACES, "0")}`).toSignificantDigits(EMISSION_PRECISION);
}

const lnDecimalCache: Decimal[] = [];

/** ln(n) at 60 significant digits. */
function lnDecimal(n: number): Decimal {
  return (lnDecimalCache[n] ??= fixedToDecimal(lnFixed()[n]!));
}

/** ln(t + 1) at 60 significant digits, for t = 1…EPOCHS (exported for cross-checks). */
export function lnEpoch(t: number): Decimal {
  checkEpoch(t);
  return lnDecimal(t + 1);
}

let sCache: Decimal | undefined;
let aCache: Decimal | undefined;

/** S = Σ_{t=1..2776} 1/ln(t+1), 60 significant digits (summed in 10^−80 fixed point). */
export function emissionS(): Decimal {
  if (sCache) return sCache;
  const ln = lnFixed();
  let s = 0n;
  for (let t = 1; t <= EPOCHS; t++) s += (LN_ONE * LN_ONE) / ln[t + 1]!;
  sCache = fixedToDecimal(s);
  return sCache;
}

/** A = 10^9 / S Jet (≈ 2,412,005.7263929145…), 60 significant digits, derived and cached. */
export function emissionA(): Decimal {
  if (aCache) return aCache;
  aCache = new Dec(10).pow(9).div(emissionS());
  return aCache;
}

function checkEpoch(t: number, min = 1): void {
  if (!Number.isInteger(t) || t < min || t > EPOCHS) {
    throw new RangeError(`epoch must be an integer in ${min}..${EPOCHS}, got ${String(t)}`);
  }
}

let tableCache: readonly bigint[] | undefined;
let cumulativeCache: readonly bigint[] | undefined;

/** The real-valued emission of epoch t in Pack, A·10^6/ln(t+1) (60 digits; not rounded). */
export function emissionRealPack(t: number): Decimal {
  checkEpoch(t);
  return emissionA().times(PACK_PER_JET.toString()).div(lnDecimal(t + 1));
}

/** Emission of every epoch in Pack; index t−1 holds epoch t. Cached and frozen. */
export function scheduleTable(): readonly bigint[] {
  if (tableCache) return tableCache;
  const out: bigint[] = new Array(EPOCHS);
  // A · 10^6 in units of 10^−80, exactly (A has 60 significant digits, 7 of them integer);
  // round_half_up(a / ln) = ⌊(2a + ln) / 2ln⌋ — the on-chain formula's shape. It equals
  // emissionRealPack(t) rounded half up: no real value lies within 1.6·10^−4 of a half.
  const a = BigInt(emissionA().times(PACK_PER_JET.toString()).times(LN_ONE.toString()).toFixed(0));
  const ln = lnFixed();
  let sum = 0n;
  for (let t = 1; t < EPOCHS; t++) {
    const pack = (2n * a + ln[t + 1]!) / (2n * ln[t + 1]!);
    out[t - 1] = pack;
    sum += pack;
  }
  out[EPOCHS - 1] = TOTAL_SUPPLY_PACK - sum;
  tableCache = Object.freeze(out);
  return tableCache;
}

/** Emission of epoch t (1…2776) in Pack, by the rounding rule of design.md §2. */
export function emissionPack(t: number): bigint {
  checkEpoch(t);
  return scheduleTable()[t - 1]!;
}

/**
 * Emission of epoch t ≥ 1 in Pack, and 0 for the tail epochs after 2776: they emit nothing
 * and distribute only the carry-over (Jet swept back after the claim windows), so every
 * scheduled Pack can still be minted and claimed.
 */
export function emissionOrTailPack(t: number): bigint {
  if (Number.isInteger(t) && t > EPOCHS) return 0n;
  return emissionPack(t);
}

/** Σ emission(1..t) in Pack for any epoch t ≥ 0 (10^15 from epoch 2776 on). */
export function scheduledThrough(t: number): bigint {
  if (!Number.isInteger(t) || t < 0) throw new RangeError(`epoch must be a non-negative integer, got ${String(t)}`);
  return cumulativePack(Math.min(t, EPOCHS));
}

/** Σ_{i=1..t} emission(i) in Pack; cumulativePack(0) = 0n, cumulativePack(2776) = 10^15. */
export function cumulativePack(t: number): bigint {
  checkEpoch(t, 0);
  if (!cumulativeCache) {
    const table = scheduleTable();
    const cum: bigint[] = new Array(EPOCHS + 1);
    cum[0] = 0n;
    for (let i = 1; i <= EPOCHS; i++) cum[i] = cum[i - 1]! + table[i - 1]!;
    cumulativeCache = Object.freeze(cum);
  }
  return cumulativeCache[t]!;
}

/** Start of epoch t in POSIX ms: genesis + (t − 1) · 5 days. */
/** Start of epoch t ≥ 1 (tail epochs after 2776 included: they keep the 5-day rhythm). */
export function epochStartMs(t: number, genesisMs: number = DEFAULT_GENESIS_MS): number {
  if (!Number.isSafeInteger(t) || t < 1) throw new RangeError(`epoch must be an integer ≥ 1, got ${String(t)}`);
  if (!Number.isSafeInteger(genesisMs)) throw new RangeError(`genesisMs must be an integer, got ${String(genesisMs)}`);
  return genesisMs + (t - 1) * EPOCH_LENGTH_MS;
}

/** Start date of epoch t as YYYY-MM-DD (UTC). */
export function epochStartDate(t: number, genesisMs: number = DEFAULT_GENESIS_MS): string {
  return new Date(epochStartMs(t, genesisMs)).toISOString().slice(0, 10);
}

/**
 * round_half_up(A · 10^6 · scale): A in Pack as a fixed-point integer with the given scale.
 * The on-chain constant is A_FP = aFixedPoint(10n ** 24n) (design.md §2).
 */
export function aFixedPoint(scale: bigint): bigint {
  if (scale <= 0n) throw new RangeError(`scale must be positive, got ${scale}`);
  const value = emissionA().times(PACK_PER_JET.toString()).times(scale.toString());
  // Keep at least 10 guard digits below the units place, so the rounding is trustworthy.
  if (value.e + 1 > EMISSION_PRECISION - 10) {
    throw new RangeError(`scale ${scale} is too large for the ${EMISSION_PRECISION}-digit derivation of A`);
  }
  return BigInt(value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}

/** Pack → Jet as a plain decimal string with exactly 6 decimals ("3479788.700063"). */
export function formatJet(pack: bigint): string {
  const neg = pack < 0n;
  const abs = neg ? -pack : pack;
  const whole = abs / PACK_PER_JET;
  const frac = (abs % PACK_PER_JET).toString().padStart(6, "0");
  return `${neg ? "-" : ""}${whole}.${frac}`;
}
