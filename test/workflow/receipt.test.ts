/**
 * `jetpack reward` keeps a receipt beside the CSV (users.csv → users.csv.receipt.csv), each
 * command a separate process against the local devnet: a re-run of the same CSV pays nobody
 * twice; lines appended later are the only ones paid on the next run; a run whose second
 * transaction is rejected (injected in the devnet) records only the first, and the next run
 * pays only the rest; --force pays again; --dry-run writes nothing. Bad input — an address on two lines, a tampered or
 * unreadable receipt, CSV errors (each naming the file and the line) — is one line on stderr,
 * exit code 2, and nothing submitted.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAddressDetails } from "@lucid-evolution/lucid";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { TxRejected } from "../../offchain/devnet/validate.js";
import { protocolFromDeployment, readDeployment } from "../../offchain/net/deployment.js";
import { expectRejectedRun, jetpack, limited, makeKeyHash, ok, type Run } from "./helpers.js";

let dir: string;
let devnet: Devnet;
let jetUnit: string;
const KEY = ".devnet/wallet-1.sk";
const users = Array.from({ length: 8 }, () => makeKeyHash().address);

const txCount = () => devnet.chain.txs.size;
const jetOf = (address: string) => devnet.chain.confirmedUtxos().filter((u) => u.address === address).reduce((s, u) => s + (u.assets[jetUnit] ?? 0n), 0n);
const balances = () => users.map(jetOf);
const read = (f: string) => readFileSync(join(dir, f), "utf8");
/** The receipt's rows: csv_line, address, amount_pack, tx_hash (state, spends and validity: see receiptStates). */
const receiptRows = (f: string) => read(f).trim().split("\n").slice(1).map((l) => l.split(",").slice(0, 4));
const receiptStates = (f: string) => read(f).trim().split("\n").slice(1).map((l) => l.split(",")[4]);

/** A rejected run: exit 2, one line on stderr naming the problem, nothing on stdout, nothing submitted. */
const rejected = (argv: string[], expected: RegExp): Promise<Run> => expectRejectedRun(devnet.chain, dir, argv, expected);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jetpack-receipt-"));
  devnet = await startDevnet({ wallets: 3, dir: join(dir, ".devnet"), blockIntervalMs: 0, clock: "manual" });
  ok(await jetpack(["init", "--key", ".devnet/wallet-0.sk", "--quiet"], dir));
  const pkh = getAddressDetails(devnet.wallets[1]!.address).paymentCredential!.hash;
  writeFileSync(join(dir, "services.json"), JSON.stringify({ "svc-1": pkh, "svc-2": getAddressDetails(devnet.wallets[2]!.address).paymentCredential!.hash }));
  writeFileSync(join(dir, "metrics-1.json"), JSON.stringify({ services: [{ id: "svc-1", m1: 100, m2: 10, m3: 10 }, { id: "svc-2", m1: 50, m2: 10, m3: 10 }] }));
  ok(await jetpack(["epoch-advance", "--key", ".devnet/wallet-0.sk", "--metrics", "metrics-1.json", "--services", "services.json", "--quiet"], dir));
  ok(await jetpack(["claim", "--key", KEY, "--allocation", "allocation-epoch-1.json", "--quiet"], dir));
  jetUnit = protocolFromDeployment(readDeployment(join(dir, "jetpack-deployment.json"))).units.jet;
}, 300_000);

