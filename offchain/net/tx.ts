/**
 * Building, describing, signing and submitting the transactions of a plan on a live chain.
 *
 * Why one place: every CLI workflow (and SDK users who want the same behaviour) must build
 * with local script evaluation, show the same summary in --dry-run (fee, size, ex-units and
 * what moves where), chain several transactions without waiting for blocks (each uses the
 * previous one's change), sign with exactly the keys the transaction needs, and report a
 * wallet that cannot pay as what it is — not as a coin-selection stack trace.
 */
import type { Assets, CML, LucidEvolution, Provider, TxSignBuilder, UTxO } from "@lucid-evolution/lucid";
import { formatJet } from "../economics/emission.js";
import type { Protocol } from "../protocol.js";
import { toTx, type TxPlan } from "../tx/plan.js";
import type { SigningKey } from "./keys.js";
import { ChainError } from "./network.js";

export class TxBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TxBuildError";
  }
}

export interface ExUnitsEntry {
  purpose: string; // spend | mint | publish | withdraw | vote | propose
  index: number;
  mem: bigint;
  steps: bigint;
}

export interface TxSummary {
  label: string;
  hash: string;
  feeLovelace: bigint;
  sizeBytes: number;
  maxSizeBytes: number;
  exUnits: ExUnitsEntry[];
  totalMem: bigint;
  totalSteps: bigint;
  maxMem: bigint;
  maxSteps: bigint;
  validFromSlot?: number;
  validToSlot?: number;
  signers: string[];
  /** One line per movement: inputs spent, mint/burn, outputs. */
  moves: string[];
}

export interface BuiltTx {
  label: string;
  cbor: string; // unsigned (no vkey witnesses)
  hash: string;
  summary: TxSummary;
  /** The wallet's UTxOs after this transaction (for chaining the next one). */
  walletAfter: UTxO[];
  /** This transaction's outputs as UTxOs (for chaining). */
  outputs: UTxO[];
}

const PURPOSES = ["spend", "mint", "publish", "withdraw", "vote", "propose"];

/** Redeemer ex-units of a built transaction. */
export function txExUnits(tx: TxSignBuilder): ExUnitsEntry[] {
  return redeemersOf(tx.toTransaction());
}

/** Redeemers (purpose, index, ex-units) of any transaction. */
export function redeemersOf(tx: CML.Transaction): ExUnitsEntry[] {
  const rs = tx.witness_set().redeemers();
  const out: ExUnitsEntry[] = [];
  if (!rs) return out;
  const arr = rs.as_arr_legacy_redeemer();
  if (arr)
    for (let i = 0; i < arr.len(); i++) {
      const r = arr.get(i);
      out.push({ purpose: PURPOSES[r.tag()] ?? String(r.tag()), index: Number(r.index()), mem: BigInt(r.ex_units().mem()), steps: BigInt(r.ex_units().steps()) });
    }
  const map = rs.as_map_redeemer_key_to_redeemer_val();
  if (map) {
    const keys = map.keys();
    for (let i = 0; i < keys.len(); i++) {
      const k = keys.get(i);
      const v = map.get(k)!;
      out.push({ purpose: PURPOSES[k.tag()] ?? String(k.tag()), index: Number(k.index()), mem: BigInt(v.ex_units().mem()), steps: BigInt(v.ex_units().steps()) });
    }
  }
  return out;
}

export function ada(lovelace: bigint): string {
  const neg = lovelace < 0n;
  const v = neg ? -lovelace : lovelace;
  const s = `${v / 1_000_000n}.${(v % 1_000_000n).toString().padStart(6, "0")}`;
  return (neg ? "-" : "") + s.replace(/\.?0+$/, "") + " ADA";
}

