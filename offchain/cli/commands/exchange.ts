// Why: the exchange trades Jet against ADA in partial-fill limit orders (validators/
// exchange.ak, docs/exchange.md): makers open sell or buy orders, takers fill them — one order,
// or the best of the book up to a price (market orders) — and makers cancel them; after an
// order's expiry anyone returns it. How: each command builds the SDK's plan (offchain/tx/
// exchange/{open,fill,cancel}.ts; the market's choice in offchain/exchange/market.ts) from the
// authenticated orders (exchange-show.ts: readExchange) and the chain's time, paid by --key's
// wallet, and shares --dry-run, --out, --json with every chain command. Amounts are Jet on
// the command line, prices ADA per Jet; the SDK's bad-input errors become one line in Jet.
import { type Command, type ParsedArgs, UsageError } from "../command.js";
import { makeCtx, report, requireKey, submitAll, txCommandFlags, type Ctx } from "../../net/cli.js";
import type { Order } from "../../exchange/book.js";
import { DEFAULT_MAX_ORDERS, type MarketPlan } from "../../exchange/market.js";
import { buyCapacity, comparePrice, formatPrice, lovelaceDue, type Price } from "../../exchange/math.js";
import type { FillSummary } from "../../tx/exchange/fill.js";
import type { TxPlan } from "../../tx/plan.js";
import { jetFlag, jetIn, jetText, seedOf } from "./govshared.js";
import {
  adaText,
  buildFor,
  capacityOf,
  exchangeGuarded,
  expiryText,
  findOrder,
  isExpired,
  ORDER_TEXT,
  orderFlag,
  priceFlag,
  priceText,
  openExchange,
  buyPayMin,
  type KeySession,
} from "./exchange-show.js";

/** --key, loaded before connecting; then the session with the key's wallet. */
const openWithKey = async (ctx: Ctx): Promise<KeySession> => openExchange(ctx, await requireKey(ctx));

const ORDER_FLAG = { name: "order", type: "string" as const, value: "ID|TXHASH#IX", required: true, description: `the ${ORDER_TEXT}` };
const PRICE_FLAG = { name: "price", type: "string" as const, value: "PRICE", required: true, description: "ADA per Jet: a decimal (0.25) or a fraction (1/3)" };
const MIN_FLAG = { name: "min-jet", type: "string" as const, value: "JET", description: "the least Jet one fill trades, unless it closes the order (default 1 Jet, or --jet if less)" };
const EXPIRY_FLAGS = [
  { name: "expires", type: "string" as const, value: "TIME", description: "the order expires at TIME (ISO-8601 UTC or POSIX ms); then anyone may return it to you (default: never)" },
  { name: "expires-in", type: "string" as const, value: "DURATION", description: "the order expires DURATION after the chain's time: 12h, 5d, 1epoch, or ms" },
];
const MAX_ORDERS_FLAG = { name: "max-orders", type: "integer" as const, value: "N", description: `fill at most N orders, in one transaction (default ${DEFAULT_MAX_ORDERS})` };
const MAKER_KEY = "maker's signing key: owns the order (cancels it), receives every fill, pays the order's holdings, deposit and fee";
const TAKER_KEY = "taker's signing key: pays the fee and the ADA (or the Jet), receives the Jet (or the ADA)";

// ---------------------------------------------------------------------------------------
// Opening orders

