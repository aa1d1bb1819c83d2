// BLAKE2b without top-level await (offchain/merkle/hash.ts): until libsodium's WebAssembly is
// ready, the pure-JS BLAKE2b of @noble/hashes answers; both must give the same digests, so
// nothing depends on which one a call happened to use.
import { blake2b } from "@noble/hashes/blake2b";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blake2b224, blake2b256, hashBackend, hashReady, toHex } from "../../offchain/merkle/hash.js";

describe("BLAKE2b", () => {
  it("switches to libsodium once ready", async () => {
    await hashReady;
    expect(hashBackend()).toBe("libsodium");
  });

  it("libsodium and the pure-JS fallback agree (224 and 256 bits, 0…300 bytes)", async () => {
    await hashReady;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (msg) => {
        expect(toHex(blake2b256(msg))).toBe(toHex(blake2b(msg, { dkLen: 32 })));
        expect(toHex(blake2b224(msg))).toBe(toHex(blake2b(msg, { dkLen: 28 })));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("known digest: BLAKE2b-256 of the empty string", () => {
    expect(toHex(blake2b256(new Uint8Array(0)))).toBe("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  });
});
