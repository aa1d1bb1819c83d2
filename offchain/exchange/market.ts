/**
 * Market orders: which orders a taker fills to buy or sell N Jet at the best prices, in
 * one transaction, never beyond a price limit.
 *
 * Why a selection step: the builder (offchain/tx/exchange/fill.ts) fills what it is
 * given; choosing is the book's concern. Best price first (then the oldest order), each
 * order filled as far as the remaining amount and its minimum fill allow, at most
 * `maxOrders` orders (what fits in one transaction: `npm run bench:chain` measures it).
 */
import type { Book, Order } from "./book.js";
import { buyCapacity, comparePrice, fillBuy, fillSell, formatPrice, lovelaceDue, lovelaceGiven, type Price } from "./math.js";
import { JetpackError } from "../tx/common.js";

export interface MarketPick {
  order: Order;
  pack: bigint;
}

export interface MarketPlan {
  picks: MarketPick[];
  pack: bigint; // Pack filled
  /** buy: lovelace paid to makers (before the fee); sell: lovelace received */
  lovelace: bigint;
  worst: Price | null;
}

/** The default number of orders one market transaction fills. */
export const DEFAULT_MAX_ORDERS = 8;

/**
 * Buy `pack` Pack from the sell orders, cheapest first, none priced above `limit`.
 * Throws naming what is available when the book cannot fill it all.
 */
export function marketBuy(book: Book, pack: bigint, opts: { limit?: Price; maxOrders?: number } = {}): MarketPlan {
  return pick(book.sells, pack, opts, (o) => o.state.jet, (o, n) => lovelaceDue(n, o.state.price), "buy", (o, n) => ok(() => fillSell(o.state, n, 0n)));
}

/**
 * Sell `pack` Pack to the buy orders, best bid first, none priced below `limit`.
 * `payMin`: the ADA a fill pays the maker from the order (as the builder computes it).
 */
export function marketSell(book: Book, pack: bigint, payMin: bigint, opts: { limit?: Price; maxOrders?: number } = {}): MarketPlan {
  return pick(book.buys, pack, opts, (o) => buyCapacity(o.state, payMin), (o, n) => lovelaceGiven(n, o.state.price), "sell", (o, n) => ok(() => fillBuy(o.state, n, payMin)));
}

function pick(
  orders: Order[],
  want: bigint,
  opts: { limit?: Price; maxOrders?: number },
  available: (o: Order) => bigint,
  lovelaceFor: (o: Order, pack: bigint) => bigint,
  side: "buy" | "sell",
  fits: (o: Order, pack: bigint) => boolean,
): MarketPlan {
  if (want <= 0n) throw new JetpackError(`a market ${side} needs a positive amount of Jet (got ${want} Pack)`);
  const max = opts.maxOrders ?? DEFAULT_MAX_ORDERS;
  const picks: MarketPick[] = [];
  let left = want;
  let lovelace = 0n;
  let worst: Price | null = null;
  for (const o of orders) {
    if (left === 0n || picks.length === max) break;
    if (opts.limit && (side === "buy" ? comparePrice(o.state.price, opts.limit) > 0 : comparePrice(o.state.price, opts.limit) < 0)) break;
    const avail = available(o);
    if (avail <= 0n) continue;
    let n = left < avail ? left : avail;
    // A partial fill trades at least the order's minimum and leaves at least that much.
    if (n < avail && side === "buy") n = n < avail - o.state.minFillPack ? n : avail - o.state.minFillPack;
    if (n < avail && (n < o.state.minFillPack || !fits(o, n))) continue;
    picks.push({ order: o, pack: n });
    lovelace += lovelaceFor(o, n);
    worst = o.state.price;
    left -= n;
  }
  if (left > 0n) {
    const within = opts.limit ? ` within the limit of ${formatPrice(opts.limit)} ADA per Jet` : "";
    throw new JetpackError(`the book fills only ${want - left} of ${want} Pack${within} in one transaction (${picks.length} order(s), at most ${max})`);
  }
  return { picks, pack: want, lovelace, worst };
}

function ok(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}
