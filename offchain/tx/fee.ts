/**
 * Paying the ledger's fee, not Lucid 0.4.34's.
 *
 * Why: Lucid 0.4.34 computes a transaction's fee as CML's minimum fee — which already
 * includes the Conway reference-script fee — plus the reference-script fee again, so every
 * transaction that reads a reference script overpays by 15 lovelace per script byte (the
 * first tier). For a claim that is ≈37,000 lovelace on a 0.28 ADA fee.
 * How: after `complete()`, lower the body's fee by that double-counted amount (the reference
 * inputs' scripts; a spent input's script is charged once, by Lucid only) and give it
 * back to the wallet's change output; the transaction is not signed yet, and our scripts
 * never read the fee, so the evaluated budgets stay valid. `ledgerMinFee` is the ledger's
 * rule (CML's size and ex-unit fee plus the tiered reference-script fee), used by the tests
 * and the devnet to check the result.
 */
import { CML, getAddressDetails, type LucidEvolution, type TxSignBuilder, type UTxO } from "@lucid-evolution/lucid";
import { refScriptFee } from "../devnet/validate.js";
import type { TxPlan } from "./plan.js";

export const MIN_FEE_REF_SCRIPT_COST_PER_BYTE = 15;

/** Bytes of reference scripts the transaction carries in its spent and referenced inputs. */
export function referencedScriptBytes(inputs: UTxO[]): number {
  return inputs.reduce((s, u) => s + (u.scriptRef ? u.scriptRef.script.length / 2 : 0), 0);
}

/** The bytes Lucid charges twice: the scripts of the reference inputs only. CML's minimum
 *  counts those; Lucid then adds a charge for them and for the spent inputs' scripts, and
 *  the spent inputs' part is the only charge the ledger's fee for them gets, so it stays. */
function planRefBytes(plan: TxPlan): number {
  return referencedScriptBytes(plan.reference);
}

/** Lucid 0.4.34's second reference-script charge (its own 25,000-byte tier table). */
export function lucidDoubleCharge(bytes: number): bigint {
  const tiers = [15, 18, 21.6, 25.92, 31.1, 37.32, 44.79, 53.75];
  let fee = 0n;
  let left = bytes;
  for (let i = 0; left > 0 && i < tiers.length; i++) {
    const chunk = Math.min(left, 25_000);
    fee += BigInt(Math.ceil(chunk * tiers[i]!));
    left -= chunk;
  }
  return fee;
}

/** The ledger's minimum fee of a (signed) transaction. */
export function ledgerMinFee(tx: CML.Transaction, refBytes: number, pp: { minFeeA: number; minFeeB: number; priceMem: number; priceStep: number }): bigint {
  const rat = (x: number) => {
    let den = 1n;
    let s = String(x);
    if (s.includes("e")) s = x.toFixed(12);
    const [i, f = ""] = s.split(".");
    den = 10n ** BigInt(f.length);
    return CML.Rational.new(BigInt(i! + f), den);
  };
  const prices = CML.ExUnitPrices.new(rat(pp.priceMem), rat(pp.priceStep));
  const base = CML.min_fee(tx, CML.LinearFee.new(BigInt(pp.minFeeA), BigInt(pp.minFeeB), 0n), prices, 0n);
  return base + refScriptFee(refBytes, MIN_FEE_REF_SCRIPT_COST_PER_BYTE);
}

/**
 * What Lucid charges above the ledger's minimum fee of the signed transaction (and a
 * 500-lovelace margin): its
 * reference-script charge counts a reference script once per script it witnesses, so a
 * tally spending 50 receipts through one 8.8 KB reference script was charged ≈ 47 ADA
 * instead of ≈ 1.5. `spent` are the transaction's spent inputs (their reference scripts
 * count once, like the reference inputs').
 */