/** Names the protocol's addresses and the wallet's. */
export function addressLabeler(p: Protocol, wallet?: string, referenceHolder?: string): (address: string) => string {
  const names = new Map<string, string>([
    [p.emission.address, "emission script"],
    [p.config.address, "config script"],
    [p.pool.address, "pool script"],
    [p.lock.address, "lock script"],
  ]);
  if (referenceHolder) names.set(referenceHolder, "reference-script holder");
  if (wallet) names.set(wallet, "your wallet");
  return (a) => names.get(a) ?? (a.length > 40 ? `${a.slice(0, 20)}…${a.slice(-8)}` : a);
}

export function assetsText(assets: Assets, p: Protocol): string {
  const parts: string[] = [];
  if (assets.lovelace) parts.push(ada(assets.lovelace));
  for (const [unit, q] of Object.entries(assets)) {
    if (unit === "lovelace") continue;
    if (unit === p.units.jet) parts.push(`${formatJet(q)} Jet`);
    else if (unit === p.units.state) parts.push(q === 1n ? "JetState NFT" : `${q} JetState`);
    else if (unit === p.units.config) parts.push(q === 1n ? "JetConfig NFT" : `${q} JetConfig`);
    else parts.push(`${q} ${unit.slice(0, 16)}…`);
  }
  return parts.join(" + ") || "nothing";
}

const MAX_LINES = 12;

function movesOf(plan: TxPlan, p: Protocol, label: (a: string) => string, feeLovelace: bigint): string[] {
  const lines: string[] = [];
  const spent = plan.spend.flatMap((s) => s.utxos);
  spent.slice(0, MAX_LINES).forEach((u) => lines.push(`spend  ${label(u.address)} ${u.txHash.slice(0, 8)}…#${u.outputIndex}: ${assetsText(u.assets, p)}`));
  if (spent.length > MAX_LINES) lines.push(`spend  … ${spent.length - MAX_LINES} more inputs`);
  if (plan.mint) {
    for (const [unit, q] of Object.entries(plan.mint.assets)) {
      const what = assetsText({ [unit]: q < 0n ? -q : q }, p);
      lines.push(`${q < 0n ? "burn " : "mint "}  ${what}`);
    }
  }
  plan.outputs.slice(0, MAX_LINES).forEach((o) => lines.push(`pay    ${label(o.address)}: ${assetsText(o.assets, p)}${o.datum ? " (inline datum)" : ""}${o.scriptRef ? " (reference script)" : ""}`));
  if (plan.outputs.length > MAX_LINES) {
    const rest = plan.outputs.slice(MAX_LINES);
    const sum: Assets = {};
    for (const o of rest) for (const [u, q] of Object.entries(o.assets)) sum[u] = (sum[u] ?? 0n) + q;
    lines.push(`pay    … ${rest.length} more outputs: ${assetsText(sum, p)} in all`);
  }
  lines.push(`fee    ${ada(feeLovelace)} (from your wallet, with the outputs' ADA; change returns to it)`);
  return lines;
}

/** Lucid's coin-selection failures, in the CLI's words. */
function explainBuildError(e: unknown, walletAddress: string, walletLovelace: bigint): Error {
  const msg = e instanceof Error ? e.message : String(e);
  if (/does not have enough funds|EMPTY_UTXO|Insufficient input|InsufficientInput|not enough/i.test(msg))
    return new TxBuildError(`insufficient ADA: wallet ${walletAddress} holds ${ada(walletLovelace)}, not enough for this transaction's outputs, fee and collateral`);
  return new TxBuildError(`cannot build the transaction: ${msg.split("\n")[0]!.slice(0, 400)}`);
}

/** Wallet UTxOs free for fees (no reference scripts, no tokens other than ADA preferred by Lucid). */
export function lovelaceIn(utxos: readonly UTxO[]): bigint {
  return utxos.reduce((s, u) => s + (u.assets.lovelace ?? 0n), 0n);
}

/**
 * Builds a plan with local script evaluation, paying from `walletUtxos` (the wallet's
 * current or chained UTxOs). Nothing is signed or submitted.
 */
