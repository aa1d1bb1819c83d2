/**
 * Merkle trees of allocation shards (docs/design.md §7), off-chain twin of lib/merkle.ts.
 *
 * A shard of n leaves is padded to 2^depth ≥ n leaves (depth ≥ 0) with the empty hash
 * 0x00 × 32; leaf i sits at position i. nodeHash(l, r) = blake2b_256(0x01 ‖ l ‖ r). A proof
 * lists the sibling hashes from the leaf upwards; at level k the bit (index >> k) & 1 says
 * whether the running hash is the right (1) or left (0) child.
 *
 * Each level is kept as one flat byte array holding only the nodes that cover at least one
 * leaf; a subtree made only of padding has the precomputed hash E_k (E_0 = 0x00 × 32,
 * E_{k+1} = nodeHash(E_k, E_k)), so a 100,000-leaf shard costs ≈ 200,000 hashes.
 */
import type { LeafData } from "../codec/data.js";
import { blake2b256, fromHex, toHex } from "./hash.js";
import { leafHash } from "./leaf.js";

export const HASH_LEN = 32;
export const EMPTY_HASH: Uint8Array = new Uint8Array(HASH_LEN);

/** blake2b_256(0x01 ‖ l ‖ r). */
export function nodeHash(l: Uint8Array, r: Uint8Array): Uint8Array {
  const msg = new Uint8Array(1 + 2 * HASH_LEN);
  msg[0] = 0x01;
  msg.set(l, 1);
  msg.set(r, 1 + HASH_LEN);
  return blake2b256(msg);
}

/** blake2b_256 of `bytes`, as hex. */
export function blake2b256Hex(bytes: Uint8Array): string {
  return toHex(blake2b256(bytes));
}

/** Smallest depth ≥ 0 with 2^depth ≥ n. */
export function depthFor(n: number): number {
  let d = 0;
  while (2 ** d < n) d++;
  return d;
}

export class MerkleTree {
  /** Number of leaves (before padding). */
  readonly size: number;
  /** Number of levels above the leaves; a proof has `depth` hashes. */
  readonly depth: number;
  private readonly levels: Uint8Array[]; // level k: ⌈size / 2^k⌉ hashes, 32 bytes each
  private readonly empties: Uint8Array[]; // E_k

  constructor(leafHashes: readonly Uint8Array[]) {
    const n = leafHashes.length;
    this.size = n;
    this.depth = depthFor(n);
    const empties = [EMPTY_HASH];
    for (let k = 0; k < this.depth; k++) empties.push(nodeHash(empties[k]!, empties[k]!));
    this.empties = empties;
    const level0 = new Uint8Array(Math.max(n, 1) * HASH_LEN);
    leafHashes.forEach((h, i) => {
      if (h.length !== HASH_LEN) throw new RangeError(`leaf hash ${i} is not 32 bytes`);
      level0.set(h, i * HASH_LEN);
    });
    const levels = [level0];
    const msg = new Uint8Array(1 + 2 * HASH_LEN);
    msg[0] = 0x01;
    for (let k = 0; k < this.depth; k++) {
      const below = levels[k]!;
      const m = below.length / HASH_LEN;
      const count = Math.ceil(m / 2);
      const level = new Uint8Array(count * HASH_LEN);
      for (let j = 0; j < count; j++) {
        msg.set(below.subarray(2 * j * HASH_LEN, (2 * j + 1) * HASH_LEN), 1);
        if (2 * j + 1 < m) msg.set(below.subarray((2 * j + 1) * HASH_LEN, (2 * j + 2) * HASH_LEN), 1 + HASH_LEN);
        else msg.set(empties[k]!, 1 + HASH_LEN);
        level.set(blake2b256(msg), j * HASH_LEN);
      }
      levels.push(level);
    }
    this.levels = levels;
  }

  /** The root (for an empty shard: the empty hash). */
  get rootBytes(): Uint8Array {
    return this.levels[this.depth]!.slice(0, HASH_LEN);
  }

  /** The root as hex. */
  get root(): string {
    return toHex(this.rootBytes);
  }

  /** The hash at position `i` of level `k` (padding included). */
  private at(k: number, i: number): Uint8Array {
    const level = this.levels[k]!;
    if ((i + 1) * HASH_LEN <= level.length && !(k === 0 && i >= this.size)) return level.slice(i * HASH_LEN, (i + 1) * HASH_LEN);
    return this.empties[k]!;
  }

  /** Leaf hash of leaf `i`. */
  leafHash(i: number): Uint8Array {
    this.checkIndex(i);
    return this.at(0, i);
  }

  /** The sibling hashes of leaf `i`, leaf level first. */
  proofBytes(i: number): Uint8Array[] {
    this.checkIndex(i);
    const out: Uint8Array[] = [];
    for (let k = 0; k < this.depth; k++) out.push(this.at(k, (i >> k) ^ 1));
    return out;
  }

  /** The sibling hashes of leaf `i` as hex, leaf level first. */
  proof(i: number): string[] {
    return this.proofBytes(i).map(toHex);
  }

  private checkIndex(i: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.size) throw new RangeError(`leaf index ${i} is not in 0..${this.size - 1}`);
  }
}

/** The tree of a shard's leaves (leaf i at position i). */
export function buildTree(leaves: readonly LeafData[]): MerkleTree {
  return new MerkleTree(leaves.map(leafHash));
}

/** The tree over given leaf hashes. */
export function buildTreeFromHashes(leafHashes: readonly Uint8Array[]): MerkleTree {
  return new MerkleTree(leafHashes);
}

const bytesOf = (x: Uint8Array | string): Uint8Array => (typeof x === "string" ? fromHex(x) : x);

/** The off-chain verifier: same rule as the on-chain `verify` (index < 2^depth, index ≥ 0). */
export function verifyProof(
  root: Uint8Array | string,
  leaf: Uint8Array | string,
  index: number | bigint,
  proof: readonly (Uint8Array | string)[],
): boolean {
  let idx = BigInt(index);
  if (idx < 0n) return false;
  let h = bytesOf(leaf);
  for (const p of proof) {
    const s = bytesOf(p);
    h = (idx & 1n) === 0n ? nodeHash(h, s) : nodeHash(s, h);
    idx >>= 1n;
  }
  return idx === 0n && toHex(h) === toHex(bytesOf(root));
}
