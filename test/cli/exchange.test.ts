/**
 * The exchange commands (offchain/cli/commands/exchange{,-show}.ts) against the local devnet,
 * run in this process through the CLI router (`cli`, as test/cli/governance.test.ts does):
 * three makers open sell and buy orders, the book and a maker's orders are shown (table and
 * JSON), a taker fills one order, market-buys across three asks and market-sells into two
 * bids; a non-owner's cancel is refused, the owner cancels; a dry run submits nothing, --out
 * writes an unsigned transaction `tx show` decodes; bad prices, unknown orders, amounts over
 * what an order holds and expired orders are one line on stderr, exit 2, nothing submitted.
 * Setup: init, one epoch's advance, the service's claim and a reward of Jet to the traders.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Blockfrost, Data, Lucid } from "@lucid-evolution/lucid";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { protocolFromDeployment, readDeployment } from "../../offchain/net/deployment.js";
import type { Protocol } from "../../offchain/protocol.js";
import { BUILTIN_COMMANDS } from "../../offchain/cli/commands/index.js";
import { loadCommand } from "../../offchain/cli/registry.js";
import { makeKeyFile, type KeyFile } from "../workflow/helpers.js";
import { cli, type Outcome } from "./helpers.js";

const ADA = 1_000_000n;
const JET = 1_000_000n;
const NAMES = ["deployer", "svc", "m1", "m2", "m3", "t"] as const;
type Name = (typeof NAMES)[number];
const EXCHANGE = ["exchange-sell", "exchange-buy", "exchange-cancel", "exchange-expire", "exchange-fill", "exchange-market-buy", "exchange-market-sell", "exchange-book", "exchange-orders"];

let dir: string;
let devnet: Devnet;
let p: Protocol;
const k = {} as Record<Name, KeyFile>;
const ids: Record<string, string> = {};
const t0 = Date.now();
const savedNetwork = process.env.JETPACK_NETWORK;

const key = (n: Name) => `keys/${n}.sk`;
const ok = async (argv: string[]): Promise<Outcome> => {
  const o = await cli([...argv, "--quiet"], dir);
  if (o.code !== 0) throw new Error(`jetpack ${argv.join(" ")} exited ${o.code}:\n${o.stderr}\n${o.stdout.slice(0, 2000)}`);
  return o;
};
const json = async (argv: string[]) => JSON.parse((await ok([...argv, "--json"])).stdout);
const utxosOf = (address: string) => devnet.chain.confirmedUtxos().filter((u) => u.address === address);
const jetOf = (n: Name) => utxosOf(k[n].address).reduce((a, u) => a + (u.assets[p.units.jet] ?? 0n), 0n);
const lovelaceOf = (address: string) => utxosOf(address).reduce((a, u) => a + (u.assets.lovelace ?? 0n), 0n);

/** Exit 2, one line on stderr matching `message`, nothing on stdout, nothing submitted. */
async function rejected(argv: string[], message: RegExp): Promise<string> {
  const before = devnet.chain.txs.size;
  const o = await cli([...argv, "--quiet"], dir);
  expect(o.stdout, o.stderr).toBe("");
  expect(o.code, o.stderr).toBe(2);
  expect(o.stderr.trimEnd().split("\n"), o.stderr).toHaveLength(1);
  expect(o.stderr.trimEnd()).toMatch(message);
  expect(devnet.chain.txs.size).toBe(before);
  expect(devnet.chain.pendingCount).toBe(0);
  return o.stderr;
}

