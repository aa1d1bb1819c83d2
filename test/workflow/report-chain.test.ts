/**
 * `jetpack report --deployment` against the devnet, every command its own process: init;
 * epoch 1 advanced for three services; one claims, the window passes, `jetpack sweep` burns
 * the other two allocations; epoch 2 advanced (its f_total = emission(2) + undistributed(1) +
 * what the sweep burned: the chain's, which a replayed simulation cannot know); one service
 * claims in epoch 2. Then the report's current figures equal `jetpack status`'s to the Pack,
 * its history holds the chain's f_total, sweeps and claims, and bad input (with --input,
 * --epoch beyond the chain's, a tampered allocation file) is one line on stderr, exit 2.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAddressDetails } from "@lucid-evolution/lucid";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { emissionPack, scheduledThrough } from "../../offchain/economics/emission.js";
import { blake2b256Hex } from "../../offchain/merkle/index.js";
import { jetpack, ok, type Run } from "./helpers.js";

const DAY = 86_400_000;
const DEPLOYMENT = "jetpack-deployment.json";

let dir: string;
let devnet: Devnet;
const advanced: Record<number, { fTotalPack: string; distributedPack: string }> = {};
let burnedPack = 0n;
let claimed2Pack = 0n;

/** One line on stderr, nothing on stdout, exit 2. */
function rejected(r: Run, message: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^jetpack report: error: /);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr.trimEnd()).toMatch(message);
}

const report = (argv: string[]) => jetpack(["report", "--deployment", DEPLOYMENT, "--quiet", ...argv], dir);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jetpack-report-chain-"));
  devnet = await startDevnet({ wallets: 5, dir: join(dir, ".devnet"), blockIntervalMs: 0, clock: "manual" });
  ok(await jetpack(["init", "--key", ".devnet/wallet-0.sk", "--quiet"], dir));
  const pkh = (i: number) => getAddressDetails(devnet.wallets[i]!.address).paymentCredential!.hash;
  writeFileSync(join(dir, "services.json"), JSON.stringify({ "svc-1": pkh(1), "svc-2": pkh(2), "svc-3": pkh(3) }));
  const metrics = (m: number[]) => ({ services: m.map((m1, i) => ({ id: `svc-${i + 1}`, m1, m2: 10, m3: 10 })) });
  writeFileSync(join(dir, "metrics-1.json"), JSON.stringify(metrics([100, 50, 20])));
  writeFileSync(join(dir, "metrics-2.json"), JSON.stringify(metrics([80, 60, 40])));
}, 300_000);

