/**
 * An unverified deployment is refused (finding: genesis writes whatever pool and lock
 * script hashes its deployer chooses, and no script can check them). Here the deployer ran
 * genesis with a foreign "pool" script (another script's code in its blueprint), so the
 * config on chain names that script; then published a deployment file that shows the
 * genuine validators (self-consistent: its hashes are what its validators give). `status`
 * and `claim`, run as separate processes against the devnet, recompute the hashes, read
 * the config and refuse with both values; nothing is submitted.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { instantiate } from "../../offchain/protocol.js";
import type { DeploymentFile } from "../../offchain/net/deployment.js";
import { jetpack, ok, REPO } from "./helpers.js";

let dir: string;
let devnet: Devnet;
let genuinePool: string;
let foreignPool: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jetpack-foreign-"));
  devnet = await startDevnet({ wallets: 2, dir: join(dir, ".devnet"), blockIntervalMs: 0, clock: "manual" });
  // The deployer's blueprint: the lock's code stands in for the pool.
  const bp = JSON.parse(readFileSync(join(REPO, "plutus.json"), "utf8"));
  const lock = bp.validators.find((v: { title: string }) => v.title === "lock.lock.spend");
  for (const v of bp.validators) if (v.title.startsWith("pool.")) Object.assign(v, { compiledCode: lock.compiledCode, hash: lock.hash });
  writeFileSync(join(dir, "evil.json"), JSON.stringify(bp));
  ok(await jetpack(["init", "--key", ".devnet/wallet-0.sk", "--blueprint", "evil.json", "--quiet"], dir));
  writeFileSync(join(dir, "services.json"), JSON.stringify({ "svc-1": await walletPkh(1) }));
  writeFileSync(join(dir, "metrics-1.json"), JSON.stringify({ services: [{ id: "svc-1", m1: 10, m2: 1, m3: 1 }] }));
  ok(await jetpack(["epoch-advance", "--key", ".devnet/wallet-0.sk", "--metrics", "metrics-1.json", "--services", "services.json", "--quiet"], dir));
  // The published file shows the genuine pool validator instead, with its true hash.
  const file = join(dir, "jetpack-deployment.json");
  const d = JSON.parse(readFileSync(file, "utf8")) as DeploymentFile;
  foreignPool = d.scripts.pool.hash;
  const real = JSON.parse(readFileSync(join(REPO, "plutus.json"), "utf8")).validators.find((v: { title: string }) => v.title === "pool.pool.spend").compiledCode as string;
  const [txHash, idx] = d.seed.split("#");
  const p = instantiate({ ...d.validators, pool: real }, { seed: { txHash: txHash!, outputIndex: Number(idx) }, genesisTimeMs: BigInt(d.genesisTimeMs), network: "Preprod" });
  genuinePool = p.pool.hash;
  d.validators.pool = real;
  d.scripts.pool = { ...d.scripts.pool, hash: p.pool.hash, address: p.pool.address };
  writeFileSync(file, JSON.stringify(d, null, 2));
}, 300_000);

afterAll(async () => {
  await devnet?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function walletPkh(i: number): Promise<string> {
  const { getAddressDetails } = await import("@lucid-evolution/lucid");
  return getAddressDetails(devnet.wallets[i]!.address).paymentCredential!.hash;
}

describe("a deployment whose config names another pool script", () => {
  it("status refuses it, naming both script hashes", async () => {
    expect(genuinePool).not.toBe(foreignPool);
    const r = await jetpack(["status"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`names pool script ${foreignPool}`);
    expect(r.stderr).toContain(`deployment's pool script is ${genuinePool}`);
  });

  it("claim refuses it before building anything, naming both script hashes", async () => {
    const before = devnet.chain.txs.size;
    const r = await jetpack(["claim", "--key", ".devnet/wallet-1.sk", "--allocation", "allocation-epoch-1.json", "--quiet"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`names pool script ${foreignPool}`);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(devnet.chain.txs.size).toBe(before);
  });
});
