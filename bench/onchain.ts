// Why: the on-chain library's budgets must be quoted from the ledger's cost model, not from
// plutus-machine (which miscounts). How: each library function, compiled by `aiken export`
// (plutus.exports.json, the silent build), is evaluated by the compiler's own UPLC machine
// (`aiken uplc eval`, the evaluator the ledger and the Emulator use) on real arguments given
// as Data, so nothing can be folded at compile time. A figure is the whole program: the
// function plus the conversion of its Data arguments (a few hundred memory units), an upper
// bound of what the function costs inside a validator. Also reports the compiled sizes.
import { mkdtempSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Constr } from "@lucid-evolution/lucid";
import { EPOCHS, cumulativePack, emissionPack } from "../offchain/economics/emission.js";
import { DEFAULT_LEVEL_CAPS_PACK } from "../offchain/economics/scoring.js";
import { buildTree, toHex, type LeafData } from "../offchain/merkle/index.js";
import { REPO_ROOT } from "../offchain/blueprint.js";
import { loadExports, type ExportName } from "../offchain/onchain/exports.js";
import type { BenchOptions, BenchSection } from "./main.js";

/** Budget targets for the deployed build (the bar for emission(t) and a depth-17 Merkle proof; test/lib/budget.test.ts holds the build to them). */
export const TARGETS = {
  emission: { steps: 12_000_000, mem: 35_000 },
  merkleDepth17: { steps: 45_000_000, mem: 130_000 },
} as const;

export interface Measured {
  steps: number;
  mem: number;
}
export interface Range {
  min: Measured;
  max: Measured;
}

export interface OnchainBench {
  build: "silent";
  evaluator: string;
  sizes: Record<string, number>; // bytes of the flat program
  emission: { epochs: number[]; byEpoch: Record<string, Measured>; regular: Range; remainder: Measured };
  merkle: { leaves: number; depth: number; verify: Record<string, Measured>; verifyRange: Range; leafHash: Measured };
  caps: Record<string, Measured>;
  bitmap: { isSet: Measured; set: Measured };
  targets: typeof TARGETS;
  withinTargets: boolean;
  ms: number;
}

type Arg = bigint | string | Arg[] | Constr<Arg> | { bytes: string };

/** An argument as a UPLC Data constant in text form. */
function dataText(a: Arg): string {
  if (typeof a === "bigint") return `I ${a}`;
  if (typeof a === "string") return `B #${a}`;
  if (Array.isArray(a)) return `List [${a.map(dataText).join(", ")}]`;
  if (a instanceof Constr) return `Constr ${a.index} [${a.fields.map(dataText).join(", ")}]`;
  return `B #${a.bytes}`;
}

const AIKEN = resolve(REPO_ROOT, "scripts/aiken.sh");

class Evaluator {
  private readonly dir = mkdtempSync(join(tmpdir(), "jetpack-onchain-"));
  private readonly files = new Map<ExportName, string>();
  readonly sizes: Record<string, number> = {};
  constructor() {
    for (const [name, code] of Object.entries(loadExports()) as [ExportName, string][]) {
      const f = join(this.dir, `${name}.cbor`);
      writeFileSync(f, code);
      this.files.set(name, f);
      this.sizes[name] = code.length / 2 - (code.startsWith("59") ? 3 : code.startsWith("58") ? 2 : 1);
    }
  }
  /** Budget of `name` applied to `args`; throws when the evaluation fails. */
  run(name: ExportName, ...args: Arg[]): Measured & { result: string } {
    const r = spawnSync("bash", [AIKEN, "uplc", "eval", "-c", this.files.get(name)!, ...args.map((a) => `(con data (${dataText(a)}))`)], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`aiken uplc eval ${name}: ${r.stderr || r.stdout}`);
    const j = JSON.parse(r.stdout.slice(r.stdout.indexOf("{"))) as { result: string; cpu: number; mem: number };
    if (!j.result || j.result.includes("error")) throw new Error(`${name} failed: ${r.stdout}`);
    return { steps: j.cpu, mem: j.mem, result: j.result };
  }
}

