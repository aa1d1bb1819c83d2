/**
 * Conversions from the devnet's ledger objects (Lucid `UTxO`, `ProtocolParameters`, CML
 * scripts) to the JSON shapes of the Blockfrost API, as read by Lucid Evolution 0.4.34's
 * `Blockfrost` provider (node_modules/@lucid-evolution/provider/dist/index.js).
 *
 * Why a module of its own: every number the provider parses must come back bit for bit
 * (e.g. `parseFloat(price_step)` must give the emulator's `priceStep`), or fees and
 * ex-unit budgets computed client-side drift from what the server checks.
 */
import {
  CML,
  applySingleCborEncoding,
  datumToHash,
  validatorToScriptHash,
  type Assets,
  type ProtocolParameters,
  type Script,
  type UTxO,
} from "@lucid-evolution/lucid";
import { slotToEpoch, type SlotConfig } from "./time.js";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json | undefined };

/** A Blockfrost error body (`{status_code, error, message}`); the provider reads `error` and `message`. */
export function errorBody(status: number, message: string): { status_code: number; error: string; message: string } {
  const names: Record<number, string> = {
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Request Entity Too Large",
    415: "Unsupported Media Type",
    500: "Internal Server Error",
  };
  return { status_code: status, error: names[status] ?? "Error", message };
}

/** `epochs/latest/parameters`. Numbers the provider `parseInt`s / `BigInt`s are strings where Blockfrost sends strings. */
export function protocolParametersJson(pp: ProtocolParameters, epoch: number): Record<string, Json> {
  const raw = {
    PlutusV1: Object.values(pp.costModels.PlutusV1 ?? {}).map(Number),
    PlutusV2: Object.values(pp.costModels.PlutusV2 ?? {}).map(Number),
    PlutusV3: Object.values(pp.costModels.PlutusV3 ?? {}).map(Number),
  };
  const named = Object.fromEntries(
    Object.entries(raw).map(([lang, arr]) => [lang, Object.fromEntries(arr.map((v, i) => [String(i), v]))]),
  );
  return {
    epoch,
    min_fee_a: pp.minFeeA,
    min_fee_b: pp.minFeeB,
    max_block_size: 90112,
    max_tx_size: pp.maxTxSize,
    max_block_header_size: 1100,
    key_deposit: pp.keyDeposit.toString(),
    pool_deposit: pp.poolDeposit.toString(),
    e_max: 18,
    n_opt: 500,
    a0: 0.3,
    rho: 0.003,
    tau: 0.2,
    decentralisation_param: 0,
    extra_entropy: null,
    protocol_major_ver: 10,
    protocol_minor_ver: 0,
    min_utxo: pp.coinsPerUtxoByte.toString(),
    min_pool_cost: "170000000",
    nonce: "00".repeat(32),
    cost_models: named, // Blockfrost names the parameters; the devnet keys them by index
    cost_models_raw: raw, // what the provider reads
    price_mem: pp.priceMem,
    price_step: pp.priceStep,
    max_tx_ex_mem: pp.maxTxExMem.toString(),
    max_tx_ex_steps: pp.maxTxExSteps.toString(),
    max_block_ex_mem: "62000000",
    max_block_ex_steps: "20000000000",
    max_val_size: pp.maxValSize.toString(),
    collateral_percent: pp.collateralPercentage,
    max_collateral_inputs: pp.maxCollateralInputs,
    coins_per_utxo_size: pp.coinsPerUtxoByte.toString(),
    coins_per_utxo_word: pp.coinsPerUtxoByte.toString(),
    drep_deposit: pp.drepDeposit.toString(),
    gov_action_deposit: pp.govActionDeposit.toString(),
    gov_action_lifetime: "6",
    drep_activity: "20",
    committee_min_size: "0",
    committee_max_term_length: "365",
    min_fee_ref_script_cost_per_byte: pp.minFeeRefScriptCostPerByte,
  };
}

/** `[{unit, quantity}]`, lovelace first (Blockfrost's order), quantities as decimal strings. */
export function amountJson(assets: Assets): Array<{ unit: string; quantity: string }> {
  const units = Object.keys(assets).filter((u) => u !== "lovelace" && assets[u] !== 0n).sort();
  return [
    { unit: "lovelace", quantity: (assets.lovelace ?? 0n).toString() },
    ...units.map((unit) => ({ unit, quantity: assets[unit]!.toString() })),
  ];
}

export function scriptHashOf(script: Script): string {
  return validatorToScriptHash(script);
}

/** Datum hash of an output: the hash it carries, or the hash of its inline datum (Blockfrost reports both). */
export function outputDatumHash(u: UTxO): string | null {
  if (u.datumHash) return u.datumHash;
  if (u.datum) return datumToHash(u.datum);
  return null;
}

/** One element of `addresses/{a}/utxos`. */
export function addressUtxoJson(u: UTxO, blockHash: string): Record<string, Json> {
  return {
    address: u.address,
    tx_hash: u.txHash,
    tx_index: u.outputIndex,
    output_index: u.outputIndex,
    amount: amountJson(u.assets),
    block: blockHash,
    data_hash: outputDatumHash(u),
    inline_datum: u.datum ?? null,
    reference_script_hash: u.scriptRef ? scriptHashOf(u.scriptRef) : null,
  };
}

