import { describe, expect, it } from "vitest";
import { makeCapFor, makeCapForData } from "../../lib/caps.js";
import { withTraced } from "../../lib/trace.js";
import { OnchainFn } from "../../offchain/onchain/eval.js";
import { DEFAULT_LEVEL_CAPS_PACK } from "../../offchain/economics/scoring.js";

describe("capFor(caps, level)", () => {
  const caps = [...DEFAULT_LEVEL_CAPS_PACK];
  for (const traced of [false, true]) {
    for (const form of ["list(int)", "Data list"] as const) {
      it(`returns caps[level − 1] and fails outside 1…length (${form}, ${traced ? "traced" : "untraced"})`, () => {
        const f = withTraced(traced, () => new OnchainFn(form === "list(int)" ? makeCapFor() : makeCapForData()));
        const arg = (xs: bigint[]) => (form === "list(int)" ? { intList: xs } : { dataList: xs });
        caps.forEach((c, i) => expect(f.int(arg(caps), { int: i + 1 })).toBe(c));
        for (const level of [0, -1, 10, 100]) expect(f.int(arg(caps), { int: level })).toBeUndefined();
        expect(f.int(arg([]), { int: 1 })).toBeUndefined();
        if (traced) {
          expect(f.run(arg(caps), { int: 0 }).logs.join("")).toContain("cap: level below 1");
          expect(f.run(arg(caps), { int: 10 }).logs.join("")).toContain("cap: level above the cap table");
        }
      });
    }
  }
});
