/**
 * Attacks on fills (lib/jetpack/logic/exchange/fill.ak) and on distributed Jet reaching
 * the exchange, in the Emulator. Each starts from the plan the SDK builds for an honest
 * fill, changes one thing, and asserts the rule's own trace; the unchanged plan is
 * accepted by the sibling tests (fill.test.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { applyDoubleCborEncoding, Data, validatorToAddress } from "@lucid-evolution/lucid";
import { expectRejected, newWorld, run, type World } from "../../helpers/chain.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { encodeOrder, exchangeMint, fillBatch } from "../../../offchain/codec/exchange.js";
import { outRefToData } from "../../../offchain/codec/data.js";
import { fillOrders, type FillRequest } from "../../../offchain/tx/exchange/fill.js";
import { useScript, type TxPlan } from "../../../offchain/tx/plan.js";
import { reward } from "../../../offchain/tx/lock/reward.js";
import { increase } from "../../../offchain/tx/governance/increase.js";
import { commitAs } from "../governance/gov.helpers.js";
import { readLocks } from "../../../offchain/readers.js";
import type { Order } from "../../../offchain/exchange/book.js";
import { clonePlan, mintJunk } from "../attacks/pool.helpers.js";
import { configUtxo, exchangeWorld, JET, openAs, openPlan } from "./exchange.helpers.js";

describe("exchange: attacks on fills", () => {
  let w: World;
  let p: Protocol;
  let junk: string;
  let sell: Order; // user1 sells 1,000 Jet at 0.5 ADA, minimum 100 Jet
  let sell2: Order; // user1 sells 500 Jet at 0.5 ADA
  let buy: Order; // user2 buys with 500 ADA at 0.25 ADA, minimum 10 Jet
  let dated: Order; // user3 sells 100 Jet until an expiry in the past of later tests
  const now = () => w.emulator.now();
  const fill = async (...requests: FillRequest[]) => fillOrders({ protocol: p, configUtxo: await configUtxo(w, p), requests, nowMs: now() });

  beforeAll(async () => {
    w = await newWorld();
    p = await exchangeWorld(w);
    junk = await mintJunk(w, ["attacker"]);
    sell = await openAs(w, p, "user1", { side: "sell", jet: 1_000n, price: "0.5", minJet: 100n });
    sell2 = await openAs(w, p, "user1", { side: "sell", jet: 500n, price: "0.5" });
    buy = await openAs(w, p, "user2", { side: "buy", ada: 500n, price: "0.25", minJet: 10n });
    dated = await openAs(w, p, "user3", { side: "sell", jet: 100n, price: "1", expiryMs: BigInt(now() + 600_000) });
  });

  it("a taker cannot pay a seller 1 lovelace below the price", async () => {
    const plan = await fill({ order: sell, pack: 200n * JET });
    plan.outputs[0]!.assets.lovelace! -= 1n;
    await expectRejected(w, plan, "attacker", "exchange: the maker is paid the price");
  });

  it("a taker cannot take 1 lovelace more than the price from a buy order", async () => {
    const plan = await fill({ order: buy, pack: 100n * JET });
    plan.outputs[1]!.assets.lovelace! -= 1n; // the continuing order
    await expectRejected(w, plan, "attacker", "exchange: the taker takes at most the price");
  });

  it("a taker cannot take a sell order's ADA along with its Jet", async () => {
    const plan = await fill({ order: sell, pack: 200n * JET });
    plan.outputs[1]!.assets.lovelace! -= 500_000n;
    await expectRejected(w, plan, "attacker", "exchange: the continuing order keeps its ADA");
  });

  it("a taker cannot take a buy order's deposit", async () => {
    const plan = await fill({ order: buy, pack: 100n * JET });
    // leave exactly the deposit (nothing offered any more) and pay the maker for it all
    const o = plan.outputs[1]!;
    o.assets.lovelace = buy.datum.depositLovelace;
    await expectRejected(w, plan, "attacker", "exchange: the continuing order keeps its deposit");
  });

  it("a taker cannot pay the maker at another address", async () => {
    const plan = await fill({ order: sell, pack: 200n * JET });
    plan.outputs[0]!.address = w.accounts.attacker.address;
    await expectRejected(w, plan, "attacker", "exchange: the maker is paid at the order's pay_to");
  });

  it("a taker cannot pay the maker with a datum that names another order", async () => {
    const plan = await fill({ order: sell, pack: 200n * JET });
    plan.outputs[0]!.datum = Data.to(outRefToData(sell2.utxo.txHash, sell2.utxo.outputIndex));
    await expectRejected(w, plan, "attacker", "exchange: the payment names its order");
  });

  it("one payment output cannot settle two orders of the same maker", async () => {
    const plan = await fill({ order: sell, pack: 200n * JET }, { order: sell2, pack: 500n * JET });
    // keep the first order's payment (and continuation) only, and point both orders at it
    const first = plan.withdraw!;
    const payments = [0, 0];
    plan.outputs = plan.outputs.filter((_, i) => i !== 2);
    plan.outputs[0]!.assets.lovelace! += 250_000_000n; // even with both prices in it
    plan.outputs[plan.outputs.length - 1]!.assets.lovelace = plan.feeLovelace;
    first.redeemer = fillBatch(payments, plan.outputs.length - 1);
    await expectRejected(w, plan, "attacker", "exchange: the payment names its order");
  });

  for (const [what, change] of [
    ["its price", { priceNum: 1n, priceDen: 4n }],
    ["its owner", { owner: "00".repeat(28) }],
    ["its minimum fill", { minFillPack: 1n }],
  ] as const)
    it(`a taker cannot change the continuing order's datum (${what})`, async () => {
      const plan = await fill({ order: sell, pack: 200n * JET });
      plan.outputs[1]!.datum = encodeOrder({ ...sell.datum, ...change });
      await expectRejected(w, plan, "attacker", "exchange: the continuing order keeps its datum");
    });

  it("a taker cannot add junk tokens to the continuing order", async () => {
    const plan = await fill({ order: sell, pack: 200n * JET });
    plan.outputs[1]!.assets[junk] = 1n;
    await expectRejected(w, plan, "attacker", "exchange: an order holds ADA, Jet and its token only");
  });

  it("a taker cannot keep the token of an order filled to the end", async () => {
    const plan = await fill({ order: sell2, pack: 500n * JET });
    delete plan.mint;
    await expectRejected(w, plan, "attacker", "exchange: a closed order's token is burned");
  });

  it("a dust fill under the order's minimum is refused", async () => {
    const plan = await fill({ order: sell, pack: 200n * JET });
    plan.outputs[1]!.assets[p.units.jet] = sell.state.jet - 99n * JET; // 99 Jet taken, minimum 100
    plan.outputs[0]!.assets.lovelace = 100_000_000n;
    await expectRejected(w, plan, "attacker", "exchange: a fill takes at least the minimum");
  });

  it("the treasury cannot be paid 1 lovelace below the config's fee", async () => {
    const plan = await fill({ order: sell, pack: 1_000n * JET }); // 500 ADA: a 1.5 ADA fee
    const fee = plan.outputs[plan.outputs.length - 1]!;
    expect(fee.assets.lovelace).toBe(1_500_000n);
    fee.assets.lovelace = 1_499_999n;
    await expectRejected(w, plan, "attacker", "exchange: the treasury receives the fee");
  });

  it("an order cannot be filled without the exchange's withdrawal", async () => {
    const plan = await fill({ order: sell, pack: 200n * JET });
    delete plan.withdraw;
    await expectRejected(w, plan, "attacker", "exchange: a fill runs the exchange's withdrawal");
  });

  it("an order cannot be filled after its expiry", async () => {
    const plan = await fill({ order: dated, pack: 100n * JET });
    plan.validTo = Number(dated.datum.expiryMs) + 60_000;
    await expectRejected(w, plan, "attacker", "exchange: the order has not expired");
  });

  it("a service cannot fill a buy order with the Jet of its lock", async () => {
    const [lock] = await readLocks(w.lucid, p, w.pkh.svcC);
    const lockPlan = reward({ protocol: p, locks: [lock!.utxo], configUtxo: await configUtxo(w, p), payouts: [] });
    const plan = merge(await fill({ order: buy, pack: 100n * JET }), lockPlan);
    plan.outputs.find((o) => o.assets[p.units.lockToken])!.assets[p.units.jet]! -= 100n * JET;
    await expectRejected(w, plan, "svcC", "lock: no other script is spent beside the locks");
  });

  it("a service cannot put the Jet of its lock into a sell order", async () => {
    const [lock] = await readLocks(w.lucid, p, w.pkh.svcC);
    const lockPlan = reward({ protocol: p, locks: [lock!.utxo], configUtxo: await configUtxo(w, p), payouts: [] });
    const open = await openPlan(w, p, "svcC", { side: "sell", jet: 100n, price: "1" });
    const plan = merge(open, lockPlan);
    plan.outputs.find((o) => o.assets[p.units.lockToken])!.assets[p.units.jet]! -= 100n * JET;
    await expectRejected(w, plan, "svcC", "lock: Jet may only be paid to a key, not a script");
  });

  it("no one closes a buy order by giving less than its minimum fill", async () => {
    const plan = await fill({ order: buy, pack: 100n * JET });
    // everything back to the maker with 1 Pack, the order closed, no fee (nothing given)
    plan.outputs = [{ ...plan.outputs[0]!, assets: { lovelace: buy.state.lovelace, [p.units.jet]: 1n } }];
    plan.mint = { assets: { [p.exchange.hash + buy.id]: -1n }, redeemer: exchangeMint.burn() };
    plan.withdraw!.redeemer = fillBatch([0], -1);
    await expectRejected(w, plan, "attacker", "exchange: a fill takes at least the minimum");
  });

  it("a partial fill cannot leave less than the minimum behind", async () => {
    const plan = await fill({ order: sell, pack: 800n * JET });
    plan.outputs[1]!.assets[p.units.jet] = 50n * JET; // 950 Jet taken, 50 left: under the 100 Jet minimum
    plan.outputs[0]!.assets.lovelace = 475_000_000n;
    plan.outputs[2]!.assets.lovelace = 1_425_000n;
    await expectRejected(w, plan, "attacker", "exchange: a partial fill leaves at least the minimum");
  });

  it("a continuing order cannot carry a reference script", async () => {
    const plan = await fill({ order: sell, pack: 200n * JET });
    plan.outputs[1]!.scriptRef = p.treasury.script;
    plan.outputs[1]!.assets.lovelace! += 0n;
    await expectRejected(w, plan, "attacker", "exchange: an order carries no reference script");
  });

  it("a fill cannot spend a treasury or governance UTxO beside it (their outputs would double as the fee)", async () => {
    // the attacker's own commitment, increased in the same transaction: valid on its own
    const id = await commitAs(w, p, "attacker", 100n * JET);
    const commitment = (await w.lucid.utxosAt(p.governance.address)).find((u) => Object.keys(u.assets).some((k) => k.endsWith(id)))!;
    const inc = increase({ protocol: p, commitment, configUtxo: await configUtxo(w, p), addPack: 1n * JET, nowMs: now() });
    const plan = merge(await fill({ order: sell, pack: 1_000n * JET }), inc);
    await expectRejected(w, plan, "attacker", "exchange: a fill spends no governance or treasury UTxO");
  });

  it("a service cannot fill another exchange's buy order with the Jet of its lock", async () => {
    // a foreign P2P order: 50 ADA at an always-succeeding Plutus V3 script, for whoever pays the buyer Jet
    const foreign = { type: "PlutusV3" as const, script: applyDoubleCborEncoding("450101002499") }; // (program 1.1.0 (lam _ ()))
    const at = validatorToAddress("Custom", foreign);
    w.lucid.selectWallet.fromSeed(w.accounts.user3.seedPhrase);
    const t = await w.lucid.newTx().pay.ToContract(at, { kind: "inline", value: Data.void() }, { lovelace: 50_000_000n }).complete();
    const h = await (await t.sign.withWallet().complete()).submit();
    w.emulator.awaitBlock(1);
    const [order] = await w.lucid.utxosByOutRef([{ txHash: h, outputIndex: 0 }]);
    const [lock] = await readLocks(w.lucid, p, w.pkh.svcC);
    // a reward the lock rules allow on its own (100 Jet to the buyer's key), plus the order's ADA
    const plan = reward({ protocol: p, locks: [lock!.utxo], configUtxo: await configUtxo(w, p), payouts: [{ address: w.accounts.user3.address, amountPack: 100n * JET }] });
    plan.spend.push({ utxos: [order!], redeemer: Data.void() });
    plan.scripts.push(foreign);
    await expectRejected(w, plan, "svcC", "lock: no other script is spent beside the locks");
  });

  it("the untouched plans are accepted (controls)", async () => {
    await run(w, await fill({ order: sell, pack: 200n * JET }, { order: sell2, pack: 500n * JET }), "attacker");
  });

  /** Both plans in one transaction (the second's withdrawal after the first's). */
  function merge(a: TxPlan, b: TxPlan): TxPlan {
    const m = clonePlan(a);
    const c = clonePlan(b);
    m.spend.push(...c.spend);
    m.reference.push(...c.reference.filter((r) => !m.reference.some((x) => x.txHash === r.txHash && x.outputIndex === r.outputIndex)));
    if (c.mint) m.moreMints = [...(m.moreMints ?? []), c.mint];
    if (c.withdraw) m.moreWithdrawals = [...(m.moreWithdrawals ?? []), c.withdraw];
    m.outputs.push(...c.outputs);
    m.signers.push(...c.signers);
    m.scripts.push(...c.scripts);
    m.validFrom ??= c.validFrom;
    m.validTo ??= c.validTo;
    useScript(m, p, "lockRules");
    return m;
  }
});
