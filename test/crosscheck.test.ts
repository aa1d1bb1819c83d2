import { describe, expect, it, vi } from "vitest";
import { emissionPack } from "../offchain/economics/emission.js";
import { runCrosscheck } from "../offchain/crosscheck.js";
import { cli, spawnCli } from "./cli/helpers.js";

describe("jetpack crosscheck", () => {
  it("the executable checks all 2,776 epochs, 12 levels, a 10,000-leaf tree and tampered proofs: ok, exit 0", async () => {
    const o = await spawnCli(["crosscheck", "--json"]);
    expect(o.stderr).toBe("");
    expect(o.code).toBe(0);
    const r = JSON.parse(o.stdout);
    expect(r).toMatchObject({
      epochsChecked: 2776,
      emissionMismatches: 0,
      levelsChecked: 12,
      levelMismatches: 0,
      proofMismatches: 0,
      ok: true,
    });
    expect(r.leafHashesChecked).toBeGreaterThanOrEqual(10_000);
    expect(r.proofsChecked).toBeGreaterThanOrEqual(256);
    expect(r.tamperedRejected).toBe(r.tamperedChecked);
    expect(r.tamperedChecked).toBeGreaterThan(0);
    console.log(`crosscheck: ${JSON.stringify(r.ms)}`);
  }, 300_000);

  it("reports a wrong SDK figure as a mismatch", () => {
    const r = runCrosscheck({ leaves: 20, proofs: 5, bitmaps: 10, emissionOf: (t) => emissionPack(t) + (t === 724 ? 1n : 0n) });
    expect(r.ok).toBe(false);
    expect(r.emissionMismatches).toBe(1);
    expect(r.mismatches[0]).toContain("emission(724)");
  }, 120_000);

  it("a failed cross-check exits 1 with the report on stderr", async () => {
    vi.doMock("../offchain/crosscheck.js", () => ({
      runCrosscheck: () => ({
        epochsChecked: 2776, emissionMismatches: 1, levelsChecked: 12, levelMismatches: 0, leafHashesChecked: 2, leafHashMismatches: 0,
        proofsChecked: 2, proofMismatches: 0, tamperedChecked: 2, tamperedRejected: 2, bitmapsChecked: 0, bitmapMismatches: 0,
        treeLeaves: 2, treeDepth: 1, mismatches: ["emission(724): on-chain 1, SDK 2"], ms: { total: 0 }, ok: false,
      }),
    }));
    try {
      const o = await cli(["crosscheck", "--json"]);
      expect(o.code).toBe(1);
      expect(o.stdout).toBe("");
      expect(o.stderr).toContain('"ok": false');
      expect(o.stderr).toContain("crosscheck failed: emission(724)");
    } finally {
      vi.doUnmock("../offchain/crosscheck.js");
    }
  });
});