/** An input or output of `txs/{hash}/utxos`. */
export function txUtxoJson(
  u: UTxO,
  extra: { collateral?: boolean; reference?: boolean; consumedBy?: string | null; asInput: boolean },
): Record<string, Json> {
  const base: Record<string, Json> = {
    address: u.address,
    amount: amountJson(u.assets),
    output_index: u.outputIndex,
    data_hash: outputDatumHash(u),
    inline_datum: u.datum ?? null,
    reference_script_hash: u.scriptRef ? scriptHashOf(u.scriptRef) : null,
    collateral: extra.collateral ?? false,
  };
  if (extra.asInput) return { ...base, tx_hash: u.txHash, reference: extra.reference ?? false };
  return { ...base, consumed_by_tx: extra.consumedBy ?? null };
}

/** Blockfrost's script type names. */
export function scriptTypeJson(script: Script): "timelock" | "plutusV1" | "plutusV2" | "plutusV3" {
  switch (script.type) {
    case "Native":
      return "timelock";
    case "PlutusV1":
      return "plutusV1";
    case "PlutusV2":
      return "plutusV2";
    case "PlutusV3":
      return "plutusV3";
  }
}

/** `scripts/{hash}`: `serialised_size` is the size of the flat program (Plutus) or of the native script CBOR. */
export function scriptInfoJson(script: Script): Record<string, Json> {
  const single = script.type === "Native" ? script.script : applySingleCborEncoding(script.script);
  const inner =
    script.type === "Native" ? single.length / 2 : cborBytesPayloadLength(single);
  return { script_hash: scriptHashOf(script), type: scriptTypeJson(script), serialised_size: inner };
}

/** `scripts/{hash}/cbor`: the script as one CBOR byte string (Plutus) or the native script CBOR. */
export function scriptCborJson(script: Script): { cbor: string } {
  return { cbor: script.type === "Native" ? script.script : applySingleCborEncoding(script.script) };
}

/** Length of the payload of a CBOR major-type-2 (byte string) item given as hex. */
function cborBytesPayloadLength(hex: string): number {
  const head = parseInt(hex.slice(0, 2), 16);
  const info = head & 0x1f;
  if (info < 24) return info;
  const n = { 24: 1, 25: 2, 26: 4, 27: 8 }[info];
  if (n === undefined) return hex.length / 2;
  return parseInt(hex.slice(2, 2 + 2 * n), 16);
}

/** Native script JSON as Lucid's `scriptFromNative` reads it (cardano-cli style). */
export type NativeJson =
  | { type: "sig"; keyHash: string }
  | { type: "before"; slot: number }
  | { type: "after"; slot: number }
  | { type: "all" | "any"; scripts: NativeJson[] }
  | { type: "atLeast"; required: number; scripts: NativeJson[] };

export function nativeScriptJson(ns: CML.NativeScript): NativeJson {
  const list = (l: CML.NativeScriptList): NativeJson[] => {
    const out: NativeJson[] = [];
    for (let i = 0; i < l.len(); i++) out.push(nativeScriptJson(l.get(i)));
    return out;
  };
  switch (ns.kind()) {
    case CML.NativeScriptKind.ScriptPubkey:
      return { type: "sig", keyHash: ns.as_script_pubkey()!.ed25519_key_hash().to_hex() };
    case CML.NativeScriptKind.ScriptAll:
      return { type: "all", scripts: list(ns.as_script_all()!.native_scripts()) };
    case CML.NativeScriptKind.ScriptAny:
      return { type: "any", scripts: list(ns.as_script_any()!.native_scripts()) };
    case CML.NativeScriptKind.ScriptNOfK: {
      const k = ns.as_script_n_of_k()!;
      return { type: "atLeast", required: Number(k.n()), scripts: list(k.native_scripts()) };
    }
    case CML.NativeScriptKind.ScriptInvalidBefore:
      return { type: "after", slot: Number(ns.as_script_invalid_before()!.before()) };
    case CML.NativeScriptKind.ScriptInvalidHereafter:
      return { type: "before", slot: Number(ns.as_script_invalid_hereafter()!.after()) };
    default:
      throw new Error("unknown native script kind");
  }
}

export interface BlockInfo {
  hash: string;
  height: number;
  slot: number;
  time: number; // POSIX ms
  txHashes: string[];
  previous: string | null;
  fees: bigint;
  output: bigint;
  size: number;
}

/** `blocks/latest` and `blocks/{hash_or_number}`. `time` is in seconds, as in Blockfrost. */
export function blockJson(b: BlockInfo, tipHeight: number, sc: SlotConfig): Record<string, Json> {
  const { epoch, epochSlot } = slotToEpoch(b.slot, sc);
  return {
    time: Math.floor(b.time / 1000),
    height: b.height,
    hash: b.hash,
    slot: b.slot,
    epoch,
    epoch_slot: epochSlot,
    slot_leader: "devnet",
    size: b.size,
    tx_count: b.txHashes.length,
    output: b.txHashes.length ? b.output.toString() : null,
    fees: b.txHashes.length ? b.fees.toString() : null,
    block_vrf: null,
    op_cert: null,
    op_cert_counter: null,
    previous_block: b.previous,
    next_block: null,
    confirmations: tipHeight - b.height,
  };
}