/**
 * Lucid 0.4.34 overcharges reference scripts (offchain/tx/fee.ts): the excess goes back to
 * the wallet's change output, and the chained wallet UTxOs and outputs follow the new hash.
 */
async function payLedgerFee(lucid: LucidEvolution, plan: TxPlan, r: [UTxO[], UTxO[], TxSignBuilder], wallet: string): Promise<[UTxO[], UTxO[], TxSignBuilder]> {
  const { overcharge, paymentKeyHashOf, withFeeLowered } = await import("../tx/fee.js");
  const [walletAfter, outputs, tx] = r;
  const over = overcharge(lucid, tx, plan, plan.spend.flatMap((s) => s.utxos), paymentKeyHashOf(wallet));
  if (over === 0n) return r;
  const lowered = await withFeeLowered(lucid, tx, over, wallet);
  const oldHash = tx.toHash();
  const newHash = lowered.toHash();
  const outs = lowered.toTransaction().body().outputs();
  let changeIdx = -1;
  for (let i = 0; i < outs.len(); i++) if (outs.get(i).address().to_bech32() === wallet) changeIdx = i;
  const follow = (u: UTxO): UTxO =>
    u.txHash !== oldHash ? u : { ...u, txHash: newHash, assets: u.outputIndex === changeIdx ? { ...u.assets, lovelace: (u.assets.lovelace ?? 0n) + over } : u.assets };
  return [walletAfter.map(follow), outputs.map(follow), lowered];
}

export async function buildPlan(args: {
  lucid: LucidEvolution;
  protocol: Protocol;
  plan: TxPlan;
  label: string;
  walletAddress: string;
  walletUtxos: UTxO[];
  referenceHolder?: string;
}): Promise<BuiltTx> {
  const { lucid, plan } = args;
  if (args.walletUtxos.length === 0) throw new TxBuildError(`insufficient ADA: wallet ${args.walletAddress} holds no UTxOs (it pays the fee and the outputs' ADA)`);
  const pp = lucid.config().protocolParameters!;
  const build = async (setCollateral?: bigint): Promise<[UTxO[], UTxO[], TxSignBuilder]> => {
    try {
      return await toTx(lucid, plan).chain({ presetWalletInputs: args.walletUtxos, localUPLCEval: true, ...(setCollateral ? { setCollateral } : {}) });
    } catch (e) {
      throw explainBuildError(e, args.walletAddress, lovelaceIn(args.walletUtxos));
    }
  };
  let result = await build();
  // Lucid sizes the collateral from its fee estimate before the scripts' ex-units are known;
  // a transaction whose final fee needs more (fee × collateral% > 5 ADA) is rebuilt with enough.
  const needed = (r: typeof result) => (BigInt(r[2].toTransaction().body().fee()) * BigInt(pp.collateralPercentage) + 99n) / 100n;
  const declared = (r: typeof result) => r[2].toTransaction().body().total_collateral();
  if (declared(result) !== undefined && declared(result)! < needed(result)) result = await build(((needed(result) * 12n) / 10n / 100_000n + 1n) * 100_000n);
  result = await payLedgerFee(lucid, plan, result, args.walletAddress);
  const [walletAfter, outputs, tx] = result;
  const t = tx.toTransaction();
  const body = t.body();
  const ex = txExUnits(tx);
  const fee = BigInt(body.fee());
  const label = addressLabeler(args.protocol, args.walletAddress, args.referenceHolder);
  const summary: TxSummary = {
    label: args.label,
    hash: tx.toHash(),
    feeLovelace: fee,
    sizeBytes: t.to_cbor_bytes().length,
    maxSizeBytes: pp.maxTxSize,
    exUnits: ex,
    totalMem: ex.reduce((s, e) => s + e.mem, 0n),
    totalSteps: ex.reduce((s, e) => s + e.steps, 0n),
    maxMem: BigInt(pp.maxTxExMem),
    maxSteps: BigInt(pp.maxTxExSteps),
    ...(body.validity_interval_start() !== undefined ? { validFromSlot: Number(body.validity_interval_start()) } : {}),
    ...(body.ttl() !== undefined ? { validToSlot: Number(body.ttl()) } : {}),
    signers: [...plan.signers],
    moves: movesOf(plan, args.protocol, label, fee),
  };
  return { label: args.label, cbor: tx.toCBOR(), hash: summary.hash, summary, walletAfter, outputs };
}

