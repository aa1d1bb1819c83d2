// Why: the on-chain library's budgets must be quoted from the ledger's cost model, not from
// plutus-machine (which miscounts). How: each function runs inside a test-only minting
// policy (offchain/onchain/probes.ts) in a transaction completed by Lucid against its
// Emulator, and the redeemer's ex-units are read from the witness set. Each probe has a
// baseline twin (same redeemer decoding, no call): `net` = probe − baseline is the
// function's own cost, `probe` is the whole script. Also reports compiled sizes (untraced).
import { Constr, Data } from "@lucid-evolution/lucid";
import { EPOCHS, cumulativePack, emissionPack } from "../offchain/economics/emission.js";
import { DEFAULT_LEVEL_CAPS_PACK } from "../offchain/economics/scoring.js";
import { buildTree, toHex, type LeafData } from "../offchain/merkle/index.js";
import { setBit } from "../offchain/bitmap.js";
import { compileTerm, type CompiledScript } from "../offchain/onchain/compile.js";
import { EmulatorProbe, type ExUnits } from "../offchain/onchain/probe.js";
import { bitmapProbe, capDataProbe, capProbe, emissionProbe, leafHashProbe, merkleProbe } from "../offchain/onchain/probes.js";
import { makeEmission } from "../lib/emission.js";
import { makeLn } from "../lib/math/ln.js";
import { makeLeafHash, makeMerkleVerify, makeNodeHash } from "../lib/merkle.js";
import { makeBitIsSet, makeBitSet } from "../lib/bitmap.js";
import { makeCapFor, makeCapForData } from "../lib/caps.js";
import { withTraced } from "../lib/trace.js";
import type { BenchOptions, BenchSection } from "./main.js";

/** Budget targets (docs/design.md, shared/protocol.md) for the deployed build. */
export const TARGETS = {
  emission: { steps: 12_000_000, mem: 35_000 },
  merkleDepth17: { steps: 45_000_000, mem: 130_000 },
} as const;

export interface Measured {
  steps: number;
  mem: number;
}
export interface Sample extends Measured {
  probe: Measured; // the whole probe script
}
export interface Range {
  min: Measured;
  max: Measured;
}

export interface OnchainBench {
  build: "untraced";
  sizes: Record<string, number>; // bytes of the flat program
  emission: {
    epochs: number[];
    byEpoch: Record<string, Sample>;
    regular: Range; // t = 1 … 2775 (net)
    regularProbe: Range; // t = 1 … 2775 (whole probe)
    remainder: Sample; // t = 2776
    baseline: Measured;
  };
  merkle: {
    leaves: number;
    depth: number;
    verify: Record<string, Sample>; // by leaf index
    verifyRange: Range;
    verifyProbeRange: Range;
    leafHash: Sample;
  };
  caps: Record<string, Sample>; // by level, caps as list(int)
  capsData: Record<string, Sample>; // by level, caps as a Data list
  bitmap: Record<string, Sample>; // by case
  targets: typeof TARGETS;
  withinTargets: boolean;
  ms: number;
}

const num = (u: ExUnits): Measured => ({ steps: Number(u.steps), mem: Number(u.mem) });

function range(xs: Measured[]): Range {
  return {
    min: { steps: Math.min(...xs.map((x) => x.steps)), mem: Math.min(...xs.map((x) => x.mem)) },
    max: { steps: Math.max(...xs.map((x) => x.steps)), mem: Math.max(...xs.map((x) => x.mem)) },
  };
}

class Probe {
  private readonly main: CompiledScript;
  private readonly base: CompiledScript;
  constructor(
    private readonly em: EmulatorProbe,
    make: (baseline: boolean) => any,
  ) {
    [this.main, this.base] = withTraced(false, () => [compileTerm(make(false)), compileTerm(make(true))]);
  }
  async baseline(redeemer: string): Promise<Measured> {
    return num(await this.em.mint(this.base, redeemer));
  }
  async sample(redeemer: string, baselineRedeemer = redeemer): Promise<Sample> {
    const probe = num(await this.em.mint(this.main, redeemer));
    const base = await this.baseline(baselineRedeemer);
    return { steps: probe.steps - base.steps, mem: probe.mem - base.mem, probe };
  }
}

/** Sizes of the library functions' compiled (untraced) programs, in bytes. */
export function librarySizes(): Record<string, number> {
  return withTraced(false, () => ({
    ln: compileTerm(makeLn()).size,
    emission: compileTerm(makeEmission()).size,
    leafHash: compileTerm(makeLeafHash()).size,
    nodeHash: compileTerm(makeNodeHash()).size,
    merkleVerify: compileTerm(makeMerkleVerify()).size,
    bitIsSet: compileTerm(makeBitIsSet()).size,
    bitSet: compileTerm(makeBitSet()).size,
    capFor: compileTerm(makeCapFor()).size,
    capForData: compileTerm(makeCapForData()).size,
  }));
}

