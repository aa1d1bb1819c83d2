/**
 * Cross-check of the on-chain reference functions against the SDK (docs/protocol.md, "Cross-check and budgets"):
 * the compiled UPLC of emission(t), the cap lookup, leaf hashing, Merkle verification and
 * the bitmap, compiled by `aiken export` (plutus.exports.json), is evaluated
 * (plutus-machine, results only; every argument is Data) and compared with the TypeScript
 * implementations:
 *   - emission(t) for all 2,776 epochs (epoch 2776 with scheduled = Σ emission(1..2775)),
 *     and epochs 0, −1, 2777 must fail;
 *   - capFor for levels 1…9 of the default cap table, and levels 0, 10, −1 must fail;
 *   - the leaf hash of every leaf of a random tree (≥ 10,000 leaves by default), valid
 *     proofs of a sample of its leaves (plus the first and last), and tampered proofs
 *     (a flipped sibling byte, another index, index + 2^depth, a missing or an extra
 *     sibling, another leaf, another root) which must all be rejected on-chain and off-chain;
 *   - bitmap isSet / set on random bitmaps and indexes.
 * The functions are the silent build, like the deployed validators.
 */
import { EPOCHS, cumulativePack, emissionPack } from "./economics/emission.js";
import { DEFAULT_LEVEL_CAPS_PACK } from "./economics/scoring.js";
import { isBitSet, setBit } from "./bitmap.js";
import { buildTree, leafHash, toHex, verifyProof, type LeafData } from "./merkle/index.js";
import { OnchainFn, type PlainData } from "./onchain/eval.js";
import { loadExports } from "./onchain/exports.js";

export interface CrosscheckOptions {
  leaves?: number; // leaves of the random tree (default 10,000)
  proofs?: number; // valid proofs checked, sampled (default 256; plus first and last leaf)
  bitmaps?: number; // random bitmap cases (default 500)
  seed?: number; // PRNG seed (default 1)
  exportsPath?: string; // the exported functions (default plutus.exports.json)
  log?: (line: string) => void; // progress
  /** The SDK side of the emission comparison (default economics' emissionPack); tests swap it. */
  emissionOf?: (t: number) => bigint;
}

export interface CrosscheckReport {
  epochsChecked: number;
  emissionMismatches: number;
  levelsChecked: number;
  levelMismatches: number;
  leafHashesChecked: number;
  leafHashMismatches: number;
  proofsChecked: number;
  proofMismatches: number;
  tamperedChecked: number;
  tamperedRejected: number;
  bitmapsChecked: number;
  bitmapMismatches: number;
  treeLeaves: number;
  treeDepth: number;
  mismatches: string[]; // the first few, described
  ms: { compile: number; emission: number; caps: number; merkle: number; bitmap: number; total: number };
  ok: boolean;
}

