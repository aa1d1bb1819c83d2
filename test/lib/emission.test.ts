import { describe, expect, it } from "vitest";
import { EPOCHS, aFixedPoint, cumulativePack, emissionPack } from "../../offchain/economics/emission.js";
import { emissionAFixedPoint, makeEmission } from "../../lib/emission.js";
import { withTraced } from "../../lib/trace.js";
import { OnchainFn } from "../../offchain/onchain/eval.js";

const build = (traced: boolean) => withTraced(traced, () => new OnchainFn(makeEmission()));

describe("on-chain emission(t, scheduled)", () => {
  const untraced = build(false);
  const traced = build(true);

  it("A_FP is the SDK's aFixedPoint(10^24)", () => {
    expect(emissionAFixedPoint()).toBe(aFixedPoint(10n ** 24n));
    expect(emissionAFixedPoint().toString()).toMatch(/^2412005726392914566786649/);
  });

  it("equals the SDK for all 2,776 epochs (deployed build)", () => {
    const s2775 = cumulativePack(EPOCHS - 1);
    for (let t = 1; t <= EPOCHS; t++) {
      expect(untraced.int({ int: t }, { int: t === EPOCHS ? s2775 : 0n })).toBe(emissionPack(t));
    }
  });

  it("the traced build gives the same amounts", () => {
    for (const t of [1, 2, 15, 16, 31, 32, 724, 1000, 2047, 2048, 2775]) expect(traced.int({ int: t }, { int: 0 })).toBe(emissionPack(t));
    expect(traced.int({ int: EPOCHS }, { int: cumulativePack(EPOCHS - 1) })).toBe(emissionPack(EPOCHS));
  });

  it("epoch 2776 is the remainder 10^15 − scheduled", () => {
    expect(untraced.int({ int: EPOCHS }, { int: 0 })).toBe(10n ** 15n);
    expect(untraced.int({ int: EPOCHS }, { int: 10n ** 15n - 5n })).toBe(5n);
  });

  it("fails for t < 1 and t > 2776 in both builds", () => {
    for (const f of [untraced, traced]) {
      for (const t of [0, -1, -2, -15, -16, -17, -100, -(10 ** 9), EPOCHS + 1, 10_000]) expect(f.int({ int: t }, { int: 0 })).toBeUndefined();
    }
  });

  it("the traced build names the failure", () => {
    expect(traced.run({ int: 0 }, { int: 0 }).logs.join("")).toContain("emission: epoch must be at least 1");
    expect(traced.run({ int: EPOCHS + 1 }, { int: 0 }).logs.join("")).toContain("emission: epoch beyond 2776");
    expect(untraced.run({ int: EPOCHS + 1 }, { int: 0 }).logs).toEqual([]);
  });
});