/** Measures every library function in the Emulator. `quick` samples fewer epochs. */
export async function measureOnchain(options: { quick?: boolean } = {}): Promise<OnchainBench> {
  const t0 = Date.now();
  const em = await EmulatorProbe.create();

  // Emission.
  const emission = new Probe(em, emissionProbe);
  const epochs = new Set([1, 2, 3, 15, 16, 31, 32, 33, 63, 64, 100, 724, 1000, 1023, 1024, 2047, 2048, 2500, 2775, 2776]);
  for (let t = 1; t <= EPOCHS; t += options.quick ? 397 : 37) epochs.add(t);
  const sorted = [...epochs].sort((a, b) => a - b);
  const byEpoch: Record<string, Sample> = {};
  const s2775 = cumulativePack(EPOCHS - 1);
  for (const t of sorted) {
    const scheduled = t === EPOCHS ? s2775 : 0n;
    const red = Data.to(new Constr(0, [BigInt(t), scheduled, emissionPack(t)]));
    const base = Data.to(new Constr(0, [BigInt(t), scheduled, BigInt(t)]));
    byEpoch[t] = await emission.sample(red, base);
  }
  const regular = sorted.filter((t) => t < EPOCHS).map((t) => byEpoch[t]!);
  const emissionBaseline = await emission.baseline(Data.to(new Constr(0, [1n, 0n, 1n])));

  // Merkle: a real 100,000-leaf shard (depth 17).
  const nLeaves = 100_000;
  const leaves: LeafData[] = Array.from({ length: nLeaves }, (_, i) => ({
    epoch: 724n,
    shard: 3n,
    index: BigInt(i),
    service: (i * 2654435761 >>> 0).toString(16).padStart(8, "0").repeat(7),
    level: BigInt(1 + (i % 9)),
    amount: BigInt(1_000_000 + i * 7919),
  }));
  const tree = buildTree(leaves);
  const merkle = new Probe(em, merkleProbe);
  const verify: Record<string, Sample> = {};
  for (const i of options.quick ? [0, 77_777, 99_999] : [0, 1, 12_345, 65_535, 65_536, 77_777, 99_998, 99_999]) {
    const red = Data.to(new Constr(0, [tree.root, toHex(tree.leafHash(i)), BigInt(i), tree.proof(i)]));
    verify[i] = await merkle.sample(red);
  }
  const leafProbe = new Probe(em, leafHashProbe);
  const l0 = leaves[12_345]!;
  const leafData = new Constr(0, [l0.epoch, l0.shard, l0.index, l0.service, l0.level, l0.amount]);
  const leafHash = await leafProbe.sample(Data.to(new Constr(0, [leafData, toHex(tree.leafHash(12_345))])));

  // Caps.
  const caps: Record<string, Sample> = {};
  const capsData: Record<string, Sample> = {};
  const table = [...DEFAULT_LEVEL_CAPS_PACK];
  for (const [probe, out] of [[new Probe(em, capProbe), caps], [new Probe(em, capDataProbe), capsData]] as const) {
    for (const level of [1, 5, 9]) {
      out[level] = await probe.sample(
        Data.to(new Constr(0, [table, BigInt(level), table[level - 1]!])),
        Data.to(new Constr(0, [table, BigInt(level), BigInt(level)])),
      );
    }
  }

  // Bitmap.
  const bits = new Probe(em, bitmapProbe);
  const bitmap: Record<string, Sample> = {};
  const full = "ff".repeat(1000) + "00" + "ff".repeat(249); // 1,250 bytes (10,000 leaves), bit 8000 free
  const cases: Record<string, [string, number]> = {
    "empty bitmap, index 0": ["", 0],
    "1250-byte bitmap, index 8000 (inside)": [full, 8000],
    "1250-byte bitmap, index 9999 (inside, last byte)": [full.slice(0, -2) + "7f", 9999],
    "empty bitmap, index 65535 (appends 8,192 bytes)": ["", 65_535],
  };
  for (const [name, [bm, i]] of Object.entries(cases)) {
    const expected = setBit(bm, i);
    bitmap[name] = await bits.sample(Data.to(new Constr(0, [bm, BigInt(i), expected])), Data.to(new Constr(0, [bm, BigInt(i), bm])));
  }

  const emissionRange = range(regular);
  const verifyRange = range(Object.values(verify));
  const remainder = byEpoch[EPOCHS]!;
  const within = (r: Measured, t: { steps: number; mem: number }) => r.steps <= t.steps && r.mem <= t.mem;
  return {
    build: "untraced",
    sizes: librarySizes(),
    emission: {
      epochs: sorted,
      byEpoch,
      regular: emissionRange,
      regularProbe: range(regular.map((s) => s.probe)),
      remainder,
      baseline: emissionBaseline,
    },
    merkle: { leaves: nLeaves, depth: tree.depth, verify, verifyRange, verifyProbeRange: range(Object.values(verify).map((s) => s.probe)), leafHash },
    caps,
    capsData,
    bitmap,
    targets: TARGETS,
    withinTargets:
      within(emissionRange.max, TARGETS.emission) &&
      within(remainder, TARGETS.emission) &&
      within(verifyRange.max, TARGETS.merkleDepth17),
    ms: Date.now() - t0,
  };
}

export const onchainSection: BenchSection = {
  name: "onchain",
  run: (options: BenchOptions) => measureOnchain({ quick: options.quick }),
};
