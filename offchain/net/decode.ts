/**
 * What a transaction does, read from its CBOR alone (plus, when available, the UTxOs it
 * spends and the deployment file): inputs, reference inputs, outputs with the protocol's
 * tokens and datums named, mint, validity, required signers, withdrawals, certificates,
 * and for a config update the old → new value of every changed field.
 *
 * Why: a governor asked to sign a transaction file must not trust the summary its author
 * wrote. `jetpack tx-show` and `jetpack tx-sign` print this view; nothing in it comes from
 * the file's "jetpack" object except the spent UTxOs when the chain cannot be asked (each
 * such input is marked "as recorded in the file") and the signers the author listed (marked).
 */
import { CML, coreToTxOutput, slotToUnixTime, type UTxO } from "@lucid-evolution/lucid";
import { decodeConfig, decodeLock, decodePool, decodeState, type ConfigDatum, type LockDatum, type PoolDatum, type StateDatum } from "../codec/data.js";
import { formatJet } from "../economics/emission.js";
import type { Protocol } from "../protocol.js";
import { configChanges, configFieldText, CONFIG_FIELDS, type ConfigChange } from "./configdiff.js";
import { witnessKeyHashes } from "./keys.js";
import { lucidNetworkOf, type NetworkName } from "./network.js";
import { ada, redeemersOf, type ExUnitsEntry } from "./tx.js";

export type ProtocolToken = "Jet" | "JetState" | "JetConfig" | "JetPool" | "JetLock";
export type DatumKind = "config" | "pool" | "lock" | "state";
export type Source = "chain" | "file";

export interface AssetView {
  unit: string;
  policyId: string;
  assetName: string; // hex
  token: ProtocolToken | null; // only when the deployment is known
  quantity: bigint;
}

export interface DatumView {
  kind: "inline" | "hash";
  cbor?: string;
  hash?: string;
  type?: DatumKind;
  /** True when the deployment is unknown and the type is a guess from the datum's shape. */
  guessed?: boolean;
  value?: ConfigDatum | PoolDatum | LockDatum | StateDatum;
}

export interface OutputView {
  address: string;
  name: string | null; // "config script", "reference-script holder", …
  lovelace: bigint;
  assets: AssetView[];
  datum: DatumView | null;
  scriptRef: boolean;
}

export interface InputView {
  ref: string;
  source: Source | null; // where `output` came from; null: unknown
  output?: OutputView;
}

export interface SignerView {
  pkh: string;
  why: string[];
}

export interface ConfigUpdateView {
  input: string | null;
  source: Source | null;
  after: ConfigDatum;
  before?: ConfigDatum;
  changes?: ConfigChange[];
  problem?: string;
}

export interface TxView {
  hash: string;
  network: NetworkName | null;
  deploymentKnown: boolean;
  inputs: InputView[];
  referenceInputs: InputView[];
  collateral: InputView[];
  collateralReturn: OutputView | null;
  totalCollateral: bigint | null;
  outputs: OutputView[];
  mint: AssetView[];
  fee: bigint;
  validity: { fromSlot: number | null; toSlot: number | null; fromMs: number | null; toMs: number | null };
  requiredSigners: SignerView[];
  signedBy: string[];
  missing: string[];
  withdrawals: { rewardAddress: string; lovelace: bigint; keyHash: string | null }[];
  certificates: { kind: string; json: unknown }[];
  redeemers: (ExUnitsEntry & { target: string | null })[];
  configUpdate: ConfigUpdateView | null;
  warnings: string[];
}

export interface DecodeOptions {
  protocol?: Protocol;
  referenceHolder?: string;
  network?: NetworkName;
  /** Spent / referenced UTxOs by "txhash#index", and where they were read. */
  resolved?: ReadonlyMap<string, { utxo: Pick<UTxO, "address" | "assets" | "datum" | "datumHash" | "scriptRef">; source: Source }>;
  /** Signers the file's author listed (shown, marked as such). */
  recordedSigners?: readonly string[];
}

