// Why: makers and takers must see the exchange before trading on it — the depth by price
// and one maker's orders — and every exchange command reads orders, ids and amounts the same
// way (one line, exit 2 on bad input, before anything is built).
// How: the orders are the authenticated ones at the exchange address (offchain/exchange/
// book.ts: anything else there is skipped and counted, never shown as an order); expired
// orders are listed as such but kept out of the book. exchange-book prints depth() of the
// live book, exchange-orders one owner's orders (read-only). The helpers below are shared with
// the chain-writing commands (exchange.ts).
import type { UTxO } from "@lucid-evolution/lucid";
import { type Command, type FlagSpec, type ParsedArgs, UsageError } from "../command.js";
import { json as jsonText, table } from "../format.js";
import { connectChain, DEPLOYMENT_FLAG, guarded, JSON_FLAG, keyFlag, loadKeyFlag, makeCtx, NETWORK_FLAGS, openDeployment, QUIET_FLAG, walletOf, type Ctx } from "../../net/cli.js";
import type { Chain } from "../../net/chain.js";
import type { SigningKey } from "../../net/keys.js";
import type { ConfigDatum } from "../../codec/data.js";
import type { Book, Order } from "../../exchange/book.js";
import { buyCapacity, formatPrice, type Price } from "../../exchange/math.js";
import type { Protocol } from "../../protocol.js";
import type { TxPlan } from "../../tx/plan.js";
import { jetText, keyHashOf, pick } from "./govshared.js";

export const READ_FLAGS: readonly FlagSpec[] = [JSON_FLAG, QUIET_FLAG, DEPLOYMENT_FLAG, ...NETWORK_FLAGS];
export const ORDER_TEXT = "order id (56 hex digits, or a unique prefix of at least 8) or its UTxO TXHASH#IX";

// ---------------------------------------------------------------------------------------
// Amounts and errors

/** 12500000n → "12.5 ADA" (exact). */
export function adaText(lovelace: bigint): string {
  const neg = lovelace < 0n;
  const v = neg ? -lovelace : lovelace;
  const s = `${v / 1_000_000n}.${(v % 1_000_000n).toString().padStart(6, "0")}`.replace(/\.?0+$/, "");
  return `${neg ? "-" : ""}${s} ADA`;
}

export const priceText = (p: Price): string => `${formatPrice(p)} ADA/Jet`;

/** The SDK's messages speak Pack ("only 0 of 5000000 Pack", "(asked 700)"); the CLI speaks Jet. */
export function packToJet(message: string): string {
  const j = (n: string) => jetText(BigInt(n));
  return message
    .replace(/\bonly (\d+) of (\d+) Pack\b/g, (_m, a: string, b: string) => `only ${j(a)} of ${j(b)}`)
    .replace(/\(asked (\d+)(?: Pack)?\)/g, (_m, n: string) => `(asked ${j(n)})`)
    .replace(/\b1\.\.(\d+) Pack\b/g, (_m, n: string) => `at most ${j(n)}`)
    .replace(/\b(\d+) Pack\b/g, (_m, n: string) => j(n));
}

/** guarded(), with the SDK's JetpackErrors (bad amounts, prices, fills) as one line in Jet. */
export function exchangeGuarded(fn: () => Promise<void>): Promise<void> {
  return guarded(async () => {
    try {
      await fn();
    } catch (e) {
      if (e instanceof Error && e.name === "JetpackError") throw new UsageError(packToJet(e.message));
      throw e;
    }
  });
}

/** `--<flag> PRICE`: ADA per Jet, "0.25" or "1/3". */
export async function priceFlag(args: ParsedArgs, flag: string, required = false): Promise<Price | undefined> {
  const raw = args.string(flag);
  if (raw === undefined) {
    if (required) throw new UsageError(`missing required flag --${flag}`);
    return undefined;
  }
  const { parsePrice } = await import("../../exchange/math.js");
  return parsePrice(raw.slice(0, 80), `flag --${flag}:`);
}

// ---------------------------------------------------------------------------------------
// Orders

export type OrderRef = { id: string } | { txHash: string; outputIndex: number };

