/**
 * A confirmed transaction as a payment's verifier needs it: its CBOR and its reference
 * inputs as they were when it was included — Blockfrost's `txs/{hash}/cbor` and
 * `txs/{hash}/utxos` (the devnet serves both). Reference inputs may be spent by now; this
 * history is what proves the payer's power at that time.
 */
import type { Assets, UTxO } from "@lucid-evolution/lucid";
import type { ProviderConfig } from "../net/network.js";
import { ChainError } from "../net/network.js";

interface BfInput {
  tx_hash: string;
  output_index: number;
  address: string;
  amount: { unit: string; quantity: string }[];
  inline_datum: string | null;
  reference?: boolean;
}

export async function fetchPaymentTx(cfg: ProviderConfig, hash: string): Promise<{ cbor: string; referenceInputs: UTxO[] }> {
  if (!cfg.blockfrost) throw new ChainError(`payments verify reads the transaction's history from a Blockfrost-compatible provider (txs/{hash}/utxos); ${cfg.description} is not one`);
  const get = async (path: string) => {
    const url = `${cfg.blockfrost!.url}/${path}`;
    const res = await fetch(url, { headers: { project_id: cfg.blockfrost!.projectId } }).catch((e: Error) => {
      throw new ChainError(`cannot reach ${cfg.description} at ${cfg.blockfrost!.url}: ${e.message}`);
    });
    if (res.status === 404) throw new ChainError(`transaction ${hash} is not on chain (${cfg.description} answered 404)`);
    if (!res.ok) throw new ChainError(`${cfg.description} answered ${res.status} for ${path}`);
    return res.json() as Promise<unknown>;
  };
  const [c, u] = await Promise.all([get(`txs/${hash}/cbor`), get(`txs/${hash}/utxos`)]);
  const cbor = (c as { cbor?: string }).cbor;
  if (typeof cbor !== "string") throw new ChainError(`${cfg.description} returned no CBOR for transaction ${hash}`);
  const inputs = ((u as { inputs?: BfInput[] }).inputs ?? []).filter((i) => i.reference);
  const referenceInputs = inputs.map((i) => ({
    txHash: i.tx_hash,
    outputIndex: i.output_index,
    address: i.address,
    assets: Object.fromEntries(i.amount.map((a) => [a.unit, BigInt(a.quantity)])) as Assets,
    datum: i.inline_datum,
    datumHash: null,
    scriptRef: null,
  }));
  return { cbor, referenceInputs };
}
