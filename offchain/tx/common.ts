/**
 * Helpers the builders share: asset arithmetic on Lucid `Assets`, and the errors the SDK
 * raises before building anything (bad input never reaches the chain).
 */
import type { Assets, UTxO } from "@lucid-evolution/lucid";

export class JetpackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JetpackError";
  }
}

export function lovelaceOf(u: UTxO): bigint {
  return u.assets.lovelace ?? 0n;
}

export function unitOf(u: UTxO, unit: string): bigint {
  return u.assets[unit] ?? 0n;
}

/** Assets with the given unit set to `amount` (removed when 0). */
export function withUnit(assets: Assets, unit: string, amount: bigint): Assets {
  const out: Assets = { ...assets };
  if (amount === 0n) delete out[unit];
  else out[unit] = amount;
  return out;
}

export function requireInlineDatum(u: UTxO, what: string): string {
  if (!u.datum) throw new JetpackError(`${what} ${u.txHash}#${u.outputIndex} has no inline datum`);
  return u.datum;
}