/** `--order ID|TXHASH#IX`. */
export function orderFlag(args: ParsedArgs, flag = "order", required = true): OrderRef | undefined {
  const raw = args.string(flag);
  if (raw === undefined) {
    if (required) throw new UsageError(`missing required flag --${flag}`);
    return undefined;
  }
  const v = raw.trim().toLowerCase();
  const ref = /^([0-9a-f]{64})#(\d{1,5})$/.exec(v);
  if (ref) return { txHash: ref[1]!, outputIndex: Number(ref[2]) };
  if (/^[0-9a-f]{8,56}$/.test(v)) return { id: v };
  throw new UsageError(`flag --${flag}: expected an ${ORDER_TEXT}, got ${JSON.stringify(raw.slice(0, 80))}`);
}

export const refText = (u: UTxO): string => `${u.txHash}#${u.outputIndex}`;
export const isExpired = (o: Order, nowMs: number): boolean => o.datum.expiryMs !== null && o.datum.expiryMs < BigInt(nowMs);
export const expiryText = (o: Order): string => (o.datum.expiryMs === null ? "never" : new Date(Number(o.datum.expiryMs)).toISOString());

/** The order `ref` names among `orders` (expired ones included); else a one-line UsageError. */
export function findOrder(orders: readonly Order[], ref: OrderRef): Order {
  if ("id" in ref) return pick(orders, ref.id, "order");
  const o = orders.find((x) => x.utxo.txHash === ref.txHash && x.utxo.outputIndex === ref.outputIndex);
  if (!o) throw new UsageError(`no order at ${ref.txHash}#${ref.outputIndex}: that UTxO is spent (a fill moves an order to a new UTxO: use its id) or holds no authenticated order`);
  return o;
}

export interface ExchangeView {
  /** Every authenticated order, expired ones included. */
  orders: Order[];
  /** The live book: orders not expired, best price first. */
  book: Book;
  expired: Order[];
  /** UTxOs at the exchange address that are not authenticated orders. */
  skipped: number;
}

/** The exchange address's UTxOs as orders, the live book, what was skipped. */
export async function readExchange(p: Protocol, utxos: UTxO[], nowMs: number): Promise<ExchangeView> {
  const { authenticateOrder, bookOf } = await import("../../exchange/book.js");
  const orders = utxos.map((u) => authenticateOrder(p, u)).filter((o): o is Order => o !== null);
  const book = bookOf(p, utxos, BigInt(nowMs));
  return { orders, book, expired: orders.filter((o) => isExpired(o, nowMs)), skipped: book.skipped };
}

export interface ExchangeSession {
  chain: Chain;
  /** The protocol (with the exchange's reference script attached when a key was given). */
  p: Protocol;
  config: { utxo: UTxO; datum: ConfigDatum };
  nowMs: number;
  ex: ExchangeView;
}

export interface KeySession extends ExchangeSession {
  key: SigningKey;
  wallet: { address: string; utxos: UTxO[] };
}

/**
 * Opens the deployment and connects; then reads at once the config, the chain's time, the
 * exchange address and, with `key` (loaded before connecting, so a bad key costs no
 * connection), the key's wallet and the exchange's reference script.
 */
export async function openExchange(ctx: Ctx): Promise<ExchangeSession>;
export async function openExchange(ctx: Ctx, key: SigningKey): Promise<KeySession>;
export async function openExchange(ctx: Ctx, key?: SigningKey): Promise<ExchangeSession | KeySession> {
  const opened = await openDeployment(ctx);
  const chain = await connectChain(ctx, opened.cfg, opened);
  const { attachReferenceScripts } = await import("../../net/deployment.js");
  const { readConfig } = await import("../../readers.js");
  const [p, config, nowMs, utxos, wallet] = await Promise.all([
    key ? attachReferenceScripts(chain.lucid, opened.protocol, opened.deployment, ["exchange"]) : Promise.resolve(opened.protocol),
    readConfig(chain.lucid, opened.protocol),
    chain.now(),
    chain.lucid.utxosAt(opened.protocol.exchange.address),
    key ? walletOf(chain, key) : Promise.resolve(undefined),
  ]);
  const ex = await readExchange(p, utxos, nowMs);
  return key ? { chain, p, config, nowMs, ex, key, wallet: wallet! } : { chain, p, config, nowMs, ex };
}

/** Builds one plan paid by the session's wallet. */
export async function buildFor(s: KeySession, plan: TxPlan, label: string) {
  const { buildPlan } = await import("../../net/tx.js");
  return buildPlan({ lucid: s.chain.lucid, protocol: s.p, plan, label, walletAddress: s.wallet.address, walletUtxos: s.wallet.utxos });
}

