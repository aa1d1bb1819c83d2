/**
 * Fill: a taker trades against one or more orders in one transaction (validators/
 * exchange.ak: each order spent with `Fill`, the rules run once in the exchange's zero
 * withdrawal; lib/jetpack/logic/exchange/fill.ak).
 *
 * Layout the rules expect: for each order, in the ledger's input order, its payment output
 * (at the order's pay_to, inline datum = the order's output reference) and, when it
 * continues, the continuing order right after; then one fee output at the treasury (no
 * datum) when the fee is not 0. The withdrawal's redeemer lists the payment indices.
 */
import { Data, type UTxO } from "@lucid-evolution/lucid";
import { decodeConfig, outRefToData } from "../../codec/data.js";
import { exchangeMint, exchangeSpend, fillBatch } from "../../codec/exchange.js";
import { byLedgerOrder, type Order } from "../../exchange/book.js";
import { feeOf, fillBuy, fillSell, type Fill } from "../../exchange/math.js";
import type { Protocol } from "../../protocol.js";
import { JetpackError, requireInlineDatum } from "../common.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { minLovelace, orderUnit } from "./common.js";

export interface FillRequest {
  order: Order;
  /** sell order: Pack taken; buy order: Pack given */
  pack: bigint;
}

export interface FillSummary {
  fills: (Fill & { order: Order })[];
  feeLovelace: bigint; // Σ ⌈ADA side × fee bps⌉ over the orders
  /** Σ Jet the taker receives (from sell orders) and gives (to buy orders), Pack */
  jetIn: bigint;
  jetOut: bigint;
  /** Σ lovelace the taker pays makers (sell orders) and receives (buy orders) */
  lovelaceOut: bigint;
  lovelaceIn: bigint;
}

/** The payment's inline datum: the order's output reference. */
export const paymentTag = (u: UTxO) => Data.to(outRefToData(u.txHash, u.outputIndex));

/** Each fill as the rules check it (the ledger's minimum ADA included), and the fee at `bps`. */
export function summarise(p: Protocol, requests: FillRequest[], bps: bigint): FillSummary {
  const seen = new Set<string>();
  const fills = [...requests]
    .sort((a, b) => byLedgerOrder(a.order.utxo, b.order.utxo))
    .map((r) => {
      const key = `${r.order.utxo.txHash}#${r.order.utxo.outputIndex}`;
      if (seen.has(key)) throw new JetpackError(`order ${key} is filled twice in one transaction`);
      seen.add(key);
      const tag = paymentTag(r.order.utxo);
      const s = r.order.state;
      const f =
        s.side === "sell"
          ? fillSell(s, r.pack, minLovelace(r.order.datum.payTo, {}, tag))
          : fillBuy(s, r.pack, minLovelace(r.order.datum.payTo, { [p.units.jet]: r.pack }, tag));
      return { ...f, order: r.order };
    });
  const feeLovelace = fills.reduce((a, f) => a + feeOf(f.adaSide, bps), 0n);
  const sum = (side: "sell" | "buy", g: (f: Fill) => bigint) => fills.filter((f) => f.order.state.side === side).reduce((a, f) => a + g(f), 0n);
  return {
    fills,
    feeLovelace,
    jetIn: sum("sell", (f) => f.pack),
    jetOut: sum("buy", (f) => f.pack),
    lovelaceOut: sum("sell", (f) => f.payLovelace),
    lovelaceIn: sum("buy", (f) => f.takerLovelace),
  };
}

export interface FillArgs {
  protocol: Protocol;
  configUtxo: UTxO; // reference input: the fee, the treasury, the lock script
  requests: FillRequest[];
  nowMs: number;
}

export function fillOrders(args: FillArgs): TxPlan & FillSummary {
  const { protocol: p } = args;
  if (args.requests.length === 0) throw new JetpackError("a fill needs at least one order");
  const gov = decodeConfig(requireInlineDatum(args.configUtxo, "config UTxO")).governance;
  const s = summarise(p, args.requests, gov.exchangeFeeBps);
  const plan = emptyPlan();
  const payments: number[] = [];
  const burn: Record<string, bigint> = {};
  let expiry: bigint | null = null;
  for (const f of s.fills) {
    const o = f.order;
    const unit = orderUnit(p, o.id);
    if (o.datum.expiryMs !== null) {
      if (o.datum.expiryMs < BigInt(args.nowMs)) throw new JetpackError(`order ${o.utxo.txHash}#${o.utxo.outputIndex} expired at ${new Date(Number(o.datum.expiryMs)).toISOString()}`);
      expiry = expiry === null || o.datum.expiryMs < expiry ? o.datum.expiryMs : expiry;
    }
    payments.push(plan.outputs.length);
    plan.outputs.push({
      address: o.datum.payTo,
      assets: { lovelace: f.payLovelace, ...(f.payJet > 0n ? { [p.units.jet]: f.payJet } : {}) },
      datum: paymentTag(o.utxo),
    });
    if (f.next) {
      plan.outputs.push({
        address: p.exchange.address,
        assets: { lovelace: f.next.lovelace, ...(f.next.jet > 0n ? { [p.units.jet]: f.next.jet } : {}), [unit]: 1n },
        datum: requireInlineDatum(o.utxo, "order"),
      });
    } else burn[unit] = -1n;
  }
  let feeOutput = -1;
  if (s.feeLovelace > 0n) {
    feeOutput = plan.outputs.length;
    // Below the ledger's minimum the taker tops it up (Lucid raises it): the rest is a donation.
    plan.outputs.push({ address: p.treasury.address, assets: { lovelace: s.feeLovelace } });
  }
  plan.spend.push({ utxos: s.fills.map((f) => f.order.utxo), redeemer: exchangeSpend.fill() });
  plan.reference.push(args.configUtxo);
  if (Object.keys(burn).length > 0) plan.mint = { assets: burn, redeemer: exchangeMint.burn() };
  plan.withdraw = { rewardAddress: p.exchange.rewardAddress, redeemer: fillBatch(payments, feeOutput) };
  if (expiry !== null) {
    // The rules read the upper bound: the transaction must be valid no later than the expiry.
    const latest = Number(expiry);
    plan.validTo = Math.min(latest, args.nowMs + 15 * 60_000);
    plan.validFrom = args.nowMs - 60_000;
  }
  useScript(plan, p, "exchange");
  return Object.assign(plan, s);
}