/** Builds plans one after the other, each paying from the previous one's change. */
export async function buildChain(args: {
  lucid: LucidEvolution;
  protocol: Protocol;
  plans: { plan: TxPlan; label: string }[];
  walletAddress: string;
  walletUtxos: UTxO[];
  referenceHolder?: string;
}): Promise<BuiltTx[]> {
  const out: BuiltTx[] = [];
  let utxos = args.walletUtxos;
  for (const { plan, label } of args.plans) {
    const b = await buildPlan({ ...args, plan, label, walletUtxos: utxos });
    out.push(b);
    utxos = b.walletAfter;
  }
  return out;
}

/**
 * Signs with the wallet key and every other key the plan names (each key once), and
 * submits. Returns the transaction hash.
 */
export async function signAndSubmit(provider: Provider, built: BuiltTx, keys: readonly SigningKey[]): Promise<string> {
  let cbor = built.cbor;
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k.pkh)) continue;
    seen.add(k.pkh);
    cbor = k.witness(cbor);
  }
  return submitCbor(provider, cbor);
}

export async function submitCbor(provider: Provider, cbor: string): Promise<string> {
  try {
    return await provider.submitTx(cbor);
  } catch (e) {
    throw new ChainError(`the chain rejected the transaction: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 500)}`);
  }
}

/** JSON form of a summary (bigints as decimal strings). */
export function summaryJson(s: TxSummary) {
  return {
    label: s.label,
    hash: s.hash,
    feeLovelace: s.feeLovelace.toString(),
    sizeBytes: s.sizeBytes,
    maxSizeBytes: s.maxSizeBytes,
    exUnits: s.exUnits.map((e) => ({ purpose: e.purpose, index: e.index, mem: e.mem.toString(), steps: e.steps.toString() })),
    totalMem: s.totalMem.toString(),
    totalSteps: s.totalSteps.toString(),
    maxMem: s.maxMem.toString(),
    maxSteps: s.maxSteps.toString(),
    validFromSlot: s.validFromSlot ?? null,
    validToSlot: s.validToSlot ?? null,
    signers: s.signers,
    moves: s.moves,
  };
}

function pct(a: bigint, b: bigint): string {
  return b === 0n ? "?" : `${((Number(a) / Number(b)) * 100).toFixed(1)}%`;
}

/** Human-readable summary of one transaction. */
export function summaryText(s: TxSummary): string {
  const lines = [`${s.label}`, `  tx ${s.hash}`, `  fee ${ada(s.feeLovelace)}, size ${s.sizeBytes} of ${s.maxSizeBytes} bytes (${pct(BigInt(s.sizeBytes), BigInt(s.maxSizeBytes))})`];
  if (s.exUnits.length > 0) {
    lines.push(`  ex-units: mem ${s.totalMem} of ${s.maxMem} (${pct(s.totalMem, s.maxMem)}), steps ${s.totalSteps} of ${s.maxSteps} (${pct(s.totalSteps, s.maxSteps)})`);
    for (const e of s.exUnits.slice(0, MAX_LINES)) lines.push(`    ${e.purpose}[${e.index}]: mem ${e.mem}, steps ${e.steps}`);
    if (s.exUnits.length > MAX_LINES) lines.push(`    … ${s.exUnits.length - MAX_LINES} more redeemers`);
  }
  if (s.validFromSlot !== undefined || s.validToSlot !== undefined) lines.push(`  valid slots [${s.validFromSlot ?? "-∞"}, ${s.validToSlot ?? "+∞"})`);
  if (s.signers.length > 0) lines.push(`  signed by ${s.signers.join(", ")}`);
  for (const m of s.moves) lines.push(`  ${m}`);
  return lines.join("\n") + "\n";
}

