/**
 * Claim contention (finding: services of one shard claim from the same pool UTxO; when two
 * claim at once, the second transaction spends a UTxO that is already gone). Twenty
 * `jetpack claim` processes are started at once for twenty services of ONE shard: each
 * one that loses the race waits for the shard's new pool UTxO and rebuilds on it, so all
 * twenty claims land and the pool's bitmap ends with all twenty bits set.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAddressDetails } from "@lucid-evolution/lucid";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { isBitSet } from "../../offchain/bitmap.js";
import { decodePool } from "../../offchain/codec/data.js";
import { jetpack, ok } from "./helpers.js";

const N = 20;
let dir: string;
let devnet: Devnet;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jetpack-contention-"));
  devnet = await startDevnet({ wallets: N + 1, dir: join(dir, ".devnet"), blockIntervalMs: 0, clock: "manual" });
  ok(await jetpack(["init", "--key", ".devnet/wallet-0.sk", "--quiet"], dir));
  const services: Record<string, string> = {};
  for (let i = 1; i <= N; i++) services[`svc-${i}`] = getAddressDetails(devnet.wallets[i]!.address).paymentCredential!.hash;
  writeFileSync(join(dir, "services.json"), JSON.stringify(services));
  writeFileSync(join(dir, "metrics-1.json"), JSON.stringify({ services: Object.keys(services).map((id, i) => ({ id, m1: 100 + i, m2: 10, m3: 10 })) }));
  ok(await jetpack(["epoch-advance", "--key", ".devnet/wallet-0.sk", "--metrics", "metrics-1.json", "--services", "services.json", "--leaves-per-shard", "32", "--quiet"], dir));
}, 300_000);

afterAll(async () => {
  await devnet?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("twenty services claim from one shard at the same moment", () => {
  it("every claim process succeeds: the ones that lose the race rebuild on the shard's new pool", async () => {
    const alloc = JSON.parse(readFileSync(join(dir, "allocation-epoch-1.json"), "utf8")) as { shards: unknown[]; entries: { id: string; index: number }[] };
    expect(alloc.shards).toHaveLength(1);
    const t0 = Date.now();
    const runs = await Promise.all(
      Array.from({ length: N }, (_, i) => jetpack(["claim", "--key", `.devnet/wallet-${i + 1}.sk`, "--allocation", "allocation-epoch-1.json"], dir)),
    );
    const retried = runs.filter((r) => r.stderr.includes("was spent by another claim")).length;
    console.log(`${N} concurrent claims on one shard: ${((Date.now() - t0) / 1000).toFixed(1)} s, ${retried} of them rebuilt at least once`);
    for (const r of runs) expect(r.code, r.stderr.slice(-600)).toBe(0);
    const poolUtxos = devnet.chain.confirmedUtxos().filter((u) => u.datum && u.address === JSON.parse(readFileSync(join(dir, "jetpack-deployment.json"), "utf8")).scripts.pool.address);
    expect(poolUtxos).toHaveLength(1);
    const bitmap = decodePool(poolUtxos[0]!.datum!).bitmap;
    for (const e of alloc.entries) expect(isBitSet(bitmap, e.index), e.id).toBe(true);
  }, 600_000);

describe("a service's locks spammed with 100 zero-Jet copies", () => {
  it("jetpack reward still pays its users: it spends only the locks it needs, the largest first", async () => {
    const { Blockfrost, Constr, Data, Lucid } = await import("@lucid-evolution/lucid");
    const lucid = await Lucid(new Blockfrost(devnet.url, devnet.projectId), devnet.network);
    lucid.selectWallet.fromPrivateKey(readFileSync(join(dir, ".devnet/wallet-0.sk"), "utf8").trim());
    const lockAddress = JSON.parse(readFileSync(join(dir, "jetpack-deployment.json"), "utf8")).scripts.lock.address as string;
    const victim = getAddressDetails(devnet.wallets[1]!.address).paymentCredential!.hash;
    let tx = lucid.newTx();
    for (let i = 0; i < 100; i++) tx = tx.pay.ToAddressWithData(lockAddress, { kind: "inline", value: Data.to(new Constr(0, [victim])) }, { lovelace: 1_500_000n });
    const signed = await (await tx.complete()).sign.withWallet().complete();
    await lucid.awaitTx(await signed.submit());
    expect((await lucid.utxosAt(lockAddress)).length).toBeGreaterThanOrEqual(100 + N);
    const users = Array.from({ length: 5 }, (_, i) => devnet.wallets[2 + i]!.address);
    writeFileSync(join(dir, "users.csv"), ["address,amount", ...users.map((a) => `${a},1`)].join("\n") + "\n");
    const r = await jetpack(["reward", "--key", ".devnet/wallet-1.sk", "--csv", "users.csv", "--json", "--quiet"], dir);
    expect(r.code, r.stderr.slice(-600)).toBe(0);
    expect(JSON.parse(r.stdout).payouts).toBe(5);
    // the planted copies are still there, untouched
    expect((await lucid.utxosAt(lockAddress)).filter((u) => !u.assets[Object.keys(u.assets).find((k) => k !== "lovelace") ?? ""]).length).toBeGreaterThanOrEqual(100);
  }, 300_000);
});
});