/** --expires / --expires-in, checked before connecting; resolved against the chain's time later. */
async function expiryFlags(args: ParsedArgs): Promise<(nowMs: number) => bigint | null> {
  const at = args.string("expires");
  const inRaw = args.string("expires-in");
  if (at !== undefined && inRaw !== undefined) throw new UsageError("give either --expires or --expires-in, not both");
  let atMs: number | undefined;
  let inMs: number | undefined;
  if (at !== undefined) {
    atMs = /^\d+$/.test(at.trim()) ? Number(at.trim()) : Date.parse(at);
    if (!Number.isSafeInteger(atMs)) throw new UsageError(`flag --expires: expected ISO-8601 UTC or POSIX ms, got ${JSON.stringify(at.slice(0, 80))}`);
  }
  if (inRaw !== undefined) {
    const { parseDuration } = await import("../../devnet/time-cli.js");
    const ms = parseDuration(inRaw);
    if (ms === null || ms === 0) throw new UsageError(`flag --expires-in: expected a positive duration such as 12h, 5d, 1epoch or 60000 (ms), got ${JSON.stringify(inRaw.slice(0, 80))}`);
    inMs = ms;
  }
  return (nowMs) => {
    if (atMs === undefined && inMs === undefined) return null;
    const t = atMs ?? nowMs + inMs!;
    if (t <= nowMs) throw new UsageError(`flag --expires: ${new Date(t).toISOString()} is not after the chain's time ${new Date(nowMs).toISOString()}`);
    return BigInt(t);
  };
}

function minFillOf(args: ParsedArgs, pack: bigint): bigint {
  const min = jetFlag(args, "min-jet");
  if (min === undefined) return pack < 1_000_000n ? pack : 1_000_000n;
  if (min > pack) throw new UsageError(`flag --min-jet: ${jetText(min)} is more than the ${jetText(pack)} of the order`);
  return min;
}

async function openCommand(args: ParsedArgs, ctx: Ctx, side: "sell" | "buy"): Promise<void> {
  const pack = jetFlag(args, "jet", { required: true })!;
  const price = (await priceFlag(args, "price", true))!;
  const minFillPack = minFillOf(args, pack);
  const expiry = await expiryFlags(args);
  const s = await openWithKey(ctx);
  const expiryMs = expiry(s.nowMs);
  const offer = side === "buy" ? lovelaceDue(pack, price) : 0n;
  if (side === "sell") {
    const held = jetIn(s.p, s.wallet.utxos);
    if (held < pack) throw new UsageError(`wallet ${s.wallet.address} holds ${jetText(held)}, less than the ${jetText(pack)} to sell`);
  } else if (offer === 0n) throw new UsageError(`${jetText(pack)} at ${priceText(price)} is less than 1 lovelace: offer more Jet or a higher price`);
  const { openOrder } = await import("../../tx/exchange/open.js");
  const plan = openOrder({ protocol: s.p, side, pack, offerLovelace: offer, price, minFillPack, owner: s.key.pkh, payTo: s.wallet.address, expiryMs, seed: seedOf(s.wallet.utxos) });
  const deposit = plan.datum.depositLovelace;
  if (side === "buy") {
    const have = s.wallet.utxos.reduce((a, u) => a + (u.assets.lovelace ?? 0n), 0n);
    if (have < offer + deposit) throw new UsageError(`wallet ${s.wallet.address} holds ${adaText(have)}, less than the ${adaText(offer + deposit)} the order locks (the offer and its deposit) and the fee`);
  }
  const when = expiryMs === null ? "never expires" : `expires ${new Date(Number(expiryMs)).toISOString()} (then anyone may return it to you: exchange expire)`;
  const lines = [
    side === "sell"
      ? `order ${plan.id}: sell ${jetText(pack)} at ${priceText(price)} (${adaText(lovelaceDue(pack, price))} for all of it), fills of at least ${jetText(minFillPack)}`
      : `order ${plan.id}: buy up to ${jetText(pack)} at ${priceText(price)}, offering ${adaText(offer)}, fills of at least ${jetText(minFillPack)}`,
  ];
  let capacity: bigint | undefined;
  if (side === "buy") {
    const { minLovelace } = await import("../../tx/exchange/common.js");
    const { paymentTag } = await import("../../tx/exchange/fill.js");
    const tag = paymentTag({ txHash: "00".repeat(32), outputIndex: 0, address: s.wallet.address, assets: {} });
    const payMin = minLovelace(s.wallet.address, { [s.p.units.jet]: pack }, tag);
    capacity = buyCapacity({ side: "buy", lovelace: offer + deposit, jet: 0n, price, minFillPack, depositLovelace: deposit }, payMin);
    lines.push(
      `each partial fill sends your Jet in a payment output holding ≈${adaText(payMin)} (the ledger's minimum), paid out of the offer and returned to your wallet with the Jet:`,
      `  filled in one go the order buys ${jetText(capacity)}; each partial fill before the last leaves ≈${jetText((payMin * price.den) / price.num)} less to buy`,
    );
  }
  lines.push(`${when}; the deposit of ${adaText(deposit)} (the order UTxO's minimum ADA) returns to you when it closes; cancel it any time (exchange cancel)`);
  const built = await buildFor(s, plan, `${side} ${jetText(pack)} at ${priceText(price)}`);
  const submitted = await submitAll(ctx, s.chain, [built], [s.key]);
  await report(
    ctx,
    [built],
    submitted,
    {
      order: plan.id,
      side,
      owner: s.key.pkh,
      payTo: s.wallet.address,
      price: formatPrice(price),
      priceNum: price.num.toString(),
      priceDen: price.den.toString(),
      jetPack: pack.toString(),
      offerLovelace: offer.toString(),
      ...(capacity !== undefined ? { oneFillPack: capacity.toString() } : {}),
      minFillPack: minFillPack.toString(),
      depositLovelace: deposit.toString(),
      expiryMs: expiryMs === null ? null : expiryMs.toString(),
    },
    lines,
  );
}

