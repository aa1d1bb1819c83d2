/**
 * Unsigned and partly signed transactions as files, for signatures collected from several
 * people (a governor quorum): the cardano-cli text-envelope shape
 *   { "type": "Unwitnessed Tx ConwayEra" | "Witnessed Tx ConwayEra", "description", "cborHex" }
 * plus a "jetpack" object (network, what the transaction does, who must sign) that signers
 * read before signing. cardano-cli ignores the extra field, so `cardano-cli transaction
 * sign/witness/submit` work on these files too.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { CML, type UTxO } from "@lucid-evolution/lucid";
import { witnessKeyHashes } from "./keys.js";
import { parseNetworkName, type NetworkName } from "./network.js";

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvelopeError";
  }
}

export interface TxEnvelope {
  type: string;
  description: string;
  cborHex: string;
  jetpack?: {
    network: NetworkName;
    label: string;
    hash: string;
    requiredSigners: string[]; // key hashes that must witness (payer first)
    summary: string[];
    /** The UTxOs the transaction spends (and references), as the author read them: lets
     *  tx-show / tx-sign show what they hold (and a config update's old values) offline. */
    inputs?: RecordedInput[];
  };
}

export interface RecordedInput {
  ref: string; // "txhash#index"
  address: string;
  assets: Record<string, string>; // unit → quantity (decimal)
  datum?: string; // inline datum CBOR hex
  datumHash?: string;
}

/** The recorded form of UTxOs (for the envelope). */
export function recordInputs(utxos: readonly UTxO[]): RecordedInput[] {
  return utxos.map((u) => ({
    ref: `${u.txHash}#${u.outputIndex}`,
    address: u.address,
    assets: Object.fromEntries(Object.entries(u.assets).map(([k, v]) => [k, v.toString()])),
    ...(u.datum ? { datum: u.datum } : {}),
    ...(u.datumHash ? { datumHash: u.datumHash } : {}),
  }));
}

/** A recorded input as a UTxO (no script reference). */
export function recordedToUtxo(r: RecordedInput): UTxO {
  const [txHash, index] = r.ref.split("#");
  const assets: Record<string, bigint> = {};
  for (const [k, v] of Object.entries(r.assets)) assets[k] = BigInt(v);
  return { txHash: txHash!, outputIndex: Number(index), address: r.address, assets, datum: r.datum ?? null, datumHash: r.datumHash ?? null, scriptRef: null };
}

function checkInputs(raw: unknown, file: string): RecordedInput[] | undefined {
  if (raw === undefined) return undefined;
  const bad = (i: number, why: string) => new EnvelopeError(`transaction file ${file}: jetpack.inputs[${i}]: ${why}`);
  if (!Array.isArray(raw)) throw new EnvelopeError(`transaction file ${file}: jetpack.inputs must be a list`);
  return raw.map((x: unknown, i) => {
    const o = x as Partial<RecordedInput>;
    if (typeof o !== "object" || o === null) throw bad(i, "expected an object");
    if (typeof o.ref !== "string" || !/^[0-9a-f]{64}#\d{1,5}$/.test(o.ref)) throw bad(i, 'ref must be "txhash#index"');
    if (typeof o.address !== "string" || !/^[0-9A-Za-z_]{1,200}$/.test(o.address)) throw bad(i, "address must be a bech32 or base58 address");
    if (typeof o.assets !== "object" || o.assets === null || !Object.entries(o.assets).every(([k, v]) => (k === "lovelace" || /^[0-9a-f]{56,120}$/.test(k)) && typeof v === "string" && /^\d{1,30}$/.test(v)))
      throw bad(i, "assets must map units to decimal strings");
    for (const k of ["datum", "datumHash"] as const) if (o[k] !== undefined && (typeof o[k] !== "string" || !/^([0-9a-f]{2})+$/.test(o[k]!))) throw bad(i, `${k} must be hex`);
    return { ref: o.ref, address: o.address, assets: { ...o.assets }, ...(o.datum ? { datum: o.datum } : {}), ...(o.datumHash ? { datumHash: o.datumHash } : {}) };
  });
}

export function makeEnvelope(cborHex: string, meta: NonNullable<TxEnvelope["jetpack"]>): TxEnvelope {
  return { type: witnessKeyHashes(cborHex).length > 0 ? "Witnessed Tx ConwayEra" : "Unwitnessed Tx ConwayEra", description: `jetpack: ${meta.label}`, cborHex, jetpack: meta };
}

export function readEnvelope(file: string, cwd: string): TxEnvelope {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(cwd, file), "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new EnvelopeError(`cannot read transaction file ${file}: ${code === "ENOENT" ? "no such file" : code ? code : "invalid JSON"}`);
  }
  const o = raw as Partial<TxEnvelope>;
  if (typeof o?.type !== "string" || !/Tx \w+Era$/.test(o.type) || typeof o.cborHex !== "string" || !/^([0-9a-f]{2})+$/i.test(o.cborHex))
    throw new EnvelopeError(`transaction file ${file}: expected a text envelope { "type": "… Tx ConwayEra", "cborHex": … }`);
  try {
    CML.Transaction.from_cbor_hex(o.cborHex);
  } catch {
    throw new EnvelopeError(`transaction file ${file}: cborHex is not a transaction`);
  }
  let jetpack = o.jetpack;
  if (jetpack) {
    try {
      jetpack = { ...jetpack, network: parseNetworkName(String(jetpack.network), `${file}: jetpack.network`) };
    } catch (e) {
      throw new EnvelopeError((e as Error).message);
    }
    jetpack.requiredSigners ??= [];
    if (!Array.isArray(jetpack.requiredSigners) || !jetpack.requiredSigners.every((k) => typeof k === "string" && /^[0-9a-f]{56}$/.test(k)))
      throw new EnvelopeError(`transaction file ${file}: jetpack.requiredSigners must be a list of key hashes`);
    // The label is the author's words, printed to signers' terminals: no control characters.
    jetpack.label = String(jetpack.label ?? "").replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
    const inputs = checkInputs(jetpack.inputs, file);
    if (inputs) jetpack.inputs = inputs;
  }
  return { type: o.type, description: typeof o.description === "string" ? o.description : "", cborHex: o.cborHex.toLowerCase(), ...(jetpack ? { jetpack } : {}) };
}

export function writeEnvelope(file: string, env: TxEnvelope, cwd: string): void {
  const abs = resolve(cwd, file);
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(env, null, 2) + "\n");
    renameSync(tmp, abs);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new EnvelopeError(`cannot write transaction file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Key hashes the body lists as required signers. */
export function requiredSignersOf(cborHex: string): string[] {
  const rs = CML.Transaction.from_cbor_hex(cborHex).body().required_signers();
  const out: string[] = [];
  for (let i = 0; i < (rs?.len() ?? 0); i++) out.push(rs!.get(i).to_hex());
  return out;
}

export function txHashOf(cborHex: string): string {
  return CML.hash_transaction(CML.Transaction.from_cbor_hex(cborHex).body()).to_hex();
}
