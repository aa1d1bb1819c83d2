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
import { CML } from "@lucid-evolution/lucid";
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
  };
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
