/**
 * The exchange tests' world: the governance world (offchain/emulator/gov-world.ts, traced
 * scripts: users 1–3, govA and the attacker hold reward Jet; svcC still holds 2,000 Jet
 * in its lock) and helpers to open orders and read the book.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { run, type Actor, type World } from "../../helpers/chain.js";
import { govWorld, configUtxo, JET } from "../governance/gov.helpers.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { authenticateOrder, bookOf, type Book, type Order } from "../../../offchain/exchange/book.js";
import { parsePrice } from "../../../offchain/exchange/math.js";
import { openOrder } from "../../../offchain/tx/exchange/open.js";

export { govWorld as exchangeWorld, configUtxo, JET };

export interface OpenAs {
  side: "sell" | "buy";
  jet?: bigint; // sell: Jet offered (whole Jet)
  ada?: bigint; // buy: ADA offered (whole ADA)
  price: string; // ADA per Jet
  minJet?: bigint;
  expiryMs?: bigint | null;
}

/** The plan of `actor` opening an order (paid to and owned by the actor). */
export async function openPlan(w: World, p: Protocol, actor: Actor, o: OpenAs): Promise<ReturnType<typeof openOrder>> {
  const utxos = await w.lucid.utxosAt(w.accounts[actor].address);
  const seed = utxos.find((u) => Object.keys(u.assets).length === 1) ?? utxos[0]!;
  return openOrder({
    protocol: p,
    side: o.side,
    pack: o.jet === undefined ? undefined : o.jet * JET,
    offerLovelace: o.ada === undefined ? undefined : o.ada * 1_000_000n,
    price: parsePrice(o.price),
    minFillPack: (o.minJet ?? 1n) * JET,
    owner: w.pkh[actor],
    payTo: w.accounts[actor].address,
    expiryMs: o.expiryMs ?? null,
    seed,
  });
}

/** `actor` opens an order; returns it as the book reads it. */
export async function openAs(w: World, p: Protocol, actor: Actor, o: OpenAs): Promise<Order> {
  const plan = await openPlan(w, p, actor, o);
  await run(w, plan, actor);
  return orderById(w, p, plan.id);
}

export async function book(w: World, p: Protocol): Promise<Book> {
  return bookOf(p, await w.lucid.utxosAt(p.exchange.address));
}

export async function orderById(w: World, p: Protocol, id: string): Promise<Order> {
  const o = (await w.lucid.utxosAt(p.exchange.address)).map((u) => authenticateOrder(p, u)).find((x) => x?.id === id);
  if (!o) throw new Error(`no order ${id}`);
  return o;
}

export async function jetOf(w: World, p: Protocol, address: string): Promise<bigint> {
  return (await w.lucid.utxosAt(address)).reduce((a, u) => a + (u.assets[p.units.jet] ?? 0n), 0n);
}

export async function lovelaceOf(w: World, address: string): Promise<bigint> {
  return (await w.lucid.utxosAt(address)).reduce((a, u: UTxO) => a + (u.assets.lovelace ?? 0n), 0n);
}
