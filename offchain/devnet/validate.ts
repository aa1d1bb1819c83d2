/**
 * Ledger checks the devnet runs on a submitted transaction before handing it to Lucid's
 * `Emulator.submitTx`.
 *
 * Why: `Emulator.submitTx` checks signatures, witnesses, UTxO existence and the validity
 * interval, but it runs no Plutus script and checks neither fees nor value conservation.
 * A devnet that accepted such transactions would let a broken SDK pass its tests. So the
 * server adds:
 *  - phase 1: size, validity interval (ledger semantics: start ≤ slot < ttl), fee ≥ min fee
 *    (with Conway's tiered reference-script fee), value conservation, min-ADA and value
 *    size of outputs, output network, collateral, total ex-units, and the script integrity
 *    hash (this is what catches a client whose cost models differ from the chain's);
 *  - phase 2: every redeemer is evaluated with Lucid's own evaluator
 *    (`@lucid-evolution/uplc` `eval_phase_two_raw`, the one `complete()` uses), with the
 *    chain's cost models and slot config; a failing script, or one needing more than the
 *    ex-units the transaction declares, rejects the transaction.
 */
import {
  CML,
  createCostModels,
  getAddressDetails,
  utxoToTransactionInput,
  utxoToTransactionOutput,
  validatorToScriptHash,
  valueToAssets,
  applySingleCborEncoding,
  type Assets,
  type ProtocolParameters,
  type UTxO,
} from "@lucid-evolution/lucid";
import * as UPLC from "@lucid-evolution/uplc";
import type { SlotConfig } from "./time.js";

/** A transaction the devnet refuses; the server answers HTTP 400 with `message`. */
export class TxRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TxRejected";
  }
}

export interface ResolvedInputs {
  inputs: UTxO[]; // body order
  referenceInputs: UTxO[];
  collateral: UTxO[];
}

export interface RedeemerBudget {
  tag: CML.RedeemerTag;
  index: number;
  mem: bigint;
  steps: bigint;
}

const TAG_NAMES: Record<number, string> = {
  [CML.RedeemerTag.Spend]: "spend",
  [CML.RedeemerTag.Mint]: "mint",
  [CML.RedeemerTag.Cert]: "certificate",
  [CML.RedeemerTag.Reward]: "withdrawal",
  [CML.RedeemerTag.Voting]: "vote",
  [CML.RedeemerTag.Proposing]: "propose",
};

/** Ogmios/Blockfrost redeemer pointer name, e.g. `spend:0`. */
export function redeemerPointer(tag: CML.RedeemerTag, index: number): string {
  return `${TAG_NAMES[tag] ?? String(tag)}:${index}`;
}

/** Exact rational of a decimal float such as 0.0577 or 7.21e-5 (no binary rounding). */
export function toRational(x: number): { num: bigint; den: bigint } {
  const s = x.toString();
  const [mant, expPart] = s.split("e");
  const exp = expPart ? parseInt(expPart, 10) : 0;
  const [intPart, frac = ""] = mant!.split(".");
  let num = BigInt(intPart! + frac);
  let den = 10n ** BigInt(frac.length);
  if (exp > 0) num *= 10n ** BigInt(exp);
  if (exp < 0) den *= 10n ** BigInt(-exp);
  return { num, den };
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** Conway's reference-script fee: 25,600-byte tiers, the per-byte price ×1.2 each tier, floored. */
export function refScriptFee(totalSize: number, baseCostPerByte: number): bigint {
  // Work in units of 1/5^k to stay exact: price_k = base · (6/5)^k.
  const base = toRational(baseCostPerByte);
  let priceNum = base.num; // price = priceNum / priceDen
  let priceDen = base.den;
  let accNum = 0n;
  let accDen = 1n;
  let n = BigInt(totalSize);
  const step = 25_600n;
  const add = (bytes: bigint) => {
    // acc += bytes * price
    accNum = accNum * priceDen + bytes * priceNum * accDen;
    accDen = accDen * priceDen;
  };
  while (n >= step) {
    add(step);
    priceNum *= 6n;
    priceDen *= 5n;
    n -= step;
  }
  add(n);
  return accNum / accDen;
}

/** Size of a Plutus script as the ledger counts it (the CBOR-wrapped flat program). */
function scriptSize(u: UTxO): number {
  if (!u.scriptRef) return 0;
  if (u.scriptRef.type === "Native") return u.scriptRef.script.length / 2;
  return applySingleCborEncoding(u.scriptRef.script).length / 2;
}

function addAssetsInto(acc: Record<string, bigint>, a: Assets, sign: 1n | -1n = 1n): void {
  for (const [unit, q] of Object.entries(a)) acc[unit] = (acc[unit] ?? 0n) + sign * q;
}

function nonZero(a: Record<string, bigint>): Record<string, bigint> {
  return Object.fromEntries(Object.entries(a).filter(([, q]) => q !== 0n));
}

function fmtAssets(a: Record<string, bigint>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(nonZero(a)).map(([k, v]) => [k, v.toString()])));
}