/** The ledger's minimum ADA of the payment a fill of buy order `o` sends its maker (with `pack` Pack). */
export async function payMinOf(p: Protocol, o: Order, pack: bigint): Promise<bigint> {
  const { minLovelace } = await import("../../tx/exchange/common.js");
  const { paymentTag } = await import("../../tx/exchange/fill.js");
  return minLovelace(o.datum.payTo, { [p.units.jet]: pack }, paymentTag(o.utxo));
}

/** The Jet (Pack) that closes buy order `o`: what a taker may give it at most. */
export async function capacityOf(p: Protocol, o: Order): Promise<bigint> {
  const rough = buyCapacity(o.state, await payMinOf(p, o, 10n ** 15n));
  return buyCapacity(o.state, await payMinOf(p, o, rough > 0n ? rough : 1n));
}

/** The payment ADA the depth and a market sell assume for the buy orders: the largest (with `pack` Pack). */
export async function buyPayMin(p: Protocol, buys: readonly Order[], pack: bigint): Promise<bigint> {
  let max = 0n;
  for (const o of buys) {
    const m = await payMinOf(p, o, pack);
    if (m > max) max = m;
  }
  return max;
}

/** One order as JSON (Pack and lovelace as decimal strings). */
export async function orderJson(p: Protocol, o: Order, nowMs: number) {
  const d = o.datum;
  const sell = d.side === "sell";
  return {
    id: o.id,
    utxo: refText(o.utxo),
    side: d.side,
    owner: d.owner,
    payTo: d.payTo,
    price: formatPrice(o.state.price),
    priceNum: o.state.price.num.toString(),
    priceDen: o.state.price.den.toString(),
    /** sell: Jet offered; buy: Jet it takes at most */
    jetPack: (sell ? o.state.jet : await capacityOf(p, o)).toString(),
    /** buy: the ADA offered (beyond the deposit); sell: 0 */
    offerLovelace: (sell ? 0n : o.state.lovelace - d.depositLovelace).toString(),
    lovelace: o.state.lovelace.toString(),
    depositLovelace: d.depositLovelace.toString(),
    minFillPack: d.minFillPack.toString(),
    expiryMs: d.expiryMs === null ? null : d.expiryMs.toString(),
    expiry: d.expiryMs === null ? null : expiryText(o),
    expired: isExpired(o, nowMs),
  };
}

// ---------------------------------------------------------------------------------------
// Commands

export const exchangeBookCommand: Command = {
  name: "exchange-book",
  summary: "show the exchange's order book: depth by price (ADA per Jet), Jet and orders per side",
  description: `Reads the orders at the exchange address and prints the depth of the live book: the asks (sell
orders, cheapest first) above the bids (buy orders, highest first), each price level with its Jet
(offered by the asks, taken at most by the bids: a bid's ADA less the payment output each fill sends
its maker) and its number of orders. Prices are ADA per Jet (= lovelace per Pack). Expired orders are
left out (and counted); UTxOs at the address that are not authenticated orders (no order token, or a
datum the Open rule would refuse) are skipped and counted, never shown. Read-only.`,
  flags: [{ name: "depth", type: "integer", value: "N", description: "at most N price levels per side (default: all)" }, ...READ_FLAGS],
  examples: ["exchange-book", "exchange-book --depth 5 --json"],
  run: (args, io) =>
    exchangeGuarded(async () => {
      const ctx = makeCtx(args, io);
      const n = args.integer("depth");
      if (n !== undefined && n < 1) throw new UsageError(`flag --depth: must be ≥ 1, got ${n}`);
      const s = await openExchange(ctx);
      const ex = s.ex;
      const { depth } = await import("../../exchange/book.js");
      const levels = depth(ex.book, await buyPayMin(s.p, ex.book.buys, 10n ** 15n));
      const asks = levels.filter((l) => l.side === "sell").slice(0, n);
      const bids = levels.filter((l) => l.side === "buy").slice(0, n);
      const fee = s.config.datum.governance.exchangeFeeBps;
      if (ctx.json) {
        const level = (l: (typeof levels)[number]) => ({ price: l.priceText, priceNum: l.price.num.toString(), priceDen: l.price.den.toString(), jetPack: l.pack.toString(), orders: l.orders });
        io.out(
          jsonText({
            address: s.p.exchange.address,
            nowMs: String(s.nowMs),
            feeBps: fee.toString(),
            asks: asks.map(level),
            bids: bids.map(level),
            bestAsk: asks[0]?.priceText ?? null,
            bestBid: bids[0]?.priceText ?? null,
            orders: ex.book.sells.length + ex.book.buys.length,
            expired: ex.expired.length,
            skipped: ex.skipped,
          }),
        );
        return;
      }
      const live = ex.book.sells.length + ex.book.buys.length;
      const head = [
        `exchange ${s.p.exchange.address}: ${live} order${live === 1 ? "" : "s"} (${ex.book.sells.length} sell, ${ex.book.buys.length} buy); fee ${fee} bps of the ADA side, to the treasury`,
        asks[0] || bids[0] ? `best ask ${asks[0] ? priceText(asks[0].price) : "-"}, best bid ${bids[0] ? priceText(bids[0].price) : "-"}` : "the book is empty",
      ];
      const rows = [...asks, ...bids].map((l) => [l.side === "sell" ? "ask" : "bid", l.priceText, jetText(l.pack).replace(" Jet", ""), String(l.orders)]);
      const t = rows.length ? table(["side", "price (ADA/Jet)", "Jet", "orders"], rows, ["left", "right", "right", "right"]) : "";
      const notes = [
        ...(ex.expired.length ? [`${ex.expired.length} expired order${ex.expired.length === 1 ? "" : "s"} left out (anyone may return them to their makers: exchange expire)`] : []),
        `${ex.skipped} UTxO${ex.skipped === 1 ? "" : "s"} at the address skipped (not authenticated orders)`,
      ];
      io.out(`${head.join("\n")}\n${t}${notes.join("\n")}\n`);
    }),
};