/** True when a built transaction is within the size and ex-unit limits. */
export function fitsLimits(b: BuiltTx): boolean {
  const s = b.summary;
  return s.sizeBytes <= s.maxSizeBytes && s.totalMem <= s.maxMem && s.totalSteps <= s.maxSteps;
}

/**
 * Spreads `items` (payouts, pools…) over as few chained transactions as the limits allow.
 * A first batch of `probe` items measures what one item costs (overheads included, so the
 * estimate is conservative); the items are then split evenly over the fewest transactions
 * that estimate allows (at most `maxPerTx` each). A batch that still does not fit is made
 * smaller. `build(batch)` builds from the current chained state; `accept(tx)` moves that
 * state past the transaction. A wallet that cannot pay is reported at once.
 */
export async function buildBatched<T>(args: {
  items: readonly T[];
  maxPerTx: number;
  probe: number;
  what: string;
  build: (batch: readonly T[], from: number) => Promise<BuiltTx>;
  accept: (b: BuiltTx) => void;
  say?: (line: string) => void;
}): Promise<BuiltTx[]> {
  const { items, what } = args;
  const say = args.say ?? (() => {});
  const attempt = async (from: number, n: number): Promise<BuiltTx | undefined> => {
    try {
      const b = await args.build(items.slice(from, from + n), from);
      return fitsLimits(b) ? b : undefined;
    } catch (e) {
      if ((e instanceof TxBuildError && /insufficient ADA/.test(e.message)) || n === 1) throw e;
      return undefined;
    }
  };
  let probeN = Math.max(1, Math.min(args.probe, args.maxPerTx, items.length));
  let probe = await attempt(0, probeN);
  let size: number;
  if (probe) {
    const s = probe.summary;
    const room = Math.min(s.maxSizeBytes / s.sizeBytes, Number(s.maxMem) / Math.max(1, Number(s.totalMem)), Number(s.maxSteps) / Math.max(1, Number(s.totalSteps)));
    const capacity = Math.max(1, Math.min(args.maxPerTx, Math.floor(probeN * room * 0.95)));
    let txs = Math.ceil(items.length / capacity);
    size = Math.ceil(items.length / txs);
    // The estimate charges each item its share of the fixed overhead, so it errs low: try
    // one transaction fewer before settling for it.
    const fewer = txs > 1 ? Math.ceil(items.length / (txs - 1)) : 0;
    const tried = fewer > 0 && fewer <= args.maxPerTx ? await attempt(0, fewer) : undefined;
    if (tried) [probe, probeN, size, txs] = [tried, fewer, fewer, txs - 1];
    if (size !== probeN) probe = undefined;
    if (items.length > probeN || tried) say(`  about ${tried ? fewer : capacity} ${what} fit in one transaction: ${txs} transaction${txs === 1 ? "" : "s"} of up to ${size}`);
  } else size = Math.max(1, Math.floor(probeN / 2));
  const built: BuiltTx[] = [];
  let done = 0;
  while (done < items.length) {
    const n = Math.min(size, items.length - done);
    const b = done === 0 && probe && n === probeN ? probe : await attempt(done, n);
    if (!b) {
      size = Math.max(1, Math.floor(n * 0.75));
      say(`  ${n} ${what} do not fit in one transaction; trying ${size}`);
      continue;
    }
    built.push(b);
    say(`  transaction ${built.length}: ${n} ${what}, ${b.summary.sizeBytes} bytes, fee ${ada(b.summary.feeLovelace)}`);
    done += n;
    args.accept(b);
  }
  return built;
}
