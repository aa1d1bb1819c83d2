// Why: users pay services in ADA or in Jet with the governance discount of their veJet
// power, and services check what they received (docs/exchange.md, "Payments in Jet").
// How: `pay` reads the invoice file, quotes (the payer's commitments, the config's tiers),
// and builds the payment with its evidence and memo (offchain/tx/exchange/pay.ts);
// `payments-quote` prints the quote only; `payments-verify` reads a confirmed transaction's
// CBOR and reference inputs from the provider and checks it against the invoice.
import { type Command, UsageError } from "../command.js";
import { json as jsonText } from "../format.js";
import { DEPLOYMENT_FLAG, guarded, JSON_FLAG, keyFlag, makeCtx, NETWORK_FLAGS, QUIET_FLAG, readJsonInput, report, submitAll, txCommandFlags } from "../../net/cli.js";
import { buildOne, jetIn, jetText, openGov, openGovWithKey } from "./govshared.js";

const INVOICE_FLAG = { name: "invoice", type: "string" as const, value: "FILE", required: true, description: 'the service\'s invoice: { "id", "payTo", "priceLovelace", "rate" (ADA per Jet) }' };
const ada = (l: bigint) => `${l / 1_000_000n}.${String(l % 1_000_000n).padStart(6, "0")} ADA`;

async function readInvoice(ctx: ReturnType<typeof makeCtx>) {
  const { parseInvoice } = await import("../../exchange/payments.js");
  return readJsonInput(ctx, ctx.args.string("invoice")!, (raw) => parseInvoice(raw));
}

export const payCommand: Command = {
  name: "pay",
  summary: "pay a service's invoice in Jet (with your veJet discount) or in ADA",
  description: `Pays the invoice FILE from the key's wallet. In Jet (the default): the price less the config's discount
for the key's veJet power, at the invoice's rate; the payment carries its evidence (the config and your
commitments as reference inputs, your key as a required signer, a one-epoch validity range) and a CIP-20
memo naming the invoice, so the service can verify it (payments verify). --in ada pays the price in ADA.`,
  flags: txCommandFlags("payer's signing key; pays, owns the commitments", [INVOICE_FLAG, { name: "in", type: "string", value: "jet|ada", description: "pay in Jet (default) or ADA" }]),
  examples: ["pay --key user.sk --invoice inv-42.json", "pay --key user.sk --invoice inv-42.json --in ada --dry-run"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const how = args.string("in") ?? "jet";
      if (how !== "jet" && how !== "ada") throw new UsageError(`flag --in: "jet" or "ada", got ${JSON.stringify(how)}`);
      const invoice = await readInvoice(ctx);
      const s = await openGovWithKey(ctx, []);
      const { payInAda, payInJet } = await import("../../tx/exchange/pay.js");
      if (how === "ada") {
        const plan = payInAda({ invoice });
        const built = await buildOne(s, plan, `pay invoice ${invoice.id} in ADA`);
        const submitted = await submitAll(ctx, s.chain, [built], [s.key]);
        await report(ctx, [built], submitted, { invoice: invoice.id, in: "ada", lovelace: invoice.priceLovelace.toString() }, [`paid invoice ${invoice.id}: ${ada(invoice.priceLovelace)} to ${invoice.payTo}`]);
        return;
      }
      const plan = payInJet({ protocol: s.p, invoice, configUtxo: s.config.utxo, governanceUtxos: await s.chain.lucid.utxosAt(s.p.governance.address), payer: s.key.pkh, nowMs: s.nowMs });
      const q = plan.quote;
      const held = jetIn(s.p, s.wallet.utxos);
      if (held < q.jetPack) throw new UsageError(`wallet ${s.wallet.address} holds ${jetText(held)}, less than the ${jetText(q.jetPack)} due for invoice ${invoice.id}`);
      const built = await buildOne(s, plan, `pay invoice ${invoice.id} in Jet`);
      const submitted = await submitAll(ctx, s.chain, [built], [s.key]);
      await report(
        ctx,
        [built],
        submitted,
        { invoice: invoice.id, in: "jet", epoch: q.epoch.toString(), power: q.power.toString(), tierBps: q.tierBps.toString(), discountedLovelace: q.discountedLovelace.toString(), jetPack: q.jetPack.toString() },
        [
          `paid invoice ${invoice.id}: ${jetText(q.jetPack)} to ${invoice.payTo}`,
          `  price ${ada(invoice.priceLovelace)}, discount ${q.tierBps} bps for power ${q.power} (epoch ${q.epoch}) → ${ada(q.discountedLovelace)} at ${invoice.rate.num}/${invoice.rate.den} ADA per Jet`,
        ],
      );
    }),
};

