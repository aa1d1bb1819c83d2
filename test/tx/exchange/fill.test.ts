/**
 * Fills that the exchange accepts (lib/jetpack/logic/exchange/fill.ak), in the Emulator:
 * a sell order filled in two parts, a buy order partly filled then cancelled, a market
 * buy across three sellers in one transaction, the fee reaching the treasury.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { newWorld, run, type World } from "../../helpers/chain.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { fillOrders } from "../../../offchain/tx/exchange/fill.js";
import { cancelOrders } from "../../../offchain/tx/exchange/cancel.js";
import { marketBuy } from "../../../offchain/exchange/market.js";
import { lovelaceDue, parsePrice } from "../../../offchain/exchange/math.js";
import { book, configUtxo, exchangeWorld, JET, jetOf, lovelaceOf, openAs, orderById } from "./exchange.helpers.js";

describe("exchange: fills", () => {
  let w: World;
  let p: Protocol;
  const now = () => w.emulator.now();

  beforeAll(async () => {
    w = await newWorld();
    p = await exchangeWorld(w);
  });

  it("a taker fills a sell order in two parts; the maker is paid the price each time and the last fill closes it", async () => {
    const o = await openAs(w, p, "user1", { side: "sell", jet: 1_000n, price: "0.5", minJet: 100n });
    const makerAda = await lovelaceOf(w, w.accounts.user1.address);
    const takerJet = await jetOf(w, p, w.accounts.svcA.address);
    await run(w, fillOrders({ protocol: p, configUtxo: await configUtxo(w, p), requests: [{ order: o, pack: 400n * JET }], nowMs: now() }), "svcA");
    const rest = await orderById(w, p, o.id);
    expect(rest.state.jet).toBe(600n * JET);
    expect(rest.utxo.datum).toBe(o.utxo.datum);
    expect(await lovelaceOf(w, w.accounts.user1.address)).toBe(makerAda + 200_000_000n);
    await run(w, fillOrders({ protocol: p, configUtxo: await configUtxo(w, p), requests: [{ order: rest, pack: 600n * JET }], nowMs: now() }), "svcA");
    expect((await book(w, p)).sells.find((x) => x.id === o.id)).toBeUndefined();
    expect(await lovelaceOf(w, w.accounts.user1.address)).toBe(makerAda + 500_000_000n + o.state.lovelace);
    expect(await jetOf(w, p, w.accounts.svcA.address)).toBe(takerJet + 1_000n * JET);
    expect(Object.keys((await w.lucid.utxosAt(w.accounts.svcA.address)).flatMap((u) => Object.keys(u.assets))).some((k) => k.startsWith(p.exchange.hash))).toBe(false);
  });

  it("the fee, ⌈ADA side × fee bps⌉, reaches the treasury", async () => {
    const o = await openAs(w, p, "user2", { side: "sell", jet: 2_000n, price: "1" });
    const before = await lovelaceOf(w, p.treasury.address);
    const plan = fillOrders({ protocol: p, configUtxo: await configUtxo(w, p), requests: [{ order: o, pack: 2_000n * JET }], nowMs: now() });
    expect(plan.feeLovelace).toBe(6_000_000n); // 30 bps of 2,000 ADA
    await run(w, plan, "svcB");
    expect(await lovelaceOf(w, p.treasury.address)).toBe(before + 6_000_000n);
  });

  it("a buy order is partly filled by a user and cancelled by its maker", async () => {
    const o = await openAs(w, p, "svcB", { side: "buy", ada: 300n, price: "0.25", minJet: 10n });
    const makerJet = await jetOf(w, p, w.accounts.svcB.address);
    const userAda = await lovelaceOf(w, w.accounts.user3.address);
    const treasuryAda = await lovelaceOf(w, p.treasury.address);
    const plan = fillOrders({ protocol: p, configUtxo: await configUtxo(w, p), requests: [{ order: o, pack: 400n * JET }], nowMs: now() });
    expect(plan.fills[0]!.takerLovelace).toBe(100_000_000n);
    const { tx } = await run(w, plan, "user3");
    expect(await jetOf(w, p, w.accounts.svcB.address)).toBe(makerJet + 400n * JET);
    // The 0.3 ADA fee is below the ledger's minimum for an output: the taker tops it up.
    const toTreasury = (await lovelaceOf(w, p.treasury.address)) - treasuryAda;
    expect(plan.feeLovelace).toBe(300_000n);
    expect(toTreasury).toBeGreaterThan(300_000n);
    expect(await lovelaceOf(w, w.accounts.user3.address)).toBe(userAda + 100_000_000n - tx.toTransaction().body().fee() - toTreasury);
    const rest = await orderById(w, p, o.id);
    expect(rest.state.lovelace).toBe(o.state.lovelace - 100_000_000n - plan.fills[0]!.payLovelace);
    await run(w, cancelOrders({ protocol: p, orders: [rest] }), "svcB");
    expect((await book(w, p)).buys.find((x) => x.id === o.id)).toBeUndefined();
  });

  it("a service market-buys across three sellers' orders in one transaction, cheapest first", async () => {
    const a = await openAs(w, p, "user1", { side: "sell", jet: 100n, price: "0.3" });
    const b = await openAs(w, p, "user2", { side: "sell", jet: 100n, price: "0.2" });
    const c = await openAs(w, p, "user3", { side: "sell", jet: 100n, price: "0.25" });
    const m = marketBuy(await book(w, p), 250n * JET, { limit: parsePrice("0.3") });
    expect(m.picks.map((x) => x.order.id)).toEqual([b.id, c.id, a.id]);
    expect(m.lovelace).toBe(lovelaceDue(100n * JET, b.state.price) + lovelaceDue(100n * JET, c.state.price) + lovelaceDue(50n * JET, a.state.price));
    const jet = await jetOf(w, p, w.accounts.svcC.address);
    await run(w, fillOrders({ protocol: p, configUtxo: await configUtxo(w, p), requests: m.picks, nowMs: now() }), "svcC");
    expect(await jetOf(w, p, w.accounts.svcC.address)).toBe(jet + 250n * JET);
    expect((await orderById(w, p, a.id)).state.jet).toBe(50n * JET);
    expect(() => marketBuy({ sells: [], buys: [], skipped: 0 }, 1n, {})).toThrow(/fills only 0 of 1 Pack/);
  });
});