export const exchangeOrdersCommand: Command = {
  name: "exchange-orders",
  summary: "list one maker's exchange orders: id, side, price, Jet and ADA left, minimum fill, expiry",
  description: `Lists the orders owned by --key's key hash, or by --owner (a key hash, or an address: its payment key),
expired ones included: id, side, price (ADA per Jet), for a sell order the Jet left, for a buy order the
ADA offered and the Jet it takes at most, the minimum fill and the expiry. Read-only.`,
  flags: [keyFlag("the maker's key file: list its orders", false), { name: "owner", type: "string", value: "KEYHASH|ADDRESS", description: "the maker's key hash or address (instead of --key)" }, ...READ_FLAGS],
  examples: ["exchange-orders --key maker.sk", "exchange-orders --owner addr_test1… --json"],
  run: (args, io) =>
    exchangeGuarded(async () => {
      const ctx = makeCtx(args, io);
      if (args.has("key") === args.has("owner")) throw new UsageError("give exactly one of --key FILE and --owner KEYHASH|ADDRESS");
      const owner = args.has("owner") ? await keyHashOf(args.string("owner")!, "--owner") : (await loadKeyFlag(ctx))!.pkh;
      const s = await openExchange(ctx);
      const ex = s.ex;
      const mine = ex.orders.filter((o) => o.datum.owner === owner).sort((a, b) => (a.datum.side === b.datum.side ? (a.id < b.id ? -1 : 1) : a.datum.side === "sell" ? -1 : 1));
      const views = await Promise.all(mine.map((o) => orderJson(s.p, o, s.nowMs)));
      if (ctx.json) {
        io.out(jsonText({ owner, nowMs: String(s.nowMs), orders: views }));
        return;
      }
      const head = `${mine.length} order${mine.length === 1 ? "" : "s"} of ${owner}`;
      if (mine.length === 0) {
        io.out(head + "\n");
        return;
      }
      const t = table(
        ["order", "side", "price (ADA/Jet)", "Jet left", "ADA left", "min fill (Jet)", "expiry"],
        views.map((v) => [
          v.id,
          v.side,
          v.price,
          jetText(BigInt(v.jetPack)).replace(" Jet", "") + (v.side === "buy" ? " (wanted)" : ""),
          v.side === "buy" ? adaText(BigInt(v.offerLovelace)).replace(" ADA", "") : "-",
          jetText(BigInt(v.minFillPack)).replace(" Jet", ""),
          v.expired ? `EXPIRED ${v.expiry}` : (v.expiry ?? "never"),
        ]),
        ["left", "left", "right", "right", "right", "right", "left"],
      );
      io.out(`${head}\n${t}`);
    }),
};