function outputAssets(o: CML.TransactionOutput): Assets {
  return valueToAssets(o.amount());
}

function multiAssetToAssets(ma: CML.MultiAsset): Assets {
  const a = valueToAssets(CML.Value.new(0n, ma));
  delete a.lovelace;
  return a;
}

/** Redeemers of a witness set as (tag, index, declared ex-units). */
export function declaredRedeemers(ws: CML.TransactionWitnessSet): RedeemerBudget[] {
  const rs = ws.redeemers();
  if (!rs) return [];
  const flat = rs.to_flat_format();
  const out: RedeemerBudget[] = [];
  for (let i = 0; i < flat.len(); i++) {
    const r = flat.get(i);
    out.push({ tag: r.tag(), index: Number(r.index()), mem: r.ex_units().mem(), steps: r.ex_units().steps() });
  }
  return out;
}

interface PlutusScriptInfo {
  hash: string;
  lang: CML.Language;
}

function witnessPlutusScripts(ws: CML.TransactionWitnessSet): PlutusScriptInfo[] {
  const out: PlutusScriptInfo[] = [];
  const add = (l: { len(): number; get(i: number): { hash(): CML.ScriptHash } } | undefined, lang: CML.Language) => {
    for (let i = 0; i < (l?.len() ?? 0); i++) out.push({ hash: l!.get(i).hash().to_hex(), lang });
  };
  add(ws.plutus_v1_scripts(), CML.Language.PlutusV1);
  add(ws.plutus_v2_scripts(), CML.Language.PlutusV2);
  add(ws.plutus_v3_scripts(), CML.Language.PlutusV3);
  return out;
}

function refPlutusScripts(utxos: UTxO[]): PlutusScriptInfo[] {
  const out: PlutusScriptInfo[] = [];
  for (const u of utxos) {
    const s = u.scriptRef;
    if (!s || s.type === "Native") continue;
    const lang =
      s.type === "PlutusV1" ? CML.Language.PlutusV1 : s.type === "PlutusV2" ? CML.Language.PlutusV2 : CML.Language.PlutusV3;
    out.push({ hash: validatorToScriptHash(s), lang });
  }
  return out;
}

