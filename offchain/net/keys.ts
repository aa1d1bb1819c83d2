/**
 * Signing keys from files: a bech32 ed25519 key (`ed25519_sk1…` / `ed25519e_sk1…`, as the
 * devnet writes), a cardano-cli text envelope (`{ "type": "PaymentSigningKeyShelley_ed25519",
 * "cborHex": "5820…" }`, or the extended `…_ed25519_bip32` kind), or a seed-phrase file
 * (12–24 words; the wallet is account 0's base address, as `lucid.selectWallet.fromSeed`).
 *
 * Why a class with private fields: a key must never reach a log, an error message or a JSON
 * dump by accident. `SigningKey` prints (toString, JSON.stringify, util.inspect) as its file
 * name and key hash only; the secret is read through `privateKey()` / `seedPhrase()` by the
 * code that signs. Errors about a key file name the file and the problem, never its text.
 */
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { CML, walletFromSeed, type LucidEvolution, type Network } from "@lucid-evolution/lucid";

export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyError";
  }
}

export type KeyKind = "bech32" | "text-envelope" | "seed";

interface Secret {
  privateKey: string; // bech32 payment signing key
  seedPhrase?: string;
}

/** The secrets live here, not on the objects: spreading, cloning or dumping a key finds nothing. */
const SECRETS = new WeakMap<SigningKey, Secret>();

function secretOf(k: SigningKey): Secret {
  const s = SECRETS.get(k);
  if (!s) throw new KeyError(`key ${k.file}: no secret (a copy of a SigningKey is not a key)`);
  return s;
}

export class SigningKey {
  readonly file: string;
  readonly kind: KeyKind;
  /** Payment key hash (28 bytes hex): the key's identity on chain. */
  readonly pkh: string;

  constructor(file: string, kind: KeyKind, secret: Secret) {
    this.file = file;
    this.kind = kind;
    this.pkh = CML.PrivateKey.from_bech32(secret.privateKey).to_public().hash().to_hex();
    SECRETS.set(this, { ...secret });
  }

  /** The bech32 payment signing key (for `sign.withPrivateKey`). Do not print it. */
  privateKey(): string {
    return secretOf(this).privateKey;
  }

  /** The seed phrase of a seed-phrase file, else undefined. Do not print it. */
  seedPhrase(): string | undefined {
    return secretOf(this).seedPhrase;
  }

  /** The wallet address this key pays from: enterprise for a plain key, base (with stake key) for a seed phrase. */
  address(network: Network): string {
    const seed = secretOf(this).seedPhrase;
    if (seed) return walletFromSeed(seed, { addressType: "Base", accountIndex: 0, network }).address;
    const cred = CML.Credential.new_pub_key(CML.Ed25519KeyHash.from_hex(this.pkh));
    return CML.EnterpriseAddress.new(network === "Mainnet" ? 1 : 0, cred).to_address().to_bech32(undefined);
  }

  /** Makes this key the Lucid instance's wallet. */
  selectAsWallet(lucid: LucidEvolution): void {
    const seed = secretOf(this).seedPhrase;
    if (seed) lucid.selectWallet.fromSeed(seed, { addressType: "Base", accountIndex: 0 });
    else lucid.selectWallet.fromPrivateKey(secretOf(this).privateKey);
  }

  /** Adds this key's vkey witness to a transaction (CBOR hex); returns the new CBOR. */
  witness(txCbor: string): string {
    return addVkeyWitness(txCbor, secretOf(this).privateKey);
  }

  toString(): string {
    return `${this.file} (key hash ${this.pkh})`;
  }
  toJSON(): unknown {
    return { file: this.file, kind: this.kind, pkh: this.pkh };
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `SigningKey { file: ${JSON.stringify(this.file)}, kind: ${this.kind}, pkh: ${this.pkh} }`;
  }
}

const ENVELOPE_NORMAL = /SigningKey\w*_ed25519$/;
const ENVELOPE_EXTENDED = /ExtendedSigningKey\w*_ed25519_bip32$/;

function fromEnvelope(o: Record<string, unknown>, file: string): string {
  const type = typeof o.type === "string" ? o.type : "";
  const hex = typeof o.cborHex === "string" ? o.cborHex.toLowerCase() : "";
  if (!/^([0-9a-f]{2})+$/.test(hex)) throw new KeyError(`key file ${file}: text envelope without a cborHex field`);
  if (ENVELOPE_EXTENDED.test(type)) {
    if (!hex.startsWith("5880") || hex.length !== 4 + 256) throw new KeyError(`key file ${file}: ${type} must hold 128 bytes (cborHex 5880…)`);
    return CML.PrivateKey.from_extended_bytes(Buffer.from(hex.slice(4, 4 + 128), "hex")).to_bech32();
  }
  if (ENVELOPE_NORMAL.test(type)) {
    if (!hex.startsWith("5820") || hex.length !== 4 + 64) throw new KeyError(`key file ${file}: ${type} must hold 32 bytes (cborHex 5820…)`);
    return CML.PrivateKey.from_normal_bytes(Buffer.from(hex.slice(4), "hex")).to_bech32();
  }
  throw new KeyError(`key file ${file}: text envelope of type ${JSON.stringify(type.slice(0, 60))} is not an ed25519 signing key`);
}

