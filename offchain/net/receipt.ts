/**
 * The receipt of `jetpack reward`: which lines of a reward CSV were paid, and by which
 * transaction. It sits beside the CSV (`users.csv` → `users.csv.receipt.csv`) and is itself
 * a CSV, one row per paid line:
 *
 *   csv_line,address,amount_pack,tx_hash
 *   2,addr_test1vq…,12500000,3f9c…
 *
 * csv_line is the 1-based line number in the reward CSV, amount_pack the amount in Pack
 * (an integer), tx_hash the transaction that paid it. Rows are added as each transaction is
 * submitted, and the file is replaced atomically (temp file + rename) every time, so after
 * a partial failure it lists exactly the lines whose transactions went out. A line appears
 * more than once only when it was paid again with --force.
 *
 * Every problem is an InputError naming `line N` of the receipt; callers prefix the file.
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { formatJet } from "../economics/emission.js";
import { InputError } from "../economics/errors.js";
import type { CsvPayout } from "./inputs.js";

export const RECEIPT_HEADER = "csv_line,address,amount_pack,tx_hash";

export interface ReceiptRow {
  /** Line number in the reward CSV. */
  line: number;
  address: string;
  amountPack: bigint;
  tx: string;
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
  let header = false;
  lines.forEach((raw, i) => {
    const where = `line ${i + 1}`;
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    if (!header) {
      if (line !== RECEIPT_HEADER) throw new InputError(where, `expected the header "${RECEIPT_HEADER}", got ${JSON.stringify(line.slice(0, 60))}`);
      header = true;
      return;
    }
    const cells = line.split(",").map((c) => c.trim());
    if (cells.length !== 4) throw new InputError(where, `expected "${RECEIPT_HEADER}", got ${cells.length} fields`);
    const [ln, address, amount, tx] = cells as [string, string, string, string];
    if (!/^[1-9]\d{0,8}$/.test(ln)) throw new InputError(where, `csv_line must be a positive line number, got ${JSON.stringify(ln.slice(0, 20))}`);
    if (!/^addr(_test)?1[0-9a-z]+$/i.test(address)) throw new InputError(where, `malformed address ${JSON.stringify(address.slice(0, 120))}`);
    if (!/^[1-9]\d*$/.test(amount)) throw new InputError(where, `amount_pack must be a positive integer, got ${JSON.stringify(amount.slice(0, 40))}`);
    if (!/^[0-9a-f]{64}$/.test(tx)) throw new InputError(where, `tx_hash must be a 32-byte transaction hash (hex), got ${JSON.stringify(tx.slice(0, 70))}`);
    const key = `${ln}/${tx}`;
    if (seen.has(key)) throw new InputError(where, `csv line ${ln} is recorded twice for transaction ${tx}`);
    seen.add(key);
    out.push({ line: Number(ln), address, amountPack: BigInt(amount), tx, at: i + 1 });
  });
  if (!header) throw new InputError("line 1", `expected the header "${RECEIPT_HEADER}", got ${text.trim() === "" ? "an empty file" : "only comments"}`);
  return out;
}

/**
 * Checks every receipt row against the CSV it belongs to (same line: same address, same
 * amount) and returns the CSV line numbers already paid.
 */
export function checkReceipt(rows: readonly (ReceiptRow & { at: number })[], payouts: readonly CsvPayout[], csvName: string): Set<number> {
  const byLine = new Map(payouts.map((p) => [p.line, p]));
  const paid = new Set<number>();
  for (const r of rows) {
    const where = `line ${r.at}`;
    const p = byLine.get(r.line);
    const says = `records ${formatJet(r.amountPack)} Jet to ${short(r.address)} for ${csvName} line ${r.line}`;
    if (!p) throw new InputError(where, `${says}, which is not a payout line there: the receipt does not match the CSV`);
    if (p.address.toLowerCase() !== r.address.toLowerCase() || p.amountPack !== r.amountPack)
      throw new InputError(where, `${says}, but that line is ${formatJet(p.amountPack)} Jet to ${short(p.address)}: the receipt does not match the CSV`);
    paid.add(r.line);
  }
  return paid;
}

export function formatReceipt(rows: readonly ReceiptRow[]): string {
  return [RECEIPT_HEADER, ...rows.map((r) => `${r.line},${r.address},${r.amountPack},${r.tx}`)].join("\n") + "\n";
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
