/**
 * The receipt of `jetpack reward`: which lines of a reward CSV were paid, and by which
 * transaction. It sits beside the CSV (`users.csv` → `users.csv.receipt.csv`) and is itself
 * a CSV, one row per line and transaction:
 *
 *   csv_line,address,amount_pack,tx_hash,state,spends,valid_until_ms
 *   2,addr_test1vq…,12500000,3f9c…,confirmed,8a1e…#1,1767225600000
 *
 * csv_line is the 1-based line number in the reward CSV, amount_pack the amount in Pack
 * (an integer), tx_hash the transaction that pays it; state is that transaction's state:
 * `submitted` (sent to the chain, not yet seen in a block), `confirmed` (in a block: the
 * line is paid) or `dropped` (it never reached a block and never can: the line is not paid by
 * it). spends (one input of the transaction, txhash#index) and valid_until_ms (POSIX ms from
 * which the transaction can no longer enter a block; empty: no limit) are what tells a
 * dropped transaction from a pending one (settle()). Rows are added as each transaction is
 * submitted and turn `confirmed` when it is, and the file is replaced atomically (temp file
 * + rename) every time, so after a partial failure it lists exactly the transactions that
 * went out. A line appears more than once when it was paid again (--force, or after a
 * dropped transaction). A receipt of the first format (the four columns up to tx_hash) reads
 * as `submitted` rows without spends or validity.
 *
 * Every problem is an InputError naming `line N` of the receipt; callers prefix the file.
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { formatJet } from "../economics/emission.js";
import { InputError } from "../economics/errors.js";
import type { CsvPayout } from "./inputs.js";

export const RECEIPT_HEADER = "csv_line,address,amount_pack,tx_hash,state,spends,valid_until_ms";
/** The header of the first format: rows without state (read as submitted). */
export const RECEIPT_HEADER_V1 = "csv_line,address,amount_pack,tx_hash";

export type TxState = "submitted" | "confirmed" | "dropped";
const STATES: readonly TxState[] = ["submitted", "confirmed", "dropped"];

export interface ReceiptRow {
  /** Line number in the reward CSV. */
  line: number;
  address: string;
  amountPack: bigint;
  tx: string;
  state: TxState;
  /** One input of the transaction, "txhash#index". */
  spends?: string;
  /** POSIX ms from which the transaction can no longer enter a block. */
  validUntilMs?: number;
}

/** Where the receipt of `csvFile` lives. */
export function receiptPathFor(csvFile: string): string {
  return `${csvFile}.receipt.csv`;
}

function short(address: string): string {
  return address.length > 30 ? `${address.slice(0, 20)}…${address.slice(-6)}` : address;
}

