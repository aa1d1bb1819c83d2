/**
 * Off-chain Merkle trees of allocation shards: leaf encoding and hashing, tree building,
 * proofs and their verification — byte for byte the rules of lib/merkle.ts (design.md §7).
 */
export { blake2b224, blake2b256, fromHex, hashBackend, hashReady, toHex } from "./hash.js";
export { serialiseData, type PlutusValue } from "./data.js";
export { encodeLeaf, leafHash, leafHashHex, type LeafData } from "./leaf.js";
export {
  blake2b256Hex,
  buildTree,
  buildTreeFromHashes,
  depthFor,
  EMPTY_HASH,
  HASH_LEN,
  MerkleTree,
  nodeHash,
  verifyProof,
} from "./tree.js";
