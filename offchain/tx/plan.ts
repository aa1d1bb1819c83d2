/**
 * Transaction plans: every builder returns a plain description of the transaction it
 * wants (inputs and their redeemers, reference inputs, mint, outputs with inline datums,
 * validity range, required signers) before anything touches Lucid.
 *
 * Why: a plan can be inspected, printed by `--dry-run`, and — in the attack tests —
 * mutated one field at a time to show that the validators reject exactly that change.
 * `toTx` turns a plan into an unsigned Lucid transaction builder; nothing here signs or
 * submits.
 */
import type { Assets, LucidEvolution, Script, TxBuilder, UTxO } from "@lucid-evolution/lucid";
import type { Protocol, ScriptName } from "../protocol.js";

export interface PlannedOutput {
  address: string;
  assets: Assets;
  datum?: string; // inline datum, CBOR hex
  scriptRef?: Script; // a reference script stored in the output
}

export interface TxPlan {
  spend: { utxos: UTxO[]; redeemer?: string }[]; // redeemer CBOR hex for script inputs
  reference: UTxO[]; // reference inputs (config, reference scripts)
  mint?: { assets: Assets; redeemer: string };
  /** Mints under further policies (one entry per policy), after `mint`. */
  moreMints?: { assets: Assets; redeemer: string }[];
  /** A withdrawal by a script stake credential (the lock rules: withdraw-zero; `amount` is
   *  the account's whole balance, 0 unless someone paid into it). */
  withdraw?: { rewardAddress: string; redeemer: string; amount?: bigint };
  /** Further script withdrawals, after `withdraw`. */
  moreWithdrawals?: { rewardAddress: string; redeemer: string; amount?: bigint }[];
  /** Stake credentials registered (a certificate that needs no witness; genesis). */
  registerStake?: string[];
  outputs: PlannedOutput[];
  /** Transaction metadata by label (e.g. a CIP-20 memo under 674). */
  metadata?: { label: number; value: unknown }[];
  validFrom?: number; // POSIX ms
  validTo?: number; // POSIX ms
  signers: string[]; // required key hashes
  scripts: Script[]; // scripts attached in the witness set (those not given by reference)
}

/** Uses the protocol's reference-script UTxO for `name` when it has one, else attaches the script. */
export function useScript(plan: TxPlan, protocol: Protocol, name: ScriptName): void {
  const ref = protocol.refs?.[name];
  if (ref) {
    if (!plan.reference.some((u) => u.txHash === ref.txHash && u.outputIndex === ref.outputIndex)) plan.reference.push(ref);
  } else plan.scripts.push(protocol[name].script);
}

export function emptyPlan(): TxPlan {
  return { spend: [], reference: [], outputs: [], signers: [], scripts: [] };
}

/** The unsigned transaction builder of a plan (call `.complete()` to balance it). */
export function toTx(lucid: LucidEvolution, plan: TxPlan): TxBuilder {
  let tx = lucid.newTx();
  for (const s of plan.spend) tx = s.redeemer === undefined ? tx.collectFrom(s.utxos) : tx.collectFrom(s.utxos, s.redeemer);
  if (plan.reference.length > 0) tx = tx.readFrom(plan.reference);
  if (plan.mint) tx = tx.mintAssets(plan.mint.assets, plan.mint.redeemer);
  for (const m of plan.moreMints ?? []) tx = tx.mintAssets(m.assets, m.redeemer);
  if (plan.withdraw) tx = tx.withdraw(plan.withdraw.rewardAddress, plan.withdraw.amount ?? 0n, plan.withdraw.redeemer);
  for (const w of plan.moreWithdrawals ?? []) tx = tx.withdraw(w.rewardAddress, w.amount ?? 0n, w.redeemer);
  for (const a of plan.registerStake ?? []) tx = tx.registerStake(a);
  for (const o of plan.outputs) {
    if (o.scriptRef) tx = tx.pay.ToAddressWithData(o.address, o.datum === undefined ? undefined : { kind: "inline", value: o.datum }, o.assets, o.scriptRef);
    else if (o.datum === undefined) tx = tx.pay.ToAddress(o.address, o.assets);
    else tx = tx.pay.ToContract(o.address, { kind: "inline", value: o.datum }, o.assets);
  }
  for (const m of plan.metadata ?? []) tx = tx.attachMetadata(m.label, m.value as Parameters<TxBuilder["attachMetadata"]>[1]);
  if (plan.validFrom !== undefined) tx = tx.validFrom(plan.validFrom);
  if (plan.validTo !== undefined) tx = tx.validTo(plan.validTo);
  for (const k of plan.signers) tx = tx.addSignerKey(k);
  for (const s of plan.scripts) {
    tx = tx.attach.Script(s);
  }
  return tx;
}
