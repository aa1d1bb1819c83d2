import { describe, expect, it } from "vitest";
import { OnchainFn } from "../../offchain/onchain/eval.js";
import { loadExports } from "../../offchain/onchain/exports.js";
import { DEFAULT_LEVEL_CAPS_PACK } from "../../offchain/economics/scoring.js";

describe("cap_for(caps, level)", () => {
  const caps = [...DEFAULT_LEVEL_CAPS_PACK];
  const f = new OnchainFn(loadExports().capFor);
  const cap = (xs: bigint[], level: number) => f.int({ data: xs }, { data: BigInt(level) });

  it("the default table has the nine levels cap_for reads", () => {
    expect(caps.length).toBe(9);
  });

  it("returns caps[level − 1] and fails outside 1…9", () => {
    caps.forEach((c, i) => expect(cap(caps, i + 1)).toBe(c));
    for (const level of [0, -1, -2, 10, 11, 100, -(10 ** 9)]) expect(cap(caps, level)).toBeUndefined();
    expect(cap([], 1)).toBeUndefined();
  });

  it("reads only the first nine entries of a longer table and fails past the end of a shorter one", () => {
    const longer = [...caps, 123n];
    caps.forEach((c, i) => expect(cap(longer, i + 1)).toBe(c));
    expect(cap(longer, 10)).toBeUndefined();
    const shorter = caps.slice(0, 5);
    shorter.forEach((c, i) => expect(cap(shorter, i + 1)).toBe(c));
    for (const level of [6, 7, 8, 9]) expect(cap(shorter, level)).toBeUndefined();
  });

  it("fails on a table entry that is not an integer", () => {
    const f2 = (level: number) => f.int({ data: [1n, new Uint8Array([2]), 3n, 4n, 5n, 6n, 7n, 8n, 9n] }, { data: BigInt(level) });
    expect(f2(1)).toBe(1n);
    expect(f2(2)).toBeUndefined();
    expect(f2(3)).toBe(3n);
  });
});
