/**
 * Detached signatures: one signer's vkey witness for one transaction, as a small file, so
 * governors sign the same transaction file in parallel (each on their own machine) and one
 * person assembles the witnesses (`jetpack tx-sign --witness-out`, `jetpack tx-assemble`).
 *
 * Format: the cardano-cli key-witness text envelope
 *   { "type": "TxWitness ConwayEra", "description": "Key Witness ShelleyEra", "cborHex": "8200…" }
 * (cborHex = [0, vkeywitness]) plus { "jetpack": { txHash, signer } }, so `cardano-cli
 * transaction assemble` accepts these files and tx-assemble accepts cardano-cli's. Reading
 * also accepts a bare vkeywitness or a whole witness set (Lucid's `partialSign` output).
 * The recorded txHash is informational: assembly checks each signature against the
 * transaction's hash itself.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { CML } from "@lucid-evolution/lucid";
import { EnvelopeError } from "./envelope.js";
import type { SigningKey } from "./keys.js";

export interface WitnessFile {
  type: string;
  description: string;
  cborHex: string;
  jetpack?: { txHash: string; signer: string };
}

export interface Witness {
  pkh: string;
  cbor: string; // one Vkeywitness
}

/** `key`'s witness for the transaction `txCbor` (nothing else of the transaction is kept). */
export function makeWitness(txCbor: string, key: SigningKey): WitnessFile {
  const signed = CML.Transaction.from_cbor_hex(key.witness(txCbor));
  const txHash = CML.hash_transaction(signed.body()).to_hex();
  const ws = signed.witness_set().vkeywitnesses();
  for (let i = 0; i < (ws?.len() ?? 0); i++) {
    const w = ws!.get(i);
    if (w.vkey().hash().to_hex() === key.pkh) return { type: "TxWitness ConwayEra", description: "Key Witness ShelleyEra", cborHex: "8200" + w.to_cbor_hex(), jetpack: { txHash, signer: key.pkh } };
  }
  throw new Error(`no witness of ${key.pkh} after signing`);
}

export function writeWitness(file: string, w: WitnessFile, cwd: string): void {
  const abs = resolve(cwd, file);
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(w, null, 2) + "\n");
    renameSync(tmp, abs);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new EnvelopeError(`cannot write witness file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function vkeys(hex: string): CML.Vkeywitness[] {
  if (hex.startsWith("8200")) return [CML.Vkeywitness.from_cbor_hex(hex.slice(4))];
  try {
    return [CML.Vkeywitness.from_cbor_hex(hex)];
  } catch {
    const ws = CML.TransactionWitnessSet.from_cbor_hex(hex).vkeywitnesses();
    const out: CML.Vkeywitness[] = [];
    for (let i = 0; i < (ws?.len() ?? 0); i++) out.push(ws!.get(i));
    return out;
  }
}

/** Reads a witness file; malformed files throw EnvelopeError naming the file. */
export function readWitness(file: string, cwd: string): { witnesses: Witness[]; txHash?: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(cwd, file), "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new EnvelopeError(`cannot read witness file ${file}: ${code === "ENOENT" ? "no such file" : code ? code : "invalid JSON"}`);
  }
  const o = raw as Partial<WitnessFile>;
  if (typeof o?.cborHex !== "string" || !/^([0-9a-f]{2})+$/i.test(o.cborHex) || (typeof o.type === "string" && !/Witness/.test(o.type)))
    throw new EnvelopeError(`witness file ${file}: expected a key witness envelope { "type": "TxWitness ConwayEra", "cborHex": … }`);
  let ws: CML.Vkeywitness[];
  try {
    ws = vkeys(o.cborHex.toLowerCase());
  } catch {
    throw new EnvelopeError(`witness file ${file}: cborHex is not a key witness`);
  }
  if (ws.length === 0) throw new EnvelopeError(`witness file ${file}: holds no key witness`);
  const txHash = typeof o.jetpack?.txHash === "string" ? o.jetpack.txHash : undefined;
  return { witnesses: ws.map((w) => ({ pkh: w.vkey().hash().to_hex(), cbor: w.to_cbor_hex() })), ...(txHash ? { txHash } : {}) };
}

/** True when the witness's signature is valid for the transaction with hash `txHash`. */
export function signs(w: Witness, txHash: string): boolean {
  const v = CML.Vkeywitness.from_cbor_hex(w.cbor);
  return v.vkey().verify(CML.TransactionHash.from_hex(txHash).to_raw_bytes(), v.ed25519_signature());
}

/** Adds vkey witnesses to a transaction without touching its body or other witnesses. */
export function addWitnesses(txCbor: string, witnesses: readonly Witness[]): string {
  const tx = CML.Transaction.from_cbor_hex(txCbor);
  const builder = CML.TransactionWitnessSetBuilder.new();
  builder.add_existing(tx.witness_set());
  for (const w of witnesses) builder.add_vkey(CML.Vkeywitness.from_cbor_hex(w.cbor));
  const plutusData = tx.witness_set().plutus_datums();
  if (plutusData) for (let i = 0; i < plutusData.len(); i++) builder.add_plutus_datum(plutusData.get(i));
  return CML.Transaction.new(tx.body(), builder.build(), tx.is_valid(), tx.auxiliary_data()).to_cbor_hex();
}