export const exchangeSellCommand: Command = {
  name: "exchange-sell",
  summary: "open a sell order: Jet for ADA at a price (ADA per Jet), filled in parts",
  description: `Locks --jet Jet from the key's wallet in a sell order at --price ADA per Jet. Takers fill it in parts of at
least --min-jet (or all that is left); each fill pays you ⌈Jet × price⌉ (at least the ledger's minimum
output) at the key's address. The deposit (the order UTxO's minimum ADA) returns when it closes. Owned
by the key: only it cancels (exchange cancel); after --expires / --expires-in anyone may return it to you.`,
  flags: txCommandFlags(MAKER_KEY, [{ name: "jet", type: "string", value: "JET", required: true, description: "Jet to sell (up to 6 decimals)" }, PRICE_FLAG, MIN_FLAG, ...EXPIRY_FLAGS]),
  examples: ["exchange-sell --key maker.sk --jet 1000 --price 0.25", "exchange-sell --key maker.sk --jet 500 --price 1/3 --min-jet 50 --expires-in 5d --dry-run"],
  run: (args, io) => exchangeGuarded(() => openCommand(args, makeCtx(args, io), "sell")),
};

export const exchangeBuyCommand: Command = {
  name: "exchange-buy",
  summary: "open a buy order: ADA for Jet at a price (ADA per Jet), filled in parts",
  description: `Locks ⌈--jet × --price⌉ ADA from the key's wallet in a buy order. Takers fill it in parts of at least
--min-jet (or what closes it); each fill sends you the Jet in a payment output whose ADA (the ledger's
minimum, ≈1.2 ADA) comes out of the offer and returns to your wallet with the Jet — so the order buys a
little less than --jet. The deposit returns when it closes. Owned by the key: only it cancels
(exchange cancel); after --expires / --expires-in anyone may return it to you.`,
  flags: txCommandFlags(MAKER_KEY, [{ name: "jet", type: "string", value: "JET", required: true, description: "Jet to buy (up to 6 decimals): the offer is ⌈Jet × price⌉ ADA" }, PRICE_FLAG, MIN_FLAG, ...EXPIRY_FLAGS]),
  examples: ["exchange-buy --key maker.sk --jet 1000 --price 0.2", "exchange-buy --key maker.sk --jet 400 --price 0.15 --min-jet 10 --expires 2026-01-01T00:00:00Z"],
  run: (args, io) => exchangeGuarded(() => openCommand(args, makeCtx(args, io), "buy")),
};

