/**
 * The exchange's structural rules, in the Emulator: forged orders (a datum copy without
 * its token, a UTxO without a datum), the withdrawal's payment indices, swapped tokens
 * between two continuations, a closing buy fill that keeps the deposit, an opening that
 * also spends an order or makes two, and redeemers that belong to no handler. Each asserts
 * its trace; the honest plans they start from are accepted in fill.test.ts.
 */
import { beforeAll, describe, it } from "vitest";
import { Constr, Data } from "@lucid-evolution/lucid";
import { expectRejected, newWorld, run, type World } from "../../helpers/chain.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { exchangeSpend, fillBatch } from "../../../offchain/codec/exchange.js";
import { fillOrders, paymentTag, type FillRequest } from "../../../offchain/tx/exchange/fill.js";
import { emptyPlan, useScript } from "../../../offchain/tx/plan.js";
import type { Order } from "../../../offchain/exchange/book.js";
import { configUtxo, exchangeWorld, JET, openAs, openPlan } from "./exchange.helpers.js";

describe("exchange: forged orders and structural attacks", () => {
  let w: World;
  let p: Protocol;
  let a: Order; // user1 sells 1,000 Jet at 0.5
  let b: Order; // user2 sells 1,000 Jet at 0.5
  let buy: Order; // user3 buys with 100 ADA at 0.25
  const now = () => w.emulator.now();
  const fill = async (...requests: FillRequest[]) => fillOrders({ protocol: p, configUtxo: await configUtxo(w, p), requests, nowMs: now() });

  beforeAll(async () => {
    w = await newWorld();
    p = await exchangeWorld(w);
    a = await openAs(w, p, "user1", { side: "sell", jet: 1_000n, price: "0.5", minJet: 10n });
    b = await openAs(w, p, "user2", { side: "sell", jet: 1_000n, price: "0.5", minJet: 10n });
    buy = await openAs(w, p, "user3", { side: "buy", ada: 100n, price: "0.25", minJet: 10n });
  });

  it("a forged order (an order's datum copied without its token) cannot be filled", async () => {
    // the attacker parks 10 Jet at the exchange under a copy of a's datum, then "fills" it
    w.lucid.selectWallet.fromSeed(w.accounts.attacker.seedPhrase);
    const t = await w.lucid.newTx().pay.ToContract(p.exchange.address, { kind: "inline", value: a.utxo.datum! }, { lovelace: a.state.lovelace, [p.units.jet]: 10n * JET }).complete();
    const h = await (await t.sign.withWallet().complete()).submit();
    w.emulator.awaitBlock(1);
    const [fake] = await w.lucid.utxosByOutRef([{ txHash: h, outputIndex: 0 }]);
    const plan = await fill({ order: a, pack: 100n * JET });
    plan.spend[0]!.utxos = [fake!];
    // as a fill that takes all 10 Jet: the maker's payment (tagged with the fake) and the fee
    plan.outputs = [{ address: a.datum.payTo, assets: { lovelace: 5_000_000n + a.state.lovelace }, datum: paymentTag(fake!) }, { address: p.treasury.address, assets: { lovelace: 1_000_000n } }];
    plan.withdraw!.redeemer = fillBatch([0], 1);
    await expectRejected(w, plan, "attacker", "exchange: an order holds its order token");
  });

  it("a UTxO without a datum at the exchange is never spent as an order", async () => {
    w.lucid.selectWallet.fromSeed(w.accounts.attacker.seedPhrase);
    const t = await w.lucid.newTx().pay.ToAddress(p.exchange.address, { lovelace: 2_000_000n }).complete();
    const h = await (await t.sign.withWallet().complete()).submit();
    w.emulator.awaitBlock(1);
    const [bare] = await w.lucid.utxosByOutRef([{ txHash: h, outputIndex: 0 }]);
    const plan = emptyPlan();
    plan.spend.push({ utxos: [bare!], redeemer: exchangeSpend.cancel() });
    useScript(plan, p, "exchange");
    await expectRejected(w, plan, "attacker", "exchange: datum missing");
  });

  it("an order cannot be spent with a redeemer that is none of Fill, Cancel, Expire", async () => {
    const plan = await fill({ order: a, pack: 100n * JET });
    plan.spend[0]!.redeemer = Data.to(new Constr(5, []));
    await expectRejected(w, plan, "attacker", "exchange: not an order's redeemer");
  });

  it("the withdrawal must name a payment for every order filled", async () => {
    const plan = await fill({ order: a, pack: 100n * JET }, { order: b, pack: 100n * JET });
    plan.withdraw!.redeemer = fillBatch([0], plan.outputs.length - 1);
    await expectRejected(w, plan, "attacker", "exchange: one payment index per order filled");
  });

  it("a payment index past the outputs is refused", async () => {
    const plan = await fill({ order: a, pack: 100n * JET });
    plan.withdraw!.redeemer = fillBatch([99], plan.outputs.length - 1);
    await expectRejected(w, plan, "attacker", "exchange: the payment output exists");
  });

  it("two continuations cannot swap their order tokens", async () => {
    const plan = await fill({ order: a, pack: 100n * JET }, { order: b, pack: 100n * JET });
    const [ca, cb] = [plan.outputs[1]!, plan.outputs[3]!];
    const ta = Object.keys(ca.assets).find((k) => k.startsWith(p.exchange.hash))!;
    const tb = Object.keys(cb.assets).find((k) => k.startsWith(p.exchange.hash))!;
    delete ca.assets[ta];
    delete cb.assets[tb];
    ca.assets[tb] = 1n;
    cb.assets[ta] = 1n;
    await expectRejected(w, plan, "attacker", "exchange: the continuing order holds its token");
  });

  it("a fill that closes a buy order returns its deposit to the maker", async () => {
    const plan = await fill({ order: buy, pack: 400n * JET }); // the capacity: closes it
    const pay = plan.outputs[0]!;
    const short = pay.assets.lovelace! - buy.datum.depositLovelace + 1n; // 1 lovelace short of the deposit
    pay.assets.lovelace! -= short;
    await expectRejected(w, plan, "attacker", "exchange: a closing buy order returns its deposit");
  });

  it("an opening cannot also spend an order, nor make two orders", async () => {
    const open = await openPlan(w, p, "user1", { side: "sell", jet: 10n, price: "1" });
    const f = await fill({ order: a, pack: 100n * JET });
    const both = { ...f, spend: [...f.spend, ...open.spend], mint: open.mint, outputs: [...f.outputs, ...open.outputs] };
    await expectRejected(w, both, "user1", "exchange: opening spends no order");
    const two = await openPlan(w, p, "user1", { side: "sell", jet: 10n, price: "1" });
    two.outputs.push({ address: p.exchange.address, assets: { lovelace: 2_000_000n }, datum: two.outputs[0]!.datum });
    await expectRejected(w, two, "user1", "exchange: one new order");
  });

  it("the order policy refuses a redeemer that is neither Open nor Burn", async () => {
    const open = await openPlan(w, p, "user1", { side: "sell", jet: 10n, price: "1" });
    open.mint!.redeemer = Data.to(new Constr(7, []));
    await expectRejected(w, open, "user1", "exchange: not an order policy redeemer");
  });

  it("the honest two-order fill is accepted (control)", async () => {
    await run(w, await fill({ order: a, pack: 100n * JET }, { order: b, pack: 100n * JET }), "attacker");
  });
});
