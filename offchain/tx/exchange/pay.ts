/**
 * Pay: a user pays a service's invoice in ADA, or in Jet at the invoice's rate less the
 * governance discount of the user's veJet power (offchain/exchange/payments.ts explains
 * the evidence a Jet payment carries). No script runs: the service verifies the payment
 * afterwards (`jetpack payments verify`).
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { decodeConfig } from "../../codec/data.js";
import { epochRange } from "../../governance/clock.js";
import { MEMO_LABEL, memo, ownedPower, quote, type Invoice, type Quote } from "../../exchange/payments.js";
import type { Protocol } from "../../protocol.js";
import { requireInlineDatum } from "../common.js";
import { emptyPlan, type TxPlan } from "../plan.js";

export function payInAda(args: { invoice: Invoice }): TxPlan {
  const plan = emptyPlan();
  plan.outputs.push({ address: args.invoice.payTo, assets: { lovelace: args.invoice.priceLovelace } });
  plan.metadata = [{ label: MEMO_LABEL, value: memo(args.invoice.id, "ada", 0n) }];
  return plan;
}

export interface PayInJetArgs {
  protocol: Protocol;
  invoice: Invoice;
  configUtxo: UTxO;
  /** UTxOs at the governance address (the payer's commitments are picked from them) */
  governanceUtxos: UTxO[];
  payer: string; // key hash: owns the commitments, signs
  nowMs: number;
}

export function payInJet(args: PayInJetArgs): TxPlan & { quote: Quote } {
  const { protocol: p } = args;
  const g = decodeConfig(requireInlineDatum(args.configUtxo, "config UTxO")).governance;
  // The upper bound's epoch is the one the service counts: keep the range inside one epoch.
  const { epoch, validFrom, validTo } = epochRange(args.nowMs, p.params.genesisTimeMs);
  const { power, commitments } = ownedPower(p, args.governanceUtxos, args.payer, epoch, g.maxLockEpochs);
  const q = quote(args.invoice, power, g.discountTiers, epoch);
  const plan = emptyPlan();
  plan.outputs.push({ address: args.invoice.payTo, assets: { lovelace: 1_500_000n, [p.units.jet]: q.jetPack } });
  plan.reference.push(args.configUtxo, ...(q.tierBps > 0n ? commitments : []));
  plan.signers.push(args.payer);
  plan.validFrom = validFrom;
  plan.validTo = validTo;
  plan.metadata = [{ label: MEMO_LABEL, value: memo(args.invoice.id, "jet", q.tierBps) }];
  return Object.assign(plan, { quote: q });
}
