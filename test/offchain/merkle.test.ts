import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Constr, Data } from "@lucid-evolution/lucid";
import { leafToData } from "../../offchain/codec/data.js";
import { OnchainFn, type PlainData } from "../../offchain/onchain/eval.js";
import { loadExports } from "../../offchain/onchain/exports.js";
import {
  EMPTY_HASH,
  blake2b256,
  buildTree,
  buildTreeFromHashes,
  depthFor,
  encodeLeaf,
  fromHex,
  leafHash,
  nodeHash,
  serialiseData,
  toHex,
  verifyProof,
  type LeafData,
  type PlutusValue,
} from "../../offchain/merkle/index.js";

/** PlutusValue → Lucid Data (bytes as hex). */
function toLucid(d: PlutusValue): Data {
  if (typeof d === "bigint") return d;
  if (d instanceof Uint8Array) return toHex(d);
  if (Array.isArray(d)) return d.map(toLucid);
  if ("map" in d) return new Map(d.map.map(([k, v]) => [toLucid(k), toLucid(v)]));
  return new Constr(Number(d.constr), d.fields.map(toLucid));
}

/** PlutusValue (without maps) → the evaluator's Data. */
function toPlain(d: PlutusValue): PlainData {
  if (typeof d === "bigint" || d instanceof Uint8Array) return d;
  if (Array.isArray(d)) return d.map(toPlain);
  if ("map" in d) throw new Error("maps are not Data arguments of the evaluator");
  return { constr: Number(d.constr), fields: d.fields.map(toPlain) };
}

/** 0x00 ‖ bytes: the leaf-hash preimage of a serialisation. */
const leafPreimage = (cbor: Uint8Array) => new Uint8Array([0, ...cbor]);

const exported = loadExports();
/** leaf_hash compiled: blake2b_256(0x00 ‖ serialise_data(d)) with the ledger's builtin, for any Data d. */
const onchainLeafHash = new OnchainFn(exported.leafHash);
/** node_hash compiled: blake2b_256(0x01 ‖ l ‖ r) with the ledger's builtin. */
const onchainNodeHash = new OnchainFn(exported.nodeHash);

const bytesArb = fc.uint8Array({ minLength: 0, maxLength: 200 });
const intArb = fc.oneof(
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.constantFrom(0n, 23n, 24n, 255n, 256n, 65535n, 65536n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 64n - 1n, 2n ** 64n, -(2n ** 64n), -(2n ** 64n) - 1n, 2n ** 600n),
);
/** Random Plutus Data (no maps) with integers from `ints`. */
const dataArbOf = (ints: fc.Arbitrary<bigint>) =>
  fc.letrec<{ data: PlutusValue }>((tie) => ({
    data: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      ints,
      bytesArb,
      fc.array(tie("data"), { maxLength: 4 }),
      fc.record({ constr: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 100, max: 127 })), fields: fc.array(tie("data"), { maxLength: 4 }) }),
    ),
  })).data;
const dataArb = dataArbOf(intArb);
/**
 * The same within 64-bit CBOR integers: the off-chain evaluator (@harmoniclabs/cbor under
 * plutus-machine) throws on integers below −2^64 and does not chunk bignums longer than 64
 * bytes as the ledger does, so bignums are checked against Lucid only.
 */
const dataArb64 = dataArbOf(
  fc.oneof(fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n - 1n }), fc.constantFrom(0n, 23n, 24n, 255n, 256n, 2n ** 32n, 2n ** 64n - 1n, -(2n ** 64n))),
);

const leafArb: fc.Arbitrary<LeafData> = fc.record({
  epoch: fc.bigInt({ min: 0n, max: 3000n }),
  shard: fc.bigInt({ min: 0n, max: 1000n }),
  index: fc.bigInt({ min: 0n, max: 200_000n }),
  service: fc.uint8Array({ minLength: 28, maxLength: 28 }).map(toHex),
  level: fc.bigInt({ min: 1n, max: 9n }),
  amount: fc.bigInt({ min: 0n, max: 10n ** 15n }),
});

