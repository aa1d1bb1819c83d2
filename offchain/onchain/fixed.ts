/**
 * Build-time fixed-point constants for the on-chain math.
 *
 * Why: every constant baked into a script (ln 2, the table of ln i, series coefficients) is
 * derived here from decimal.js at 80 significant digits when the script is built — nothing is
 * hard-coded, so the constants and the SDK come from the same arithmetic.
 */
import { Decimal } from "decimal.js";

/** Private decimal.js constructor (the global configuration is left alone). */
export const Dec80 = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });

/** round_half_up(x) of a non-negative Decimal as a bigint. */
export function roundToBigint(x: Decimal): bigint {
  return BigInt(x.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}

/** round(ln(n) · scale) for an integer n ≥ 1. */
export function lnScaled(n: number | bigint, scale: bigint): bigint {
  if (BigInt(n) < 1n) throw new RangeError(`ln of ${n}`);
  return roundToBigint(new Dec80(n.toString()).ln().times(scale.toString()));
}

/** Big-endian unsigned encoding of `v` in exactly `width` bytes (throws when it does not fit). */
export function bigintToBytesBE(v: bigint, width: number): Uint8Array {
  if (v < 0n) throw new RangeError("negative");
  const out = new Uint8Array(width);
  let x = v;
  for (let i = width - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  if (x !== 0n) throw new RangeError(`${v} does not fit in ${width} bytes`);
  return out;
}

/** Integer division rounding toward zero (Plutus `quotientInteger`). */
export function quot(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError("division by zero");
  return a / b; // JS bigint division truncates toward zero
}

/** Integer division rounding toward −∞ (Plutus `divideInteger`). */
export function floorDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError("division by zero");
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}