/** Languages of the Plutus scripts the transaction runs (needed for the script integrity hash). */
function usedLanguages(tx: CML.Transaction, r: ResolvedInputs, redeemers: RedeemerBudget[]): Set<CML.Language> {
  const body = tx.body();
  const available = [...witnessPlutusScripts(tx.witness_set()), ...refPlutusScripts([...r.inputs, ...r.referenceInputs])];
  const needsAll = redeemers.some(
    (x) => x.tag === CML.RedeemerTag.Cert || x.tag === CML.RedeemerTag.Voting || x.tag === CML.RedeemerTag.Proposing,
  );
  const needed = new Set<string>();
  for (const u of r.inputs) {
    const pc = getAddressDetails(u.address).paymentCredential;
    if (pc?.type === "Script") needed.add(pc.hash);
  }
  const mint = body.mint();
  if (mint) {
    const keys = mint.keys();
    for (let i = 0; i < keys.len(); i++) needed.add(keys.get(i).to_hex());
  }
  const wd = body.withdrawals();
  if (wd) {
    const keys = wd.keys();
    for (let i = 0; i < keys.len(); i++) {
      const sh = keys.get(i).payment().as_script();
      if (sh) needed.add(sh.to_hex());
    }
  }
  const langs = new Set<CML.Language>();
  for (const s of available) if (needsAll || needed.has(s.hash)) langs.add(s.lang);
  return langs;
}

export interface PhaseOneContext {
  txBytes: Uint8Array;
  tx: CML.Transaction;
  resolved: ResolvedInputs;
  pp: ProtocolParameters;
  costModels: CML.CostModels;
  slot: number;
  networkId: number;
}

