// Why: the spec prints Jet amounts at varying precision ("3,479,788.70", "304,195.6425");
// tests compare our exact Pack amounts with them at exactly that precision.
// How: round half up from Pack to `decimals` Jet decimals, print without separators.
import { PACK_PER_JET } from "../../offchain/economics/emission.js";

/** Pack → Jet string with `decimals` (0…6) decimals, rounded half up. */
export function jetAt(pack: bigint, decimals: number): string {
  const unit = PACK_PER_JET / 10n ** BigInt(decimals);
  const q = (pack + unit / 2n) / unit;
  const scale = 10n ** BigInt(decimals);
  return decimals === 0 ? `${q}` : `${q / scale}.${(q % scale).toString().padStart(decimals, "0")}`;
}

/** "3,479,788.70" → "3479788.70". */
export function plain(printed: string): string {
  return printed.replace(/,/g, "");
}

/** Jet (as a plain decimal string, ≤ 6 decimals) → Pack. */
export function jetToPack(jet: string): bigint {
  const [w, f = ""] = plain(jet).split(".");
  return BigInt(w!) * PACK_PER_JET + BigInt(f.padEnd(6, "0"));
}