export const paymentsQuoteCommand: Command = {
  name: "payments-quote",
  summary: "quote an invoice in Jet: your veJet discount tier and the Jet due",
  description: `Prints what \`pay\` would charge now for the invoice FILE: the key's (or --payer's) veJet power, the
config's discount tier it reaches, the discounted price and the Jet due. Read-only.`,
  flags: [keyFlag("payer's key (or --payer)", false), { name: "payer", type: "string", value: "KEYHASH", description: "the payer's key hash, instead of --key" }, INVOICE_FLAG, JSON_FLAG, QUIET_FLAG, DEPLOYMENT_FLAG, ...NETWORK_FLAGS],
  examples: ["payments-quote --key user.sk --invoice inv-42.json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const invoice = await readInvoice(ctx);
      const s = await openGov(ctx, []);
      const { requireKey } = await import("../../net/cli.js");
      const payer: string = args.string("payer") ?? (await requireKey(ctx)).pkh;
      if (!/^[0-9a-f]{56}$/.test(payer)) throw new UsageError(`flag --payer: a key hash (56 hex digits), got ${JSON.stringify(payer.slice(0, 60))}`);
      const { ownedPower, quote } = await import("../../exchange/payments.js");
      const g = s.config.datum.governance;
      const { power } = ownedPower(s.p, await s.chain.lucid.utxosAt(s.p.governance.address), payer, s.epoch, g.maxLockEpochs);
      const q = quote(invoice, power, g.discountTiers, s.epoch);
      if (ctx.json) {
        io.out(jsonText({ invoice: invoice.id, epoch: q.epoch.toString(), power: q.power.toString(), tierBps: q.tierBps.toString(), discountedLovelace: q.discountedLovelace.toString(), jetPack: q.jetPack.toString() }));
        return;
      }
      io.out(`invoice ${invoice.id}: ${ada(invoice.priceLovelace)}; power ${q.power} at epoch ${q.epoch} → discount ${q.tierBps} bps → ${ada(q.discountedLovelace)} = ${jetText(q.jetPack)}\n`);
    }),
};

export const paymentsVerifyCommand: Command = {
  name: "payments-verify",
  summary: "check a received payment against an invoice, the discount tier at that time and the config",
  description: `Reads the confirmed transaction HASH (its CBOR and its reference inputs as they were when it was included,
from a Blockfrost-compatible provider or the devnet) and checks it against the invoice FILE: the memo names the
invoice; the payer's discount follows from the config and the signer's commitments it references, at the epoch of
its validity range's end; the service's address received at least the Jet (or ADA) due. Exit 0 when accepted;
exit 1 with each problem named (e.g. the shortfall) when not.`,
  flags: [{ name: "tx", type: "string", value: "HASH", required: true, description: "the payment's transaction id" }, INVOICE_FLAG, JSON_FLAG, QUIET_FLAG, DEPLOYMENT_FLAG, ...NETWORK_FLAGS],
  examples: ["payments-verify --tx 3f…9a --invoice inv-42.json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const hash = args.string("tx")!;
      if (!/^[0-9a-f]{64}$/.test(hash)) throw new UsageError(`flag --tx: a transaction id (64 hex digits), got ${JSON.stringify(hash.slice(0, 70))}`);
      const invoice = await readInvoice(ctx);
      const s = await openGov(ctx, []);
      const { fetchPaymentTx } = await import("../../exchange/fetch-tx.js");
      const { verifyPayment } = await import("../../exchange/payments.js");
      const { slotToUnixTime } = await import("@lucid-evolution/lucid");
      const tx = await fetchPaymentTx(s.chain.cfg, hash);
      const v = verifyPayment({ protocol: s.p, invoice, cbor: tx.cbor, referenceInputs: tx.referenceInputs, slotToMs: (slot) => slotToUnixTime(s.chain.cfg.lucidNetwork, slot) });
      if (ctx.json) io.out(jsonText({ tx: hash, invoice: invoice.id, ok: v.ok, how: v.how, problems: v.problems, epoch: v.epoch?.toString() ?? null, power: v.power.toString(), tierBps: v.tierBps.toString(), duePack: v.duePack.toString(), paidPack: v.paidPack.toString(), dueLovelace: v.dueLovelace.toString(), paidLovelace: v.paidLovelace.toString() }));
      else if (v.ok)
        io.out(
          v.how === "jet"
            ? `accepted: transaction ${hash} pays invoice ${invoice.id} ${jetText(v.paidPack)} (due ${jetText(v.duePack)} at a ${v.tierBps} bps discount, power ${v.power} at epoch ${v.epoch})\n`
            : `accepted: transaction ${hash} pays invoice ${invoice.id} ${ada(v.paidLovelace)} (due ${ada(v.dueLovelace)})\n`,
        );
      if (!v.ok) throw Object.assign(new Error(v.problems.join("; ")), { name: "Rejected" });
    }),
};
