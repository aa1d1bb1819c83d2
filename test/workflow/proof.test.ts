/**
 * Allocation files hold leaves, not proofs (finding: ≈ 89 MB for 100,000 services with
 * every proof written out). `jetpack epoch-advance` allocates 100,000 services on the
 * devnet; the file it writes stays under 15 MB; `jetpack proof`, run as its own process,
 * rebuilds one service's proof and verifies it against the pool on chain; a tampered file
 * is refused in one line with exit 2.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { jetpack, ok } from "./helpers.js";

const N = 100_000;
let dir: string;
let devnet: Devnet;
const services: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jetpack-proof-"));
  devnet = await startDevnet({ wallets: 1, dir: join(dir, ".devnet"), blockIntervalMs: 0, clock: "manual" });
  ok(await jetpack(["init", "--key", ".devnet/wallet-0.sk", "--quiet"], dir));
  for (let i = 0; i < N; i++) services[`svc-${i}`] = randomBytes(28).toString("hex");
  writeFileSync(join(dir, "services.json"), JSON.stringify(services));
  writeFileSync(join(dir, "metrics-1.json"), JSON.stringify({ services: Object.keys(services).map((id, i) => ({ id, m1: 1 + (i % 997), m2: 1 + (i % 13), m3: 1 + (i % 7) })) }));
  ok(await jetpack(["epoch-advance", "--key", ".devnet/wallet-0.sk", "--metrics", "metrics-1.json", "--services", "services.json", "--quiet"], dir));
}, 600_000);

afterAll(async () => {
  await devnet?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("proofs are rebuilt from a 100,000-service allocation file", () => {
  it("the allocation file of 100,000 services holds every leaf in under 15 MB", () => {
    const bytes = statSync(join(dir, "allocation-epoch-1.json")).size;
    console.log(`allocation file of ${N} services: ${bytes} bytes`);
    expect(bytes).toBeLessThanOrEqual(15_000_000);
    const f = JSON.parse(readFileSync(join(dir, "allocation-epoch-1.json"), "utf8")) as { entries: unknown[] };
    expect(f.entries.length).toBeGreaterThan(0);
  });

  it("jetpack proof prints a service's entry and proof, verified against the pool on chain", async () => {
    const r = ok(await jetpack(["proof", "--allocation", "allocation-epoch-1.json", "--service", services["svc-77777"]!, "--json", "--quiet"], dir));
    const out = JSON.parse(r.stdout);
    expect(out.id).toBe("svc-77777");
    expect(out.proof).toHaveLength(11); // shards of 2,048 leaves
    expect(out.chain.verified).toBe(true);
    const text = ok(await jetpack(["proof", "--allocation", "allocation-epoch-1.json", "--id", "svc-5", "--offline"], dir));
    expect(text.stdout).toMatch(/verified against the file only/);
  }, 120_000);

  it("a tampered allocation file is refused in one line, exit 2", async () => {
    const f = JSON.parse(readFileSync(join(dir, "allocation-epoch-1.json"), "utf8")) as { entries: { id: string; amountPack: string }[] };
    const e = f.entries.find((x) => x.id === "svc-77777")!;
    e.amountPack = String(BigInt(e.amountPack) + 1n);
    writeFileSync(join(dir, "tampered.json"), JSON.stringify(f));
    const r = await jetpack(["proof", "--allocation", "tampered.json", "--id", "svc-77777"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/tampered\.json: .*give root .* the file records/);
    const unknown = await jetpack(["proof", "--allocation", "allocation-epoch-1.json", "--id", "nobody", "--offline"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no entry for service id "nobody"/);
  }, 120_000);
});
