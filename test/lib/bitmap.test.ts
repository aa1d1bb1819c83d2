import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { OnchainFn } from "../../offchain/onchain/eval.js";
import { loadExports } from "../../offchain/onchain/exports.js";
import { MAX_APPEND_BYTES, bitmapOf, isBitSet, setBit, setBits } from "../../offchain/bitmap.js";

describe("bitmap (design §7)", () => {
  it("off-chain: bit i is bit i mod 8 (LSB first) of byte ⌊i/8⌋; bytes past the end read 0", () => {
    expect(setBit("", 0)).toBe("01");
    expect(setBit("", 9)).toBe("0002");
    expect(setBit("", 23)).toBe("000080");
    expect(setBit("0100", 9)).toBe("0102");
    expect(setBit("ff", 3)).toBe("ff");
    expect(isBitSet("0102", 9)).toBe(true);
    expect(isBitSet("0102", 8)).toBe(false);
    expect(isBitSet("0102", 1000)).toBe(false);
    expect(bitmapOf([0, 9, 23])).toBe("010280");
    expect(setBits("010280")).toEqual([0, 9, 23]);
    expect(() => setBit("", -1)).toThrow(RangeError);
    expect(() => setBit("", 8 * MAX_APPEND_BYTES)).toThrow(/at most 8192/);
    expect(setBit("", 8 * MAX_APPEND_BYTES - 1).length).toBe(2 * MAX_APPEND_BYTES);
  });

  it("setting is idempotent and sets exactly one more bit", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20 }), fc.nat({ max: 300 }), (b, i) => {
        const bm = Buffer.from(b).toString("hex");
        const s = setBit(bm, i);
        expect(isBitSet(s, i)).toBe(true);
        expect(setBit(s, i)).toBe(s);
        const before = new Set(setBits(bm));
        before.add(i);
        expect(setBits(s)).toEqual([...before].sort((x, y) => x - y));
      }),
    );
  });

  it("on-chain bit_is_set / bit_set equal the SDK", () => {
    const ex = loadExports();
    const isSet = new OnchainFn(ex.bitIsSet);
    const set = new OnchainFn(ex.bitSet);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 16 }), fc.nat({ max: 200 }), (b, i) => {
        const bm = Buffer.from(b).toString("hex");
        expect(isSet.bool({ data: b }, { data: BigInt(i) })).toBe(isBitSet(bm, i));
        expect(set.bytes({ data: b }, { data: BigInt(i) })).toBe(setBit(bm, i));
      }),
      { numRuns: 300 },
    );
    // negative indexes fail on-chain
    expect(isSet.bool({ data: new Uint8Array([1]) }, { data: -1n })).toBeUndefined();
    expect(set.bytes({ data: new Uint8Array([1]) }, { data: -1n })).toBeUndefined();
    // the on-chain append limit is the SDK's
    expect(set.bytes({ data: new Uint8Array(0) }, { data: BigInt(8 * MAX_APPEND_BYTES - 1) })?.length).toBe(2 * MAX_APPEND_BYTES);
    expect(set.bytes({ data: new Uint8Array(0) }, { data: BigInt(8 * MAX_APPEND_BYTES) })).toBeUndefined();
  });
});
