// Budgets of the deployed (untraced) library functions, measured in the Lucid Emulator
// (bench/onchain.ts). These are correctness bounds (docs/design.md targets), not timings.
import { describe, expect, it } from "vitest";
import { measureOnchain, TARGETS, type OnchainBench } from "../../bench/onchain.js";

describe("on-chain budgets (Emulator ex-units, untraced build)", () => {
  let r: OnchainBench;

  it("measures", async () => {
    r = await measureOnchain({ quick: true });
    console.log(
      `emission net ${JSON.stringify(r.emission.regular)} remainder ${JSON.stringify(r.emission.remainder)}; ` +
        `merkle depth ${r.merkle.depth} net ${JSON.stringify(r.merkle.verifyRange.max)} probe ${JSON.stringify(r.merkle.verifyProbeRange.max)}; sizes ${JSON.stringify(r.sizes)}`,
    );
  }, 300_000);

  it("emission(t) ≤ 12 M CPU and ≤ 35 k memory for every sampled epoch, including 1, 724, 2775, 2776 (whole probe script)", () => {
    for (const t of [1, 724, 2775, 2776]) expect(r.emission.epochs).toContain(t);
    for (const [t, s] of Object.entries(r.emission.byEpoch)) {
      expect(s.probe.steps, `epoch ${t}`).toBeLessThanOrEqual(TARGETS.emission.steps);
      expect(s.probe.mem, `epoch ${t}`).toBeLessThanOrEqual(TARGETS.emission.mem);
    }
  });

  it("Merkle verify at depth 17 (100,000 leaves) ≤ 45 M CPU and ≤ 130 k memory (whole probe script)", () => {
    expect(r.merkle.depth).toBe(17);
    for (const [i, s] of Object.entries(r.merkle.verify)) {
      expect(s.probe.steps, `leaf ${i}`).toBeLessThanOrEqual(TARGETS.merkleDepth17.steps);
      expect(s.probe.mem, `leaf ${i}`).toBeLessThanOrEqual(TARGETS.merkleDepth17.mem);
    }
    expect(r.withinTargets).toBe(true);
  });
});