// ---------------------------------------------------------------------------------------
// Cancel, expire

export const exchangeCancelCommand: Command = {
  name: "exchange-cancel",
  summary: "cancel your exchange orders: their Jet, ADA and deposit return to your wallet",
  description: `Cancels --order (owned by --key), or with --all every order the key owns (expired ones included), in
transactions of at most ${DEFAULT_MAX_ORDERS} orders. Their order tokens are burned; what they hold returns to the key's wallet.`,
  flags: txCommandFlags("owner's signing key: signs the cancel, pays the fee, receives what the orders hold", [
    { ...ORDER_FLAG, required: false },
    { name: "all", type: "boolean", description: "cancel every order the key owns" },
  ]),
  examples: ["exchange-cancel --key maker.sk --order 9be1d2c4", "exchange-cancel --key maker.sk --all --dry-run"],
  run: (args, io) =>
    exchangeGuarded(async () => {
      const ctx = makeCtx(args, io);
      if (args.has("order") === args.boolean("all")) throw new UsageError("give exactly one of --order ID|TXHASH#IX and --all");
      const ref = orderFlag(args, "order", false);
      const s = await openWithKey(ctx);
      const ex = s.ex;
      let orders: Order[];
      if (ref) {
        const o = findOrder(ex.orders, ref);
        if (o.datum.owner !== s.key.pkh) throw new UsageError(`order ${o.id} is owned by ${o.datum.owner}, not by key ${s.key.file} (${s.key.pkh}): only its owner cancels it`);
        orders = [o];
      } else {
        orders = ex.orders.filter((o) => o.datum.owner === s.key.pkh);
        if (orders.length === 0) throw new UsageError(`key ${s.key.file} (${s.key.pkh}) owns no order`);
      }
      const { cancelOrders } = await import("../../tx/exchange/cancel.js");
      const { buildChain } = await import("../../net/tx.js");
      const batches: Order[][] = [];
      for (let i = 0; i < orders.length; i += DEFAULT_MAX_ORDERS) batches.push(orders.slice(i, i + DEFAULT_MAX_ORDERS));
      const built = await buildChain({
        lucid: s.chain.lucid,
        protocol: s.p,
        plans: batches.map((b) => ({ plan: cancelOrders({ protocol: s.p, orders: b }), label: `cancel ${b.length} order${b.length === 1 ? "" : "s"}` })),
        walletAddress: s.wallet.address,
        walletUtxos: s.wallet.utxos,
      });
      const submitted = await submitAll(ctx, s.chain, built, [s.key]);
      const jet = orders.reduce((a, o) => a + o.state.jet, 0n);
      const lovelace = orders.reduce((a, o) => a + o.state.lovelace, 0n);
      await report(
        ctx,
        built,
        submitted,
        { cancelled: orders.map((o) => o.id), jetPack: jet.toString(), lovelace: lovelace.toString() },
        [...orders.map((o) => `order ${o.id} (${o.datum.side} at ${priceText(o.state.price)}) cancelled`), `back to your wallet: ${jetText(jet)} and ${adaText(lovelace)}`],
      );
    }),
};