const refOf = (i: CML.TransactionInput) => `${i.transaction_id().to_hex()}#${i.index()}`;

function list<T>(l: { len(): number; get(i: number): T } | undefined): T[] {
  const out: T[] = [];
  for (let i = 0; i < (l?.len() ?? 0); i++) out.push(l!.get(i));
  return out;
}

function tokenOf(unit: string, p?: Protocol): ProtocolToken | null {
  if (!p) return null;
  const u = p.units;
  return unit === u.jet ? "Jet" : unit === u.state ? "JetState" : unit === u.config ? "JetConfig" : unit === u.poolToken ? "JetPool" : unit === u.lockToken ? "JetLock" : null;
}

function assetView(unit: string, quantity: bigint, p?: Protocol): AssetView {
  return { unit, policyId: unit.slice(0, 56), assetName: unit.slice(56), token: tokenOf(unit, p), quantity };
}

const DECODERS: [DatumKind, (c: string) => ConfigDatum | PoolDatum | LockDatum | StateDatum][] = [
  ["config", decodeConfig],
  ["pool", decodePool],
  ["state", decodeState],
  ["lock", decodeLock],
];

function datumView(out: { address: string; datum?: string | null; datumHash?: string | null }, p?: Protocol): DatumView | null {
  if (out.datum) {
    const d: DatumView = { kind: "inline", cbor: out.datum };
    const byAddress: DatumKind | undefined = p ? ({ [p.config.address]: "config", [p.pool.address]: "pool", [p.lock.address]: "lock", [p.emission.address]: "state" } as Record<string, DatumKind>)[out.address] : undefined;
    for (const [kind, decode] of DECODERS) {
      if (p && kind !== byAddress) continue;
      try {
        return { ...d, type: kind, value: decode(out.datum), ...(p ? {} : { guessed: true }) };
      } catch {
        /* not this kind */
      }
    }
    return d;
  }
  return out.datumHash ? { kind: "hash", hash: out.datumHash } : null;
}

function outputView(o: Pick<UTxO, "address" | "assets" | "datum" | "datumHash" | "scriptRef">, names: Map<string, string>, p?: Protocol): OutputView {
  return {
    address: o.address,
    name: names.get(o.address) ?? null,
    lovelace: o.assets.lovelace ?? 0n,
    assets: Object.entries(o.assets)
      .filter(([u]) => u !== "lovelace")
      .map(([u, q]) => assetView(u, q, p)),
    datum: datumView(o, p),
    scriptRef: !!o.scriptRef,
  };
}

function keyOwner(address: string): string | null {
  try {
    return CML.Address.from_bech32(address).payment_cred()?.as_pub_key()?.to_hex() ?? null;
  } catch {
    return null;
  }
}

