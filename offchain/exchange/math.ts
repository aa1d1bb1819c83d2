/**
 * Exchange maths: prices as exact rationals, and one fill of one order computed exactly as
 * the fill rules check it (lib/jetpack/logic/exchange/fill.ak).
 *
 * Why here, pure: the builders, the book's depth, the market orders and the property tests
 * (test/offchain/exchange.math.test.ts: "a maker never receives less than the price …")
 * all use these functions, and none of them needs Lucid.
 *
 * How: a price is lovelace per Pack, which is also ADA per Jet, as num/den with both > 0.
 * What the maker receives rounds up, what the maker gives rounds down: rounding always
 * favours the maker. The fee is ⌈ADA side × bps / 10,000⌉ per order filled.
 */
import { JetpackError } from "../tx/common.js";

export interface Price {
  num: bigint; // lovelace
  den: bigint; // Pack
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** num/den in lowest terms (both > 0). */
export function price(num: bigint, den: bigint): Price {
  if (num <= 0n || den <= 0n) throw new JetpackError(`a price must be positive (got ${num}/${den})`);
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

/**
 * A price written as ADA per Jet: a decimal ("0.25", "3", "1.000001") or a fraction
 * ("1/3"). ADA per Jet and lovelace per Pack are the same number.
 */
export function parsePrice(text: string, what = "price"): Price {
  const s = text.trim();
  const frac = /^(\d+)\/(\d+)$/.exec(s);
  if (frac) {
    const [n, d] = [BigInt(frac[1]!), BigInt(frac[2]!)];
    if (n === 0n || d === 0n) throw new JetpackError(`${what} must be positive (got "${text}")`);
    return price(n, d);
  }
  const dec = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!dec) throw new JetpackError(`${what} must be ADA per Jet as a decimal ("0.25") or a fraction ("1/3"), got "${text}"`);
  const digits = dec[2] ?? "";
  const n = BigInt(dec[1]! + digits);
  if (n === 0n) throw new JetpackError(`${what} must be positive (got "${text}")`);
  return price(n, 10n ** BigInt(digits.length));
}

/** The price as ADA per Jet: exact decimal when it has one (up to 12 places), else "num/den". */
export function formatPrice(p: Price): string {
  let d = p.den;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) (d /= 2n), twos++;
  while (d % 5n === 0n) (d /= 5n), fives++;
  const places = Math.max(twos, fives);
  if (d !== 1n || places > 12) return `${p.num}/${p.den}`;
  const scaled = (p.num * 10n ** BigInt(places)) / p.den;
  const s = scaled.toString().padStart(places + 1, "0");
  return places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
}

/** a < b: -1, a = b: 0, a > b: 1 (cross-multiplied). */
export function comparePrice(a: Price, b: Price): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** ⌈pack × price⌉: what a seller must receive. */
export const lovelaceDue = (pack: bigint, p: Price) => (pack * p.num + p.den - 1n) / p.den;
/** ⌊pack × price⌋: the most a buyer gives. */
export const lovelaceGiven = (pack: bigint, p: Price) => (pack * p.num) / p.den;
/** ⌈lovelace × bps / 10,000⌉ */
export const feeOf = (lovelace: bigint, bps: bigint) => (lovelace * bps + 9_999n) / 10_000n;

// ---------------------------------------------------------------------------------------
// One fill

/** What a fill needs of an order: its holdings and terms. */
export interface OrderState {
  side: "sell" | "buy";
  lovelace: bigint; // the order UTxO's ADA (the deposit, plus the offer for a buy order)
  jet: bigint; // Pack (sell orders only)
  price: Price;
  minFillPack: bigint;
  depositLovelace: bigint;
}

export interface Fill {
  /** Pack the taker receives (sell order) or gives (buy order). */
  pack: bigint;
  /** Lovelace and Jet of the payment output to the maker. */
  payLovelace: bigint;
  payJet: bigint;
  /** The continuing order's holdings, or null when the fill closes the order. */
  next: { lovelace: bigint; jet: bigint } | null;
  /** The ADA side (the fee is charged on it) and the lovelace the taker receives (buy). */
  adaSide: bigint;
  takerLovelace: bigint;
}