function range(xs: Measured[]): Range {
  const by = (k: keyof Measured, f: (a: number, b: number) => number) => xs.map((x) => x[k]).reduce((a, b) => f(a, b));
  return { min: { steps: by("steps", Math.min), mem: by("mem", Math.min) }, max: { steps: by("steps", Math.max), mem: by("mem", Math.max) } };
}
const within = (m: Measured, t: { steps: number; mem: number }) => m.steps <= t.steps && m.mem <= t.mem;
const strip = ({ steps, mem }: Measured): Measured => ({ steps, mem });

/** Measures every library function. `quick` samples fewer epochs and leaves. */
export async function measureOnchain(options: { quick?: boolean } = {}): Promise<OnchainBench> {
  const t0 = Date.now();
  const ev = new Evaluator();
  // emission: every 29th epoch (quick: every 139th) plus the edges; the result must be the SDK's.
  const step = options.quick ? 139 : 29;
  const epochs = [...new Set([1, 2, 724, 2775, ...Array.from({ length: Math.floor(EPOCHS / step) }, (_, i) => 1 + i * step)])].filter((t) => t < EPOCHS).sort((a, b) => a - b);
  const byEpoch: Record<string, Measured> = {};
  for (const t of epochs) {
    const m = ev.run("emission", BigInt(t), 0n);
    if (m.result !== `(con integer ${emissionPack(t)})`) throw new Error(`emission(${t}) = ${m.result}, SDK ${emissionPack(t)}`);
    byEpoch[t] = strip(m);
  }
  const remainder = strip(ev.run("emission", BigInt(EPOCHS), cumulativePack(EPOCHS - 1)));
  byEpoch[EPOCHS] = remainder;
  // Merkle: a 100,000-leaf tree (depth 17); proofs of the first, a middle and the last leaf.
  const nLeaves = options.quick ? 70_000 : 100_000;
  const leaves: LeafData[] = Array.from({ length: nLeaves }, (_, i) => ({ epoch: 7n, shard: 0n, index: BigInt(i), service: (i + 1).toString(16).padStart(56, "0"), level: BigInt(1 + (i % 9)), amount: BigInt(1_000_000 + i) }));
  const tree = buildTree(leaves);
  const verify: Record<string, Measured> = {};
  for (const i of [0, Math.floor(nLeaves / 2), nLeaves - 1]) {
    const proof = tree.proofBytes(i).map((p) => ({ bytes: toHex(p) }));
    const m = ev.run("verify", { bytes: toHex(tree.rootBytes) }, { bytes: toHex(tree.leafHash(i)) }, BigInt(i), proof);
    if (m.result !== "(con bool True)") throw new Error(`verify(${i}) = ${m.result}`);
    verify[i] = strip(m);
  }
  const l0 = leaves[0]!;
  const leafHash = strip(ev.run("leafHash", new Constr(0, [l0.epoch, l0.shard, l0.index, l0.service, l0.level, l0.amount])));
  const caps: Record<string, Measured> = {};
  for (const level of [1, 5, 9]) caps[level] = strip(ev.run("capFor", [...DEFAULT_LEVEL_CAPS_PACK], BigInt(level)));
  const bitmap = { isSet: strip(ev.run("bitIsSet", { bytes: "ff".repeat(256) }, 2047n)), set: strip(ev.run("bitSet", { bytes: "00".repeat(256) }, 2047n)) };
  const regular = range(epochs.map((t) => byEpoch[t]!));
  const verifyRange = range(Object.values(verify));
  return {
    build: "silent",
    evaluator: "aiken uplc eval (the uplc crate, default V3 cost model)",
    sizes: ev.sizes,
    emission: { epochs: [...epochs, EPOCHS], byEpoch, regular, remainder },
    merkle: { leaves: nLeaves, depth: tree.depth, verify, verifyRange, leafHash },
    caps,
    bitmap,
    targets: TARGETS,
    withinTargets: within(regular.max, TARGETS.emission) && within(remainder, TARGETS.emission) && within(verifyRange.max, TARGETS.merkleDepth17),
    ms: Date.now() - t0,
  };
}

export const onchainSection: BenchSection = {
  name: "onchain",
  run: (options: BenchOptions) => measureOnchain({ quick: options.quick }),
};