afterAll(async () => {
  await devnet?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("jetpack reward: the receipt", () => {
  const first = users.slice(0, 5).map((a, i) => `${a},${i + 1}.5`);

  it("pays a CSV in batches and records each paid line with its transaction", async () => {
    writeFileSync(join(dir, "users.csv"), ["address,amount", "# first five", ...first].join("\n") + "\n");
    const dry = ok(await jetpack(["reward", "--key", KEY, "--csv", "users.csv", "--max-per-tx", "2", "--dry-run", "--json", "--quiet"], dir));
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, payouts: 5, paidLines: 0, skippedLines: 0, receiptWritten: false });
    expect(existsSync(join(dir, "users.csv.receipt.csv"))).toBe(false);

    const r = ok(await jetpack(["reward", "--key", KEY, "--csv", "users.csv", "--max-per-tx", "2", "--json", "--quiet"], dir));
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ payouts: 5, csvLines: 5, paidLines: 5, skippedLines: 0, forced: false, receipt: "users.csv.receipt.csv", receiptWritten: true });
    expect(out.batches).toHaveLength(3);
    expect(balances()).toEqual([1_500_000n, 2_500_000n, 3_500_000n, 4_500_000n, 5_500_000n, 0n, 0n, 0n]);
    expect(read("users.csv.receipt.csv").split("\n")[0]).toBe("csv_line,address,amount_pack,tx_hash,state,spends,valid_until_ms");
    expect(receiptStates("users.csv.receipt.csv")).toEqual(Array(5).fill("confirmed"));
    // lines 3…7 of the CSV (after the header and the comment), two per transaction
    expect(receiptRows("users.csv.receipt.csv")).toEqual(
      users.slice(0, 5).map((a, i) => [String(i + 3), a, String(1_500_000 + i * 1_000_000), out.batches[Math.floor(i / 2)]]),
    );
  }, 300_000);

  it("a re-run of the same CSV pays nobody twice: exit 0, says so, nothing submitted, receipt unchanged", async () => {
    const before = { txs: txCount(), balances: balances(), receipt: read("users.csv.receipt.csv") };
    const r = ok(await jetpack(["reward", "--key", KEY, "--csv", "users.csv"], dir));
    expect(r.stdout).toMatch(/^all 5 lines of users\.csv are already paid \(see users\.csv\.receipt\.csv\); nothing to submit/);
    const j = ok(await jetpack(["reward", "--key", KEY, "--csv", "users.csv", "--json", "--quiet"], dir));
    expect(JSON.parse(j.stdout)).toMatchObject({ payouts: 0, paidLines: 0, skippedLines: 5, csvLines: 5, receipt: "users.csv.receipt.csv", transactions: [] });
    expect(txCount()).toBe(before.txs);
    expect(balances()).toEqual(before.balances);
    expect(read("users.csv.receipt.csv")).toBe(before.receipt);
  }, 300_000);

  it("lines appended to the CSV are the only ones paid on the next run (a resume); --dry-run writes nothing", async () => {
    appendFileSync(join(dir, "users.csv"), users.slice(5).map((a) => `${a},0.25`).join("\n") + "\n");
    const before = { balances: balances(), receipt: read("users.csv.receipt.csv"), txs: txCount() };
    const dry = ok(await jetpack(["reward", "--key", KEY, "--csv", "users.csv", "--dry-run", "--json", "--quiet"], dir));
    expect(JSON.parse(dry.stdout)).toMatchObject({ payouts: 3, skippedLines: 5, paidLines: 0, receiptWritten: false });
    expect(read("users.csv.receipt.csv")).toBe(before.receipt);
    expect(txCount()).toBe(before.txs);

    const r = ok(await jetpack(["reward", "--key", KEY, "--csv", "users.csv", "--json"], dir));
    expect(r.stderr).toMatch(/skipping 5 lines already paid/);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ payouts: 3, paidLines: 3, skippedLines: 5, csvLines: 8, totalPack: "750000" });
    expect(balances()).toEqual([...before.balances.slice(0, 5), 250_000n, 250_000n, 250_000n]);
    const rows = receiptRows("users.csv.receipt.csv");
    expect(read("users.csv.receipt.csv").startsWith(before.receipt)).toBe(true);
    expect(rows.slice(5)).toEqual(users.slice(5).map((a, i) => [String(8 + i), a, "250000", out.batches[0]]));
    const again = ok(await jetpack(["reward", "--key", KEY, "--csv", "users.csv"], dir));
    expect(again.stdout).toMatch(/^all 8 lines of users\.csv are already paid/);
    expect(balances()).toEqual([...before.balances.slice(0, 5), 250_000n, 250_000n, 250_000n]);
  }, 300_000);

  it("--force pays every line again and adds them to the receipt", async () => {
    const before = balances();
    const out = JSON.parse(ok(await jetpack(["reward", "--key", KEY, "--csv", "users.csv", "--force", "--json", "--quiet"], dir)).stdout);
    expect(out).toMatchObject({ payouts: 8, paidLines: 8, skippedLines: 0, forced: true });
    expect(balances()).toEqual(before.map((b) => 2n * b));
    const rows = receiptRows("users.csv.receipt.csv");
    expect(rows).toHaveLength(16);
    expect(new Set(rows.slice(8).map((r) => r[3]))).toEqual(new Set(out.batches));
    const again = ok(await jetpack(["reward", "--key", KEY, "--csv", "users.csv", "--quiet"], dir));
    expect(again.stdout).toMatch(/^all 8 lines of users\.csv are already paid/);
  }, 300_000);

  it("a run that fails after its first transaction leaves an accurate receipt; the next run pays only the rest", async () => {
    const more = Array.from({ length: 5 }, () => makeKeyHash().address);
    writeFileSync(join(dir, "partial.csv"), more.map((a) => `${a},2`).join("\n") + "\n");
    const chain = devnet.chain;
    const submit = chain.submit.bind(chain);
    let calls = 0;
    chain.submit = (bytes: Uint8Array) => {
      if (++calls === 2) throw new TxRejected("injected: the node went away");
      return submit(bytes);
    };
    let r: Run;
    try {
      r = await jetpack(["reward", "--key", KEY, "--csv", "partial.csv", "--max-per-tx", "2", "--quiet"], dir);
    } finally {
      chain.submit = submit;
    }
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/2 of 5 payouts were submitted and are recorded in partial\.csv\.receipt\.csv \(transaction [0-9a-f]{64} and later were not recorded/);
    expect(r.stderr).toMatch(/injected: the node went away/);
    expect(more.map(jetOf)).toEqual([2_000_000n, 2_000_000n, 0n, 0n, 0n]);
    expect(receiptRows("partial.csv.receipt.csv").map((x) => x[0])).toEqual(["1", "2"]);
    expect(receiptStates("partial.csv.receipt.csv")).toEqual(["submitted", "submitted"]); // the run stopped before waiting for it

    const out = JSON.parse(ok(await jetpack(["reward", "--key", KEY, "--csv", "partial.csv", "--json", "--quiet"], dir)).stdout);
    expect(out).toMatchObject({ payouts: 3, paidLines: 3, skippedLines: 2 });
    expect(more.map(jetOf)).toEqual(more.map(() => 2_000_000n));
    expect(receiptRows("partial.csv.receipt.csv").map((x) => x[0])).toEqual(["1", "2", "3", "4", "5"]);
  }, 300_000);

  it("refuses an address on two lines, naming both (unless --allow-repeats)", async () => {
    writeFileSync(join(dir, "repeat.csv"), `address,amount\n${users[0]},1\n${users[1]},1\n${users[0]},2\n`);
    const before = balances();
    await rejected(["reward", "--key", KEY, "--csv", "repeat.csv"], /repeat\.csv: line 4: address addr_test1\S+ is also on line 2 \(pass --allow-repeats/);
    expect(existsSync(join(dir, "repeat.csv.receipt.csv"))).toBe(false);
    const dry = ok(await jetpack(["reward", "--key", KEY, "--csv", "repeat.csv", "--allow-repeats", "--dry-run", "--json", "--quiet"], dir));
    expect(JSON.parse(dry.stdout).payouts).toBe(3);
    expect(balances()).toEqual(before);
  }, 300_000);

  it("refuses a receipt that does not parse or does not match the CSV (one line naming the receipt and its line)", async () => {
    const csv = read("users.csv");
    const receipt = read("users.csv.receipt.csv");
    const lines = receipt.split("\n");
    const cases: [string, string, RegExp][] = [
      ["amount", lines.map((l, i) => (i === 2 ? l.replace(",2500000,", ",2600000,") : l)).join("\n"), /t-amount\.csv\.receipt\.csv: line 3: records 2\.600000 Jet to addr_test1\S+ for t-amount\.csv line 4, but that line is 2\.500000 Jet .*: the receipt does not match the CSV$/],
      ["address", lines.map((l, i) => (i === 1 ? l.replace(users[0]!, users[7]!) : l)).join("\n"), /t-address\.csv\.receipt\.csv: line 2: records .* for t-address\.csv line 3, but that line is .*does not match/],
      ["line", lines.map((l, i) => (i === 1 ? l.replace(/^3,/, "2,") : l)).join("\n"), /t-line\.csv\.receipt\.csv: line 2: .* line 2, which is not a payout line there/],
      ["header", receipt.replace("csv_line,", "line,"), /t-header\.csv\.receipt\.csv: line 1: expected the header "csv_line,address,amount_pack,tx_hash,state,spends,valid_until_ms", got "line,address,/],
      ["empty", "", /t-empty\.csv\.receipt\.csv: line 1: expected the header .* got an empty file/],
      ["hash", lines.map((l, i) => (i === 4 ? l.replace(/,([0-9a-f]{64}),/, (_, h: string) => `,${h.slice(0, -2)},`) : l)).join("\n"), /t-hash\.csv\.receipt\.csv: line 5: tx_hash must be a 32-byte transaction hash/],
      ["fields", receipt + "12,whatever\n", /t-fields\.csv\.receipt\.csv: line 18: expected "csv_line,address,amount_pack,tx_hash,state,spends,valid_until_ms", got 2 fields/],
    ];
    const before = balances();
    for (const [name, text] of cases) {
      writeFileSync(join(dir, `t-${name}.csv`), csv);
      writeFileSync(join(dir, `t-${name}.csv.receipt.csv`), text);
    }
    await limited(
      [
        ...cases.map(([name, , re]) => () => rejected(["reward", "--key", KEY, "--csv", `t-${name}.csv`], re)),
        () => rejected(["reward", "--key", KEY, "--csv", "t-amount.csv", "--force"], cases[0]![2]), // --force does not skip the check
      ],
      2,
    );
    for (const [name, text] of cases) expect(read(`t-${name}.csv.receipt.csv`)).toBe(text);
    expect(balances()).toEqual(before);
  }, 300_000);

  it("CSV errors name the file and the line; nothing is submitted or written", async () => {
    const a = users[0]!;
    const cases: [string, string, RegExp][] = [
      ["bad-address", `address,amount\n${a},1\naddr_test1qqqqbad,2\n`, /bad-address\.csv: line 3: malformed address "addr_test1qqqqbad"$/],
      ["negative", `${a},1\n\n${users[1]},-1\n`, /negative\.csv: line 3: amount must not be negative, got "-1"$/],
      ["zero", `# c\n${a},0\n`, /zero\.csv: line 2: amount must be positive$/],
      ["malformed", `address,amount\n${a},1,5\n`, /malformed\.csv: line 2: expected "address,amount", got 3 fields$/],
      ["not-number", `address,amount\n${a},12x\n`, /not-number\.csv: line 2: not a decimal number, got "12x"$/],
      ["decimals", `${a},0.0000001\n`, /decimals\.csv: line 1: at most 6 decimals/],
      ["header", `wallet,jet\n${a},1\n`, /header\.csv: line 1: header must be "address,amount", got "wallet,jet"$/],
      ["empty", ``, /empty\.csv: empty file: no payouts/],
      ["only-header", `address,amount\n# nothing yet\n`, /only-header\.csv: no payouts/],
    ];
    for (const [name, text] of cases) writeFileSync(join(dir, `${name}.csv`), text);
    await limited(
      cases.map(([name, , re]) => () => rejected(["reward", "--key", KEY, "--csv", `${name}.csv`], re)),
      2,
    );
    for (const [name] of cases) expect(existsSync(join(dir, `${name}.csv.receipt.csv`))).toBe(false);
    await rejected(["reward", "--key", KEY, "--csv", `pack.csv`], /cannot read CSV file pack\.csv: no such file/);
    writeFileSync(join(dir, "pack.csv"), `${a},1.5\n`);
    await rejected(["reward", "--key", KEY, "--csv", "pack.csv", "--unit", "pack"], /pack\.csv: line 1: amount must be an integer number of Pack, got "1\.5"$/);
  }, 300_000);
});
