/**
 * Open: a maker places a sell order (Jet for ADA) or a buy order (ADA for Jet)
 * (validators/exchange.ak, mint `Open`; lib/jetpack/logic/exchange/open.ak). The order's
 * id is the hash of `seed`, a wallet UTxO the transaction spends; its token authenticates
 * it. The deposit (the ledger's minimum for the order UTxO) returns when the order closes.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { encodeOrder, exchangeMint, type OrderDatum, type Side } from "../../codec/exchange.js";
import type { Price } from "../../exchange/math.js";
import type { Protocol } from "../../protocol.js";
import { JetpackError } from "../common.js";
import { seedId } from "../governance/common.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { minLovelace, orderUnit } from "./common.js";

export interface OpenArgs {
  protocol: Protocol;
  side: Side;
  /** sell: Jet offered (Pack); buy: ignored (see offerLovelace) */
  pack?: bigint;
  /** buy: the lovelace offered for Jet (beyond the deposit) */
  offerLovelace?: bigint;
  price: Price;
  minFillPack: bigint;
  owner: string; // key hash (cancels)
  payTo: string; // address every fill pays
  expiryMs?: bigint | null;
  seed: UTxO; // a wallet UTxO this transaction spends
}

export function openOrder(args: OpenArgs): TxPlan & { id: string; datum: OrderDatum } {
  const { protocol: p } = args;
  if (args.minFillPack <= 0n) throw new JetpackError(`the minimum fill must be positive (got ${args.minFillPack} Pack)`);
  if (args.side === "sell" && (args.pack ?? 0n) <= 0n) throw new JetpackError(`a sell order offers a positive amount of Jet (got ${args.pack ?? 0n} Pack)`);
  if (args.side === "buy" && (args.offerLovelace ?? 0n) <= 0n) throw new JetpackError(`a buy order offers a positive amount of ADA (got ${args.offerLovelace ?? 0n} lovelace)`);
  const id = seedId(args.seed);
  const unit = orderUnit(p, id);
  const tokens = args.side === "sell" ? { [p.units.jet]: args.pack!, [unit]: 1n } : { [unit]: 1n };
  const draft: OrderDatum = {
    owner: args.owner,
    payTo: args.payTo,
    side: args.side,
    priceNum: args.price.num,
    priceDen: args.price.den,
    minFillPack: args.minFillPack,
    depositLovelace: 0n,
    expiryMs: args.expiryMs ?? null,
  };
  // The deposit: the ledger's minimum for this order UTxO (the datum's size does not
  // depend on the deposit's own value by more than a few bytes: measured with a large one).
  const deposit = minLovelace(p.exchange.address, tokens, encodeOrder({ ...draft, depositLovelace: 10n ** 12n }));
  const datum: OrderDatum = { ...draft, depositLovelace: deposit };
  const plan = emptyPlan();
  plan.spend.push({ utxos: [args.seed] });
  plan.mint = { assets: { [unit]: 1n }, redeemer: exchangeMint.open(args.seed) };
  plan.outputs.push({
    address: p.exchange.address,
    assets: { lovelace: deposit + (args.side === "buy" ? args.offerLovelace! : 0n), ...tokens },
    datum: encodeOrder(datum),
  });
  useScript(plan, p, "exchange");
  return Object.assign(plan, { id, datum });
}
