/**
 * The exchange and payments in Jet end to end, each command a separate `jetpack` process
 * against the local devnet:
 *   - a deployment; epoch-advance + claim give a service Jet; `reward` pays three users;
 *     one user commits 1,000 Jet (`ve create`) and so reaches the 10 % discount tier;
 *   - the three users sell their reward Jet at different prices; the service market-buys
 *     across the three orders in one transaction (cheapest first, within a price limit);
 *   - the service's buy order is partly filled by a user and cancelled by the service;
 *   - the committed user pays the service's invoice in Jet with the discount, and the
 *     service's `payments verify` accepts it; a payment made against a doctored invoice is
 *     rejected with the shortfall named (exit 1, one line).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { protocolFromDeployment, readDeployment } from "../../offchain/net/deployment.js";
import type { Protocol } from "../../offchain/protocol.js";
import { allOutput, jetpack, makeKeyFile, ok, type KeyFile, type Run } from "./helpers.js";

const ADA = 1_000_000n;
const JET = 1_000_000n;

let dir: string;
let devnet: Devnet;
let p: Protocol;
const k = {} as Record<"deployer" | "svc" | "u1" | "u2" | "u3", KeyFile>;
const U = ["u1", "u2", "u3"] as const;

const run = async (argv: string[]): Promise<Run> => ok(await jetpack([...argv, "--quiet"], dir));
const json = async (argv: string[]) => JSON.parse((await run([...argv, "--json"])).stdout);
const keyOf = (name: keyof typeof k) => `keys/${name}.sk`;
const jetOf = (address: string) => devnet.chain.confirmedUtxos().filter((u) => u.address === address).reduce((s, u) => s + (u.assets[p.units.jet] ?? 0n), 0n);
const ordersAt = () => devnet.chain.confirmedUtxos().filter((u) => u.address === p.exchange.address);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jetpack-exchange-"));
  mkdirSync(join(dir, "keys"), { mode: 0o700 });
  for (const name of ["deployer", "svc", "u1", "u2", "u3"] as const) k[name] = makeKeyFile(join(dir, "keys", `${name}.sk`), "bech32");
  writeFileSync(join(dir, "services.json"), JSON.stringify({ "svc-A": k.svc.pkh }));
  writeFileSync(join(dir, "metrics-1.json"), JSON.stringify({ services: [{ id: "svc-A", m1: 60, m2: 40, m3: 50 }] }));
  writeFileSync(join(dir, "users.csv"), ["address,amount", ...U.map((u) => `${k[u].address},3000`)].join("\n") + "\n");
  const fund = (kf: KeyFile, ada: bigint) => ({ ...kf.spec, lovelace: ada * ADA });
  devnet = await startDevnet({ wallets: [fund(k.deployer, 1_000n), fund(k.svc, 2_000n), ...U.map((u) => fund(k[u], 100n))], dir: join(dir, ".devnet"), blockIntervalMs: 0, clock: "manual" });
}, 120_000);

afterAll(async () => {
  await devnet?.close();
  const text = allOutput.join("\n");
  const leaked = Object.values(k).filter((kf) => text.includes(kf.secret));
  if (dir) rmSync(dir, { recursive: true, force: true });
  expect(leaked.map((x) => x.file)).toEqual([]);
});

describe("the exchange and payments with the jetpack CLI against the devnet, one process per command", () => {
  it("a service's reward Jet reaches three users; one of them commits 1,000 Jet", async () => {
    await run(["init", "--key", keyOf("deployer")]);
    p = protocolFromDeployment(readDeployment(join(dir, "jetpack-deployment.json")));
    await run(["epoch-advance", "--key", keyOf("deployer"), "--metrics", "metrics-1.json", "--services", "services.json"]);
    await run(["claim", "--key", keyOf("svc"), "--allocation", "allocation-epoch-1.json"]);
    await run(["reward", "--key", keyOf("svc"), "--csv", "users.csv"]);
    for (const u of U) expect(jetOf(k[u].address)).toBe(3_000n * JET);
    const c = await json(["ve", "create", "--key", keyOf("u1"), "--amount", "1000", "--lock-epochs", "292"]);
    expect(c.amountPack).toBe(String(1_000n * JET));
  }, 300_000);

  it("three users sell at different prices; the service market-buys across the three orders in one transaction", async () => {
    const made = await Promise.all([
      json(["exchange", "sell", "--key", keyOf("u1"), "--jet", "500", "--price", "0.30"]),
      json(["exchange", "sell", "--key", keyOf("u2"), "--jet", "500", "--price", "0.20"]),
      json(["exchange", "sell", "--key", keyOf("u3"), "--jet", "500", "--price", "0.25"]),
    ]);
    const book = await json(["exchange", "book"]);
    expect(JSON.stringify(book)).toContain("0.2");
    expect(ordersAt()).toHaveLength(3);
    // nothing priced above 0.25 is taken: only two orders, 1,000 Jet, are available
    const refused = await jetpack(["exchange", "market-buy", "--key", keyOf("svc"), "--jet", "1200", "--max-price", "0.25", "--quiet"], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trimEnd()).toMatch(/^jetpack exchange-market-buy: error: the book fills only 1,000\.000000 Jet of 1,200\.000000 Jet within the limit of 0\.25 ADA per Jet in one transaction/);
    const svcJet = jetOf(k.svc.address);
    const m = await json(["exchange", "market-buy", "--key", keyOf("svc"), "--jet", "1200", "--max-price", "0.3"]);
    expect(m.transactions).toHaveLength(1);
    expect(m.fills.map((f: { order: string; jetPack: string }) => [f.order, f.jetPack])).toEqual([
      [made[1].order, String(500n * JET)],
      [made[2].order, String(500n * JET)],
      [made[0].order, String(200n * JET)],
    ]);
    expect(m.jetBoughtPack).toBe(String(1_200n * JET));
    // 500 × 0.20 + 500 × 0.25 + 200 × 0.30 = 285 ADA to the makers, 0.855 ADA fee to the treasury
    expect(m.lovelacePaid).toBe(String(285n * ADA));
    expect(m.feeLovelace).toBe("855000");
    expect(jetOf(k.svc.address)).toBe(svcJet + 1_200n * JET);
    expect(ordersAt()).toHaveLength(1); // u1's order continues with 300 Jet
  }, 300_000);

  it("the service's buy order is partly filled by a user and cancelled by the service", async () => {
    const b = await json(["exchange", "buy", "--key", keyOf("svc"), "--jet", "400", "--price", "0.2", "--min-jet", "10"]);
    const u2 = jetOf(k.u2.address);
    const f = await json(["exchange", "fill", "--key", keyOf("u2"), "--order", b.order, "--jet", "100"]);
    expect(f.fills).toMatchObject([{ order: b.order, side: "buy", jetPack: String(100n * JET), lovelace: String(20n * ADA), closes: false }]);
    expect(jetOf(k.u2.address)).toBe(u2 - 100n * JET);
    const mine = await json(["exchange", "orders", "--key", keyOf("svc")]);
    expect(JSON.stringify(mine)).toContain(b.order);
    const svcJet = jetOf(k.svc.address);
    await run(["exchange", "cancel", "--key", keyOf("svc"), "--order", b.order]);
    expect(jetOf(k.svc.address)).toBe(svcJet); // the 100 Jet reached the service with the fill
    expect(ordersAt()).toHaveLength(1);
  }, 300_000);

  it("a committed user pays an invoice in Jet with the 10 % discount, and the service's verification accepts it; a doctored invoice's payment is rejected with the shortfall", async () => {
    writeFileSync(join(dir, "inv-42.json"), JSON.stringify({ id: "INV-42", payTo: k.svc.address, priceLovelace: "100000000", rate: "0.25" }));
    writeFileSync(join(dir, "inv-42-doctored.json"), JSON.stringify({ id: "INV-42", payTo: k.svc.address, priceLovelace: "90000000", rate: "0.25" }));
    const q = await json(["payments", "quote", "--key", keyOf("u1"), "--invoice", "inv-42.json"]);
    expect(q).toMatchObject({ tierBps: "1000", jetPack: String(360n * JET) });
    const paid = await json(["pay", "--key", keyOf("u1"), "--invoice", "inv-42.json"]);
    expect(paid).toMatchObject({ invoice: "INV-42", in: "jet", tierBps: "1000", jetPack: String(360n * JET) });
    const ok1 = await run(["payments", "verify", "--tx", paid.transactions[0].hash, "--invoice", "inv-42.json"]);
    expect(ok1.stdout).toMatch(/^accepted: transaction [0-9a-f]{64} pays invoice INV-42 360\.000000 Jet \(due 360\.000000 Jet at a 1000 bps discount/);
    // u2 holds no commitment: 90 ADA at 0.25 = 360 Jet paid against a 100 ADA invoice due in full (400 Jet)
    const low = await json(["pay", "--key", keyOf("u2"), "--invoice", "inv-42-doctored.json"]);
    const r = await jetpack(["payments", "verify", "--tx", low.transactions[0].hash, "--invoice", "inv-42.json", "--quiet"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split("\n")).toEqual(["jetpack payments-verify: rejected: under-payment: 360000000 Pack paid, 400000000 Pack due at a 0 bps discount (short by 40000000 Pack = 40 Jet)"]);
  }, 300_000);
});
