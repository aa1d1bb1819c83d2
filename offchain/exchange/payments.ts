/**
 * Payments in Jet: a service prices something in lovelace; a user pays in ADA, or in Jet at
 * the service's quoted rate less the governance discount of the user's veJet power.
 *
 * Why the evidence rides in the payment: the service must check the discount the payer
 * took, later, from the chain alone. So a Jet payment carries, as reference inputs, the
 * config (its discount tiers, authenticated by the config NFT) and the payer's veJet
 * commitments (authenticated by their governance tokens), names the payer's key as a
 * required signer (the commitments' owner), bounds its validity range (the epoch of the
 * upper bound is the one whose power counts: power never grows with time, so that is the
 * least the payer had while the transaction could be included), and names the invoice in a
 * CIP-20 memo (metadata label 674). Reference inputs must be unspent at inclusion, so a
 * commitment withdrawn before cannot be claimed.
 *
 * How, exactly: discounted = ⌈price × (10,000 − bps) / 10,000⌉ lovelace; Jet due =
 * ⌈discounted / rate⌉ Pack (rate = lovelace per Pack). Both round towards the service.
 * Jet received this way is ordinary Jet: no lock, resellable.
 */
import { CML, type UTxO } from "@lucid-evolution/lucid";
import type { DiscountTier } from "../codec/data.js";
import { decodeConfig } from "../codec/data.js";
import { epochOf } from "../governance/clock.js";
import type { Protocol } from "../protocol.js";
import { JetpackError } from "../tx/common.js";
import { authenticate, powerAt } from "../tx/governance/common.js";
import { formatPrice, parsePrice, type Price } from "./math.js";

/** CIP-20 transaction message metadata label. */
export const MEMO_LABEL = 674;

export interface Invoice {
  id: string; // ≤ 48 characters: fits a CIP-20 line with its prefix
  payTo: string; // the service's address
  priceLovelace: bigint;
  rate: Price; // lovelace per Pack (= ADA per Jet) the service accepts for this invoice
}

/** An invoice from JSON: { "id", "payTo", "priceLovelace", "rate": "0.25" }. Throws naming the field. */
export function parseInvoice(raw: unknown, where = "invoice"): Invoice {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new JetpackError(`${where}: expected a JSON object`);
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!["id", "payTo", "priceLovelace", "rate"].includes(k)) throw new JetpackError(`${where}.${k}: unknown field`);
  if (typeof o.id !== "string" || !/^[\x21-\x7e]{1,48}$/.test(o.id)) throw new JetpackError(`${where}.id: 1–48 printable ASCII characters without spaces`);
  if (typeof o.payTo !== "string" || !/^addr(_test)?1[0-9a-z]+$/.test(o.payTo)) throw new JetpackError(`${where}.payTo: a bech32 address`);
  const price = typeof o.priceLovelace === "number" || typeof o.priceLovelace === "string" ? String(o.priceLovelace) : "";
  if (!/^[1-9]\d*$/.test(price)) throw new JetpackError(`${where}.priceLovelace: a positive integer (lovelace)`);
  if (typeof o.rate !== "string") throw new JetpackError(`${where}.rate: ADA per Jet as a string ("0.25")`);
  return { id: o.id, payTo: o.payTo, priceLovelace: BigInt(price), rate: parsePrice(o.rate, `${where}.rate`) };
}

export function invoiceJson(i: Invoice): Record<string, string> {
  return { id: i.id, payTo: i.payTo, priceLovelace: i.priceLovelace.toString(), rate: formatPrice(i.rate) };
}

/** The best tier `power` reaches (tiers ascend), or none. */
export function discountFor(power: bigint, tiers: DiscountTier[]): DiscountTier | null {
  let best: DiscountTier | null = null;
  for (const t of tiers) if (power >= t.minPower) best = t;
  return best;
}

/** The power of the commitments among `utxos` that `owner` (a key hash) owns, at `epoch`. */
export function ownedPower(p: Protocol, utxos: UTxO[], owner: string, epoch: bigint, maxLock: bigint): { power: bigint; commitments: UTxO[] } {
  let power = 0n;
  const commitments: UTxO[] = [];
  for (const u of utxos) {
    const a = u.address === p.governance.address ? authenticate(p, u) : null;
    if (!a || a.kind !== "commitment" || !("key" in a.datum.owner) || a.datum.owner.key !== owner) continue;
    const pw = powerAt(a.datum.amount, a.datum.lockEnd, epoch, maxLock);
    if (pw === 0n) continue;
    power += pw;
    commitments.push(u);
  }
  return { power, commitments };
}

export interface Quote {
  invoice: Invoice;
  epoch: bigint;
  power: bigint;
  tierBps: bigint; // 0: no tier reached
  discountedLovelace: bigint;
  jetPack: bigint; // Jet due
}

export function quote(invoice: Invoice, power: bigint, tiers: DiscountTier[], epoch: bigint): Quote {
  const bps = discountFor(power, tiers)?.bps ?? 0n;
  const discounted = (invoice.priceLovelace * (10_000n - bps) + 9_999n) / 10_000n;
  const jetPack = (discounted * invoice.rate.den + invoice.rate.num - 1n) / invoice.rate.num;
  return { invoice, epoch, power, tierBps: bps, discountedLovelace: discounted, jetPack };
}

