/**
 * Keys and devnet time from the CLI, each command its own process: `keys-new` writes a key
 * file only its owner can read and prints its address and key hash (never the secret);
 * `keys-show` prints the same facts and the balance the devnet holds for it; `devnet-time`
 * shows and moves the devnet's chain time. Bad input: one line, exit 2.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { allOutput, jetpack, ok } from "./helpers.js";

let dir: string;
let devnet: Devnet;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jetpack-keys-"));
  devnet = await startDevnet({ wallets: 1, dir: join(dir, ".devnet"), blockIntervalMs: 0, clock: "manual" });
}, 120_000);

afterAll(async () => {
  await devnet?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("keys", () => {
  it("an operator creates a key file (mode 0600) and sees its address, key hash and balance, never the secret", async () => {
    const made = JSON.parse(ok(await jetpack(["keys-new", "--out", "op.sk", "--json"], dir)).stdout);
    expect(statSync(join(dir, "op.sk")).mode & 0o777).toBe(0o600);
    const secret = readFileSync(join(dir, "op.sk"), "utf8").trim();
    expect(secret).toMatch(/^ed25519_sk1/);
    expect(made.keyHash).toMatch(/^[0-9a-f]{56}$/);

    // fund it from the devnet's wallet, then keys-show reads the balance
    const { Blockfrost, Lucid } = await import("@lucid-evolution/lucid");
    const lucid = await Lucid(new Blockfrost(devnet.url, devnet.projectId), devnet.network);
    lucid.selectWallet.fromPrivateKey(readFileSync(join(dir, ".devnet/wallet-0.sk"), "utf8").trim());
    const tx = await lucid.newTx().pay.ToAddress(made.address, { lovelace: 7_000_000n }).complete();
    await lucid.awaitTx(await (await tx.sign.withWallet().complete()).submit());
    const shown = JSON.parse(ok(await jetpack(["keys-show", "--key", "op.sk", "--json", "--quiet"], dir)).stdout);
    expect(shown).toMatchObject({ keyHash: made.keyHash, address: made.address, lovelace: "7000000", jetPack: null });
    for (const o of allOutput) expect(o).not.toContain(secret);
  }, 120_000);

  it("keys-new never overwrites a key file", async () => {
    const r = await jetpack(["keys-new", "--out", "op.sk"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/key file op\.sk already exists/);
  });
});

describe("devnet time", () => {
  it("devnet-time shows the chain time and moves it one epoch forward", async () => {
    const before = JSON.parse(ok(await jetpack(["devnet-time", "--json"], dir)).stdout);
    const after = JSON.parse(ok(await jetpack(["devnet-time", "--advance", "1epoch", "--json"], dir)).stdout);
    expect(after.time - before.time).toBe(432_000_000);
    expect(after.advancedMs).toBe(432_000_000);
  });

  it("devnet-time refuses a malformed duration and a time in the past", async () => {
    const bad = await jetpack(["devnet-time", "--advance", "5x"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/flag --advance: expected a duration/);
    const past = await jetpack(["devnet-time", "--to", "2001-01-01T00:00:00Z"], dir);
    expect(past.code).toBe(2);
    expect(past.stderr.trim().split("\n")).toHaveLength(1);
    expect(past.stderr).toMatch(/time never goes back/);
  });
});
