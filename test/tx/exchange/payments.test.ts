/**
 * Payments in Jet with the governance discount (offchain/exchange/payments.ts,
 * offchain/tx/exchange/pay.ts), in the Emulator: the payer's veJet tier lowers the Jet due,
 * the service verifies the payment from the transaction alone, and an under-payment or a
 * discount the evidence does not support is rejected with the shortfall named.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { slotToUnixTime } from "@lucid-evolution/lucid";
import { newWorld, run, type World } from "../../helpers/chain.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { parseInvoice, verifyPayment, type Invoice } from "../../../offchain/exchange/payments.js";
import { payInAda, payInJet } from "../../../offchain/tx/exchange/pay.js";
import type { TxPlan } from "../../../offchain/tx/plan.js";
import { commitAs, epochNow } from "../governance/gov.helpers.js";
import { configUtxo, exchangeWorld, JET, jetOf } from "./exchange.helpers.js";

describe("payments in Jet with a governance discount", () => {
  let w: World;
  let p: Protocol;
  let invoice: Invoice;
  const now = () => w.emulator.now();
  const slotToMs = (s: number) => slotToUnixTime("Custom", s);

  /** Submits the plan as `payer` and verifies the signed transaction as the service would. */
  async function payAndVerify(plan: TxPlan, payer: "user1" | "user2") {
    const { signed } = await run(w, plan, payer);
    return verifyPayment({ protocol: p, invoice, cbor: signed.toCBOR(), referenceInputs: plan.reference, slotToMs });
  }

  beforeAll(async () => {
    w = await newWorld();
    p = await exchangeWorld(w);
    await commitAs(w, p, "user1", 1_000n * JET); // 1,000 Jet × 292 epochs: the 1,000 bps tier
    invoice = parseInvoice({ id: "INV-42", payTo: w.accounts.svcA.address, priceLovelace: "100000000", rate: "0.25" });
  });

  it("a committed user pays 10 % less Jet, and the service's verification accepts it", async () => {
    const plan = payInJet({ protocol: p, invoice, configUtxo: await configUtxo(w, p), governanceUtxos: await w.lucid.utxosAt(p.governance.address), payer: w.pkh.user1, nowMs: now() });
    expect(plan.quote.tierBps).toBe(1_000n);
    expect(plan.quote.jetPack).toBe(360n * JET); // 100 ADA × 0.9 / 0.25 ADA per Jet
    const before = await jetOf(w, p, w.accounts.svcA.address);
    const v = await payAndVerify(plan, "user1");
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ ok: true, how: "jet", tierBps: 1_000n, duePack: 360n * JET, paidPack: 360n * JET, epoch: epochNow(w, p) });
    expect(await jetOf(w, p, w.accounts.svcA.address)).toBe(before + 360n * JET);
  });

  it("an under-payment by 1 Pack is rejected with the shortfall named", async () => {
    const plan = payInJet({ protocol: p, invoice, configUtxo: await configUtxo(w, p), governanceUtxos: await w.lucid.utxosAt(p.governance.address), payer: w.pkh.user1, nowMs: now() });
    plan.outputs[0]!.assets[p.units.jet]! -= 1n;
    const v = await payAndVerify(plan, "user1");
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([`under-payment: ${360n * JET - 1n} Pack paid, ${360n * JET} Pack due at a 1000 bps discount (short by 1 Pack = 0.000001 Jet)`]);
  });

  it("a user cannot take the discount of someone else's commitment", async () => {
    // user2 has no commitment: it references user1's and pays the discounted price
    const plan = payInJet({ protocol: p, invoice, configUtxo: await configUtxo(w, p), governanceUtxos: await w.lucid.utxosAt(p.governance.address), payer: w.pkh.user1, nowMs: now() });
    plan.signers = [w.pkh.user2];
    const v = await payAndVerify(plan, "user2");
    expect(v.ok).toBe(false);
    expect(v.tierBps).toBe(0n);
    expect(v.problems[0]).toMatch(/^under-payment: 360000000 Pack paid, 400000000 Pack due at a 0 bps discount \(short by 40000000 Pack = 40 Jet\)$/);
  });

  it("a payment for another invoice, for two invoices at once, or in ADA below the price, is rejected", async () => {
    const other = { ...invoice, id: "INV-43" };
    const plan = payInAda({ invoice: other });
    const { signed } = await run(w, plan, "user2");
    const v = verifyPayment({ protocol: p, invoice, cbor: signed.toCBOR(), referenceInputs: [], slotToMs });
    expect(v.problems).toEqual(["the memo does not name invoice INV-42"]);
    const low = payInAda({ invoice: { ...invoice, priceLovelace: invoice.priceLovelace - 1n } });
    const { signed: s2 } = await run(w, low, "user2");
    const v2 = verifyPayment({ protocol: p, invoice, cbor: s2.toCBOR(), referenceInputs: [], slotToMs });
    expect(v2.problems).toEqual(["under-payment: 99999999 lovelace paid, 100000000 lovelace due (short by 1 lovelace)"]);
    const two = payInAda({ invoice });
    two.metadata = [{ label: 674, value: { msg: ["jetpack invoice INV-42", "jetpack invoice INV-43"] } }];
    const { signed: s4 } = await run(w, two, "user2");
    expect(verifyPayment({ protocol: p, invoice, cbor: s4.toCBOR(), referenceInputs: [], slotToMs }).problems).toEqual(["the memo names 2 invoices; a payment settles one"]);
    const ok = payInAda({ invoice });
    const { signed: s3 } = await run(w, ok, "user2");
    expect(verifyPayment({ protocol: p, invoice, cbor: s3.toCBOR(), referenceInputs: [], slotToMs }).ok).toBe(true);
  });

  it("an order's payment or a co-signer's power cannot settle an invoice", async () => {
    // svcA's sell order: a fill pays svcA in an output tagged with the order; with a memo naming the invoice
    const { openAs } = await import("./exchange.helpers.js");
    const { fillOrders } = await import("../../../offchain/tx/exchange/fill.js");
    const o = await openAs(w, p, "svcA", { side: "sell", jet: 400n, price: "0.25" });
    const fill = fillOrders({ protocol: p, configUtxo: await configUtxo(w, p), requests: [{ order: o, pack: 400n * JET }], nowMs: now() });
    fill.metadata = [{ label: 674, value: { msg: ["jetpack invoice INV-42", "paid in ADA"] } }];
    const { signed } = await run(w, fill, "user2");
    const v = verifyPayment({ protocol: p, invoice, cbor: signed.toCBOR(), referenceInputs: [], slotToMs });
    expect(v.problems).toEqual(["the transaction runs Plutus scripts: a payment spends wallet UTxOs only", "under-payment: 0 lovelace paid, 100000000 lovelace due (short by 100000000 lovelace)"]);
    // user2 (no commitment) has user1 co-sign: the discount is one payer's only
    const plan = payInJet({ protocol: p, invoice, configUtxo: await configUtxo(w, p), governanceUtxos: await w.lucid.utxosAt(p.governance.address), payer: w.pkh.user1, nowMs: now() });
    plan.signers = [w.pkh.user2, w.pkh.user1];
    const { signed: s2 } = await run(w, plan, "user2", ["user1"]);
    const v2 = verifyPayment({ protocol: p, invoice, cbor: s2.toCBOR(), referenceInputs: plan.reference, slotToMs });
    expect(v2.tierBps).toBe(0n);
    expect(v2.ok).toBe(false);
  });

  it("an invoice file with a bad field is refused naming it", () => {
    expect(() => parseInvoice({ id: "x", payTo: "nope", priceLovelace: "1", rate: "1" })).toThrow("invoice.payTo: a bech32 address");
    expect(() => parseInvoice({ id: "x", payTo: w.accounts.svcA.address, priceLovelace: "0", rate: "1" })).toThrow("invoice.priceLovelace");
    expect(() => parseInvoice({ id: "x", payTo: w.accounts.svcA.address, priceLovelace: "5", rate: "abc" })).toThrow(/invoice.rate must be ADA per Jet/);
  });
});