export const exchangeExpireCommand: Command = {
  name: "exchange-expire",
  summary: "return an expired exchange order to its maker (anyone may, after its expiry)",
  description: `After --order's expiry, spends it, burns its token and pays everything it holds (ADA and Jet) to its
maker's address. Anyone may run it; --key pays the fee.`,
  flags: txCommandFlags("signing key of whoever returns it; pays the fee", [ORDER_FLAG]),
  examples: ["exchange-expire --key any.sk --order 9be1d2c4"],
  run: (args, io) =>
    exchangeGuarded(async () => {
      const ctx = makeCtx(args, io);
      const ref = orderFlag(args)!;
      const s = await openWithKey(ctx);
      const o = findOrder(s.ex.orders, ref);
      if (o.datum.expiryMs === null) throw new UsageError(`order ${o.id} never expires: only its owner can cancel it`);
      if (BigInt(s.nowMs) <= o.datum.expiryMs + 1_000n) throw new UsageError(`order ${o.id} expires at ${expiryText(o)}; the chain's time is ${new Date(s.nowMs).toISOString()}: it cannot be returned before`);
      const { expireOrder } = await import("../../tx/exchange/cancel.js");
      const plan = expireOrder({ protocol: s.p, order: o, nowMs: s.nowMs });
      const built = await buildFor(s, plan, `return expired order ${o.id.slice(0, 12)}…`);
      const submitted = await submitAll(ctx, s.chain, [built], [s.key]);
      await report(ctx, [built], submitted, { order: o.id, payTo: o.datum.payTo, jetPack: o.state.jet.toString(), lovelace: o.state.lovelace.toString() }, [
        `order ${o.id} (expired ${expiryText(o)}): ${jetText(o.state.jet)} and ${adaText(o.state.lovelace)} returned to ${o.datum.payTo}`,
      ]);
    }),
};

// ---------------------------------------------------------------------------------------
// Fills

/** What a fill transaction does, for the taker: per order, totals, the fee. */
async function fillReport(s: KeySession, plan: TxPlan & FillSummary, worst?: Price | null) {
  const { minLovelace } = await import("../../tx/exchange/common.js");
  const lines: string[] = [];
  let paid = 0n;
  // best price first (the ledger's input order is the transaction's, not the taker's)
  const byPrice = [...plan.fills].sort((a, b) => (a.order.state.side === "sell" ? 1 : -1) * comparePrice(a.order.state.price, b.order.state.price));
  const fills = byPrice.map((f) => {
    const o = f.order;
    const closes = f.next === null;
    const sell = o.state.side === "sell";
    // A sell fill that closes the order pays its maker the deposit from the order itself.
    const lovelace = sell ? f.payLovelace - (closes ? o.state.lovelace : 0n) : f.takerLovelace;
    if (sell) paid += lovelace;
    lines.push(
      `order ${o.id.slice(0, 12)}… (${o.state.side} at ${priceText(o.state.price)}): ${sell ? `you take ${jetText(f.pack)} for ${adaText(lovelace)}` : `you give ${jetText(f.pack)} for ${adaText(lovelace)}`}${closes ? "; it closes" : ""}`,
    );
    return { order: o.id, side: o.state.side, price: formatPrice(o.state.price), jetPack: f.pack.toString(), lovelace: lovelace.toString(), closes };
  });
  if (plan.jetIn > 0n) lines.push(`bought ${jetText(plan.jetIn)} for ${adaText(paid)}`);
  if (plan.jetOut > 0n) lines.push(`sold ${jetText(plan.jetOut)} for ${adaText(plan.lovelaceIn)}`);
  const bps = s.config.datum.governance.exchangeFeeBps;
  const floor = minLovelace(s.p.treasury.address, {});
  const toTreasury = plan.feeLovelace === 0n ? 0n : plan.feeLovelace < floor ? floor : plan.feeLovelace;
  if (plan.feeLovelace === 0n) lines.push(`no exchange fee (the config's fee is ${bps} bps)`);
  else if (toTreasury > plan.feeLovelace)
    lines.push(`fee ${adaText(plan.feeLovelace)} (${bps} bps of the ADA side) to the treasury: below the ledger's minimum output, so you top it up to ${adaText(toTreasury)}`);
  else lines.push(`fee ${adaText(plan.feeLovelace)} (${bps} bps of the ADA side) to the treasury, paid by you`);
  if (worst) lines.push(`worst price ${priceText(worst)}`);
  const facts = {
    fills,
    jetBoughtPack: plan.jetIn.toString(),
    jetSoldPack: plan.jetOut.toString(),
    lovelacePaid: paid.toString(),
    lovelaceReceived: plan.lovelaceIn.toString(),
    feeLovelace: plan.feeLovelace.toString(),
    treasuryLovelace: toTreasury.toString(),
    ...(worst !== undefined ? { worstPrice: worst ? formatPrice(worst) : null } : {}),
  };
  return { lines, facts };
}

