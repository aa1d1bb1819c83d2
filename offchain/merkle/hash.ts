/**
 * BLAKE2b for the Merkle trees and script hashes.
 *
 * Why libsodium: hashing a 100,000-leaf shard takes ~230,000 BLAKE2b calls; libsodium's
 * WebAssembly build (installed with Lucid, via @cardano-sdk/crypto) does them ~10× faster
 * than the pure-JS implementations (≈0.6 µs vs ≈6 µs per 65-byte message on this machine).
 * libsodium-wrappers-sumo is a dependency of this package, so it is always there.
 *
 * Why no top-level await: its WebAssembly is only ready asynchronously, and the package is
 * also loaded with `require()` (the CommonJS build), where a module cannot await. So loading
 * starts when this module loads, and until it is ready (or if it cannot load) the same
 * digests come from the pure-JS BLAKE2b of @noble/hashes; `hashReady` resolves once the fast
 * one is in use (any await on I/O in between is usually enough).
 */
import { blake2b as nobleBlake2b } from "@noble/hashes/blake2b";

type Hasher = (len: number, msg: Uint8Array) => Uint8Array;

let hasher: Hasher = (len, msg) => nobleBlake2b(msg, { dkLen: len });
let backend: "libsodium" | "js" = "js";

async function loadSodium(): Promise<void> {
  try {
    const mod: any = await import("libsodium-wrappers-sumo");
    const sodium = mod.default ?? mod;
    await sodium.ready;
    const gh = sodium.crypto_generichash as (l: number, m: Uint8Array, k: null) => Uint8Array;
    gh(32, new Uint8Array(0), null);
    hasher = (len, msg) => gh(len, msg, null);
    backend = "libsodium";
  } catch {
    // keep the pure-JS BLAKE2b: same digests, slower
  }
}

/** Resolves once BLAKE2b runs on libsodium (never rejects; hashing works before, only slower). */
export const hashReady: Promise<void> = loadSodium();

/** Which BLAKE2b is in use now. */
export function hashBackend(): "libsodium" | "js" {
  return backend;
}

/** BLAKE2b-256 of `msg`. */
export function blake2b256(msg: Uint8Array): Uint8Array {
  return hasher(32, msg);
}

/** BLAKE2b-224 of `msg` (script and key hashes). */
export function blake2b224(msg: Uint8Array): Uint8Array {
  return hasher(28, msg);
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
}

const HEX = /^[0-9a-fA-F]*$/;

export function fromHex(h: string): Uint8Array {
  if (h.length % 2 !== 0 || !HEX.test(h)) throw new Error(`not hex: ${h.slice(0, 80)}`);
  const b = Buffer.from(h, "hex");
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