/** mulberry32: a small deterministic PRNG (reproducible trees from a seed). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDGE_AMOUNTS = [0n, 1n, 23n, 24n, 255n, 256n, 65_535n, 65_536n, 2n ** 32n - 1n, 2n ** 32n, 10n ** 15n, 2n ** 64n - 1n];

function randomLeaves(n: number, rnd: () => number): LeafData[] {
  const epoch = BigInt(1 + Math.floor(rnd() * EPOCHS));
  const shard = BigInt(Math.floor(rnd() * 64));
  const out: LeafData[] = [];
  for (let i = 0; i < n; i++) {
    const service = Array.from({ length: 28 }, () => Math.floor(rnd() * 256).toString(16).padStart(2, "0")).join("");
    const amount = i < EDGE_AMOUNTS.length ? EDGE_AMOUNTS[i]! : BigInt(Math.floor(rnd() * 30_000_000_000));
    out.push({ epoch, shard, index: BigInt(i), service, level: BigInt(1 + Math.floor(rnd() * 9)), amount });
  }
  return out;
}

const leafPlain = (l: LeafData): PlainData => ({
  constr: 0,
  fields: [l.epoch, l.shard, l.index, Uint8Array.from(Buffer.from(l.service, "hex")), l.level, l.amount],
});

/** Runs the cross-check; never throws on a mismatch (see `ok`). */
export function runCrosscheck(opts: CrosscheckOptions = {}): CrosscheckReport {
  const log = opts.log ?? (() => {});
  const nLeaves = opts.leaves ?? 10_000;
  const nProofs = opts.proofs ?? 256;
  const nBitmaps = opts.bitmaps ?? 500;
  const rnd = prng(opts.seed ?? 1);
  const mismatches: string[] = [];
  const note = (s: string) => {
    if (mismatches.length < 20) mismatches.push(s);
  };
  const t0 = Date.now();

  const ex = loadExports(opts.exportsPath);
  const fns = {
    emission: new OnchainFn(ex.emission),
    cap: new OnchainFn(ex.capFor),
    leafHash: new OnchainFn(ex.leafHash),
    verify: new OnchainFn(ex.verify),
    isSet: new OnchainFn(ex.bitIsSet),
    set: new OnchainFn(ex.bitSet),
  };
  const tCompiled = Date.now();
  log(`crosscheck: loaded in ${tCompiled - t0} ms`);

  // Emission, every epoch.
  let emissionMismatches = 0;
  const scheduled2775 = cumulativePack(EPOCHS - 1);
  for (let t = 1; t <= EPOCHS; t++) {
    const got = fns.emission.int({ data: BigInt(t) }, { data: t === EPOCHS ? scheduled2775 : 0n });
    const want = (opts.emissionOf ?? emissionPack)(t);
    if (got !== want) {
      emissionMismatches++;
      note(`emission(${t}): on-chain ${got ?? "failed"}, SDK ${want}`);
    }
  }
  for (const t of [0, -1, EPOCHS + 1]) {
    const got = fns.emission.int({ data: BigInt(t) }, { data: 0n });
    if (got !== undefined) {
      emissionMismatches++;
      note(`emission(${t}) should fail, gave ${got}`);
    }
  }
  const tEmission = Date.now();
  log(`crosscheck: ${EPOCHS} epochs in ${tEmission - tCompiled} ms`);

  // Caps.
  const caps = [...DEFAULT_LEVEL_CAPS_PACK];
  let levelMismatches = 0;
  let levelsChecked = 0;
  for (let level = -1; level <= caps.length + 1; level++) {
    levelsChecked++;
    const got = fns.cap.int({ data: caps }, { data: BigInt(level) });
    const want = level >= 1 && level <= caps.length ? caps[level - 1] : undefined;
    if (got !== want) {
      levelMismatches++;
      note(`capFor(level ${level}): on-chain ${got ?? "failed"}, SDK ${want ?? "must fail"}`);
    }
  }
  const tCaps = Date.now();

  // Merkle: every leaf hash, sampled proofs, tampered proofs.
  const leaves = randomLeaves(nLeaves, rnd);
  const tree = buildTree(leaves);
  let leafHashMismatches = 0;
  for (let i = 0; i < leaves.length; i++) {
    const got = fns.leafHash.bytes({ data: leafPlain(leaves[i]!) });
    const want = toHex(tree.leafHash(i));
    if (got !== want) {
      leafHashMismatches++;
      note(`leafHash(leaf ${i}): on-chain ${got ?? "failed"}, SDK ${want}`);
    }
  }
  const sample = new Set<number>([0, leaves.length - 1]);
  while (sample.size < Math.min(nProofs + 2, leaves.length)) sample.add(Math.floor(rnd() * leaves.length));
  const root = tree.rootBytes;
  const onchainVerify = (r: Uint8Array, h: Uint8Array, index: bigint, proof: Uint8Array[]) =>
    fns.verify.bool({ data: r }, { data: h }, { data: index }, { data: proof }) === true;
  let proofsChecked = 0;
  let proofMismatches = 0;
  let tamperedChecked = 0;
  let tamperedRejected = 0;
  let kind = 0;
  for (const i of sample) {
    const h = tree.leafHash(i);
    const proof = tree.proofBytes(i);
    proofsChecked++;
    const on = onchainVerify(root, h, BigInt(i), proof);
    const off = verifyProof(root, h, i, proof);
    if (!on || !off) {
      proofMismatches++;
      note(`proof of leaf ${i}: on-chain ${on}, off-chain ${off} (both must accept)`);
    }
    // One tampered variant per sampled leaf, cycling through the kinds.
    let tr = root;
    let th = h;
    let ti = BigInt(i);
    let tp = proof.map((p) => p.slice());
    let what = "";
    switch (kind++ % 7) {
      case 0: {
        if (tp.length === 0) tp = [new Uint8Array(32)];
        else {
          const k = Math.floor(rnd() * tp.length);
          tp[k]![Math.floor(rnd() * 32)] ^= 1 << Math.floor(rnd() * 8);
        }
        what = "flipped sibling bit";
        break;
      }
      case 1:
        ti = BigInt(i ^ (1 << Math.floor(rnd() * Math.max(tree.depth, 1))));
        what = `index ${ti} instead of ${i}`;
        break;
      case 2:
        ti = BigInt(i) + (1n << BigInt(tree.depth));
        what = "index + 2^depth";
        break;
      case 3:
        tp = tp.slice(0, -1);
        if (tp.length === proof.length) tp = [new Uint8Array(32)];
        what = "missing sibling";
        break;
      case 4:
        tp = [...tp, new Uint8Array(32)];
        what = "extra sibling";
        break;
      case 5:
        th = leafHash({ ...leaves[i]!, amount: leaves[i]!.amount + 1n });
        what = "leaf with amount + 1";
        break;
      default:
        tr = Uint8Array.from(root);
        tr[0] ^= 0x80;
        what = "another root";
    }
    tamperedChecked++;
    const tOn = onchainVerify(tr, th, ti, tp);
    const tOff = verifyProof(tr, th, ti, tp);
    if (!tOn && !tOff) tamperedRejected++;
    else note(`tampered proof of leaf ${i} (${what}) accepted: on-chain ${tOn}, off-chain ${tOff}`);
  }
  const tMerkle = Date.now();
  log(`crosscheck: ${leaves.length} leaf hashes, ${proofsChecked} proofs, ${tamperedChecked} tampered in ${tMerkle - tCaps} ms`);

  // Bitmaps.
  let bitmapMismatches = 0;
  for (let c = 0; c < nBitmaps; c++) {
    const len = Math.floor(rnd() * 12);
    const bm = Array.from({ length: len }, () => Math.floor(rnd() * 256).toString(16).padStart(2, "0")).join("");
    const index = Math.floor(rnd() * (len + 4) * 8);
    const bytes = { data: Uint8Array.from(Buffer.from(bm, "hex")) };
    const gotIs = fns.isSet.bool(bytes, { data: BigInt(index) });
    const gotSet = fns.set.bytes(bytes, { data: BigInt(index) });
    if (gotIs !== isBitSet(bm, index) || gotSet !== setBit(bm, index)) {
      bitmapMismatches++;
      note(`bitmap ${bm} index ${index}: on-chain (${gotIs}, ${gotSet}), SDK (${isBitSet(bm, index)}, ${setBit(bm, index)})`);
    }
  }
  const tBitmap = Date.now();

  const ok =
    emissionMismatches === 0 &&
    levelMismatches === 0 &&
    leafHashMismatches === 0 &&
    proofMismatches === 0 &&
    tamperedRejected === tamperedChecked &&
    bitmapMismatches === 0;
  return {
    epochsChecked: EPOCHS,
    emissionMismatches,
    levelsChecked,
    levelMismatches,
    leafHashesChecked: leaves.length,
    leafHashMismatches,
    proofsChecked,
    proofMismatches,
    tamperedChecked,
    tamperedRejected,
    bitmapsChecked: nBitmaps,
    bitmapMismatches,
    treeLeaves: leaves.length,
    treeDepth: tree.depth,
    mismatches,
    ms: {
      compile: tCompiled - t0,
      emission: tEmission - tCompiled,
      caps: tCaps - tEmission,
      merkle: tMerkle - tCaps,
      bitmap: tBitmap - tMerkle,
      total: tBitmap - t0,
    },
    ok,
  };
}
