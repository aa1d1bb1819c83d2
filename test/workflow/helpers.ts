/**
 * Helpers of the end-to-end workflow tests: the `jetpack` executable as a separate process,
 * key files in each supported format, generated metrics, and a small concurrency limiter.
 */
import { execFile } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CML, generateSeedPhrase, walletFromSeed } from "@lucid-evolution/lucid";

export const REPO = resolve(import.meta.dirname, "../..");
export const BIN = join(REPO, "bin/jetpack.js");

export interface Run {
  argv: string[];
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Every run's output, to check at the end that no secret was ever printed. */
export const allOutput: string[] = [];

/** The environment of a child: the parent's, minus anything JetPack or a provider would read. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(JETPACK_|BLOCKFROST_|MAESTRO_|KOIOS_|KUPO_|OGMIOS_)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Runs `node bin/jetpack.js …argv` in `cwd` as its own process. */
export function jetpack(argv: string[], cwd: string, env: NodeJS.ProcessEnv = childEnv({ JETPACK_NETWORK: "local" })): Promise<Run> {
  // The compiled CLI, as installed (test/setup/build-dist.ts keeps dist/ fresh).
  env = { JETPACK_CLI: "dist", ...env };
  const t0 = Date.now();
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...argv], { cwd, env, maxBuffer: 256 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      allOutput.push(stdout, stderr);
      done({ argv, code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/**
 * A rejected run against a devnet: exit 2, one line on stderr matching `expected`, nothing
 * on stdout, and nothing submitted (the devnet's transaction count and mempool unchanged).
 */
export async function expectRejectedRun(chain: { txs: { size: number }; pendingCount: number }, cwd: string, argv: string[], expected: RegExp): Promise<Run> {
  const { expect } = await import("vitest");
  const before = chain.txs.size;
  const r = await jetpack([...argv, "--quiet"], cwd);
  expect(r.stdout, r.stderr).toBe("");
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trimEnd().split("\n"), r.stderr).toHaveLength(1);
  expect(r.stderr.trimEnd()).toMatch(expected);
  expect(chain.txs.size).toBe(before);
  expect(chain.pendingCount).toBe(0);
  return r;
}

/** Throws with the process's output unless it exited 0. */
export function ok(r: Run): Run {
  if (r.code !== 0) throw new Error(`jetpack ${r.argv.join(" ")} exited ${r.code}:\n${r.stderr}\n${r.stdout.slice(0, 2000)}`);
  return r;
}

export interface KeyFile {
  file: string;
  kind: "bech32" | "text-envelope" | "seed";
  pkh: string;
  address: string; // testnet wallet address
  secret: string; // what must never be printed
  /** Devnet genesis wallet spec for funding this key. */
  spec: { kind: "privateKey"; privateKey: string } | { kind: "seed"; seedPhrase: string };
}

const enterprise = (pkh: CML.Ed25519KeyHash) => CML.EnterpriseAddress.new(0, CML.Credential.new_pub_key(pkh)).to_address().to_bech32(undefined);

/** A fresh key written to `file` (mode 0600) in the given format. */
export function makeKeyFile(file: string, kind: KeyFile["kind"]): KeyFile {
  if (kind === "seed") {
    const phrase = generateSeedPhrase();
    const w = walletFromSeed(phrase, { addressType: "Base", accountIndex: 0, network: "Preprod" });
    writeFileSync(file, phrase + "\n", { mode: 0o600 });
    chmodSync(file, 0o600);
    const pkh = CML.PrivateKey.from_bech32(w.paymentKey).to_public().hash().to_hex();
    return { file, kind, pkh, address: w.address, secret: phrase.split(" ").slice(0, 6).join(" "), spec: { kind: "seed", seedPhrase: phrase } };
  }
  const sk = CML.PrivateKey.generate_ed25519();
  const bech = sk.to_bech32();
  const cborHex = "5820" + Buffer.from(sk.to_raw_bytes()).toString("hex");
  const text = kind === "bech32" ? bech + "\n" : JSON.stringify({ type: "PaymentSigningKeyShelley_ed25519", description: "Payment Signing Key", cborHex }, null, 4) + "\n";
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
  const pkh = sk.to_public().hash();
  return { file, kind, pkh: pkh.to_hex(), address: enterprise(pkh), secret: kind === "bech32" ? bech : cborHex.slice(4), spec: { kind: "privateKey", privateKey: bech } };
}

/** A key hash and address without a file (services that never sign here, users). */
export function makeKeyHash(): { pkh: string; address: string } {
  const pkh = CML.PrivateKey.generate_ed25519().to_public().hash();
  return { pkh: pkh.to_hex(), address: enterprise(pkh) };
}

/** Deterministic pseudo-random numbers in [0, 1). */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

/** Metrics of `ids` for one epoch (some zeros, different every epoch). */
export function metricsFor(ids: readonly string[], epoch: number): { services: { id: string; m1: number; m2: number; m3: number }[] } {
  const r = prng(1000 + epoch * 7919);
  return {
    services: ids.map((id) => ({
      id,
      m1: r() < 0.05 ? 0 : Math.floor(r() * 100_000),
      m2: Math.floor(r() * 500),
      m3: r() < 0.1 ? 0 : Math.floor(r() * 20_000),
    })),
  };
}

/** Runs the tasks with at most `limit` at a time; resolves to their results in order. */
export async function limited<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return out;
}