/** Phase-1 checks the Emulator does not make. Throws `TxRejected`. */
export function phaseOneChecks(c: PhaseOneContext): void {
  const { tx, pp, resolved } = c;
  const body = tx.body();
  const ws = tx.witness_set();

  if (!tx.is_valid()) throw new TxRejected("transactions flagged is_valid = false are not accepted by the devnet");

  if (c.txBytes.length > pp.maxTxSize)
    throw new TxRejected(`MaxTxSizeUTxO: transaction is ${c.txBytes.length} bytes, the maximum is ${pp.maxTxSize}`);

  // Validity interval, ledger semantics: invalid_before ≤ slot < invalid_hereafter.
  const start = body.validity_interval_start();
  const ttl = body.ttl();
  if (start !== undefined && BigInt(c.slot) < start)
    throw new TxRejected(`OutsideValidityIntervalUTxO: current slot ${c.slot} is before the lower bound ${start}`);
  if (ttl !== undefined && BigInt(c.slot) >= ttl)
    throw new TxRejected(`OutsideValidityIntervalUTxO: current slot ${c.slot} is not before the upper bound (ttl) ${ttl}`);

  const bodyNet = body.network_id();
  if (bodyNet && Number(bodyNet.network()) !== c.networkId)
    throw new TxRejected(`WrongNetworkInTxBody: body network id ${bodyNet.network()}, devnet is ${c.networkId}`);

  // Outputs: network, min ADA, value size.
  const outs = body.outputs();
  for (let i = 0; i < outs.len(); i++) {
    const o = outs.get(i);
    let net: number | undefined;
    try {
      net = o.address().network_id();
    } catch {
      net = undefined;
    }
    if (net !== undefined && net !== c.networkId)
      throw new TxRejected(`WrongNetwork: output ${i} pays to network ${net}, devnet is ${c.networkId}`);
    const minAda = CML.min_ada_required(o, pp.coinsPerUtxoByte);
    if (o.amount().coin() < minAda)
      throw new TxRejected(`BabbageOutputTooSmallUTxO: output ${i} holds ${o.amount().coin()} lovelace, needs ${minAda}`);
    const valSize = o.amount().to_cbor_bytes().length;
    if (valSize > pp.maxValSize)
      throw new TxRejected(`OutputTooBigUTxO: output ${i} value is ${valSize} bytes, the maximum is ${pp.maxValSize}`);
  }

  // Value conservation: inputs + withdrawals + refunds + mint = outputs + fee + deposits + donation.
  const consumed: Record<string, bigint> = {};
  const produced: Record<string, bigint> = {};
  for (const u of resolved.inputs) addAssetsInto(consumed, u.assets);
  const implicit = CML.get_implicit_input(body, pp.poolDeposit, pp.keyDeposit);
  addAssetsInto(consumed, valueToAssets(implicit));
  const mint = body.mint();
  if (mint) {
    addAssetsInto(consumed, multiAssetToAssets(mint.as_positive_multiasset()));
    addAssetsInto(produced, multiAssetToAssets(mint.as_negative_multiasset()));
  }
  for (let i = 0; i < outs.len(); i++) addAssetsInto(produced, outputAssets(outs.get(i)));
  addAssetsInto(produced, { lovelace: body.fee() });
  addAssetsInto(produced, { lovelace: CML.get_deposit(body, pp.poolDeposit, pp.keyDeposit) });
  addAssetsInto(produced, { lovelace: body.donation() ?? 0n });
  const diff: Record<string, bigint> = { ...consumed };
  addAssetsInto(diff, produced, -1n);
  if (Object.keys(nonZero(diff)).length > 0)
    throw new TxRejected(
      `ValueNotConservedUTxO: consumed ${fmtAssets(consumed)}, produced ${fmtAssets(produced)}`,
    );

  // Fee ≥ minimum fee (size, ex-units, tiered reference-script fee).
  const prices = CML.ExUnitPrices.new(
    CML.Rational.new(toRational(pp.priceMem).num, toRational(pp.priceMem).den),
    CML.Rational.new(toRational(pp.priceStep).num, toRational(pp.priceStep).den),
  );
  const baseFee = CML.min_fee(tx, CML.LinearFee.new(BigInt(pp.minFeeA), BigInt(pp.minFeeB), 0n), prices, 0n);
  const refSize = [...resolved.inputs, ...resolved.referenceInputs].reduce((s, u) => s + scriptSize(u), 0);
  const minFee = baseFee + refScriptFee(refSize, pp.minFeeRefScriptCostPerByte);
  if (body.fee() < minFee) throw new TxRejected(`FeeTooSmallUTxO: fee ${body.fee()} lovelace, the minimum is ${minFee}`);

  // Redeemers: total ex-units, collateral, script integrity hash.
  const redeemers = declaredRedeemers(ws);
  if (redeemers.length > 0) {
    const mem = redeemers.reduce((s, r) => s + r.mem, 0n);
    const steps = redeemers.reduce((s, r) => s + r.steps, 0n);
    if (mem > pp.maxTxExMem || steps > pp.maxTxExSteps)
      throw new TxRejected(
        `ExUnitsTooBigUTxO: declared mem ${mem} steps ${steps}, the maxima are ${pp.maxTxExMem} and ${pp.maxTxExSteps}`,
      );

    if (resolved.collateral.length === 0) throw new TxRejected("NoCollateralInputs: a transaction running scripts needs collateral");
    if (resolved.collateral.length > pp.maxCollateralInputs)
      throw new TxRejected(
        `TooManyCollateralInputs: ${resolved.collateral.length} collateral inputs, the maximum is ${pp.maxCollateralInputs}`,
      );
    const coll: Record<string, bigint> = {};
    for (const u of resolved.collateral) addAssetsInto(coll, u.assets);
    const ret = body.collateral_return();
    if (ret) addAssetsInto(coll, outputAssets(ret), -1n);
    const collLovelace = coll.lovelace ?? 0n;
    delete coll.lovelace;
    if (Object.keys(nonZero(coll)).length > 0)
      throw new TxRejected(`CollateralContainsNonADA: collateral tokens must all go to the collateral return output`);
    const needed = ceilDiv(body.fee() * BigInt(pp.collateralPercentage), 100n);
    if (collLovelace < needed)
      throw new TxRejected(`InsufficientCollateral: collateral balance ${collLovelace} lovelace, needs ${needed}`);
    const total = body.total_collateral();
    if (total !== undefined && total !== collLovelace)
      throw new TxRejected(`IncorrectTotalCollateralField: declared ${total}, collateral balance is ${collLovelace}`);

    const langs = CML.LanguageList.new();
    for (const l of usedLanguages(tx, resolved, redeemers)) langs.add(l);
    const expected = CML.calc_script_data_hash(
      ws.redeemers()!,
      ws.plutus_datums() ?? CML.PlutusDataList.new(),
      c.costModels,
      langs,
    )?.to_hex();
    const got = body.script_data_hash()?.to_hex();
    if (expected !== got)
      throw new TxRejected(
        `PPViewHashesDontMatch: script integrity hash in the body is ${got ?? "absent"}, the devnet computes ${expected ?? "none"} ` +
          `(are the client's cost models the devnet's? fetch them from epochs/latest/parameters)`,
      );
  }
}

