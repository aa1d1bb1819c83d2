import { describe, expect, it } from "vitest";
import { Dec80 } from "../../offchain/onchain/fixed.js";
import { LN_MAX_N, LN_SCALE, lnConstants, lnFpModel } from "../../offchain/onchain/lnModel.js";
import { OnchainFn } from "../../offchain/onchain/eval.js";
import { loadExports } from "../../offchain/onchain/exports.js";

describe("fixed-point ln (scale 10^24)", () => {
  const ln = new OnchainFn(loadExports().lnFp);
  const lnAt = (n: number) => ln.int({ data: BigInt(n) });

  it("the TypeScript model is within 2·10^-21 of ln(n) for every n in 2…2783 (relative < 10^-21)", () => {
    let maxAbs = 0;
    let maxRel = 0;
    for (let n = 2; n <= LN_MAX_N; n++) {
      const exact = new Dec80(n).ln().times(LN_SCALE.toString());
      const err = exact.minus(lnFpModel(BigInt(n)).toString()).abs();
      maxAbs = Math.max(maxAbs, err.toNumber());
      maxRel = Math.max(maxRel, err.div(exact).toNumber());
    }
    expect(maxAbs).toBeLessThan(2000); // units of 10^-24
    expect(maxRel).toBeLessThan(1e-21);
  });

  it("the compiled ln_fp equals the model for every n in 2…2783", () => {
    for (let n = 2; n <= LN_MAX_N; n++) expect(lnAt(n)).toBe(lnFpModel(BigInt(n)));
  });

  it("outside 1…2783 it fails; ln 1 = 0", () => {
    for (const n of [0, -1, -15, -16, -17, -1000, LN_MAX_N + 1, 5000]) expect(lnAt(n)).toBeUndefined();
    expect(lnAt(1)).toBe(0n);
  });

  it("constants are derived, not written down: ln 2 and the table agree with decimal.js", () => {
    const c = lnConstants();
    expect(c.ln2).toBe(693147180559945309417232n);
    expect(c.t1.length).toBe(174);
    expect([...c.pow]).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
  });
});
