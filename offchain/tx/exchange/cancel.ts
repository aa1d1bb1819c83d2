/**
 * Cancel and Expire: an order leaves the book (validators/exchange.ak, spend `Cancel` /
 * `Expire`; lib/jetpack/logic/exchange/{cancel,expire}.ak). Both burn the order token.
 * Cancel: the owner signs, at any time; the order's ADA and Jet return to the owner's
 * wallet. Expire: anyone, once the expiry has passed; the order's whole ADA and Jet go to
 * its pay_to in an output whose datum names the order.
 */
import { exchangeMint, exchangeSpend } from "../../codec/exchange.js";
import type { Order } from "../../exchange/book.js";
import type { Protocol } from "../../protocol.js";
import { JetpackError } from "../common.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { orderUnit } from "./common.js";
import { paymentTag } from "./fill.js";

export function cancelOrders(args: { protocol: Protocol; orders: Order[] }): TxPlan {
  const { protocol: p } = args;
  if (args.orders.length === 0) throw new JetpackError("nothing to cancel");
  const owners = new Set(args.orders.map((o) => o.datum.owner));
  const plan = emptyPlan();
  plan.spend.push({ utxos: args.orders.map((o) => o.utxo), redeemer: exchangeSpend.cancel() });
  plan.mint = { assets: Object.fromEntries(args.orders.map((o) => [orderUnit(p, o.id), -1n])), redeemer: exchangeMint.burn() };
  plan.signers.push(...owners);
  useScript(plan, p, "exchange");
  return plan;
}

export function expireOrder(args: { protocol: Protocol; order: Order; nowMs: number }): TxPlan {
  const { protocol: p, order: o } = args;
  if (o.datum.expiryMs === null) throw new JetpackError(`order ${o.utxo.txHash}#${o.utxo.outputIndex} has no expiry: only its owner can cancel it`);
  if (BigInt(args.nowMs) <= o.datum.expiryMs + 1_000n)
    throw new JetpackError(`order ${o.utxo.txHash}#${o.utxo.outputIndex} expires at ${new Date(Number(o.datum.expiryMs)).toISOString()}: it cannot be returned before`);
  const plan = emptyPlan();
  plan.spend.push({ utxos: [o.utxo], redeemer: exchangeSpend.expire() });
  plan.mint = { assets: { [orderUnit(p, o.id)]: -1n }, redeemer: exchangeMint.burn() };
  plan.outputs.push({
    address: o.datum.payTo,
    assets: { lovelace: o.state.lovelace, ...(o.state.jet > 0n ? { [p.units.jet]: o.state.jet } : {}) },
    datum: paymentTag(o.utxo),
  });
  // The rules read the lower bound: the transaction is valid only after the expiry.
  plan.validFrom = Math.max(Number(o.datum.expiryMs) + 1_000, args.nowMs - 60_000);
  plan.validTo = args.nowMs + 15 * 60_000;
  useScript(plan, p, "exchange");
  return plan;
}