/** Decodes a transaction (CBOR hex). Throws on CBOR that is not a transaction. */
export function decodeTx(cborHex: string, o: DecodeOptions = {}): TxView {
  const tx = CML.Transaction.from_cbor_hex(cborHex);
  const body = tx.body();
  const p = o.protocol;
  const names = new Map<string, string>();
  if (p) for (const n of ["emission", "config", "pool", "lock"] as const) names.set(p[n].address, `${n} script`);
  if (o.referenceHolder) names.set(o.referenceHolder, "reference-script holder");
  const warnings: string[] = [];
  const input = (i: CML.TransactionInput): InputView => {
    const ref = refOf(i);
    const r = o.resolved?.get(ref);
    return r ? { ref, source: r.source, output: outputView(r.utxo, names, p) } : { ref, source: null };
  };
  const inputs = list(body.inputs()).map(input);
  const referenceInputs = list(body.reference_inputs()).map(input);
  const collateral = list(body.collateral_inputs()).map(input);
  const outputs = list(body.outputs()).map((x) => outputView(coreToTxOutput(x), names, p));
  const cr = body.collateral_return();
  const mint: AssetView[] = [];
  const m = body.mint();
  for (const policy of list(m?.keys())) {
    const assets = m!.get_assets(policy)!;
    for (const name of list(assets.keys())) mint.push(assetView(policy.to_hex() + name.to_hex(), assets.get(name)!, p));
  }
  const withdrawals: TxView["withdrawals"] = [];
  const w = body.withdrawals();
  for (const ra of list(w?.keys())) withdrawals.push({ rewardAddress: ra.to_address().to_bech32(undefined), lovelace: w!.get(ra)!, keyHash: ra.payment().as_pub_key()?.to_hex() ?? null });
  const certificates = list(body.certs()).map((c) => ({ kind: CML.CertificateKind[c.kind()] ?? String(c.kind()), json: JSON.parse(c.to_json()) as unknown }));

  const signers = new Map<string, string[]>();
  const need = (pkh: string, why: string) => signers.set(pkh, [...(signers.get(pkh) ?? []), why]);
  for (const k of list(body.required_signers())) need(k.to_hex(), "named in the transaction body");
  for (const [what, l] of [["input", inputs], ["collateral input", collateral]] as const)
    for (const i of l) {
      const owner = i.output && keyOwner(i.output.address);
      if (owner) need(owner, `owns ${what} ${i.ref}`);
    }
  for (const wd of withdrawals) if (wd.keyHash) need(wd.keyHash, `withdraws from ${wd.rewardAddress}`);
  for (const k of o.recordedSigners ?? []) if (!signers.has(k)) need(k, "listed by the file's author only");
  const signedBy = witnessKeyHashes(cborHex);
  const requiredSigners = [...signers].map(([pkh, why]) => ({ pkh, why }));
  for (const s of requiredSigners) for (const out of outputs) if (!out.name && keyOwner(out.address) === s.pkh) out.name = `key of signer ${s.pkh.slice(0, 8)}…`;
  if (inputs.some((i) => !i.source)) warnings.push("some inputs could not be read (already spent, chain not read, and not recorded in the file): their contents and owners are unknown");

  const start = body.validity_interval_start();
  const ttl = body.ttl();
  const time = (slot: bigint | undefined) => (slot !== undefined && o.network ? slotToUnixTime(lucidNetworkOf(o.network), Number(slot)) : null);
  // Redeemer indexes count in the ledger's order: inputs by (tx id, index), policies and
  // reward accounts by their bytes.
  const order = inputs.map((i) => i.ref).sort((a, b) => { const [ha, ia] = a.split("#"); const [hb, ib] = b.split("#"); return ha! < hb! ? -1 : ha! > hb! ? 1 : Number(ia) - Number(ib); });
  const accounts = list(w?.keys()).map((ra) => ({ hex: ra.to_address().to_hex(), bech: ra.to_address().to_bech32(undefined) })).sort((a, b) => (a.hex < b.hex ? -1 : a.hex > b.hex ? 1 : 0));
  const policies = [...new Set(mint.map((a) => a.policyId))].sort();
  const redeemers = redeemersOf(tx).map((r) => ({
    ...r,
    target: r.purpose === "spend" ? (order[r.index] ?? null) : r.purpose === "mint" ? (policies[r.index] ?? null) : r.purpose === "withdraw" ? (accounts[r.index]?.bech ?? null) : null,
  }));

  // A config update: an output carrying a config datum (at the config script, with the NFT,
  // when the deployment is known), and the spent config UTxO's datum for the old values.
  const isConfig = (v: OutputView) => v.datum?.type === "config" && (!p || (v.address === p.config.address && v.assets.some((a) => a.token === "JetConfig")));
  const newOut = outputs.find(isConfig);
  let configUpdate: ConfigUpdateView | null = null;
  const spentConfig = inputs.find((i) => i.output && isConfig(i.output));
  if (newOut) {
    const after = newOut.datum!.value as ConfigDatum;
    if (spentConfig) {
      const before = spentConfig.output!.datum!.value as ConfigDatum;
      configUpdate = { input: spentConfig.ref, source: spentConfig.source, before, after, changes: configChanges(before, after) };
    } else if (inputs.every((i) => i.source)) configUpdate = { input: null, source: null, after, problem: "creates a config (no config UTxO is spent); the new config in full" };
    else configUpdate = { input: null, source: null, after, problem: "the spent config UTxO could not be read (already spent, chain not read, not recorded in the file): old values unknown; the new config in full" };
  } else if (spentConfig) warnings.push(`spends the config UTxO ${spentConfig.ref} without recreating it`);
  return {
    hash: CML.hash_transaction(body).to_hex(),
    network: o.network ?? null,
    deploymentKnown: !!p,
    inputs,
    referenceInputs,
    collateral,
    collateralReturn: cr ? outputView(coreToTxOutput(cr), names, p) : null,
    totalCollateral: body.total_collateral() ?? null,
    outputs,
    mint,
    fee: body.fee(),
    validity: { fromSlot: start !== undefined ? Number(start) : null, toSlot: ttl !== undefined ? Number(ttl) : null, fromMs: time(start), toMs: time(ttl) },
    requiredSigners,
    signedBy,
    missing: requiredSigners.map((s) => s.pkh).filter((k) => !signedBy.includes(k)),
    withdrawals,
    certificates,
    redeemers,
    configUpdate,
    warnings,
  };
}

