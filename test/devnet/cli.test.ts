/**
 * `jetpack devnet` as a separate process: it writes devnet.json and 0600 wallet files,
 * serves the Blockfrost API to a client in this process, keeps secrets off the terminal,
 * reuses its wallets on restart and stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Blockfrost, Lucid } from "@lucid-evolution/lucid";
import type { DevnetFile } from "../../offchain/devnet/wallets.js";
import { BUILTIN_COMMANDS } from "../../offchain/cli/commands/index.js";
import { devnetAdvance, devnetInfo } from "../../offchain/devnet/client.js";

const ROOT = resolve(import.meta.dirname, "../..");
const children: ChildProcess[] = [];
const dirs: string[] = [];

/** Starts the command; resolves once it prints its "running" line (bounded wait). */
function startCli(entry: string[], dir: string, extra: string[] = []): Promise<{ child: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, [...entry, "--port", "0", "--dir", dir, "--wallets", "2", "--block-interval-ms", "0", ...extra], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let err = "";
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  return new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`devnet did not start in 60 s; stderr:\n${err}`)), 60_000);
    child.stderr!.on("data", (d) => {
      err += d;
      if (err.includes("devnet: running")) {
        clearTimeout(t);
        res({ child, stderr: () => err + out });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(t);
      rej(new Error(`devnet exited early with ${code}; stderr:\n${err}`));
    });
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  return new Promise((res, rej) => {
    if (child.exitCode !== null) return res(child.exitCode);
    const t = setTimeout(() => rej(new Error("devnet did not stop within 15 s")), 15_000);
    child.once("exit", (code) => {
      clearTimeout(t);
      res(code);
    });
    child.kill(signal);
  });
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function exercise(entry: string[]) {
  const dir = await mkdtemp(join(tmpdir(), "jetpack-devnet-"));
  dirs.push(dir);
  const { child, stderr } = await startCli(entry, dir);
  const info = JSON.parse(await readFile(join(dir, "devnet.json"), "utf8")) as DevnetFile;
  expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v0$/);
  expect(stderr()).toContain(info.url);
  expect(info.wallets).toHaveLength(2);
  expect((await stat(dir)).mode & 0o777).toBe(0o700);
  const secrets: string[] = [];
  for (const w of info.wallets) {
    expect((await stat(w.file)).mode & 0o777).toBe(0o600);
    secrets.push((await readFile(w.file, "utf8")).trim());
  }
  expect(secrets[0]).toMatch(/^ed25519_sk1/);

  // A client in this process, through the real provider.
  const lucid = await Lucid(new Blockfrost(info.url, info.projectId), "Preprod");
  lucid.selectWallet.fromPrivateKey(secrets[0]!);
  expect(await lucid.wallet().address()).toBe(info.wallets[0]!.address);
  const tx = await lucid.newTx().pay.ToAddress(info.wallets[1]!.address, { lovelace: 9_000_000n }).complete();
  const hash = await (await tx.sign.withWallet().complete()).submit();
  expect(await lucid.awaitTx(hash, 50)).toBe(true);
  expect((await lucid.utxosAt(info.wallets[1]!.address)).some((u) => u.txHash === hash)).toBe(true);
  const t0 = (await devnetInfo(info.url, info.projectId)).time;
  expect((await devnetAdvance(info.url, info.projectId, { ms: 432_000_000 })).time).toBeGreaterThanOrEqual(t0 + 432_000_000);

  expect(await stop(child)).toBe(0);
  const log = stderr();
  expect(log).toContain("devnet: stopped (SIGTERM)");
  for (const s of secrets) expect(log).not.toContain(s);
  expect(log).not.toMatch(/devnet: (GET|POST) /); // requests are logged only with --verbose

  // Restart on the same folder, with --verbose: same wallets, funded again from genesis.
  const again = await startCli(entry, dir, ["--verbose"]);
  const info2 = JSON.parse(await readFile(join(dir, "devnet.json"), "utf8")) as DevnetFile;
  expect(info2.wallets.map((w) => w.address)).toEqual(info.wallets.map((w) => w.address));
  await devnetInfo(info2.url, info2.projectId);
  expect(await stop(again.child, "SIGINT")).toBe(0);
  expect(again.stderr()).toMatch(/devnet: GET \S+ 200/);
}

describe("jetpack devnet (separate process)", () => {
  it("runs as `tsx offchain/devnet/cli.ts`", async () => {
    await exercise(["--import", "tsx", "offchain/devnet/cli.ts"]);
  });

  // devnetCommand is in BUILTIN_COMMANDS (offchain/cli/commands/index.ts); never skipped.
  it("runs as `jetpack devnet` (bin/jetpack.js)", async () => {
    expect(BUILTIN_COMMANDS.some((c) => c.name === "devnet")).toBe(true);
    await exercise(["bin/jetpack.js", "devnet"]);
  });

  it("rejects bad flags with exit code 2", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "offchain/devnet/cli.ts", "--wallet-type", "bogus"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let err = "";
    child.stderr!.on("data", (d) => (err += d));
    const code = await new Promise<number | null>((res) => child.once("exit", res));
    expect(code).toBe(2);
    expect(err).toMatch(/^jetpack devnet: error: flag --wallet-type/);
  });
});