afterAll(async () => {
  await devnet?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function advance(epoch: number): Promise<void> {
  const r = ok(await jetpack(["epoch-advance", "--key", ".devnet/wallet-0.sk", "--metrics", `metrics-${epoch}.json`, "--services", "services.json", "--json", "--quiet"], dir));
  const out = JSON.parse(r.stdout);
  expect(out.epoch).toBe(epoch);
  advanced[epoch] = { fTotalPack: out.fTotalPack, distributedPack: out.distributedPack };
}

describe("jetpack report --deployment: the chain's figures, sweeps included", () => {
  it("epoch 1: advance, one claim, the window passes, the sweep burns the rest", async () => {
    await advance(1);
    ok(await jetpack(["claim", "--key", ".devnet/wallet-1.sk", "--allocation", "allocation-epoch-1.json", "--quiet"], dir));
    devnet.advance(3 * DAY + 15 * 60_000); // past the pools' expiry (advance validity end + 3-day window)
    const r = ok(await jetpack(["sweep", "--key", ".devnet/wallet-0.sk", "--json", "--quiet"], dir));
    burnedPack = BigInt(JSON.parse(r.stdout).burnedPack);
    const file1 = JSON.parse(readFileSync(join(dir, "allocation-epoch-1.json"), "utf8"));
    const svc1 = file1.entries.find((e: { id: string }) => e.id === "svc-1");
    expect(burnedPack).toBe(BigInt(advanced[1]!.distributedPack) - BigInt(svc1.amountPack));
    expect(burnedPack).toBeGreaterThan(0n);

    // the report of epoch 1 after the sweep: its pools are gone, the sweep shows
    const j = JSON.parse(ok(await report(["--json"])).stdout);
    expect(j.source).toBe("chain");
    expect(j.epoch).toBe(1);
    expect(j.epochReport).toMatchObject({ fTotalPack: String(emissionPack(1)), sweptPack: String(burnedPack), pools: null, allocationFile: { status: "unverified" } });
    expect(j.chain.sweptToDatePack).toBe(String(burnedPack));
  }, 600_000);

  it("epoch 2: f_total is emission(2) + undistributed(1) + swept(1); one service claims", async () => {
    devnet.advance(2 * DAY); // now past the start of epoch 2 (5 days after genesis)
    await advance(2);
    const undistributed1 = BigInt(advanced[1]!.fTotalPack) - BigInt(advanced[1]!.distributedPack);
    expect(BigInt(advanced[2]!.fTotalPack)).toBe(emissionPack(2) + undistributed1 + burnedPack);
    ok(await jetpack(["claim", "--key", ".devnet/wallet-1.sk", "--allocation", "allocation-epoch-2.json", "--quiet"], dir));
    const file2 = JSON.parse(readFileSync(join(dir, "allocation-epoch-2.json"), "utf8"));
    claimed2Pack = BigInt(file2.entries.find((e: { id: string }) => e.id === "svc-1").amountPack);
  }, 600_000);

  it("report --json equals status --json to the Pack, and holds the chain's history", async () => {
    const [r, s] = await Promise.all([report(["--json"]), jetpack(["status", "--json", "--quiet"], dir)]);
    const j = JSON.parse(ok(r).stdout);
    const st = JSON.parse(ok(s).stdout);
    expect(j.chain.epoch).toBe(st.state.epoch);
    expect(j.chain.scheduledPack).toBe(st.state.scheduledPack);
    expect(j.chain.mintedPack).toBe(st.state.mintedPack);
    expect(j.chain.carryOverPack).toBe(st.carryOverPack);
    expect(j.chain.nextEpoch.epoch).toBe(st.nextEpoch.epoch);
    expect(j.chain.nextEpoch.fTotalPack).toBe(st.nextEpoch.fTotalPack);
    expect(j.chain.poolsJetPack).toBe(st.poolsJetPack);
    expect(j.chain.locksJetPack).toBe(st.locks.jetPack);
    expect(j.genesisMs).toBe(Number(st.genesisTimeMs));
    expect(j.epoch).toBe(2);
    expect(j.chain.scheduledPack).toBe(String(scheduledThrough(2)));

    // epoch 2's f_total is the chain's: emission(2) + undistributed(1) + what the sweep burned
    const [h1, h2] = j.history;
    expect(h2.fTotalPack).toBe(advanced[2]!.fTotalPack);
    expect(BigInt(h2.fTotalPack)).toBe(emissionPack(2) + BigInt(h1.undistributedPack) + burnedPack);
    expect(BigInt(h2.carriedInPack)).toBe(BigInt(h1.undistributedPack) + BigInt(h1.sweptPack));
    expect(h1).toMatchObject({ sweptPack: String(burnedPack), distributedPack: advanced[1]!.distributedPack, allocationFile: { status: "unverified" }, pools: null });
    expect(h2).toMatchObject({ distributedPack: advanced[2]!.distributedPack, sweptPack: "0", allocationFile: { status: "verified", fileHash: blake2b256Hex(readFileSync(join(dir, "allocation-epoch-2.json"))) } });
    expect(j.chain.sweptToDatePack).toBe(String(burnedPack));
    expect(BigInt(j.chain.distributedToDatePack) - BigInt(j.chain.mintedPack)).toBe(burnedPack);
    // epoch 2's pools: svc-1 claimed, the rest still in the pools
    expect(j.epochReport.pools).toMatchObject({ claims: 1, claimedPack: String(claimed2Pack), unclaimedPack: String(BigInt(advanced[2]!.distributedPack) - claimed2Pack), expired: false });
    expect(j.epochReport.allocations.map((a: { id: string; claimed: boolean }) => [a.id, a.claimed]).sort()).toEqual([
      ["svc-1", true],
      ["svc-2", false],
      ["svc-3", false],
    ]);
    expect(j.missingAllocationFiles).toEqual([]);
    expect(j.checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);
  }, 300_000);

  it("report --out writes the page and its JSON twin; the page shows the zoom and the chain's f_total", async () => {
    const r = ok(await report(["--out", "reports", "--epoch", "2"]));
    expect(r.stdout).toBe("wrote reports/report-epoch-2.html\nwrote reports/report-epoch-2.json\n");
    const html = readFileSync(join(dir, "reports/report-epoch-2.html"), "utf8");
    const j = JSON.parse(readFileSync(join(dir, "reports/report-epoch-2.json"), "utf8"));
    expect(j.source).toBe("chain");
    expect(html).toContain('<circle id="zoom-marker"');
    expect(html).not.toMatch(/<script|<link|<img|src=|href=/i);
    const jet = (pack: string) => `${BigInt(pack) / 1_000_000n}`.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + pack.slice(-6);
    expect(html).toContain(`<div class="k">f_total(2)</div><div class="v">${jet(j.epochReport.fTotalPack)} Jet</div>`);
  }, 300_000);

  it("a missing allocation file is reported, not an error: its row has what the chain gives", async () => {
    mkdirSync(join(dir, "only-2"));
    copyFileSync(join(dir, "allocation-epoch-2.json"), join(dir, "only-2/allocation-epoch-2.json"));
    const j = JSON.parse(ok(await report(["--allocations", "only-2", "--json"])).stdout);
    expect(j.missingAllocationFiles).toEqual([1]);
    expect(j.history[0]).toMatchObject({ epoch: 1, emissionPack: String(emissionPack(1)), fTotalPack: null, sweptPack: null, allocationFile: { status: "missing" } });
    expect(j.history[1].fTotalPack).toBe(advanced[2]!.fTotalPack);
    expect(j.chain.sweptToDatePack).toBeNull();
    expect(j.chain.nextEpoch.fTotalPack).toBe(JSON.parse(ok(await jetpack(["status", "--json", "--quiet"], dir)).stdout).nextEpoch.fTotalPack);
  }, 300_000);

  it("bad input: with --input, --epoch beyond the chain's, a tampered allocation file → one line, exit 2", async () => {
    writeFileSync(join(dir, "sim.json"), JSON.stringify({ epochs: [{ services: [] }] }));
    mkdirSync(join(dir, "tampered"));
    copyFileSync(join(dir, "allocation-epoch-1.json"), join(dir, "tampered/allocation-epoch-1.json"));
    const text = readFileSync(join(dir, "allocation-epoch-2.json"), "utf8");
    writeFileSync(join(dir, "tampered/allocation-epoch-2.json"), text.replace('"id":"svc-2"', '"id":"svc-9"'));
    expect(readFileSync(join(dir, "tampered/allocation-epoch-2.json"), "utf8")).not.toBe(text);
    const [withInput, beyond, tampered] = await Promise.all([
      report(["--input", "sim.json", "--out", "bad-1"]),
      report(["--epoch", "3", "--out", "bad-2"]),
      report(["--allocations", "tampered", "--out", "bad-3"]),
    ]);
    rejected(withInput, /flags --deployment and --input are mutually exclusive/);
    rejected(beyond, /flag --epoch: the chain is at epoch 2; must be in 1…2, got 3$/);
    const pool = JSON.parse(ok(await jetpack(["status", "--json", "--quiet"], dir)).stdout).pools.find((p: { epoch: number }) => p.epoch === 2);
    rejected(tampered, new RegExp(`tampered/allocation-epoch-2\\.json: blake2b-256 [0-9a-f]{64} differs from the fileHash ${pool.fileHash} of epoch 2's pool \\(shard 0\\) on chain`));
    for (const d of ["bad-1", "bad-2", "bad-3"]) expect(existsSync(join(dir, d))).toBe(false);
  }, 300_000);
});