/** The CIP-20 memo of a payment. */
export function memo(invoiceId: string, how: "ada" | "jet", tierBps: bigint): { msg: string[] } {
  return { msg: [`jetpack invoice ${invoiceId}`, how === "ada" ? "paid in ADA" : `paid in Jet, discount ${tierBps} bps`] };
}

// ---------------------------------------------------------------------------------------
// Verification

export interface Verdict {
  ok: boolean;
  problems: string[];
  how: "ada" | "jet" | null;
  epoch: bigint | null;
  power: bigint;
  tierBps: bigint;
  duePack: bigint; // for a Jet payment
  paidPack: bigint;
  dueLovelace: bigint; // for an ADA payment
  paidLovelace: bigint;
}

/**
 * Checks a payment transaction (CBOR) against `invoice`. `referenceInputs`: the
 * transaction's reference inputs as they were when it was included (Blockfrost's
 * `txs/{hash}/utxos`, or the devnet's). `slotToMs` converts the validity range.
 */
export function verifyPayment(args: { protocol: Protocol; invoice: Invoice; cbor: string; referenceInputs: UTxO[]; slotToMs: (slot: number) => number }): Verdict {
  const { protocol: p, invoice } = args;
  const problems: string[] = [];
  const tx = CML.Transaction.from_cbor_hex(args.cbor);
  const body = tx.body();
  // A transaction that failed its scripts only takes collateral: its outputs never exist.
  if (!tx.is_valid()) problems.push("the transaction failed its scripts (is_valid false): its outputs were never created");
  // A payment runs no Plutus script: outputs released by a fill, an expiry or a governance
  // rule (an order's payment, a returned deposit) are not the payer's money.
  if ((tx.witness_set().redeemers()?.to_flat_format().len() ?? 0) > 0)
    problems.push("the transaction runs Plutus scripts: a payment spends wallet UTxOs only");
  // The memo.
  const meta = tx.auxiliary_data()?.metadata();
  const memoJson = meta?.get(BigInt(MEMO_LABEL));
  const lines: string[] = memoJson ? ((JSON.parse(CML.decode_metadatum_to_json_str(memoJson, CML.MetadataJsonSchema.BasicConversions)) as { msg?: string[] }).msg ?? []) : [];
  const named = lines.filter((l) => l.startsWith("jetpack invoice "));
  if (!named.includes(`jetpack invoice ${invoice.id}`)) problems.push(`the memo does not name invoice ${invoice.id}`);
  // One payment, one invoice: a memo naming several could otherwise settle each of them.
  else if (named.length > 1) problems.push(`the memo names ${named.length} invoices; a payment settles one`);
  // What reached the service.
  let paidPack = 0n;
  let paidLovelace = 0n;
  const outs = body.outputs();
  for (let i = 0; i < outs.len(); i++) {
    const o = outs.get(i);
    // Only plain outputs count: an output with a datum is a protocol's (an order payment's tag).
    if (o.address().to_bech32(undefined) !== invoice.payTo || o.datum() !== undefined) continue;
    paidLovelace += o.amount().coin();
    paidPack += o.amount().multi_asset().get(CML.ScriptHash.from_hex(p.jetPolicy), CML.AssetName.from_hex(p.units.jet.slice(56))) ?? 0n;
  }
  const how: "ada" | "jet" = lines.some((l) => l.startsWith("paid in Jet")) || paidPack > 0n ? "jet" : "ada";
  const verdict: Verdict = { ok: false, problems, how, epoch: null, power: 0n, tierBps: 0n, duePack: 0n, paidPack, dueLovelace: invoice.priceLovelace, paidLovelace };
  if (how === "ada") {
    if (paidLovelace < invoice.priceLovelace)
      problems.push(`under-payment: ${paidLovelace} lovelace paid, ${invoice.priceLovelace} lovelace due (short by ${invoice.priceLovelace - paidLovelace} lovelace)`);
    verdict.ok = problems.length === 0;
    return verdict;
  }
  // The discount the evidence supports: the config's tiers, the signer's commitments, at
  // the epoch of the upper bound.
  const ttl = body.ttl();
  let tiers: DiscountTier[] = [];
  let maxLock = 0n;
  const cfg = args.referenceInputs.find((u) => (u.assets[p.units.config] ?? 0n) === 1n && u.address === p.config.address && u.datum);
  if (cfg) {
    const g = decodeConfig(cfg.datum!).governance;
    tiers = g.discountTiers;
    maxLock = g.maxLockEpochs;
  }
  const signers: string[] = [];
  const rs = body.required_signers();
  for (let i = 0; i < (rs?.len() ?? 0); i++) signers.push(rs!.get(i).to_hex());
  if (ttl !== undefined && cfg) {
    const epoch = epochOf(args.slotToMs(Number(ttl)), p.params.genesisTimeMs);
    verdict.epoch = epoch;
    // One payer: power is not pooled across co-signers.
    if (signers.length === 1) verdict.power = ownedPower(p, args.referenceInputs, signers[0]!, epoch, maxLock).power;
  }
  const q = quote(invoice, verdict.power, tiers, verdict.epoch ?? 0n);
  verdict.tierBps = q.tierBps;
  verdict.duePack = q.jetPack;
  if (paidPack < q.jetPack) {
    const short = q.jetPack - paidPack;
    problems.push(`under-payment: ${paidPack} Pack paid, ${q.jetPack} Pack due at a ${q.tierBps} bps discount (short by ${short} Pack = ${Number(short) / 1e6} Jet)`);
  }
  verdict.ok = problems.length === 0;
  return verdict;
}
