import { describe, expect, it } from "vitest";
import { makeCapFor } from "../../lib/caps.js";
import { withTraced } from "../../lib/trace.js";
import { OnchainFn } from "../../offchain/onchain/eval.js";
import { DEFAULT_LEVEL_CAPS_PACK } from "../../offchain/economics/scoring.js";

describe("capFor(caps, level)", () => {
  const caps = [...DEFAULT_LEVEL_CAPS_PACK];
  for (const traced of [false, true]) {
    it(`returns caps[level − 1] and fails outside 1…length (${traced ? "traced" : "untraced"})`, () => {
      const f = withTraced(traced, () => new OnchainFn(makeCapFor()));
      caps.forEach((c, i) => expect(f.int({ intList: caps }, { int: i + 1 })).toBe(c));
      for (const level of [0, -1, 10, 100]) expect(f.int({ intList: caps }, { int: level })).toBeUndefined();
      expect(f.int({ intList: [] }, { int: 1 })).toBeUndefined();
      if (traced) {
        expect(f.run({ intList: caps }, { int: 0 }).logs.join("")).toContain("cap: level below 1");
        expect(f.run({ intList: caps }, { int: 10 }).logs.join("")).toContain("cap: level above the cap table");
      }
    });
  }
});
