import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { OnchainFn, type PlainData } from "../../offchain/onchain/eval.js";
import { loadExports } from "../../offchain/onchain/exports.js";
import { buildTree, fromHex, leafHash, nodeHash, toHex, verifyProof, type LeafData } from "../../offchain/merkle/index.js";

const leafPlain = (l: LeafData): PlainData => ({ constr: 0, fields: [l.epoch, l.shard, l.index, fromHex(l.service), l.level, l.amount] });

const leafArb: fc.Arbitrary<LeafData> = fc.record({
  epoch: fc.bigInt({ min: 0n, max: 3000n }),
  shard: fc.bigInt({ min: 0n, max: 1000n }),
  index: fc.bigInt({ min: 0n, max: 200_000n }),
  service: fc.uint8Array({ minLength: 28, maxLength: 28 }).map(toHex),
  level: fc.bigInt({ min: 1n, max: 9n }),
  amount: fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.constantFrom(0n, 23n, 24n, 2n ** 64n - 1n)),
});

describe("on-chain Merkle functions agree with the SDK", () => {
  const ex = loadExports();
  const lh = new OnchainFn(ex.leafHash);
  const nh = new OnchainFn(ex.nodeHash);
  const verify = new OnchainFn(ex.verify);
  const v = (root: Uint8Array, h: Uint8Array, i: number | bigint, proof: Uint8Array[]) =>
    verify.bool({ data: root }, { data: h }, { data: BigInt(i) }, { data: proof });

  it("leaf_hash(leaf) = blake2b_256(0x00 ‖ serialiseData(leaf))", () => {
    fc.assert(fc.property(leafArb, (l) => lh.bytes({ data: leafPlain(l) }) === toHex(leafHash(l))), { numRuns: 200 });
  });

  it("node_hash(l, r) = blake2b_256(0x01 ‖ l ‖ r)", () => {
    const h32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
    fc.assert(fc.property(h32, h32, (l, r) => nh.bytes({ data: l }, { data: r }) === toHex(nodeHash(l, r))), { numRuns: 50 });
  });

  it("every proof of trees of 1…20 leaves verifies on-chain; other indexes do not", () => {
    for (let n = 1; n <= 20; n++) {
      const leaves = Array.from({ length: n }, (_, i): LeafData => ({ epoch: 1n, shard: 0n, index: BigInt(i), service: "cd".repeat(28), level: 1n, amount: BigInt(i) }));
      const tree = buildTree(leaves);
      for (let i = 0; i < n; i++) {
        const proof = tree.proofBytes(i);
        expect(v(tree.rootBytes, tree.leafHash(i), i, proof)).toBe(true);
        if (n > 1) expect(v(tree.rootBytes, tree.leafHash(i), i ^ 1, proof)).toBe(false);
        expect(v(tree.rootBytes, tree.leafHash(i), i + 2 ** tree.depth, proof)).toBe(false);
        expect(v(tree.rootBytes, tree.leafHash(i), -1, proof)).toBe(false);
      }
    }
  });

  it("a proof of any leaf of a random tree verifies on both sides, and any single-bit change to the leaf, a sibling or the root fails on both sides", () => {
    const treeArb = fc.array(leafArb, { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat(), fc.nat(255), fc.constantFrom("leaf", "sibling", "root"), (ls, pick, sib, bit, what) => {
        const leaves = ls.map((l, i) => ({ ...l, index: BigInt(i) }));
        const tree = buildTree(leaves);
        const i = pick % leaves.length;
        const proof = tree.proofBytes(i);
        const leaf = tree.leafHash(i);
        const ok = verifyProof(tree.rootBytes, leaf, i, proof) && v(tree.rootBytes, leaf, i, proof) === true;
        if (!ok) return false;
        const flip = (b: Uint8Array) => {
          const c = b.slice();
          c[bit >> 3]! ^= 1 << (bit & 7);
          return c;
        };
        let root = tree.rootBytes;
        let h = leaf;
        const pr = proof.map((x) => x.slice());
        if (what === "leaf") h = flip(h);
        else if (what === "root") root = flip(root);
        else if (pr.length > 0) pr[sib % pr.length] = flip(pr[sib % pr.length]!);
        else root = flip(root); // a one-leaf tree has no sibling
        return verifyProof(root, h, i, pr) === false && v(root, h, i, pr) === false;
      }),
      { numRuns: 150 },
    );
  });

  it("tampered proofs fail on-chain (depth 17 shapes)", () => {
    const rnd = (k: number) => Uint8Array.from({ length: 32 }, (_, j) => (k * 31 + j * 7) & 0xff);
    const proof = Array.from({ length: 17 }, (_, k) => rnd(k));
    const leaf = rnd(99);
    const index = 77_777;
    let h: Uint8Array = leaf;
    proof.forEach((s, k) => (h = (index >> k) & 1 ? nodeHash(s, h) : nodeHash(h, s)));
    expect(v(h, leaf, index, proof)).toBe(true);
    expect(v(h, leaf, index, proof.slice(0, 16))).toBe(false);
    expect(v(h, leaf, index, [...proof, rnd(5)])).toBe(false);
    const bad = proof.map((p) => p.slice());
    bad[16]![31] ^= 1;
    expect(v(h, leaf, index, bad)).toBe(false);
    expect(v(h, rnd(98), index, proof)).toBe(false);
  });
});