/** The textbook definition: pad to 2^depth with the empty hash, hash pairs level by level. */
function naiveRoot(hashes: Uint8Array[]): Uint8Array {
  let level = [...hashes];
  const width = 2 ** depthFor(hashes.length);
  while (level.length < width) level.push(EMPTY_HASH);
  if (level.length === 0) return EMPTY_HASH;
  while (level.length > 1) {
    const up: Uint8Array[] = [];
    for (let j = 0; j < level.length; j += 2) up.push(nodeHash(level[j]!, level[j + 1]!));
    level = up;
  }
  return level[0]!;
}

const leafN = (i: number): LeafData => ({ epoch: 7n, shard: 1n, index: BigInt(i), service: "ab".repeat(28), level: BigInt(1 + (i % 9)), amount: BigInt(i) * 1_000_003n });

describe("serialiseData (Plutus Data CBOR)", () => {
  it("equals Lucid's Data.to for random data", () => {
    fc.assert(fc.property(dataArb, (d) => toHex(serialiseData(d)) === Data.to(toLucid(d))), { numRuns: 500 });
  });

  it("equals the on-chain serialise_data for random data with 64-bit integers (seen through leaf_hash)", () => {
    fc.assert(
      fc.property(dataArb64, (d) => onchainLeafHash.bytes({ data: toPlain(d) }) === toHex(blake2b256(leafPreimage(serialiseData(d))))),
      { numRuns: 200 },
    );
  });

  it("constructor indexes ≥ 128 are tag 102 with a definite pair [i, fields], as the on-chain builtin", () => {
    // (Lucid/CML writes that pair as an indefinite array; the Plutus ledger writes `encodeListLen 2`.)
    for (const constr of [128, 1000, 2 ** 40]) {
      for (const fields of [[], [5n, new Uint8Array([1, 2])]] as PlutusValue[][]) {
        const d = { constr, fields };
        const cbor = serialiseData(d);
        expect(toHex(cbor.subarray(0, 2))).toBe("d866"); // tag 102
        expect(cbor[2]).toBe(0x82); // a definite array of 2
        expect(onchainLeafHash.bytes({ data: toPlain(d) })).toBe(toHex(blake2b256(leafPreimage(cbor))));
      }
    }
  });

  it("encodes leaves like the SDK codec (Lucid)", () => {
    fc.assert(fc.property(leafArb, (l) => toHex(encodeLeaf(l)) === Data.to(leafToData(l))), { numRuns: 300 });
  });

  it("Lucid's Data.to of a leaf is what the on-chain leaf_hash hashes", () => {
    fc.assert(
      fc.property(leafArb, (l) => {
        const cbor = fromHex(Data.to(leafToData(l)));
        const plain: PlainData = { constr: 0, fields: [l.epoch, l.shard, l.index, fromHex(l.service), l.level, l.amount] };
        return onchainLeafHash.bytes({ data: plain }) === toHex(blake2b256(leafPreimage(cbor)));
      }),
      { numRuns: 200 },
    );
  });
});