beforeAll(async () => {
  process.env.JETPACK_NETWORK = "local";
  dir = mkdtempSync(join(tmpdir(), "jetpack-exchange-"));
  mkdirSync(join(dir, "keys"), { mode: 0o700 });
  for (const n of NAMES) k[n] = makeKeyFile(join(dir, "keys", `${n}.sk`), "bech32");
  const fund = (kf: KeyFile, ada: bigint) => ({ ...kf.spec, lovelace: ada * ADA });
  devnet = await startDevnet({
    wallets: [fund(k.deployer, 1_000n), fund(k.svc, 100n), fund(k.m1, 300n), fund(k.m2, 300n), fund(k.m3, 300n), fund(k.t, 500n)],
    dir: join(dir, ".devnet"),
    blockIntervalMs: 0,
    clock: "manual",
  });
  writeFileSync(join(dir, "services.json"), JSON.stringify({ "svc-A": k.svc.pkh }));
  writeFileSync(join(dir, "metrics-1.json"), JSON.stringify({ services: [{ id: "svc-A", m1: 10, m2: 1, m3: 1 }] }));
  writeFileSync(join(dir, "traders.csv"), ["address,amount", ...(["m1", "m2", "m3", "t"] as const).map((n) => `${k[n].address},2000`)].join("\n") + "\n");
  await ok(["init", "--key", key("deployer")]);
  p = protocolFromDeployment(readDeployment(join(dir, "jetpack-deployment.json")));
  await ok(["epoch-advance", "--key", key("deployer"), "--metrics", "metrics-1.json", "--services", "services.json"]);
  await ok(["claim", "--key", key("svc"), "--allocation", "allocation-epoch-1.json"]);
  await ok(["reward", "--key", key("svc"), "--csv", "traders.csv"]);
  process.stderr.write(`exchange CLI test: setup (devnet, init, advance, claim, reward) ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}, 300_000);

afterAll(async () => {
  await devnet?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (savedNetwork === undefined) delete process.env.JETPACK_NETWORK;
  else process.env.JETPACK_NETWORK = savedNetwork;
  process.stderr.write(`exchange CLI test: ${((Date.now() - t0) / 1000).toFixed(1)} s in all\n`);
});

describe("exchange commands: registration", () => {
  it("each is registered with its module's summary, is also two words, and the chain-writing ones share --dry-run, --out, --json", async () => {
    for (const name of EXCHANGE) {
      const entry = BUILTIN_COMMANDS.find((c) => c.name === name)!;
      expect(entry, name).toBeDefined();
      const command = await loadCommand(entry);
      expect(command.summary).toBe(entry.summary);
      const help = (await cli([name, "--help"])).stdout;
      expect(help).toContain(`Usage: jetpack ${name}`);
      expect((await cli(["exchange", name.slice("exchange-".length), "--help"])).stdout).toBe(help);
      if (!["exchange-book", "exchange-orders"].includes(name))
        for (const f of ["key", "dry-run", "out", "json", "quiet", "wait-s", "deployment", "network"]) expect(command.flags.some((x) => x.name === f), `${name} --${f}`).toBe(true);
    }
  });
});

describe("the exchange with the jetpack CLI against the devnet", () => {
  it("makers open sell and buy orders; a wallet without the Jet is refused", async () => {
    // each maker's commands in turn; the makers in parallel (in this process, as separate processes would)
    const [a, b, c] = await Promise.all([
      json(["exchange", "sell", "--key", key("m1"), "--jet", "100", "--price", "0.3"]),
      json(["exchange", "sell", "--key", key("m2"), "--jet", "100", "--price", "1/5"]),
      json(["exchange", "sell", "--key", key("m3"), "--jet", "100", "--price", "0.25", "--min-jet", "10", "--expires-in", "5d"]),
    ]);
    expect(a).toMatchObject({ side: "sell", price: "0.3", jetPack: String(100n * JET), minFillPack: String(JET), expiryMs: null, owner: k.m1.pkh, payTo: k.m1.address });
    expect(b.price).toBe("0.2");
    expect(Number(c.expiryMs)).toBe(devnet.chain.nowMs() + 5 * 86_400_000);
    expect(a.transactions[0].submitted).toBe(true);
    const [buy, d] = await Promise.all([
      ok(["exchange", "buy", "--key", key("m2"), "--jet", "200", "--price", "0.15", "--min-jet", "10"]),
      json(["exchange", "buy", "--key", key("m1"), "--jet", "400", "--price", "0.1"]),
    ]);
    expect(buy.stdout).toMatch(/order [0-9a-f]{56}: buy up to 200\.000000 Jet at 0\.15 ADA\/Jet, offering 30 ADA, fills of at least 10\.000000 Jet/);
    expect(buy.stdout).toMatch(/each partial fill sends your Jet in a payment output holding ≈1\.\d+ ADA \(the ledger's minimum\), paid out of the offer and returned to your wallet/);
    expect(buy.stdout).toMatch(/filled in one go the order buys 200\.000000 Jet; each partial fill before the last leaves ≈[78]\.\d{6} Jet less to buy/);
    expect(d).toMatchObject({ side: "buy", offerLovelace: String(40n * ADA) });
    expect(d.oneFillPack).toBe(String(400n * JET)); // the closing fill's payment holds the deposit, beyond the offer
    Object.assign(ids, { a: a.order, b: b.order, c: c.order, bid15: buy.stdout.match(/order ([0-9a-f]{56})/)![1]!, bid10: d.order });
    expect(jetOf("m1")).toBe(1_900n * JET);
    await rejected(["exchange", "sell", "--key", key("m1"), "--jet", "5000", "--price", "1"], /^jetpack exchange-sell: error: wallet addr_test1\w+ holds 1,900\.000000 Jet, less than the 5,000\.000000 Jet to sell$/);
  });

  it("the book: asks cheapest first above bids highest first (table and --json); foreign UTxOs are skipped and counted", async () => {
    // someone leaves 3 ADA and a datum at the exchange address: not an order
    const lucid = await Lucid(new Blockfrost(devnet.url, devnet.projectId), "Preprod");
    lucid.selectWallet.fromPrivateKey((k.t.spec as { privateKey: string }).privateKey);
    const junk = await (await lucid.newTx().pay.ToContract(p.exchange.address, { kind: "inline", value: Data.to(42n) }, { lovelace: 3n * ADA }).complete()).sign.withWallet().complete();
    await junk.submit();
    await lucid.awaitTx(junk.toHash(), 50);
    const [book, { stdout: text }] = await Promise.all([json(["exchange", "book"]), ok(["exchange", "book", "--depth", "2"])]);
    expect(book.asks.map((l: { price: string; jetPack: string; orders: number }) => [l.price, l.jetPack, l.orders])).toEqual([
      ["0.2", String(100n * JET), 1],
      ["0.25", String(100n * JET), 1],
      ["0.3", String(100n * JET), 1],
    ]);
    expect(book.bids.map((l: { price: string }) => l.price)).toEqual(["0.15", "0.1"]);
    expect(BigInt(book.bids[0].jetPack)).toBeGreaterThan(180n * JET);
    expect(book).toMatchObject({ bestAsk: "0.2", bestBid: "0.15", orders: 5, expired: 0, skipped: 1, feeBps: "30" });
    expect(text).toContain("5 orders (3 sell, 2 buy); fee 30 bps");
    expect(text).toMatch(/side +price \(ADA\/Jet\) +Jet +orders\n[- ]+\nask +0\.2 +100\.000000 +1\nask +0\.25 +100\.000000 +1\nbid +0\.15 +\d{3}\.\d{6} +1\nbid +0\.1 +\d{3}\.\d{6} +1\n/);
    expect(text).toContain("1 UTxO at the address skipped (not authenticated orders)");
  });

  it("one maker's orders, by --key or --owner (address), table and --json", async () => {
    const [byKey, byOwner, { stdout: text }] = await Promise.all([
      json(["exchange", "orders", "--key", key("m1")]),
      json(["exchange", "orders", "--owner", k.m1.address]),
      ok(["exchange", "orders", "--owner", k.m3.pkh]),
    ]);
    expect(byOwner.orders).toEqual(byKey.orders);
    expect(byKey.orders.map((o: { id: string; side: string; price: string }) => [o.id, o.side, o.price])).toEqual([[ids.a, "sell", "0.3"], [ids.bid10, "buy", "0.1"]]);
    expect(byKey.orders[1]).toMatchObject({ offerLovelace: String(40n * ADA), minFillPack: String(JET), expired: false, expiry: null });
    expect(text).toMatch(new RegExp(`1 order of ${k.m3.pkh}\\n`));
    expect(text).toMatch(new RegExp(`${ids.c} +sell +0\\.25 +100\\.000000 +- +10\\.000000 +20\\d\\d-`));
  });

  it("a taker fills one buy order: gives Jet, receives ADA, the fee reaches the treasury", async () => {
    const treasury = lovelaceOf(p.treasury.address);
    const f = await json(["exchange", "fill", "--key", key("t"), "--order", ids.bid15!.slice(0, 10), "--jet", "50"]);
    expect(f.fills).toEqual([{ order: ids.bid15, side: "buy", price: "0.15", jetPack: String(50n * JET), lovelace: String(7_500_000n), closes: false }]);
    expect(f).toMatchObject({ jetSoldPack: String(50n * JET), lovelaceReceived: "7500000", feeLovelace: "22500" });
    expect(BigInt(f.treasuryLovelace)).toBeGreaterThan(22_500n); // topped up to the ledger's minimum
    expect(lovelaceOf(p.treasury.address) - treasury).toBe(BigInt(f.treasuryLovelace));
    expect(jetOf("t")).toBe(1_950n * JET);
    expect(jetOf("m2")).toBe(1_950n * JET);
  });

  it("market buy across three asks, cheapest first, up to --max-price; the text names each order, totals, fee and worst price", async () => {
    const before = jetOf("t");
    const o = await ok(["exchange", "market-buy", "--key", key("t"), "--jet", "250", "--max-price", "0.3"]);
    expect(o.stdout).toMatch(new RegExp(`order ${ids.b!.slice(0, 12)}… \\(sell at 0\\.2 ADA/Jet\\): you take 100\\.000000 Jet for 20 ADA; it closes`));
    expect(o.stdout).toMatch(new RegExp(`order ${ids.c!.slice(0, 12)}… \\(sell at 0\\.25 ADA/Jet\\): you take 100\\.000000 Jet for 25 ADA; it closes`));
    expect(o.stdout).toMatch(new RegExp(`order ${ids.a!.slice(0, 12)}… \\(sell at 0\\.3 ADA/Jet\\): you take 50\\.000000 Jet for 15 ADA\\n`));
    expect(o.stdout).toContain("bought 250.000000 Jet for 60 ADA");
    expect(o.stdout).toContain("fee 0.18 ADA (30 bps of the ADA side) to the treasury: below the ledger's minimum output, so you top it up to");
    expect(o.stdout).toContain("worst price 0.3 ADA/Jet");
    expect(jetOf("t")).toBe(before + 250n * JET);
    const book = await json(["exchange", "book"]);
    expect(book.asks.map((l: { price: string; jetPack: string }) => [l.price, l.jetPack])).toEqual([["0.3", String(50n * JET)]]);
    await rejected(["exchange", "market-buy", "--key", key("t"), "--jet", "100", "--max-price", "0.3"], /^jetpack exchange-market-buy: error: the book fills only 50\.000000 Jet of 100\.000000 Jet within the limit of 0\.3 ADA per Jet in one transaction \(1 order\(s\), at most 8\)$/);
  });

  it("market sell into two bids, highest first, down to --min-price", async () => {
    const s = await json(["exchange", "market-sell", "--key", key("t"), "--jet", "200", "--min-price", "0.1"]);
    expect(s.fills.map((f: { order: string; price: string }) => [f.order, f.price]).sort()).toEqual([[ids.bid15, "0.15"], [ids.bid10, "0.1"]].sort());
    expect(s.jetSoldPack).toBe(String(200n * JET));
    expect(s.worstPrice).toBe("0.1");
    const fromBid15 = BigInt(s.fills.find((f: { order: string }) => f.order === ids.bid15).jetPack);
    expect(fromBid15).toBeGreaterThan(100n * JET); // the best bid first, as far as it goes
    expect(BigInt(s.lovelaceReceived)).toBe((fromBid15 * 15n) / 100n + ((200n * JET - fromBid15) * 10n) / 100n);
    await rejected(["exchange", "market-sell", "--key", key("t"), "--jet", "10", "--min-price", "0.5"], /^jetpack exchange-market-sell: error: the book fills only 0\.000000 Jet of 10\.000000 Jet within the limit of 0\.5 ADA per Jet/);
  });

  it("a dry run submits nothing; --out writes an unsigned transaction that tx show decodes", async () => {
    const before = devnet.chain.txs.size;
    const [dry, out] = await Promise.all([
      ok(["exchange", "sell", "--key", key("m3"), "--jet", "10", "--price", "2", "--dry-run"]),
      json(["exchange", "fill", "--key", key("t"), "--order", ids.a!, "--jet", "10", "--out", "fill.tx.json"]),
    ]);
    expect(dry.stdout).toContain("dry run: nothing submitted");
    expect(out.transactions[0].submitted).toBe(false);
    expect(devnet.chain.txs.size).toBe(before);
    expect(existsSync(join(dir, "fill.tx.json"))).toBe(true);
    const env = JSON.parse(readFileSync(join(dir, "fill.tx.json"), "utf8"));
    expect(env.type).toMatch(/Unwitnessed Tx ConwayEra/);
    expect(env.jetpack.requiredSigners).toEqual([k.t.pkh]);
    const shown = await ok(["tx", "show", "--tx", "fill.tx.json"]);
    expect(shown.stdout).toContain(out.transactions[0].hash);
    expect(shown.stdout).toMatch(/withdraw/i);
    expect((await json(["tx", "show", "--tx", "fill.tx.json", "--offline"])).transaction).toBeDefined();
  });

  it("bad input is one line, exit 2, nothing submitted: a bad price, an unknown order, too much Jet, a non-owner's cancel", async () => {
    await Promise.all([
      rejected(["exchange", "sell", "--key", key("m3"), "--jet", "10", "--price", "abc"], /^jetpack exchange-sell: error: flag --price: must be ADA per Jet as a decimal \("0\.25"\) or a fraction \("1\/3"\), got "abc"$/),
      rejected(["exchange", "buy", "--key", key("m3"), "--jet", "10", "--price", "0"], /^jetpack exchange-buy: error: flag --price: must be positive \(got "0"\)$/),
      rejected(["exchange", "fill", "--key", key("t"), "--order", "abcdef0123", "--jet", "1"], /^jetpack exchange-fill: error: no order abcdef0123 on chain \(\d orders on chain: [0-9a-f]{12}/),
      rejected(["exchange", "fill", "--key", key("t"), "--order", "xyz", "--jet", "1"], /^jetpack exchange-fill: error: flag --order: expected an order id/),
      rejected(["exchange", "fill", "--key", key("t"), "--order", ids.a!, "--jet", "60"], /^jetpack exchange-fill: error: order [0-9a-f]{56} sells 50\.000000 Jet, less than the 60\.000000 Jet asked$/),
      rejected(["exchange", "fill", "--key", key("t"), "--order", ids.bid10!, "--jet", "1000"], /^jetpack exchange-fill: error: order [0-9a-f]{56} takes at most [\d,]+\.\d{6} Jet \(its ADA left, less the payment output to its maker\), not 1,000\.000000 Jet$/),
      rejected(["exchange", "fill", "--key", key("t"), "--order", ids.a!, "--jet", "0.5"], /^jetpack exchange-fill: error: a fill takes at least the order's minimum of 1\.000000 Jet, or all 50\.000000 Jet left \(asked 0\.500000 Jet\)$/),
      rejected(["exchange", "sell", "--key", key("m3"), "--jet", "10", "--price", "1", "--expires", "2001-01-01T00:00:00Z"], /^jetpack exchange-sell: error: flag --expires: 2001-01-01T00:00:00\.000Z is not after the chain's time/),
      rejected(["exchange", "cancel", "--key", key("t"), "--order", ids.a!], new RegExp(`^jetpack exchange-cancel: error: order ${ids.a} is owned by ${k.m1.pkh}, not by key keys/t\\.sk \\(${k.t.pkh}\\): only its owner cancels it$`)),
      rejected(["exchange", "cancel", "--key", key("t"), "--order", ids.a!, "--all"], /^jetpack exchange-cancel: error: give exactly one of --order ID\|TXHASH#IX and --all$/),
    ]);
  });

  it("the owner cancels by UTxO reference, then --all; an expired order is no longer filled, and anyone returns it", async () => {
    // m1 reads its orders while m3 opens an order that expires in an hour
    const [listed, e] = await Promise.all([
      json(["exchange", "orders", "--key", key("m1")]),
      json(["exchange", "sell", "--key", key("m3"), "--jet", "20", "--price", "1", "--expires-in", "1h"]),
    ]);
    const mine = listed.orders.find((o: { side: string }) => o.side === "sell");
    await rejected(["exchange", "expire", "--key", key("t"), "--order", e.order], new RegExp(`^jetpack exchange-expire: error: order ${e.order} expires at 20\\d\\d-.*; the chain's time is 20\\d\\d-.*: it cannot be returned before$`));
    const jet = jetOf("m1");
    const c = await json(["exchange", "cancel", "--key", key("m1"), "--order", mine.utxo]);
    expect(c).toMatchObject({ cancelled: [ids.a], jetPack: String(50n * JET) });
    expect(jetOf("m1")).toBe(jet + 50n * JET);
    expect((await json(["exchange", "cancel", "--key", key("m1"), "--all"])).cancelled).toEqual([ids.bid10]);
    // two hours later
    devnet.advance(2 * 3_600_000);
    const [, book, after] = await Promise.all([
      rejected(["exchange", "fill", "--key", key("t"), "--order", e.order, "--jet", "20"], new RegExp(`^jetpack exchange-fill: error: order ${e.order} expired at 20\\d\\d-.*: it can no longer be filled$`)),
      json(["exchange", "book"]),
      json(["exchange", "orders", "--key", key("m1")]),
    ]);
    expect(book).toMatchObject({ expired: 1, asks: [], bids: [] });
    expect(after.orders).toEqual([]);
    const m3 = jetOf("m3");
    const x = await json(["exchange", "expire", "--key", key("t"), "--order", e.order]);
    expect(x).toMatchObject({ order: e.order, payTo: k.m3.address, jetPack: String(20n * JET) });
    expect(jetOf("m3")).toBe(m3 + 20n * JET);
  });
});
