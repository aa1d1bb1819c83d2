// Why: what trading on the JetPack exchange costs — opening an order, a fill, a market
// order across 5 orders, a cancel, an expiry — and how many orders one transaction can
// fill, measured in the Emulator with the deployable (untraced) scripts.
// How: the governance world (offchain/emulator/gov-world.ts: users hold reward Jet) with
// the scripts from plutus.json as reference scripts; each transaction kind is built with
// local script evaluation, submitted, and its size, fee and execution units recorded. The
// capacity: 40 sell orders of 10 Jet, then the largest n whose n-order fill still builds
// (the evaluation stays within the ledger's per-transaction budget) and is ≤ 16,384 bytes.
import { deployedValidators } from "../offchain/demo/section.js";
import { bookOf, type Order } from "../offchain/exchange/book.js";
import { marketBuy } from "../offchain/exchange/market.js";
import { parsePrice } from "../offchain/exchange/math.js";
import { govWorld } from "../offchain/emulator/gov-world.js";
import { exUnits, newWorld, run, type Actor, type World } from "../offchain/emulator/world.js";
import type { Protocol } from "../offchain/protocol.js";
import { readConfig } from "../offchain/readers.js";
import { cancelOrders, expireOrder } from "../offchain/tx/exchange/cancel.js";
import { fillOrders } from "../offchain/tx/exchange/fill.js";
import { openOrder } from "../offchain/tx/exchange/open.js";
import { toTx, type TxPlan } from "../offchain/tx/plan.js";
import type { BenchSection } from "./main.js";

const JET = 1_000_000n;
const MAX_TX_BYTES = 16_384;

function figures(kind: string, tx: { toTransaction(): any }) {
  const rs = exUnits(tx);
  const t = tx.toTransaction();
  return { kind, steps: String(rs.reduce((a, r) => a + r.steps, 0n)), mem: String(rs.reduce((a, r) => a + r.mem, 0n)), sizeBytes: t.to_cbor_bytes().length, feeLovelace: String(t.body().fee()) };
}

async function measured(w: World, kind: string, plan: TxPlan, payer: Actor) {
  const { tx } = await run(w, plan, payer);
  return figures(kind, tx);
}

export const exchangeSection: BenchSection = {
  name: "exchange",
  async run(options) {
    const w = await newWorld();
    const p: Protocol = await govWorld(w, deployedValidators());
    const now = () => w.emulator.now();
    const cfg = async () => (await readConfig(w.lucid, p)).utxo;
    const orders = async () => bookOf(p, await w.lucid.utxosAt(p.exchange.address));
    const open = async (who: Actor, side: "sell" | "buy", amount: bigint, price: string, expiryMs: bigint | null = null) => {
      const utxos = await w.lucid.utxosAt(w.accounts[who].address);
      const plan = openOrder({
        protocol: p,
        side,
        pack: side === "sell" ? amount * JET : undefined,
        offerLovelace: side === "buy" ? amount * 1_000_000n : undefined,
        price: parsePrice(price),
        minFillPack: JET,
        owner: w.pkh[who],
        payTo: w.accounts[who].address,
        expiryMs,
        seed: utxos.find((u) => Object.keys(u.assets).length === 1) ?? utxos[0]!,
      });
      return { plan, row: await measured(w, `open a ${side} order`, plan, who) };
    };
    const byId = async (id: string) => [...(await orders()).sells, ...(await orders()).buys].find((o) => o.id === id)!;
    const rows = [];
    const s1 = await open("user1", "sell", 1_000n, "0.5");
    rows.push(s1.row);
    const b1 = await open("user2", "buy", 100n, "0.25");
    rows.push(b1.row);
    rows.push(await measured(w, "fill part of a sell order", fillOrders({ protocol: p, configUtxo: await cfg(), requests: [{ order: await byId(s1.plan.id), pack: 100n * JET }], nowMs: now() }), "svcA"));
    rows.push(await measured(w, "fill part of a buy order", fillOrders({ protocol: p, configUtxo: await cfg(), requests: [{ order: await byId(b1.plan.id), pack: 100n * JET }], nowMs: now() }), "user3"));
    for (const [who, price] of [["user1", "0.41"], ["user2", "0.42"], ["user3", "0.43"], ["govA", "0.44"], ["attacker", "0.45"]] as const) await open(who, "sell", 20n, price);
    const m = marketBuy(await orders(), 100n * JET, { limit: parsePrice("0.45"), maxOrders: 5 });
    rows.push(await measured(w, `market buy across ${m.picks.length} orders`, fillOrders({ protocol: p, configUtxo: await cfg(), requests: m.picks, nowMs: now() }), "svcB"));
    rows.push(await measured(w, "cancel an order", cancelOrders({ protocol: p, orders: [await byId(b1.plan.id)] }), "user2"));
    const dated = await open("user3", "sell", 10n, "1", BigInt(now() + 60_000));
    w.emulator.awaitSlot(120);
    rows.push(await measured(w, "return an expired order", expireOrder({ protocol: p, order: await byId(dated.plan.id), nowMs: now() }), "attacker"));

    // Capacity: how many orders one fill transaction settles.
    const n = options.quick ? 16 : 40;
    for (let i = 0; i < n; i++) await open(i % 2 ? "user1" : "user2", "sell", 10n, "0.3");
    const small = (await orders()).sells.filter((o) => o.state.jet === 10n * JET);
    const tryFill = async (k: number) => {
      const plan = fillOrders({ protocol: p, configUtxo: await cfg(), requests: small.slice(0, k).map((o: Order) => ({ order: o, pack: o.state.jet })), nowMs: now() });
      w.lucid.selectWallet.fromSeed(w.accounts.svcC.seedPhrase);
      try {
        const tx = await toTx(w.lucid, plan).complete({ localUPLCEval: true });
        const f = figures(`fill ${k} orders`, tx);
        return f.sizeBytes <= MAX_TX_BYTES ? f : null;
      } catch {
        return null;
      }
    };
    let lo = 1;
    let best = await tryFill(1);
    let hi = small.length + 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      const f = await tryFill(mid);
      if (f) (lo = mid), (best = f);
      else hi = mid;
    }
    return { transactions: rows, capacity: { ordersPerFill: lo, tried: small.length, atCapacity: best } };
  },
};