describe("hashes", () => {
  it("blake2b256 is BLAKE2b-256: the reference vectors, and the on-chain builtin on random messages", () => {
    const hex = (m: Uint8Array) => toHex(blake2b256(m));
    expect(hex(new Uint8Array(0))).toBe("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
    expect(hex(new TextEncoder().encode("abc"))).toBe("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
    const long = Uint8Array.from({ length: 768 }, (_, i) => i & 0xff); // six 128-byte blocks
    expect(hex(long)).toBe("b8007121274217790e2923e0ad7027986e5a99d5531ef6ae7d294140fc81615d");
    // node_hash(b, "") hashes 0x01 ‖ b with the ledger's blake2b_256
    fc.assert(fc.property(bytesArb, (b) => onchainNodeHash.bytes({ data: b }, { data: new Uint8Array(0) }) === hex(new Uint8Array([1, ...b]))), {
      numRuns: 100,
    });
  });

  it("leaf and node hashes use different prefixes", () => {
    const l = leafN(3);
    const cbor = encodeLeaf(l);
    expect(toHex(leafHash(l))).toBe(toHex(blake2b256(leafPreimage(cbor))));
    expect(toHex(leafHash(l))).toBe(onchainLeafHash.bytes({ data: toPlain({ constr: 0, fields: [l.epoch, l.shard, l.index, fromHex(l.service), l.level, l.amount] }) }));
    const a = leafHash(leafN(1));
    const b = leafHash(leafN(2));
    expect(toHex(nodeHash(a, b))).toBe(toHex(blake2b256(new Uint8Array([1, ...a, ...b]))));
    expect(toHex(nodeHash(a, b))).toBe(onchainNodeHash.bytes({ data: a }, { data: b }));
    expect(toHex(nodeHash(a, b))).not.toBe(toHex(blake2b256(new Uint8Array([0, ...a, ...b]))));
  });
});

describe("Merkle trees", () => {
  it("roots equal the padded textbook tree for n = 0…40; every proof verifies", () => {
    for (let n = 0; n <= 40; n++) {
      const hashes = Array.from({ length: n }, (_, i) => leafHash(leafN(i)));
      const tree = buildTreeFromHashes(hashes);
      expect(tree.depth).toBe(depthFor(n));
      expect(tree.root).toBe(toHex(naiveRoot(hashes)));
      for (let i = 0; i < n; i++) {
        const proof = tree.proof(i);
        expect(proof.length).toBe(tree.depth);
        expect(verifyProof(tree.root, hashes[i]!, i, proof)).toBe(true);
      }
    }
  });

  it("a single leaf is its own root with an empty proof; an empty shard has the empty root", () => {
    const t = buildTree([leafN(0)]);
    expect(t.root).toBe(toHex(leafHash(leafN(0))));
    expect(t.proof(0)).toEqual([]);
    expect(buildTree([]).root).toBe("00".repeat(32));
  });

  it("rejects tampered proofs: other index, flipped bit, short/long proof, other leaf, index + 2^depth, negative index", () => {
    const leaves = Array.from({ length: 37 }, (_, i) => leafN(i));
    const tree = buildTree(leaves);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 36 }), fc.nat(), fc.integer({ min: 0, max: 255 }), (i, pos, bit) => {
        const h = tree.leafHash(i);
        const proof = tree.proofBytes(i);
        const flipped = proof.map((p) => p.slice());
        flipped[pos % proof.length]![bit % 32] ^= 1 << (bit % 8);
        expect(verifyProof(tree.rootBytes, h, i, flipped)).toBe(false);
        expect(verifyProof(tree.rootBytes, h, i ^ 1, proof)).toBe(false);
        expect(verifyProof(tree.rootBytes, h, i + 2 ** tree.depth, proof)).toBe(false);
        expect(verifyProof(tree.rootBytes, h, -1, proof)).toBe(false);
        expect(verifyProof(tree.rootBytes, h, i, proof.slice(1))).toBe(false);
        expect(verifyProof(tree.rootBytes, h, i, [...proof, EMPTY_HASH])).toBe(false);
        expect(verifyProof(tree.rootBytes, leafHash({ ...leaves[i]!, amount: leaves[i]!.amount + 1n }), i, proof)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it("builds a 100,000-leaf shard (depth 17) and its proofs verify", () => {
    const leaves = Array.from({ length: 100_000 }, (_, i) => leafN(i));
    const t0 = Date.now();
    const tree = buildTree(leaves);
    const ms = Date.now() - t0;
    expect(tree.depth).toBe(17);
    for (const i of [0, 1, 65_535, 65_536, 99_998, 99_999]) {
      const proof = tree.proof(i);
      expect(proof.length).toBe(17);
      expect(verifyProof(tree.root, leafHash(leaves[i]!), i, proof)).toBe(true);
    }
    console.log(`100,000-leaf tree built in ${ms} ms`);
  });

  it("refuses proofs of leaves that are not there", () => {
    const tree = buildTree([leafN(0), leafN(1), leafN(2)]);
    expect(() => tree.proof(3)).toThrow(RangeError);
    expect(() => tree.proof(-1)).toThrow(RangeError);
  });
});