// ---------------------------------------------------------------------------------------
// Text and JSON

const jetAmount = (pack: bigint) => `${formatJet(pack)} Jet (${pack} Pack)`;

function assetText(a: AssetView): string {
  if (a.token === "Jet") return jetAmount(a.quantity);
  if (a.token === "JetState" || a.token === "JetConfig") return a.quantity === 1n ? `${a.token} NFT` : `${a.quantity} ${a.token}`;
  if (a.token) return `${a.quantity} ${a.token}`;
  const text = Buffer.from(a.assetName, "hex").toString("latin1");
  const printable = a.assetName !== "" && /^[\x20-\x7e]+$/.test(text) ? ` ("${text}", not a protocol token as far as known)` : "";
  return `${a.quantity} of ${a.policyId}.${a.assetName || "(empty name)"}${printable}`;
}

function datumText(d: DatumView): string {
  if (d.kind === "hash") return `datum hash ${d.hash}`;
  const g = d.guessed ? " (shape only: deployment unknown)" : "";
  const v = d.value as unknown as Record<string, unknown>;
  switch (d.type) {
    case "state":
      return `state datum${g}: epoch ${v.epoch}, scheduled ${jetAmount(v.scheduled as bigint)}, minted ${jetAmount(v.minted as bigint)}`;
    case "pool":
      return `pool datum${g}: epoch ${v.epoch}, shard ${v.shard}, root ${v.root}, expiry ${new Date(Number(v.expiry)).toISOString()}, claimed bitmap ${(v.bitmap as string) || "(empty)"}`;
    case "lock":
      return `lock datum${g}: owner ${v.owner}`;
    case "config":
      return `config datum${g}`;
    default:
      return `inline datum ${d.cbor!.length > 80 ? d.cbor!.slice(0, 80) + "…" : d.cbor} (not a protocol datum)`;
  }
}

function outText(o: OutputView): string {
  const parts = [ada(o.lovelace), ...o.assets.map(assetText)];
  const extra = [o.datum ? datumText(o.datum) : "", o.scriptRef ? "reference script" : ""].filter(Boolean);
  return `${o.address}${o.name ? ` (${o.name})` : ""}: ${parts.join(" + ")}${extra.length ? `; ${extra.join("; ")}` : ""}`;
}

