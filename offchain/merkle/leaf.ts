/**
 * Allocation leaves (docs/design.md §7):
 *   Leaf = Constr 0 [I epoch, I shard, I index, B service, I level, I amount]
 *   leafHash = blake2b_256(0x00 ‖ serialiseData(Leaf))
 * The on-chain twin is lib/merkle.ts `makeLeafHash`.
 */
import type { LeafData } from "../codec/data.js";
import { serialiseData } from "./data.js";
import { blake2b256, fromHex, toHex } from "./hash.js";

export type { LeafData };

/** serialiseData(Leaf): the leaf's Plutus Data CBOR. */
export function encodeLeaf(l: LeafData): Uint8Array {
  return serialiseData({ constr: 0, fields: [l.epoch, l.shard, l.index, fromHex(l.service), l.level, l.amount] });
}

/** blake2b_256(0x00 ‖ serialiseData(leaf)). */
export function leafHash(l: LeafData): Uint8Array {
  const cbor = encodeLeaf(l);
  const msg = new Uint8Array(cbor.length + 1);
  msg.set(cbor, 1); // msg[0] = 0x00
  return blake2b256(msg);
}

export function leafHashHex(l: LeafData): string {
  return toHex(leafHash(l));
}
