/**
 * What the exchange builders share: the order token's unit, the ledger's minimum ADA for
 * an output, and the default deposit.
 */
import { calculateMinLovelaceFromUTxO, type Assets } from "@lucid-evolution/lucid";
import type { Protocol } from "../../protocol.js";

/** Lovelace per byte of a UTxO (the mainnet and preprod protocol parameter). */
export const COINS_PER_UTXO_BYTE = 4_310n;

/** The unit of the order token named `id`. */
export const orderUnit = (p: Protocol, id: string) => p.exchange.hash + id;

/** The ledger's minimum ADA for an output at `address` holding `assets` and the inline `datum`. */
export function minLovelace(address: string, assets: Assets, datum?: string): bigint {
  const u = { txHash: "00".repeat(32), outputIndex: 0, address, assets: { lovelace: 0n, ...assets }, datum: datum ?? null, datumHash: null, scriptRef: null };
  return calculateMinLovelaceFromUTxO(COINS_PER_UTXO_BYTE, u);
}
