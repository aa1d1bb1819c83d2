/**
 * The offline parts of `jetpack reward`'s CSV and receipt (offchain/net/inputs.ts,
 * offchain/net/receipt.ts): every CSV error names its line; repeated addresses are found with
 * both lines; a receipt is read back exactly as written, and one that does not parse or does
 * not match its CSV names its own line; the atomic write leaves no temp file.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CML } from "@lucid-evolution/lucid";
import { InputError } from "../../offchain/economics/errors.js";
import { parseRewardCsv, parseRewardCsvLines, repeatedAddress } from "../../offchain/net/inputs.js";
import { checkReceipt, formatReceipt, parseReceipt, RECEIPT_HEADER, receiptPathFor, writeFileAtomic } from "../../offchain/net/receipt.js";

const addr = () => CML.EnterpriseAddress.new(0, CML.Credential.new_pub_key(CML.PrivateKey.generate_ed25519().to_public().hash())).to_address().to_bech32(undefined);
const [a, b, c] = [addr(), addr(), addr()];
const TX1 = "ab".repeat(32);
const TX2 = "cd".repeat(32);

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
  const rows = [
    { line: 2, address: a, amountPack: 1_000_000n, tx: TX1 },
    { line: 3, address: b, amountPack: 2_500_000n, tx: TX1 },
  ];

  it("round-trips, and tells which CSV lines are paid (a line paid again with --force may appear twice)", () => {
    const text = formatReceipt(rows);
    expect(text).toBe(`${RECEIPT_HEADER}\n2,${a},1000000,${TX1}\n3,${b},2500000,${TX1}\n`);
    const parsed = parseReceipt(text);
    expect(parsed.map(({ at: _at, ...r }) => r)).toEqual(rows);
    expect([...checkReceipt(parsed, csv, "u.csv")]).toEqual([2, 3]);
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
    expect(f(`${good}0,${c},1,${TX1}\n`)).toBe('line 4: csv_line must be a positive line number, got "0"');
    expect(f(`${good}x,${c},1,${TX1}\n`)).toBe('line 4: csv_line must be a positive line number, got "x"');
    expect(f(`${good}5,zz,1,${TX1}\n`)).toBe('line 4: malformed address "zz"');
    expect(f(`${good}5,${c},1.5,${TX1}\n`)).toBe('line 4: amount_pack must be a positive integer, got "1.5"');
    expect(f(`${good}5,${c},0,${TX1}\n`)).toBe('line 4: amount_pack must be a positive integer, got "0"');
    expect(f(`${good}5,${c},-3,${TX1}\n`)).toBe('line 4: amount_pack must be a positive integer, got "-3"');
    expect(f(`${good}5,${c},1,abc\n`)).toBe('line 4: tx_hash must be a 32-byte transaction hash (hex), got "abc"');
    expect(f(`${good}2,${a},1000000,${TX1}\n`)).toBe(`line 4: csv line 2 is recorded twice for transaction ${TX1}`);
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