/** Reads a receipt's rows (blank lines and # comments skipped; the header is required). */
export function parseReceipt(text: string): (ReceiptRow & { at: number })[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const out: (ReceiptRow & { at: number })[] = [];
  const seen = new Set<string>();
  const stateOf = new Map<string, { state: TxState; spends?: string; validUntilMs?: number; at: number }>();
  let header: string | undefined;
  lines.forEach((raw, i) => {
    const where = `line ${i + 1}`;
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    if (header === undefined) {
      if (line !== RECEIPT_HEADER && line !== RECEIPT_HEADER_V1) throw new InputError(where, `expected the header "${RECEIPT_HEADER}", got ${JSON.stringify(line.slice(0, 80))}`);
      header = line;
      return;
    }
    const cells = line.split(",").map((c) => c.trim());
    const want = header.split(",").length;
    if (cells.length !== want) throw new InputError(where, `expected "${header}", got ${cells.length} fields`);
    const [ln, address, amount, tx, state = "submitted", spends = "", until = ""] = cells as [string, string, string, string, string?, string?, string?];
    if (!/^[1-9]\d{0,8}$/.test(ln)) throw new InputError(where, `csv_line must be a positive line number, got ${JSON.stringify(ln.slice(0, 20))}`);
    if (!/^addr(_test)?1[0-9a-z]+$/i.test(address)) throw new InputError(where, `malformed address ${JSON.stringify(address.slice(0, 120))}`);
    if (!/^[1-9]\d*$/.test(amount)) throw new InputError(where, `amount_pack must be a positive integer, got ${JSON.stringify(amount.slice(0, 40))}`);
    if (!/^[0-9a-f]{64}$/.test(tx)) throw new InputError(where, `tx_hash must be a 32-byte transaction hash (hex), got ${JSON.stringify(tx.slice(0, 70))}`);
    if (!(STATES as readonly string[]).includes(state)) throw new InputError(where, `state must be ${STATES.join(", ")}, got ${JSON.stringify(state.slice(0, 20))}`);
    if (spends !== "" && !/^[0-9a-f]{64}#\d{1,5}$/.test(spends)) throw new InputError(where, `spends must be an input "txhash#index" (or empty), got ${JSON.stringify(spends.slice(0, 80))}`);
    if (until !== "" && !/^\d{1,16}$/.test(until)) throw new InputError(where, `valid_until_ms must be POSIX ms (or empty), got ${JSON.stringify(until.slice(0, 20))}`);
    const key = `${ln}/${tx}`;
    if (seen.has(key)) throw new InputError(where, `csv line ${ln} is recorded twice for transaction ${tx}`);
    seen.add(key);
    const row: ReceiptRow & { at: number } = { line: Number(ln), address, amountPack: BigInt(amount), tx, state: state as TxState, at: i + 1 };
    if (spends !== "") row.spends = spends;
    if (until !== "") row.validUntilMs = Number(until);
    const before = stateOf.get(tx);
    if (before && (before.state !== row.state || before.spends !== row.spends || before.validUntilMs !== row.validUntilMs))
      throw new InputError(where, `transaction ${tx} is recorded differently on line ${before.at} (state, spends or valid_until_ms)`);
    if (!before) stateOf.set(tx, { state: row.state, spends: row.spends, validUntilMs: row.validUntilMs, at: i + 1 });
    out.push(row);
  });
  if (header === undefined) throw new InputError("line 1", `expected the header "${RECEIPT_HEADER}", got ${text.trim() === "" ? "an empty file" : "only comments"}`);
  return out;
}

/**
 * Checks every receipt row against the CSV it belongs to (same line: same address, same
 * amount) and returns the CSV lines the receipt has a row for (in any state).
 */
export function checkReceipt(rows: readonly (ReceiptRow & { at: number })[], payouts: readonly CsvPayout[], csvName: string): Set<number> {
  const byLine = new Map(payouts.map((p) => [p.line, p]));
  const listed = new Set<number>();
  for (const r of rows) {
    const where = `line ${r.at}`;
    const p = byLine.get(r.line);
    const says = `records ${formatJet(r.amountPack)} Jet to ${short(r.address)} for ${csvName} line ${r.line}`;
    if (!p) throw new InputError(where, `${says}, which is not a payout line there: the receipt does not match the CSV`);
    if (p.address.toLowerCase() !== r.address.toLowerCase() || p.amountPack !== r.amountPack)
      throw new InputError(where, `${says}, but that line is ${formatJet(p.amountPack)} Jet to ${short(p.address)}: the receipt does not match the CSV`);
    listed.add(r.line);
  }
  return listed;
}

/** The CSV lines paid: those with a row whose transaction is confirmed. */
export function paidLines(rows: readonly ReceiptRow[]): Set<number> {
  return new Set(rows.filter((r) => r.state === "confirmed").map((r) => r.line));
}

/** A transaction the receipt records as only submitted, with its lines. */
export interface OpenTx {
  tx: string;
  lines: number[];
  spends?: string;
  validUntilMs?: number;
}

/** The transactions recorded as only submitted, in receipt order. */
export function openTxs(rows: readonly ReceiptRow[]): OpenTx[] {
  const out = new Map<string, OpenTx>();
  for (const r of rows) {
    if (r.state !== "submitted") continue;
    const t = out.get(r.tx) ?? { tx: r.tx, lines: [], ...(r.spends ? { spends: r.spends } : {}), ...(r.validUntilMs !== undefined ? { validUntilMs: r.validUntilMs } : {}) };
    t.lines.push(r.line);
    out.set(r.tx, t);
  }
  return [...out.values()];
}

/** What settle() needs of the chain (offchain/net/chain.ts's Chain provides it). */
export interface ChainLookup {
  /** Whether the transaction is in a block now. */
  isConfirmed(txHash: string): Promise<boolean>;
  /** Whether the output exists on chain and is unspent. */
  isUnspent(txHash: string, outputIndex: number): Promise<boolean>;
  /** Chain time, POSIX ms. */
  nowMs(): Promise<number>;
}

/**
 * How long after a transaction's validity ends it counts as dropped: room for a provider
 * that has not indexed the last blocks yet, and for a wall clock that runs ahead.
 */
export const SETTLE_MARGIN_MS = 5 * 60_000;

export type Outcome = { state: "confirmed" } | { state: "dropped"; why: string } | { state: "pending"; retryAfterMs?: number };

/**
 * Decides each open transaction against the chain: in a block → confirmed; not in one and
 * never able to be — its validity ended (SETTLE_MARGIN_MS ago), its recorded input was spent
 * by another transaction, or that input is an output of a transaction found dropped → dropped;
 * otherwise it may still enter a block → pending.
 */
export async function settle(txs: readonly OpenTx[], chain: ChainLookup): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  let now: number | undefined;
  for (const t of txs) {
    if (await chain.isConfirmed(t.tx)) {
      out.set(t.tx, { state: "confirmed" });
      continue;
    }
    now ??= await chain.nowMs();
    if (t.validUntilMs !== undefined && now >= t.validUntilMs + SETTLE_MARGIN_MS) {
      out.set(t.tx, { state: "dropped", why: `its validity ended at ${new Date(t.validUntilMs).toISOString()}` });
      continue;
    }
    const pending: Outcome = { state: "pending", ...(t.validUntilMs !== undefined ? { retryAfterMs: t.validUntilMs + SETTLE_MARGIN_MS } : {}) };
    if (!t.spends) {
      out.set(t.tx, pending);
      continue;
    }
    const [srcHash, ix] = t.spends.split("#") as [string, string];
    const src = out.get(srcHash);
    if (src?.state === "dropped") {
      out.set(t.tx, { state: "dropped", why: `it spends ${t.spends}, an output of ${srcHash.slice(0, 16)}…, which was dropped` });
      continue;
    }
    if (await chain.isUnspent(srcHash, Number(ix))) {
      out.set(t.tx, pending);
      continue;
    }
    // Not unspent: not there yet (its transaction is not in a block: may be pending too), or
    // spent — by another transaction, unless by this one, confirmed since the first look.
    if (!(await chain.isConfirmed(srcHash))) out.set(t.tx, pending);
    else if (await chain.isConfirmed(t.tx)) out.set(t.tx, { state: "confirmed" });
    else out.set(t.tx, { state: "dropped", why: `its input ${t.spends} was spent by another transaction` });
  }
  return out;
}

/** The rows with the settled transactions' new states (pending ones stay submitted). */
export function applyOutcomes(rows: readonly ReceiptRow[], outcomes: ReadonlyMap<string, Outcome>): ReceiptRow[] {
  return rows.map((r) => {
    const o = r.state === "submitted" ? outcomes.get(r.tx) : undefined;
    return o && o.state !== "pending" ? { ...r, state: o.state } : r;
  });
}

export function formatReceipt(rows: readonly ReceiptRow[]): string {
  return [RECEIPT_HEADER, ...rows.map((r) => `${r.line},${r.address},${r.amountPack},${r.tx},${r.state},${r.spends ?? ""},${r.validUntilMs ?? ""}`)].join("\n") + "\n";
}

/** Writes `text` to a temp file beside `path`, flushes it, and renames it over `path`. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, "w", 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* not created */
    }
    throw e;
  }
}

/** Throws (with the reason) unless a file can be created beside `path`. */
export function checkWritable(path: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  closeSync(openSync(tmp, "w", 0o644));
  unlinkSync(tmp);
}