export function overcharge(lucid: LucidEvolution, built: TxSignBuilder, plan: TxPlan, spent: UTxO[] = [], walletKeyHash?: string): bigint {
  const pp = lucid.config().protocolParameters;
  if (!pp) return lucidDoubleCharge(planRefBytes(plan));
  const tx = built.toTransaction();
  const fee = BigInt(tx.body().fee());
  const min = ledgerMinFee(tx, referencedScriptBytes([...plan.reference, ...spent]), pp);
  // The signatures are not there yet: one vkey witness (a 32-byte key and a 64-byte
  // signature, 101 bytes of CBOR) per distinct signer, the wallet's key included, and a few
  // bytes for the witness list's header.
  const signers = new Set([...plan.signers, ...(walletKeyHash ? [walletKeyHash] : [])]).size + (walletKeyHash ? 0 : 1);
  const witnesses = BigInt(signers * 101 + 4) * BigInt(pp.minFeeA);
  const over = fee - min - witnesses - 500n;
  return over > 0n ? over : 0n;
}

/** The payment key hash of a wallet address (undefined for a script address). */
export function paymentKeyHashOf(address: string): string | undefined {
  const c = getAddressDetails(address).paymentCredential;
  return c?.type === "Key" ? c.hash : undefined;
}

/** The completed transaction with Lucid's overcharge (`overcharge`) returned to the change
 *  output. The body is rebuilt field by field from CML's own objects, so every other part
 *  (inline datums included) keeps its exact encoding. */
export async function withLedgerFee(lucid: LucidEvolution, built: TxSignBuilder, plan: TxPlan): Promise<TxSignBuilder> {
  const wallet = await lucid.wallet().address();
  const over = overcharge(lucid, built, plan, plan.spend.flatMap((s) => s.utxos), paymentKeyHashOf(wallet));
  if (over === 0n) return built;
  return withFeeLowered(lucid, built, over, wallet);
}

/** `built` with its fee lowered by `over`, given back to the output paying `change`. */
export async function withFeeLowered(lucid: LucidEvolution, built: TxSignBuilder, over: bigint, change: string): Promise<TxSignBuilder> {
  const tx = built.toTransaction();
  const b = tx.body();
  const outs = b.outputs();
  let idx = -1;
  for (let i = 0; i < outs.len(); i++) if (outs.get(i).address().to_bech32() === change) idx = i;
  if (idx < 0) return built; // no change output to return it to: keep Lucid's fee
  const outputs = CML.TransactionOutputList.new();
  for (let i = 0; i < outs.len(); i++) {
    const o = outs.get(i);
    if (i === idx) {
      const v = o.amount();
      o.set_amount(CML.Value.new(v.coin() + over, v.multi_asset()));
    }
    outputs.add(o);
  }
  const nb = CML.TransactionBody.new(b.inputs(), outputs, b.fee() - over);
  const copy = <T>(get: () => T | undefined, set: (x: T) => void) => {
    const x = get();
    if (x !== undefined) set(x);
  };
  copy(() => b.ttl(), (x) => nb.set_ttl(x));
  copy(() => b.certs(), (x) => nb.set_certs(x));
  copy(() => b.withdrawals(), (x) => nb.set_withdrawals(x));
  copy(() => b.auxiliary_data_hash(), (x) => nb.set_auxiliary_data_hash(x));
  copy(() => b.validity_interval_start(), (x) => nb.set_validity_interval_start(x));
  copy(() => b.mint(), (x) => nb.set_mint(x));
  copy(() => b.script_data_hash(), (x) => nb.set_script_data_hash(x));
  copy(() => b.collateral_inputs(), (x) => nb.set_collateral_inputs(x));
  copy(() => b.required_signers(), (x) => nb.set_required_signers(x));
  copy(() => b.network_id(), (x) => nb.set_network_id(x));
  copy(() => b.collateral_return(), (x) => nb.set_collateral_return(x));
  copy(() => b.total_collateral(), (x) => nb.set_total_collateral(x));
  copy(() => b.reference_inputs(), (x) => nb.set_reference_inputs(x));
  copy(() => b.voting_procedures(), (x) => nb.set_voting_procedures(x));
  copy(() => b.proposal_procedures(), (x) => nb.set_proposal_procedures(x));
  copy(() => b.current_treasury_value(), (x) => nb.set_current_treasury_value(x));
  copy(() => b.donation(), (x) => nb.set_donation(x));
  const fixed = CML.Transaction.new(nb, tx.witness_set(), tx.is_valid(), tx.auxiliary_data());
  return lucid.fromTx(fixed.to_cbor_hex());
}