/**
 * The fill of a sell order that takes `pack` Pack. `payMin`: the ledger's minimum for the
 * payment output (the taker tops the payment up to it).
 */
export function fillSell(o: OrderState, pack: bigint, payMin: bigint): Fill {
  if (o.side !== "sell") throw new JetpackError("fillSell needs a sell order");
  if (pack <= 0n || pack > o.jet) throw new JetpackError(`a fill takes 1..${o.jet} Pack of this order (asked ${pack})`);
  const closes = pack === o.jet;
  if (!closes && pack < o.minFillPack) throw new JetpackError(`a fill takes at least the order's minimum of ${o.minFillPack} Pack, or all ${o.jet} Pack left (asked ${pack})`);
  if (!closes && o.jet - pack < o.minFillPack)
    throw new JetpackError(`a partial fill leaves at least the order's minimum of ${o.minFillPack} Pack: take at most ${o.jet - o.minFillPack} Pack, or all ${o.jet} (asked ${pack})`);
  const due = lovelaceDue(pack, o.price);
  const owed = due + (closes ? o.lovelace : 0n);
  return {
    pack,
    payLovelace: owed > payMin ? owed : payMin,
    payJet: 0n,
    next: closes ? null : { lovelace: o.lovelace, jet: o.jet - pack },
    adaSide: due,
    takerLovelace: 0n,
  };
}

/**
 * The fill of a buy order by a taker who gives `pack` Pack. The payment's ADA (`payMin`,
 * the ledger's minimum for an output holding Jet, and at least the deposit when the order
 * closes) comes out of the order: the maker keeps it, and the taker receives
 * ⌊pack × price⌋. A partial fill must leave, beyond the deposit, at least the price of a
 * minimum fill; a fill that would leave less must close the order (the capacity), and then
 * the taker receives everything but the payment's ADA.
 */
export function fillBuy(o: OrderState, pack: bigint, payMin: bigint): Fill {
  if (o.side !== "buy") throw new JetpackError("fillBuy needs a buy order");
  if (pack <= 0n) throw new JetpackError(`a fill gives a positive amount of Jet (asked ${pack} Pack)`);
  const capacity = buyCapacity(o, payMin);
  if (pack > capacity) throw new JetpackError(`this buy order takes at most ${capacity} Pack (asked ${pack})`);
  const given = lovelaceGiven(pack, o.price);
  const partialLeft = o.lovelace - given - payMin;
  const minDue = lovelaceDue(o.minFillPack, o.price);
  // Closing with less than the minimum is allowed only when less than its price is left.
  if (pack < o.minFillPack && o.lovelace - o.depositLovelace >= minDue)
    throw new JetpackError(`a fill gives at least the order's minimum of ${o.minFillPack} Pack (asked ${pack})`);
  if (partialLeft - o.depositLovelace >= minDue)
    return { pack, payLovelace: payMin, payJet: pack, next: { lovelace: partialLeft, jet: 0n }, adaSide: given, takerLovelace: given };
  // Closing: the maker's payment holds at least the deposit; the taker takes the rest,
  // which is ≤ ⌊pack × price⌋ because pack ≥ the capacity's lower edge.
  const pay = payMin > o.depositLovelace ? payMin : o.depositLovelace;
  const taken = o.lovelace - pay;
  if (taken > given) throw new JetpackError(`a partial fill leaves at least the price of the order's minimum fill: give less, or ${capacity} Pack to close it (asked ${pack})`);
  return { pack, payLovelace: pay, payJet: pack, next: null, adaSide: taken, takerLovelace: taken };
}

/**
 * The Jet (Pack) that closes a buy order: the least `pack` with ⌊pack × price⌋ ≥ the
 * order's ADA less the maker's payment. A taker may give less (a partial fill, at least
 * the minimum) but not more.
 */
export function buyCapacity(o: OrderState, payMin: bigint): bigint {
  const pay = payMin > o.depositLovelace ? payMin : o.depositLovelace;
  const offer = o.lovelace - pay;
  if (offer <= 0n) return 0n;
  return (offer * o.price.den + o.price.num - 1n) / o.price.num;
}