/** Inputs, reference inputs and collateral, deduplicated, for the evaluator. */
export function evaluationUtxos(r: ResolvedInputs): UTxO[] {
  const seen = new Set<string>();
  const out: UTxO[] = [];
  for (const u of [...r.inputs, ...r.referenceInputs, ...r.collateral]) {
    const k = `${u.txHash}#${u.outputIndex}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(u);
    }
  }
  return out;
}

/**
 * Runs every redeemer of `txBytes` with Lucid's evaluator (the whole `maxTxEx*` budget
 * available) and returns what each one costs. Throws `TxRejected` with the evaluator's
 * text (which carries the script's traces) when a script fails.
 */
export function evaluateRedeemers(
  txBytes: Uint8Array,
  utxos: UTxO[],
  pp: ProtocolParameters,
  costModels: CML.CostModels,
  sc: SlotConfig,
): RedeemerBudget[] {
  let raw: Uint8Array[];
  try {
    raw = UPLC.eval_phase_two_raw(
      txBytes,
      utxos.map((u) => utxoToTransactionInput(u).to_cbor_bytes()),
      utxos.map((u) => utxoToTransactionOutput(u).to_cbor_bytes()),
      costModels.to_cbor_bytes(),
      pp.maxTxExSteps,
      pp.maxTxExMem,
      BigInt(sc.zeroTime),
      BigInt(sc.zeroSlot),
      sc.slotLength,
    );
  } catch (e) {
    const text = e instanceof Error ? e.message : typeof e === "string" ? e : JSON.stringify(e);
    throw new TxRejected(`phase-2 script failure: ${text}`);
  }
  return raw.map((b) => {
    const r = CML.LegacyRedeemer.from_cbor_bytes(b);
    return { tag: r.tag(), index: Number(r.index()), mem: r.ex_units().mem(), steps: r.ex_units().steps() };
  });
}

/** Phase 2 of a submitted transaction: scripts pass and fit in the ex-units each redeemer declares. */
export function phaseTwoChecks(
  txBytes: Uint8Array,
  tx: CML.Transaction,
  resolved: ResolvedInputs,
  pp: ProtocolParameters,
  costModels: CML.CostModels,
  sc: SlotConfig,
): RedeemerBudget[] {
  const declared = declaredRedeemers(tx.witness_set());
  if (declared.length === 0) return [];
  const used = evaluateRedeemers(txBytes, evaluationUtxos(resolved), pp, costModels, sc);
  for (const u of used) {
    const d = declared.find((x) => x.tag === u.tag && x.index === u.index);
    if (!d) throw new TxRejected(`phase-2: the evaluator ran ${redeemerPointer(u.tag, u.index)}, which the transaction does not declare`);
    if (u.mem > d.mem || u.steps > d.steps)
      throw new TxRejected(
        `phase-2 script failure: ${redeemerPointer(u.tag, u.index)} ran out of budget: declared mem ${d.mem} steps ${d.steps}, ` +
          `needs mem ${u.mem} steps ${u.steps}`,
      );
  }
  return used;
}

/** Cost models object the client derives from `cost_models_raw` (Lucid's `createCostModels`). */
export function costModelsOf(pp: ProtocolParameters): CML.CostModels {
  return createCostModels(pp.costModels);
}
