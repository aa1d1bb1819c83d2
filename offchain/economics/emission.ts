// Why: the emission schedule is the one number everybody must agree on — the on-chain
// minting policy, the SDK, the operator's reports. It is fixed by docs/design.md §1–2 and
// derived here, exactly, from the spec's formula; nothing about A is hard-coded.
//
// How: S = Σ_{t=1..2776} 1/ln(t+1) and A = 10^9 / S are evaluated with decimal.js at 60
// significant digits (a private Decimal clone, so the global decimal.js configuration is
// untouched). ln(n) for n = 2…2777 is built from ln of the primes only (ln(ab) = ln a + ln b),
// which is ~6× faster than 2,776 independent logarithms and just as precise at 60 digits.
// Per-epoch amounts are integer Pack (bigint) under the single rounding rule of design.md §2:
//   t = 1…2775: emission(t) = round_half_up(A · 10^6 / ln(t+1))   (nearest Pack)
//   t = 2776:   emission(t) = 10^15 − Σ_{t=1..2775} emission(t)     (the remainder)
// so the total is exactly 10^15 Pack = 1,000,000,000 Jet. Everything is cached after the first
// call (the derivation takes ~0.1 s).
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

let lnCache: readonly Decimal[] | undefined;

/**
 * ln(n) for n = 0…EPOCHS+1 (entries 0 and 1 unused / zero), at 60 significant digits.
 * Primes get a direct decimal.js logarithm; composites are sums of their factors' logarithms.
 */
function lnTable(): readonly Decimal[] {
  if (lnCache) return lnCache;
  const max = EPOCHS + 1;
  const spf = new Uint32Array(max + 1); // smallest prime factor
  for (let i = 2; i <= max; i++) {
    if (spf[i] === 0) for (let j = i; j <= max; j += i) if (spf[j] === 0) spf[j] = i;
  }
  const ln: Decimal[] = new Array(max + 1);
  ln[0] = new Dec(0);
  ln[1] = new Dec(0);
  for (let n = 2; n <= max; n++) {
    const p = spf[n]!;
    ln[n] = p === n ? new Dec(n).ln() : ln[p]!.plus(ln[n / p]!);
  }
  lnCache = ln;
  return ln;
}

/** ln(t + 1) at 60 significant digits, for t = 1…EPOCHS (exported for cross-checks). */
export function lnEpoch(t: number): Decimal {
  checkEpoch(t);
  return lnTable()[t + 1]!;
}

let sCache: Decimal | undefined;
let aCache: Decimal | undefined;

/** S = Σ_{t=1..2776} 1/ln(t+1), 60 significant digits. */
export function emissionS(): Decimal {
  if (sCache) return sCache;
  const ln = lnTable();
  let s = new Dec(0);
  for (let t = 1; t <= EPOCHS; t++) s = s.plus(new Dec(1).div(ln[t + 1]!));
  sCache = s;
  return s;
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
  return emissionA().times(PACK_PER_JET.toString()).div(lnTable()[t + 1]!);
}

/** Emission of every epoch in Pack; index t−1 holds epoch t. Cached and frozen. */
export function scheduleTable(): readonly bigint[] {
  if (tableCache) return tableCache;
  const out: bigint[] = new Array(EPOCHS);
  let sum = 0n;
  for (let t = 1; t < EPOCHS; t++) {
    const pack = BigInt(emissionRealPack(t).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
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