/** Parses the text of a key file (never echoed in errors). */
export function parseSigningKey(text: string, file: string): SigningKey {
  const t = text.trim();
  if (t === "") throw new KeyError(`key file ${file} is empty`);
  if (t.startsWith("{")) {
    let o: unknown;
    try {
      o = JSON.parse(t);
    } catch {
      throw new KeyError(`key file ${file}: not valid JSON (expected a cardano-cli text envelope)`);
    }
    if (typeof o !== "object" || o === null || Array.isArray(o)) throw new KeyError(`key file ${file}: expected a text envelope object`);
    return new SigningKey(file, "text-envelope", { privateKey: fromEnvelope(o as Record<string, unknown>, file) });
  }
  if (/^ed25519e?_sk1[02-9ac-hj-np-z]+$/.test(t)) {
    try {
      return new SigningKey(file, "bech32", { privateKey: CML.PrivateKey.from_bech32(t).to_bech32() });
    } catch {
      throw new KeyError(`key file ${file}: malformed bech32 signing key`);
    }
  }
  const words = t.split(/\s+/);
  if (words.length >= 12 && words.length <= 24 && words.every((w) => /^[a-z]+$/.test(w))) {
    const phrase = words.join(" ");
    let paymentKey: string;
    try {
      paymentKey = walletFromSeed(phrase, { addressType: "Base", accountIndex: 0, network: "Preprod" }).paymentKey;
    } catch {
      throw new KeyError(`key file ${file}: not a valid seed phrase (${words.length} words; wrong word or checksum)`);
    }
    return new SigningKey(file, "seed", { privateKey: paymentKey, seedPhrase: phrase });
  }
  throw new KeyError(`key file ${file}: not a signing key (expected bech32 ed25519_sk1…, a cardano-cli text envelope, or a seed phrase)`);
}

/**
 * Reads a key file. `warn` is told (once) when the file is readable by group or others.
 * Missing, unreadable or malformed files throw KeyError naming the file.
 */
export function loadSigningKey(file: string, cwd: string = process.cwd(), warn?: (line: string) => void): SigningKey {
  const abs = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(abs, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "is a directory" : err.code === "EACCES" ? "permission denied" : (err.code ?? "unreadable");
    throw new KeyError(`cannot read key file ${file}: ${why}`);
  }
  try {
    const mode = statSync(abs).mode & 0o777;
    if (warn && (mode & 0o077) !== 0) warn(`warning: key file ${file} is readable by others (mode ${mode.toString(8).padStart(4, "0")}); chmod 600 it`);
  } catch {
    /* stat after a successful read: ignore */
  }
  return parseSigningKey(text, file);
}

/** Adds a vkey witness made with `privateKey` (bech32) to a transaction, keeping every other witness. */
export function addVkeyWitness(txCbor: string, privateKey: string): string {
  const tx = CML.Transaction.from_cbor_hex(txCbor);
  const body = tx.body();
  const wit = CML.make_vkey_witness(CML.hash_transaction(body), CML.PrivateKey.from_bech32(privateKey));
  const builder = CML.TransactionWitnessSetBuilder.new();
  builder.add_existing(tx.witness_set());
  builder.add_vkey(wit);
  const plutusData = tx.witness_set().plutus_datums();
  if (plutusData) for (let i = 0; i < plutusData.len(); i++) builder.add_plutus_datum(plutusData.get(i));
  return CML.Transaction.new(body, builder.build(), tx.is_valid(), tx.auxiliary_data()).to_cbor_hex();
}

/** Key hashes of the vkey witnesses a transaction carries. */
export function witnessKeyHashes(txCbor: string): string[] {
  const ws = CML.Transaction.from_cbor_hex(txCbor).witness_set().vkeywitnesses();
  const out: string[] = [];
  for (let i = 0; i < (ws?.len() ?? 0); i++) out.push(ws!.get(i).vkey().hash().to_hex());
  return out;
}

/** A key hash from a 56-hex key hash or a bech32 address's payment key credential. */
export function keyHashFrom(value: string, what: string): string {
  const v = value.trim();
  if (/^[0-9a-fA-F]{56}$/.test(v)) return v.toLowerCase();
  let addr: CML.Address;
  try {
    addr = CML.Address.from_bech32(v);
  } catch {
    throw new KeyError(`${what}: ${JSON.stringify(v.slice(0, 120))} is neither a 28-byte key hash (56 hex digits) nor a bech32 address`);
  }
  const cred = addr.payment_cred();
  const kh = cred?.as_pub_key();
  if (!kh) throw new KeyError(`${what}: address ${v.slice(0, 120)} has no payment key (script or reward address)`);
  return kh.to_hex();
}