async function buildFill(ctx: Ctx, s: KeySession, plan: TxPlan & FillSummary, label: string, worst?: Price | null): Promise<void> {
  const { lines, facts } = await fillReport(s, plan, worst);
  const built = await buildFor(s, plan, label);
  const submitted = await submitAll(ctx, s.chain, [built], [s.key]);
  await report(ctx, [built], submitted, facts, lines);
}

export const exchangeFillCommand: Command = {
  name: "exchange-fill",
  summary: "fill one exchange order: take Jet from a sell order, or give Jet to a buy order",
  description: `Fills --order with --jet Jet: from a sell order you take that Jet and pay ⌈Jet × price⌉ (at least the
ledger's minimum output) to its maker; to a buy order you give that Jet and receive ⌊Jet × price⌋ of its
ADA. A fill trades at least the order's minimum unless it closes the order. The exchange fee (the
config's bps of the ADA side) goes to the treasury; a fee below the ledger's minimum output is topped up
by you.`,
  flags: txCommandFlags(TAKER_KEY, [ORDER_FLAG, { name: "jet", type: "string", value: "JET", required: true, description: "Jet to take (sell order) or give (buy order), up to 6 decimals" }]),
  examples: ["exchange-fill --key taker.sk --order 9be1d2c4 --jet 250", "exchange-fill --key taker.sk --order 9be1d2c4 --jet 40 --dry-run --json"],
  run: (args, io) =>
    exchangeGuarded(async () => {
      const ctx = makeCtx(args, io);
      const ref = orderFlag(args)!;
      const pack = jetFlag(args, "jet", { required: true })!;
      const s = await openWithKey(ctx);
      const o = findOrder(s.ex.orders, ref);
      if (isExpired(o, s.nowMs)) throw new UsageError(`order ${o.id} expired at ${expiryText(o)}: it can no longer be filled`);
      if (o.state.side === "sell") {
        if (pack > o.state.jet) throw new UsageError(`order ${o.id} sells ${jetText(o.state.jet)}, less than the ${jetText(pack)} asked`);
      } else {
        const cap = await capacityOf(s.p, o);
        if (pack > cap) throw new UsageError(`order ${o.id} takes at most ${jetText(cap)} (its ADA left, less the payment output to its maker), not ${jetText(pack)}`);
        const held = jetIn(s.p, s.wallet.utxos);
        if (held < pack) throw new UsageError(`wallet ${s.wallet.address} holds ${jetText(held)}, less than the ${jetText(pack)} to give`);
      }
      const { fillOrders } = await import("../../tx/exchange/fill.js");
      const plan = fillOrders({ protocol: s.p, configUtxo: s.config.utxo, requests: [{ order: o, pack }], nowMs: s.nowMs });
      await buildFill(ctx, s, plan, `fill order ${o.id.slice(0, 12)}…: ${o.state.side === "sell" ? "take" : "give"} ${jetText(pack)}`);
    }),
};

function maxOrdersOf(args: ParsedArgs): number {
  const n = args.integer("max-orders") ?? DEFAULT_MAX_ORDERS;
  if (n < 1) throw new UsageError(`flag --max-orders: must be ≥ 1, got ${n}`);
  return n;
}

