/**
 * Every chain command can write its unsigned transaction instead of submitting (`--out`),
 * for a key kept offline: the operator writes the epoch's advance, signs and submits it
 * with `tx-sign` and `tx-submit`; a service does the same with its claim. Each command is
 * its own process against the devnet; nothing reaches the chain until `tx-submit`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAddressDetails } from "@lucid-evolution/lucid";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { jetpack, ok } from "./helpers.js";

let dir: string;
let devnet: Devnet;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jetpack-txout-"));
  devnet = await startDevnet({ wallets: 2, dir: join(dir, ".devnet"), blockIntervalMs: 0, clock: "manual" });
  ok(await jetpack(["init", "--key", ".devnet/wallet-0.sk", "--quiet"], dir));
  writeFileSync(join(dir, "services.json"), JSON.stringify({ "svc-1": getAddressDetails(devnet.wallets[1]!.address).paymentCredential!.hash }));
  writeFileSync(join(dir, "metrics-1.json"), JSON.stringify({ services: [{ id: "svc-1", m1: 10, m2: 1, m3: 1 }] }));
}, 300_000);

afterAll(async () => {
  await devnet?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const epochOf = async () => JSON.parse(ok(await jetpack(["status", "--json", "--quiet"], dir)).stdout).state.epoch;

describe("unsigned transactions from chain commands (--out)", () => {
  it("the operator writes the advance unsigned, then signs and submits it", async () => {
    const w = JSON.parse(ok(await jetpack(["epoch-advance", "--key", ".devnet/wallet-0.sk", "--metrics", "metrics-1.json", "--services", "services.json", "--out", "advance.tx.json", "--json", "--quiet"], dir)).stdout);
    expect(w.transactions.every((t: { submitted: boolean }) => !t.submitted)).toBe(true);
    expect(existsSync(join(dir, "advance.tx.json"))).toBe(true);
    expect(existsSync(join(dir, "allocation-epoch-1.json"))).toBe(true); // published beside the transaction
    expect(String(await epochOf())).toBe("0"); // nothing submitted
    const env = JSON.parse(readFileSync(join(dir, "advance.tx.json"), "utf8"));
    expect(env.type).toMatch(/Unwitnessed Tx ConwayEra/);
    ok(await jetpack(["tx-sign", "--tx", "advance.tx.json", "--key", ".devnet/wallet-0.sk", "--quiet"], dir));
    ok(await jetpack(["tx-submit", "--tx", "advance.tx.json", "--quiet"], dir));
    expect(String(await epochOf())).toBe("1");
  }, 300_000);

  it("a deployer writes the eight init transactions unsigned, then signs and submits them in order", async () => {
    const before = JSON.parse(ok(await jetpack(["keys-show", "--key", ".devnet/wallet-1.sk", "--json", "--quiet"], dir)).stdout).lovelace;
    ok(await jetpack(["init", "--key", ".devnet/wallet-1.sk", "--deployment", "second.json", "--out", "init.tx.json", "--quiet"], dir));
    const files = Array.from({ length: 8 }, (_, i) => `init.tx-${i + 1}.json`);
    for (const f of files) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(existsSync(join(dir, "second.json"))).toBe(true);
    expect(JSON.parse(ok(await jetpack(["keys-show", "--key", ".devnet/wallet-1.sk", "--json", "--quiet"], dir)).stdout).lovelace).toBe(before); // nothing submitted
    for (const f of files) {
      ok(await jetpack(["tx-sign", "--tx", f, "--key", ".devnet/wallet-1.sk", "--quiet"], dir));
      ok(await jetpack(["tx-submit", "--tx", f, "--quiet"], dir));
    }
    const st = JSON.parse(ok(await jetpack(["status", "--deployment", "second.json", "--json", "--quiet"], dir)).stdout);
    expect(String(st.state.epoch)).toBe("0");
  }, 600_000);

  it("a service writes its claim unsigned, then signs and submits it", async () => {
    ok(await jetpack(["claim", "--key", ".devnet/wallet-1.sk", "--allocation", "allocation-epoch-1.json", "--out", "claim.tx.json", "--quiet"], dir));
    const locksBefore = JSON.parse(ok(await jetpack(["locks", "--json", "--quiet"], dir)).stdout);
    expect(locksBefore.count).toBe(0);
    const shown = ok(await jetpack(["tx-show", "--tx", "claim.tx.json", "--offline"], dir));
    expect(shown.stdout).toMatch(/JetLock/);
    ok(await jetpack(["tx-sign", "--tx", "claim.tx.json", "--key", ".devnet/wallet-1.sk", "--quiet"], dir));
    ok(await jetpack(["tx-submit", "--tx", "claim.tx.json", "--quiet"], dir));
    const locks = JSON.parse(ok(await jetpack(["locks", "--json", "--quiet"], dir)).stdout);
    expect(locks.count).toBe(1);
  }, 300_000);
});
