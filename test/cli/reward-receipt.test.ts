/**
 * The offline parts of `jetpack reward`'s CSV and receipt (offchain/net/inputs.ts,
 * offchain/net/receipt.ts): every CSV error names its line; repeated addresses are found with
 * both lines; a receipt is read back exactly as written, and one that does not parse or does
 * not match its CSV names its own line; the atomic write leaves no temp file; a transaction
 * recorded as only submitted is settled against a (fake) chain: confirmed, dropped (validity
 * ended, input spent by another, or spending a dropped one's output) or still pending.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CML } from "@lucid-evolution/lucid";
import { InputError } from "../../offchain/economics/errors.js";
import { parseRewardCsv, parseRewardCsvLines, repeatedAddress } from "../../offchain/net/inputs.js";
import {
  applyOutcomes,
  checkReceipt,
  formatReceipt,
  openTxs,
  paidLines,
  parseReceipt,
  RECEIPT_HEADER,
  receiptPathFor,
  settle,
  SETTLE_MARGIN_MS,
  writeFileAtomic,
  type ChainLookup,
  type ReceiptRow,
} from "../../offchain/net/receipt.js";

const addr = () => CML.EnterpriseAddress.new(0, CML.Credential.new_pub_key(CML.PrivateKey.generate_ed25519().to_public().hash())).to_address().to_bech32(undefined);
const [a, b, c] = [addr(), addr(), addr()];
const TX1 = "ab".repeat(32);
const TX2 = "cd".repeat(32);
const IN1 = `${"ef".repeat(32)}#1`;
const UNTIL = 1_767_225_600_000;

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  return "accepted";
}

describe("reward CSV: lines", () => {
  it("keeps each payout's line number (header, comments and blank lines counted); strips a BOM", () => {
    const rows = parseRewardCsvLines(`\uFEFFaddress,amount\n# note\n\n${a},12.5\r\n${b},0.000001\n`, "jet", 0);
    expect(rows).toEqual([
      { line: 4, address: a, amountPack: 12_500_000n },
      { line: 5, address: b, amountPack: 1n },
    ]);
    expect(parseRewardCsv(`${a},7\n`, "pack", 0)).toEqual([{ address: a, amountPack: 7n }]);
    expect(parseRewardCsvLines(`Address,Amount (Jet)\n${a},1\n`, "jet", 0)).toHaveLength(1);
  });

  it("names the line of every problem: address, amount, header, field count; an empty file says so", () => {
    const f = (text: string, unit: "jet" | "pack" = "jet") => failure(() => parseRewardCsvLines(text, unit, 0));
    expect(f(`address,amount\n${a},1\nnope,2\n`)).toBe('line 3: malformed address "nope"');
    expect(f(`${a},1\n\n${b},-1\n`)).toBe('line 3: amount must not be negative, got "-1"');
    expect(f(`# x\n${a},0\n`)).toBe("line 2: amount must be positive");
    expect(f(`${a},0.000000\n`)).toBe("line 1: amount must be positive");
    expect(f(`${a},abc\n`)).toBe('line 1: not a decimal number, got "abc"');
    expect(f(`${a},1.2.3\n`)).toBe('line 1: not a decimal number, got "1.2.3"');
    expect(f(`${a},1e6\n`)).toBe('line 1: not a decimal number, got "1e6"');
    expect(f(`${a},\n`)).toBe('line 1: not a decimal number, got ""');
    expect(f(`${a},1.5\n`, "pack")).toBe('line 1: amount must be an integer number of Pack, got "1.5"');
    expect(f(`${a},-5\n`, "pack")).toBe('line 1: amount must not be negative, got "-5"');
    expect(f(`${a},0\n`, "pack")).toBe("line 1: amount must be positive");
    expect(f(`${a}\n`)).toBe('line 1: expected "address,amount", got 1 fields');
    expect(f(`wallet,jet\n${a},1\n`)).toBe('line 1: header must be "address,amount", got "wallet,jet"');
    expect(f(`address,amount,memo\n${a},1\n`)).toBe('line 1: header must be "address,amount", got "address,amount,memo"');
    expect(f(`address;amount\n`)).toBe('line 1: header must be "address,amount", got "address;amount"');
    expect(f(`${a},1\naddress,amount\n`)).toBe('line 2: malformed address "address"');
    expect(f("")).toBe("empty file: no payouts (expected lines of address,amount)");
    expect(f("\n \n")).toBe("empty file: no payouts (expected lines of address,amount)");
    expect(f("address,amount\n# none\n")).toBe("no payouts (expected lines of address,amount)");
  });

  it("finds the first repeated address with both lines (case-insensitive)", () => {
    const rows = parseRewardCsvLines(`${a},1\n${b},1\n${c},1\n${b.toUpperCase()},2\n${a},3\n`, "jet", 0);
    const r = repeatedAddress(rows)!;
    expect([r.first.line, r.again.line]).toEqual([2, 4]);
    expect(repeatedAddress(rows.slice(0, 3))).toBeUndefined();
  });
});

describe("reward receipt", () => {
  const dir = mkdtempSync(join(tmpdir(), "jetpack-receipt-unit-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const csv = parseRewardCsvLines(`address,amount\n${a},1\n${b},2.5\n\n${c},3\n`, "jet", 0); // lines 2, 3, 5
  const rows: ReceiptRow[] = [
    { line: 2, address: a, amountPack: 1_000_000n, tx: TX1, state: "confirmed", spends: IN1, validUntilMs: UNTIL },
    { line: 3, address: b, amountPack: 2_500_000n, tx: TX1, state: "confirmed", spends: IN1, validUntilMs: UNTIL },
  ];
  const T = ",submitted,,"; // the state, spends and validity cells of a row

  it("round-trips, and tells which CSV lines are paid (a line paid again with --force may appear twice)", () => {
    const text = formatReceipt(rows);
    expect(text).toBe(`${RECEIPT_HEADER}\n2,${a},1000000,${TX1},confirmed,${IN1},${UNTIL}\n3,${b},2500000,${TX1},confirmed,${IN1},${UNTIL}\n`);
    const parsed = parseReceipt(text);
    expect(parsed.map(({ at: _at, ...r }) => r)).toEqual(rows);
    expect([...checkReceipt(parsed, csv, "u.csv")]).toEqual([2, 3]);
    expect([...paidLines(parsed)]).toEqual([2, 3]);
    const twice = parseReceipt(formatReceipt([...rows, { ...rows[0]!, tx: TX2 }]));
    expect([...checkReceipt(twice, csv, "u.csv")].sort()).toEqual([2, 3]);
    expect(checkReceipt(parseReceipt(`# comment\n${RECEIPT_HEADER}\n`), csv, "u.csv").size).toBe(0);
    expect(receiptPathFor("data/users.csv")).toBe("data/users.csv.receipt.csv");
  });

  it("a receipt that does not parse names its line", () => {
    const good = formatReceipt(rows);
    const f = (text: string) => failure(() => parseReceipt(text));
    expect(f("")).toBe(`line 1: expected the header "${RECEIPT_HEADER}", got an empty file`);
    expect(f("# only\n")).toBe(`line 1: expected the header "${RECEIPT_HEADER}", got only comments`);
    expect(f(good.replace("csv_line", "line"))).toMatch(/^line 1: expected the header/);
    expect(f(`${good}4,${c}\n`)).toBe(`line 4: expected "${RECEIPT_HEADER}", got 2 fields`);
    expect(f(`${good}5,${c},1,${TX2}\n`)).toBe(`line 4: expected "${RECEIPT_HEADER}", got 4 fields`);
    expect(f(`${good}0,${c},1,${TX2}${T}\n`)).toBe('line 4: csv_line must be a positive line number, got "0"');
    expect(f(`${good}x,${c},1,${TX2}${T}\n`)).toBe('line 4: csv_line must be a positive line number, got "x"');
    expect(f(`${good}5,zz,1,${TX2}${T}\n`)).toBe('line 4: malformed address "zz"');
    expect(f(`${good}5,${c},1.5,${TX2}${T}\n`)).toBe('line 4: amount_pack must be a positive integer, got "1.5"');
    expect(f(`${good}5,${c},0,${TX2}${T}\n`)).toBe('line 4: amount_pack must be a positive integer, got "0"');
    expect(f(`${good}5,${c},-3,${TX2}${T}\n`)).toBe('line 4: amount_pack must be a positive integer, got "-3"');
    expect(f(`${good}5,${c},1,abc${T}\n`)).toBe('line 4: tx_hash must be a 32-byte transaction hash (hex), got "abc"');
    expect(f(`${good}2,${a},1000000,${TX1},confirmed,${IN1},${UNTIL}\n`)).toBe(`line 4: csv line 2 is recorded twice for transaction ${TX1}`);
    expect(f(`${good}5,${c},1,${TX2},paid,,\n`)).toBe('line 4: state must be submitted, confirmed, dropped, got "paid"');
    expect(f(`${good}5,${c},1,${TX2},submitted,${TX1},\n`)).toBe(`line 4: spends must be an input "txhash#index" (or empty), got "${TX1}"`);
    expect(f(`${good}5,${c},1,${TX2},submitted,,soon\n`)).toBe('line 4: valid_until_ms must be POSIX ms (or empty), got "soon"');
    expect(f(`${good}5,${c},1,${TX1},submitted,${IN1},${UNTIL}\n`)).toBe(`line 4: transaction ${TX1} is recorded differently on line 2 (state, spends or valid_until_ms)`);
  });

  it("reads a receipt of the first format (no state) as submitted rows", () => {
    const v1 = `csv_line,address,amount_pack,tx_hash\n2,${a},1000000,${TX1}\n3,${b},2500000,${TX1}\n`;
    const parsed = parseReceipt(v1).map(({ at: _at, ...r }) => r);
    expect(parsed).toEqual(rows.map(({ spends: _s, validUntilMs: _v, ...r }) => ({ ...r, state: "submitted" })));
    expect(paidLines(parsed).size).toBe(0);
    expect(openTxs(parsed)).toEqual([{ tx: TX1, lines: [2, 3] }]);
    expect(formatReceipt(parsed).split("\n")[1]).toBe(`2,${a},1000000,${TX1},submitted,,`);
  });

  it("a receipt that does not match the CSV names its line and the CSV's", () => {
    const f = (text: string) => failure(() => checkReceipt(parseReceipt(text), csv, "u.csv"));
    expect(f(formatReceipt([{ ...rows[0]!, amountPack: 1_000_001n }]))).toMatch(
      /^line 2: records 1\.000001 Jet to addr_test1\S+ for u\.csv line 2, but that line is 1\.000000 Jet to addr_test1\S+: the receipt does not match the CSV$/,
    );
    expect(f(formatReceipt([rows[0]!, { ...rows[1]!, address: c }]))).toMatch(/^line 3: records 2\.500000 Jet to .* for u\.csv line 3, but that line is 2\.500000 Jet to .*does not match/);
    expect(f(formatReceipt([{ ...rows[0]!, line: 4 }]))).toMatch(/^line 2: records .* for u\.csv line 4, which is not a payout line there/);
    expect(f(formatReceipt([{ ...rows[0]!, line: 99 }]))).toMatch(/for u\.csv line 99, which is not a payout line there/);
  });

  it("writes atomically: the new content, no temp file left beside it", () => {
    const file = join(dir, "u.csv.receipt.csv");
    writeFileAtomic(file, "one\n");
    writeFileAtomic(file, formatReceipt(rows));
    expect(readFileSync(file, "utf8")).toBe(formatReceipt(rows));
    expect(readdirSync(dir)).toEqual(["u.csv.receipt.csv"]);
    writeFileSync(join(dir, "sub"), "a file, not a directory");
    expect(() => writeFileAtomic(join(dir, "sub", "x.receipt.csv"), "x")).toThrow(/ENOTDIR/);
    expect(existsSync(join(dir, "sub", "x.receipt.csv"))).toBe(false);
  });
});

describe("reward receipt: settling transactions recorded as only submitted", () => {
  const h = (n: number) => n.toString(16).padStart(64, "0");
  const [OLD, T1, T2, T3, T4, T5, T6] = [1, 2, 3, 4, 5, 6, 7].map(h) as [string, string, string, string, string, string, string];
  const NOW = 1_800_000_000_000;
  /** A chain where `confirmed` are in blocks and `unspent` outputs ("hash#ix") exist unspent. */
  const chain = (confirmed: string[], unspent: string[]): ChainLookup & { looked: string[] } => {
    const looked: string[] = [];
    return {
      looked,
      isConfirmed: async (tx) => (looked.push(tx), confirmed.includes(tx)),
      isUnspent: async (tx, ix) => unspent.includes(`${tx}#${ix}`),
      nowMs: async () => NOW,
    };
  };

  it("confirmed; dropped when its validity ended, its input was spent by another, or it spends a dropped one's output; else pending", async () => {
    const out = await settle(
      [
        { tx: T1, lines: [2], spends: `${OLD}#0`, validUntilMs: NOW - 1 }, // in a block after all
        { tx: T2, lines: [3], spends: `${OLD}#1`, validUntilMs: NOW - SETTLE_MARGIN_MS }, // validity over (and the margin)
        { tx: T3, lines: [4], spends: `${T2}#0`, validUntilMs: NOW + 1 }, // spends T2's output
        { tx: T4, lines: [5], spends: `${OLD}#2`, validUntilMs: NOW + 1 }, // OLD#2 spent by someone else
        { tx: T5, lines: [6], spends: `${OLD}#3`, validUntilMs: NOW - SETTLE_MARGIN_MS + 1 }, // OLD#3 unspent: may still land
        { tx: T6, lines: [7] }, // first-format row: nothing to decide with
      ],
      chain([T1, OLD], [`${OLD}#3`]),
    );
    expect(Object.fromEntries([...out].map(([k, v]) => [[T1, T2, T3, T4, T5, T6].indexOf(k) + 1, v]))).toEqual({
      1: { state: "confirmed" },
      2: { state: "dropped", why: `its validity ended at ${new Date(NOW - SETTLE_MARGIN_MS).toISOString()}` },
      3: { state: "dropped", why: `it spends ${T2}#0, an output of ${T2.slice(0, 16)}…, which was dropped` },
      4: { state: "dropped", why: `its input ${OLD}#2 was spent by another transaction` },
      5: { state: "pending", retryAfterMs: NOW + 1 },
      6: { state: "pending" },
    });
  });

  it("an input not there yet (its transaction pending) leaves it pending; one spent by itself since the first look makes it confirmed", async () => {
    expect((await settle([{ tx: T2, lines: [2], spends: `${T1}#0` }], chain([], []))).get(T2)).toEqual({ state: "pending" });
    let calls = 0;
    const late: ChainLookup = { isConfirmed: async (tx) => tx === OLD || (tx === T2 && ++calls > 1), isUnspent: async () => false, nowMs: async () => NOW };
    expect((await settle([{ tx: T2, lines: [2], spends: `${OLD}#0` }], late)).get(T2)).toEqual({ state: "confirmed" });
  });

  it("applies the outcomes to the rows: confirmed and dropped ones change, pending ones stay submitted; only confirmed lines are paid", () => {
    const row = (line: number, tx: string): ReceiptRow => ({ line, address: a, amountPack: 1n, tx, state: "submitted" });
    const rows = [row(2, T1), row(3, T2), row(4, T3), { ...row(3, T4), state: "confirmed" as const }];
    const after = applyOutcomes(rows, new Map([[T1, { state: "confirmed" }], [T2, { state: "dropped", why: "x" }], [T3, { state: "pending" }]] as const));
    expect(after.map((r) => r.state)).toEqual(["confirmed", "dropped", "submitted", "confirmed"]);
    expect([...paidLines(after)].sort()).toEqual([2, 3]);
    expect(openTxs(after).map((t) => t.tx)).toEqual([T3]);
  });
});