/** A market buy or sell: the SDK picks the orders (marketBuy / marketSell), one fill transaction takes them. */
async function market(ctx: Ctx, side: "buy" | "sell"): Promise<void> {
  const args = ctx.args;
  const pack = jetFlag(args, "jet", { required: true })!;
  const limit = await priceFlag(args, side === "buy" ? "max-price" : "min-price");
  const maxOrders = maxOrdersOf(args);
  const s = await openWithKey(ctx);
  const ex = s.ex;
  const { marketBuy, marketSell } = await import("../../exchange/market.js");
  let m: MarketPlan;
  if (side === "buy") m = marketBuy(ex.book, pack, { limit, maxOrders });
  else {
    const held = jetIn(s.p, s.wallet.utxos);
    if (held < pack) throw new UsageError(`wallet ${s.wallet.address} holds ${jetText(held)}, less than the ${jetText(pack)} to sell`);
    m = marketSell(ex.book, pack, await buyPayMin(s.p, ex.book.buys, pack), { limit, maxOrders });
  }
  const { fillOrders } = await import("../../tx/exchange/fill.js");
  const plan = fillOrders({ protocol: s.p, configUtxo: s.config.utxo, requests: m.picks, nowMs: s.nowMs });
  ctx.say(`filling ${m.picks.length} order${m.picks.length === 1 ? "" : "s"}: ${m.picks.map((x) => `${x.order.id.slice(0, 8)}@${formatPrice(x.order.state.price)}`).join(", ")}`);
  await buildFill(ctx, s, plan, `market ${side} ${jetText(pack)} from ${m.picks.length} order${m.picks.length === 1 ? "" : "s"}`, m.worst);
}

export const exchangeMarketBuyCommand: Command = {
  name: "exchange-market-buy",
  summary: "buy Jet from the cheapest sell orders, up to a price, in one transaction",
  description: `Buys --jet Jet from the live sell orders, cheapest first (then the oldest), none priced above
--max-price, filling at most --max-orders orders in one transaction; refused (nothing submitted) when the
book cannot fill it all. Prints each order filled, the Jet bought and the ADA paid, the exchange fee to
the treasury (a fee below the ledger's minimum output is topped up by you) and the worst price.`,
  flags: txCommandFlags(TAKER_KEY, [
    { name: "jet", type: "string", value: "JET", required: true, description: "Jet to buy (up to 6 decimals)" },
    { name: "max-price", type: "string", value: "PRICE", description: "buy from no order priced above this (ADA per Jet, 0.25 or 1/3)" },
    MAX_ORDERS_FLAG,
  ]),
  examples: ["exchange-market-buy --key taker.sk --jet 250 --max-price 0.3", "exchange-market-buy --key taker.sk --jet 1000 --max-orders 4 --dry-run"],
  run: (args, io) => exchangeGuarded(() => market(makeCtx(args, io), "buy")),
};

export const exchangeMarketSellCommand: Command = {
  name: "exchange-market-sell",
  summary: "sell Jet to the highest buy orders, down to a price, in one transaction",
  description: `Sells --jet Jet to the live buy orders, highest first (then the oldest), none priced below --min-price,
filling at most --max-orders orders in one transaction; refused (nothing submitted) when the book cannot
take it all. Prints each order filled, the Jet sold and the ADA received, the exchange fee to the
treasury (paid by you; below the ledger's minimum output you top it up) and the worst price.`,
  flags: txCommandFlags(TAKER_KEY, [
    { name: "jet", type: "string", value: "JET", required: true, description: "Jet to sell (up to 6 decimals)" },
    { name: "min-price", type: "string", value: "PRICE", description: "sell to no order priced below this (ADA per Jet, 0.25 or 1/3)" },
    MAX_ORDERS_FLAG,
  ]),
  examples: ["exchange-market-sell --key taker.sk --jet 300 --min-price 0.1", "exchange-market-sell --key taker.sk --jet 50 --json"],
  run: (args, io) => exchangeGuarded(() => market(makeCtx(args, io), "sell")),
};
