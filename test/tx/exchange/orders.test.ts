/**
 * Opening, cancelling and expiring orders (lib/jetpack/logic/exchange/{open,cancel,
 * expire}.ak and the policy's Burn), in the Emulator: what the rules accept, and one
 * attack per rule, each asserting its trace.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectRejected, newWorld, run, type World } from "../../helpers/chain.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { encodeOrder, exchangeMint } from "../../../offchain/codec/exchange.js";
import { cancelOrders, expireOrder } from "../../../offchain/tx/exchange/cancel.js";
import { orderUnit } from "../../../offchain/tx/exchange/common.js";
import type { Order } from "../../../offchain/exchange/book.js";
import { mintJunk, travelTo } from "../attacks/pool.helpers.js";
import { book, exchangeWorld, JET, jetOf, openAs, openPlan } from "./exchange.helpers.js";

describe("exchange: opening, cancelling and expiring orders", () => {
  let w: World;
  let p: Protocol;
  let junk: string;
  let mine: Order; // user1's sell order, no expiry
  let dated: Order; // user2's buy order, expiring in 10 minutes
  const now = () => w.emulator.now();

  beforeAll(async () => {
    w = await newWorld();
    p = await exchangeWorld(w);
    junk = await mintJunk(w, ["user1"]);
    mine = await openAs(w, p, "user1", { side: "sell", jet: 300n, price: "0.4" });
    dated = await openAs(w, p, "user2", { side: "buy", ada: 50n, price: "0.1", expiryMs: BigInt(now() + 600_000) });
  });

  // --- open
  it("an order cannot be opened without spending the seed that names it", async () => {
    const plan = await openPlan(w, p, "user1", { side: "sell", jet: 10n, price: "1" });
    plan.spend = [];
    await expectRejected(w, plan, "user1", "exchange: the seed of a new order is spent");
  });
  it("one opening cannot mint two order tokens", async () => {
    const plan = await openPlan(w, p, "user1", { side: "sell", jet: 10n, price: "1" });
    const unit = Object.keys(plan.mint!.assets)[0]!;
    plan.mint!.assets[unit] = 2n;
    plan.outputs.push({ ...plan.outputs[0]!, assets: { ...plan.outputs[0]!.assets } });
    await expectRejected(w, plan, "user1", "exchange: mints one order token named by the seed");
  });
  it("an order with a zero price is refused", async () => {
    const plan = await openPlan(w, p, "user1", { side: "sell", jet: 10n, price: "1" });
    plan.outputs[0]!.datum = encodeOrder({ ...plan.datum, priceNum: 0n });
    await expectRejected(w, plan, "user1", "exchange: a well-formed order datum");
  });
  it("an order with a zero minimum fill is refused", async () => {
    const plan = await openPlan(w, p, "user1", { side: "sell", jet: 10n, price: "1" });
    plan.outputs[0]!.datum = encodeOrder({ ...plan.datum, minFillPack: 0n });
    await expectRejected(w, plan, "user1", "exchange: a well-formed order datum");
  });
  it("a new order cannot carry junk tokens", async () => {
    const plan = await openPlan(w, p, "user1", { side: "sell", jet: 10n, price: "1" });
    plan.outputs[0]!.assets[junk] = 5n;
    await expectRejected(w, plan, "user1", "exchange: an order holds ADA, Jet and its token only");
  });
  it("a sell order cannot hold ADA beyond its deposit, nor a buy order nothing beyond it", async () => {
    const sell = await openPlan(w, p, "user1", { side: "sell", jet: 10n, price: "1" });
    sell.outputs[0]!.assets.lovelace! += 1n;
    await expectRejected(w, sell, "user1", "exchange: a sell order holds Jet and its deposit, a buy order ADA beyond it");
    const buy = await openPlan(w, p, "user1", { side: "buy", ada: 10n, price: "1" });
    buy.outputs[0]!.assets.lovelace = buy.datum.depositLovelace;
    await expectRejected(w, buy, "user1", "exchange: a sell order holds Jet and its deposit, a buy order ADA beyond it");
  });
  it("an order cannot sit at the exchange under a stake credential", async () => {
    const plan = await openPlan(w, p, "user1", { side: "sell", jet: 10n, price: "1" });
    const { credentialToAddress } = await import("@lucid-evolution/lucid");
    plan.outputs[0]!.address = credentialToAddress("Custom", { type: "Script", hash: p.exchange.hash }, { type: "Key", hash: w.pkh.user1 });
    await expectRejected(w, plan, "user1", "exchange: the order sits at the bare exchange address");
  });
  it("an order cannot pay its maker at the exchange (the payments would be locked for good)", async () => {
    const plan = await openPlan(w, p, "user1", { side: "sell", jet: 10n, price: "1" });
    plan.outputs[0]!.datum = encodeOrder({ ...plan.datum, payTo: p.exchange.address });
    await expectRejected(w, plan, "user1", "exchange: an order does not pay to the exchange");
  });
  it("a new order cannot carry a reference script", async () => {
    const plan = await openPlan(w, p, "user1", { side: "sell", jet: 10n, price: "1" });
    plan.outputs[0]!.scriptRef = p.treasury.script;
    await expectRejected(w, plan, "user1", "exchange: an order carries no reference script");
  });
  it("the order policy's Burn redeemer cannot mint", async () => {
    const plan = await openPlan(w, p, "user1", { side: "sell", jet: 10n, price: "1" });
    plan.mint!.redeemer = exchangeMint.burn();
    await expectRejected(w, plan, "user1", "exchange: Burn only burns");
  });

  // --- cancel
  it("no one but the maker cancels an order", async () => {
    const plan = cancelOrders({ protocol: p, orders: [mine] });
    plan.signers = [w.pkh.attacker];
    await expectRejected(w, plan, "attacker", "exchange: the maker cancels");
  });
  it("a cancelled order's token cannot be kept", async () => {
    const plan = cancelOrders({ protocol: p, orders: [mine] });
    delete plan.mint;
    await expectRejected(w, plan, "user1", "exchange: a closed order's token is burned");
  });
  it("the maker cancels at any time and gets the Jet back", async () => {
    const before = await jetOf(w, p, w.accounts.user1.address);
    await run(w, cancelOrders({ protocol: p, orders: [mine] }), "user1");
    expect(await jetOf(w, p, w.accounts.user1.address)).toBe(before + 300n * JET);
    expect((await book(w, p)).sells).toHaveLength(0);
    expect((await w.lucid.utxosAt(w.accounts.user1.address)).some((u) => u.assets[orderUnit(p, mine.id)])).toBe(false);
  });

  // --- expire
  it("an order cannot be returned before its expiry", async () => {
    expect(() => expireOrder({ protocol: p, order: dated, nowMs: now() })).toThrow(/cannot be returned before/);
    const plan = expireOrder({ protocol: p, order: dated, nowMs: Number(dated.datum.expiryMs) + 5_000 });
    plan.validFrom = now() - 1_000;
    plan.validTo = now() + 60_000;
    await expectRejected(w, plan, "attacker", "exchange: the order has expired");
  });
  it("an expired order is returned to its maker only", async () => {
    travelTo(w, Number(dated.datum.expiryMs) + 60_000);
    const plan = expireOrder({ protocol: p, order: dated, nowMs: now() });
    plan.outputs[0]!.address = w.accounts.attacker.address;
    await expectRejected(w, plan, "attacker", "exchange: the expired order returns to its maker");
  });
  it("after its expiry anyone returns an order to its maker, whole", async () => {
    const before = (await w.lucid.utxosAt(w.accounts.user2.address)).reduce((a, u) => a + u.assets.lovelace!, 0n);
    await run(w, expireOrder({ protocol: p, order: dated, nowMs: now() }), "attacker");
    const after = (await w.lucid.utxosAt(w.accounts.user2.address)).reduce((a, u) => a + u.assets.lovelace!, 0n);
    expect(after - before).toBe(dated.state.lovelace);
    expect((await book(w, p)).buys).toHaveLength(0);
  });
});
