/**
 * Adversarial readers (finding: anyone can put a copy of a pool's datum, or of a service's
 * lock datum, at the script addresses, and the CLI used to check one UTxO and build on
 * another). Before the victim acts, an attacker plants at the pool address a copy of the
 * victim's pool datum without Jet and a copy with the victim's bit already set, and at the
 * lock address 100 zero-Jet "locks" with the victim's datum. `jetpack claim` and `jetpack
 * reward`, each run as its own process against the devnet, still succeed: the readers only
 * trust UTxOs holding the protocol's JetPool and JetLock tokens, which no copy can carry.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAddressDetails, type LucidEvolution } from "@lucid-evolution/lucid";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { isBitSet, setBit } from "../../offchain/bitmap.js";
import { decodePool, encodeLock, encodePool } from "../../offchain/codec/data.js";
import { protocolFromDeployment, readDeployment } from "../../offchain/net/deployment.js";
import type { Protocol } from "../../offchain/protocol.js";
import { jetpack, ok } from "./helpers.js";

let dir: string;
let devnet: Devnet;
let lucid: LucidEvolution;
let p: Protocol;
let victim: string;
let victimIndex: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jetpack-readers-"));
  devnet = await startDevnet({ wallets: 5, dir: join(dir, ".devnet"), blockIntervalMs: 0, clock: "manual" });
  ok(await jetpack(["init", "--key", ".devnet/wallet-0.sk", "--quiet"], dir));
  const pkh = (i: number) => getAddressDetails(devnet.wallets[i]!.address).paymentCredential!.hash;
  victim = pkh(1);
  writeFileSync(join(dir, "services.json"), JSON.stringify({ "svc-1": victim, "svc-2": pkh(2) }));
  writeFileSync(join(dir, "metrics-1.json"), JSON.stringify({ services: [{ id: "svc-1", m1: 100, m2: 10, m3: 10 }, { id: "svc-2", m1: 50, m2: 10, m3: 10 }] }));
  ok(await jetpack(["epoch-advance", "--key", ".devnet/wallet-0.sk", "--metrics", "metrics-1.json", "--services", "services.json", "--quiet"], dir));
  victimIndex = (JSON.parse(readFileSync(join(dir, "allocation-epoch-1.json"), "utf8")) as { entries: { id: string; index: number }[] }).entries.find((e) => e.id === "svc-1")!.index;
  p = protocolFromDeployment(readDeployment(join(dir, "jetpack-deployment.json")));
  const { Blockfrost, Lucid } = await import("@lucid-evolution/lucid");
  lucid = await Lucid(new Blockfrost(devnet.url, devnet.projectId), devnet.network);
  lucid.selectWallet.fromPrivateKey(readFileSync(join(dir, ".devnet/wallet-4.sk"), "utf8").trim()); // the attacker
}, 300_000);

afterAll(async () => {
  await devnet?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("copies planted at the pool and lock addresses before the victim acts", () => {
  it("jetpack claim still succeeds beside a pool datum copy without Jet and one with the victim's bit set", async () => {
    const [real] = await lucid.utxosAtWithUnit(p.pool.address, p.units.poolToken);
    const d = decodePool(real!.datum!);
    const copies = [encodePool(d), encodePool({ ...d, bitmap: setBit(d.bitmap, victimIndex) })];
    let tx = lucid.newTx();
    for (const datum of copies) tx = tx.pay.ToContract(p.pool.address, { kind: "inline", value: datum }, { lovelace: 2_000_000n });
    await lucid.awaitTx(await (await (await tx.complete()).sign.withWallet().complete()).submit());
    expect(await lucid.utxosAt(p.pool.address)).toHaveLength(3);

    const r = await jetpack(["claim", "--key", ".devnet/wallet-1.sk", "--allocation", "allocation-epoch-1.json", "--json", "--quiet"], dir);
    expect(r.code, r.stderr.slice(-600)).toBe(0);
    const [pool] = await lucid.utxosAtWithUnit(p.pool.address, p.units.poolToken);
    expect(isBitSet(decodePool(pool!.datum!).bitmap, victimIndex)).toBe(true);
    const [lock] = await lucid.utxosAtWithUnit(p.lock.address, p.units.lockToken);
    expect(lock!.assets[p.units.jet]).toBeGreaterThan(0n);
    // the copies are still there, untouched
    expect((await lucid.utxosAt(p.pool.address)).filter((u) => !u.assets[p.units.poolToken])).toHaveLength(2);
  }, 300_000);

  it("jetpack reward still pays users beside 100 zero-Jet copies of the victim's lock", async () => {
    let tx = lucid.newTx();
    for (let i = 0; i < 100; i++) tx = tx.pay.ToContract(p.lock.address, { kind: "inline", value: encodeLock({ owner: victim }) }, { lovelace: 1_500_000n });
    await lucid.awaitTx(await (await (await tx.complete()).sign.withWallet().complete()).submit());
    expect((await lucid.utxosAt(p.lock.address)).length).toBe(101);
    const users = [devnet.wallets[2]!.address, devnet.wallets[3]!.address];
    writeFileSync(join(dir, "users.csv"), ["address,amount", ...users.map((a) => `${a},1`)].join("\n") + "\n");
    const r = await jetpack(["reward", "--key", ".devnet/wallet-1.sk", "--csv", "users.csv", "--json", "--quiet"], dir);
    expect(r.code, r.stderr.slice(-600)).toBe(0);
    expect(JSON.parse(r.stdout).payouts).toBe(2);
    for (const a of users) expect((await lucid.utxosAt(a)).some((u) => u.assets[p.units.jet] === 1_000_000n)).toBe(true);
    expect((await lucid.utxosAt(p.lock.address)).filter((u) => !u.assets[p.units.lockToken])).toHaveLength(100);
  }, 300_000);
});