function inText(i: InputView): string {
  if (!i.output) return `${i.ref}: contents unknown`;
  return `${i.ref}${i.source === "file" ? " [as recorded in the file, not checked on chain]" : ""}: ${outText(i.output)}`;
}

const when = (ms: number | null) => (ms === null ? "" : ` (${new Date(ms).toISOString()})`);

/** The view as text lines (for tx-show and tx-sign). */
export function txViewText(v: TxView): string {
  const L: string[] = [`transaction ${v.hash}${v.network ? ` (${v.network})` : ""}${v.deploymentKnown ? "" : " — deployment file not available: protocol tokens and datums are not named"}`];
  const section = (title: string, items: string[]) => {
    L.push(`${title}${items.length ? ` (${items.length})` : ": none"}`);
    for (const s of items) L.push(`  ${s}`);
  };
  section("inputs", v.inputs.map(inText));
  section("reference inputs", v.referenceInputs.map(inText));
  section("outputs", v.outputs.map((o, i) => `#${i} ${outText(o)}`));
  section("mint", v.mint.map((a) => `${a.quantity < 0n ? "burn" : "mint"} ${assetText({ ...a, quantity: a.quantity < 0n ? -a.quantity : a.quantity })}`));
  L.push(`fee ${ada(v.fee)}${v.collateral.length ? `; collateral ${v.collateral.map((c) => c.ref).join(", ")}${v.totalCollateral !== null ? ` (at most ${ada(v.totalCollateral)})` : ""}` : ""}`);
  const { fromSlot, toSlot } = v.validity;
  L.push(`valid from ${fromSlot === null ? "any slot" : `slot ${fromSlot}${when(v.validity.fromMs)}`} until ${toSlot === null ? "spent or forever" : `slot ${toSlot}${when(v.validity.toMs)} (exclusive)`}`);
  section("required signers", v.requiredSigners.map((s) => `${s.pkh} (${s.why.join("; ")})${v.signedBy.includes(s.pkh) ? " — signed" : ""}`));
  L.push(`signatures: ${v.signedBy.length}${v.missing.length ? `; missing: ${v.missing.join(", ")}` : "; none missing"}`);
  section("withdrawals", v.withdrawals.map((w) => `${w.rewardAddress}: ${ada(w.lovelace)}`));
  section("certificates", v.certificates.map((c) => `${c.kind} ${JSON.stringify(c.json)}`));
  if (v.redeemers.length) section("scripts run", v.redeemers.map((r) => `${r.purpose}[${r.index}]${r.target ? ` ${r.target}` : ""}: mem ${r.mem}, steps ${r.steps}`));
  const cu = v.configUpdate;
  if (cu) {
    if (cu.changes) {
      L.push(`config update of ${cu.input}${cu.source === "file" ? " (old values as recorded in the file; chain not reachable)" : " (old values read from the chain)"}:`);
      for (const c of cu.changes) L.push(`  ${c.text}`);
      if (cu.changes.length === 0) L.push("  no field changes");
      const same = CONFIG_FIELDS.filter((f) => !cu.changes!.some((c) => c.field === f));
      if (same.length) L.push(`  unchanged: ${same.join(", ")}`);
    } else {
      L.push(`config update: ${cu.problem}`);
      for (const f of CONFIG_FIELDS) L.push(`  ${f}: ${configFieldText(cu.after, f)}`);
    }
  }
  for (const w of v.warnings) L.push(`warning: ${w}`);
  return L.join("\n") + "\n";
}

function plain(x: unknown): unknown {
  if (typeof x === "bigint") return x.toString();
  if (Array.isArray(x)) return x.map(plain);
  if (x && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, plain(v)]));
  return x;
}

/** The view as JSON-ready data (bigints as decimal strings). */
export function txViewJson(v: TxView): unknown {
  const cu = v.configUpdate;
  return plain({ ...v, configUpdate: cu && { ...cu, changes: cu.changes?.map(({ field, before, after }) => ({ field, before, after })) ?? null } });
}
