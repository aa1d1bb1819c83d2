// Budgets of the deployed (silent) library functions, evaluated by the compiler's UPLC
// machine on real arguments (bench/onchain.ts). These are correctness bounds (docs/design.md
// targets), not timings.
import { describe, expect, it } from "vitest";
import { measureOnchain, TARGETS, type OnchainBench } from "../../bench/onchain.js";

describe("on-chain budgets (aiken uplc eval, silent build)", () => {
  let r: OnchainBench;

  it("measures", async () => {
    r = await measureOnchain({ quick: true });
    console.log(
      `emission ${JSON.stringify(r.emission.regular)} remainder ${JSON.stringify(r.emission.remainder)}; ` +
        `merkle depth ${r.merkle.depth} ${JSON.stringify(r.merkle.verifyRange.max)}; sizes ${JSON.stringify(r.sizes)}`,
    );
  }, 300_000);

  it("emission(t) ≤ 12 M CPU and ≤ 35 k memory for every sampled epoch, including 1, 724, 2775, 2776", () => {
    for (const t of [1, 724, 2775, 2776]) expect(r.emission.epochs).toContain(t);
    for (const [t, s] of Object.entries(r.emission.byEpoch)) {
      expect(s.steps, `epoch ${t}`).toBeLessThanOrEqual(TARGETS.emission.steps);
      expect(s.mem, `epoch ${t}`).toBeLessThanOrEqual(TARGETS.emission.mem);
    }
  });

  it("Merkle verify at depth 17 (a 70,000-leaf tree) ≤ 45 M CPU and ≤ 130 k memory", () => {
    expect(r.merkle.depth).toBe(17);
    for (const [i, s] of Object.entries(r.merkle.verify)) {
      expect(s.steps, `leaf ${i}`).toBeLessThanOrEqual(TARGETS.merkleDepth17.steps);
      expect(s.mem, `leaf ${i}`).toBeLessThanOrEqual(TARGETS.merkleDepth17.mem);
    }
    expect(r.withinTargets).toBe(true);
  });
});
