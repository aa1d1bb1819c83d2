/**
 * The order book: the orders at the exchange address that the protocol authenticates, and
 * their depth by price.
 *
 * Why: anyone can leave anything at a script address. An order counts only when it holds
 * exactly one order token (the exchange's policy, minted only by the Open rule) and its
 * datum decodes as an order whose holdings match its side — the checks the Open rule made,
 * which every fill keeps. Everything else (copies without the token, junk, foreign assets)
 * is skipped and counted, never traded against.
 */
import { getAddressDetails, type Network, type UTxO } from "@lucid-evolution/lucid";
import { decodeOrder, type OrderDatum } from "../codec/exchange.js";
import type { Protocol } from "../protocol.js";
import { buyCapacity, comparePrice, formatPrice, price, type OrderState, type Price } from "./math.js";

export interface Order {
  id: string; // the order token's name (28 bytes, hex)
  utxo: UTxO;
  datum: OrderDatum;
  state: OrderState;
}

/** The UTxO as an order, or null when it is not an authenticated one. */
export function authenticateOrder(p: Protocol, u: UTxO, network: Network = p.params.network): Order | null {
  if (!u.datum || u.address !== p.exchange.address || u.scriptRef) return null;
  const policy = p.exchange.hash;
  let id: string | null = null;
  for (const [unit, qty] of Object.entries(u.assets)) {
    if (unit === "lovelace" || unit === p.units.jet) continue;
    if (!unit.startsWith(policy) || qty !== 1n || id !== null) return null;
    id = unit.slice(policy.length);
  }
  if (id === null || id.length !== 56) return null;
  let datum: OrderDatum;
  try {
    datum = decodeOrder(u.datum, network);
  } catch {
    return null;
  }
  if (sameScript(datum.payTo, p.exchange.hash)) return null; // the Open rule refuses it too
  const lovelace = u.assets.lovelace ?? 0n;
  const jet = u.assets[p.units.jet] ?? 0n;
  if (datum.side === "sell" ? jet <= 0n || lovelace !== datum.depositLovelace : jet !== 0n || lovelace <= datum.depositLovelace) return null;
  return {
    id,
    utxo: u,
    datum,
    state: { side: datum.side, lovelace, jet, price: price(datum.priceNum, datum.priceDen), minFillPack: datum.minFillPack, depositLovelace: datum.depositLovelace },
  };
}

export interface Book {
  sells: Order[]; // best (lowest) price first
  buys: Order[]; // best (highest) price first
  skipped: number; // UTxOs at the address that are not authenticated orders
}

/** Sorts the authenticated orders among `utxos`: best price first, then oldest reference. */
export function bookOf(p: Protocol, utxos: UTxO[], nowMs?: bigint): Book {
  const sells: Order[] = [];
  const buys: Order[] = [];
  let skipped = 0;
  for (const u of utxos) {
    const o = authenticateOrder(p, u);
    if (!o) skipped++;
    else if (nowMs !== undefined && o.datum.expiryMs !== null && o.datum.expiryMs < nowMs) continue;
    else (o.datum.side === "sell" ? sells : buys).push(o);
  }
  const byRef = (a: Order, b: Order) => (a.utxo.txHash < b.utxo.txHash ? -1 : a.utxo.txHash > b.utxo.txHash ? 1 : a.utxo.outputIndex - b.utxo.outputIndex);
  sells.sort((a, b) => comparePrice(a.state.price, b.state.price) || byRef(a, b));
  buys.sort((a, b) => comparePrice(b.state.price, a.state.price) || byRef(a, b));
  return { sells, buys, skipped };
}

export interface DepthLevel {
  price: Price;
  priceText: string; // ADA per Jet
  side: "sell" | "buy";
  pack: bigint; // Jet offered (sell) or wanted (buy) at this price
  orders: number;
}

/**
 * Depth by price: for sells the Jet offered, for buys the Jet the orders would take
 * (`payMin`: the ADA a buy fill pays the maker, as the fill builder uses).
 */
export function depth(book: Book, payMin: bigint): DepthLevel[] {
  const levels: DepthLevel[] = [];
  const add = (o: Order, pack: bigint) => {
    const last = levels[levels.length - 1];
    if (last && last.side === o.state.side && comparePrice(last.price, o.state.price) === 0) {
      last.pack += pack;
      last.orders++;
    } else levels.push({ price: o.state.price, priceText: formatPrice(o.state.price), side: o.state.side, pack, orders: 1 });
  };
  for (const o of book.sells) add(o, o.state.jet);
  for (const o of book.buys) add(o, buyCapacity(o.state, payMin));
  return levels;
}

/** Ledger order of inputs: by transaction id, then output index. */
export function byLedgerOrder(a: UTxO, b: UTxO): number {
  return a.txHash < b.txHash ? -1 : a.txHash > b.txHash ? 1 : a.outputIndex - b.outputIndex;
}

/** The address's payment credential is the script `hash` (whatever its stake part). */
function sameScript(address: string, hash: string): boolean {
  const c = getAddressDetails(address).paymentCredential;
  return c?.type === "Script" && c.hash === hash;
}
