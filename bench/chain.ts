// Why: the on-chain costs users pay — CPU steps, memory, size and fee of every transaction
// kind — measured where they are authoritative: in Lucid's Emulator, with the deployable
// (untraced) scripts of plutus.json read as reference inputs.
// How: (1) the spec scenario (offchain/demo/scenario.ts) gives advance, claim, reward and
// sweep; (2) an epoch of 100,000 services (49 shards of 2,048 leaves) gives the advance
// size and the claim of the deepest leaf; (3) one reward with 100 payouts. For each fee we
// also report the ledger's minimum (44·size + 155,381 + ⌈0.0577·mem + 0.0000721·steps⌉ +
// 15·reference-script bytes): Lucid 0.4.34 charges the reference-script part twice.
import { credentialToAddress, keyHashToCredential, type TxSignBuilder } from "@lucid-evolution/lucid";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadBlueprint } from "../offchain/blueprint.js";
import { deployedValidators } from "../offchain/demo/section.js";
import { runSpecScenario } from "../offchain/demo/scenario.js";
import { deploy, exUnits, newWorld, run, type World } from "../offchain/emulator/world.js";
import type { Protocol } from "../offchain/protocol.js";
import { readConfig, readLocks, readPools, readState } from "../offchain/readers.js";
import { advanceEpoch } from "../offchain/tx/emission/advance.js";
import { reward } from "../offchain/tx/lock/reward.js";
import { claim } from "../offchain/tx/pool/claim.js";
import type { TxPlan } from "../offchain/tx/plan.js";
import { emissionPack } from "../offchain/economics/emission.js";
import type { BenchSection } from "./main.js";
import { entryWithProof } from "../offchain/tx/emission/proof.js";

const TARGETS = { claimMem: 260_000n, claimSteps: 110_000_000n, claimFeeLovelace: 275_000n, scriptBytes: 3000 };

/** The plu-ts scripts' figures, measured before the Aiken port (bench/baseline-plu-ts.json). */
const BASELINE = JSON.parse(readFileSync(resolve(import.meta.dirname, "baseline-plu-ts.json"), "utf8")) as {
  commit: string;
  chain: { scripts: Record<string, { bytes: number }>; scenario: Fig[]; scale: Record<string, Fig | unknown> };
};
interface Fig {
  kind: string;
  steps: string;
  mem: string;
  sizeBytes: number;
  feeLovelace: string;
}

/** One row per transaction kind: plu-ts then Aiken, and the change in percent. */
function compare(kind: string, before: Fig | undefined, after: Fig | { error: string }) {
  if (!before || "error" in after) return { kind, pluts: before, aiken: after };
  const pct = (a: string | number, b: string | number) => `${(((Number(b) - Number(a)) / Number(a)) * 100).toFixed(1)}%`;
  return {
    kind,
    pluts: { steps: before.steps, mem: before.mem, sizeBytes: before.sizeBytes, feeLovelace: before.feeLovelace },
    aiken: { steps: after.steps, mem: after.mem, sizeBytes: after.sizeBytes, feeLovelace: after.feeLovelace },
    change: { steps: pct(before.steps, after.steps), mem: pct(before.mem, after.mem), fee: pct(before.feeLovelace, after.feeLovelace) },
    notCostlier: BigInt(after.steps) <= BigInt(before.steps) && BigInt(after.mem) <= BigInt(before.mem) && BigInt(after.feeLovelace) <= BigInt(before.feeLovelace),
  };
}

interface TxFigures {
  kind: string;
  steps: string;
  mem: string;
  sizeBytes: number;
  feeLovelace: string;
  ledgerMinFeeLovelace: string;
  refScriptBytes: number;
}

function refBytes(plan: TxPlan): number {
  return plan.reference.reduce((s, u) => s + (u.scriptRef ? u.scriptRef.script.length / 2 : 0), 0);
}

function figures(kind: string, tx: TxSignBuilder, plan: TxPlan): TxFigures {
  const t = tx.toTransaction();
  const size = t.to_cbor_bytes().length;
  const ex = exUnits(tx);
  const steps = ex.reduce((a, e) => a + e.steps, 0n);
  const mem = ex.reduce((a, e) => a + e.mem, 0n);
  const rb = refBytes(plan);
  // ⌈0.0577·mem + 0.0000721·steps⌉ with exact integers over 10^7
  const exFee = (577_000n * mem + 721n * steps + 9_999_999n) / 10_000_000n;
  const ledgerMin = 44n * BigInt(size) + 155_381n + exFee + 15n * BigInt(rb);
  return { kind, steps: String(steps), mem: String(mem), sizeBytes: size, feeLovelace: String(t.body().fee()), ledgerMinFeeLovelace: String(ledgerMin), refScriptBytes: rb };
}

async function measure(w: World, kind: string, plan: TxPlan, payer: Parameters<typeof run>[2]) {
  const { tx } = await run(w, plan, payer);
  return figures(kind, tx, plan);
}

/** An epoch of `n` services at level 9 (small allocations), and the claim of the deepest leaf. */
async function scale(n: number) {
  const w = await newWorld();
  const p: Protocol = await deploy(w, deployedValidators());
  const state = await readState(w.lucid, p);
  const config = await readConfig(w.lucid, p);
  const entries = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, service: i === 2047 ? w.pkh.svcA : randomBytes(28).toString("hex"), level: 9, amountPack: 1_000_000n }));
  const adv = advanceEpoch({ protocol: p, stateUtxo: state.utxo, configUtxo: config.utxo, fTotalPack: emissionPack(1), entries, operator: w.pkh.operator, nowMs: w.emulator.now() });
  let advance: TxFigures | { error: string };
  try {
    advance = await measure(w, `advance, ${n} services, ${adv.file.shards.length} shards`, adv.plan, "operator");
  } catch (e) {
    return { services: n, shards: adv.file.shards.length, advance: { error: String((e as Error).message).slice(0, 300) } };
  }
  const e = entryWithProof(adv.file, { service: w.pkh.svcA });
  const [pool] = (await readPools(w.lucid, p, 1)).filter((x) => x.datum.shard === BigInt(e.shard));
  const plan = claim({ protocol: p, pool: pool!.utxo, configUtxo: config.utxo, entry: { index: e.index, service: e.service, level: e.level, amountPack: BigInt(e.amountPack), proof: e.proof }, nowMs: w.emulator.now() });
  const c = await measure(w, `claim, shard of ${adv.file.leavesPerShard} leaves (proof ${e.proof.length} hashes)`, plan, "svcA");
  // a reward with 100 payouts from that lock
  const locks = (await readLocks(w.lucid, p, w.pkh.svcA)).map((l) => l.utxo);
  const users = Array.from({ length: 100 }, () => credentialToAddress("Custom", keyHashToCredential(randomBytes(28).toString("hex"))));
  const r = reward({ protocol: p, locks, configUtxo: (await readConfig(w.lucid, p)).utxo, payouts: users.map((address) => ({ address, amountPack: 10_000n })) });
  let reward100: TxFigures | { error: string };
  try {
    reward100 = await measure(w, "reward, 100 payouts", r, "svcA");
  } catch (err) {
    reward100 = { error: String((err as Error).message).slice(0, 300) };
  }
  return {
    services: n,
    shards: adv.file.shards.length,
    leavesPerShard: adv.file.leavesPerShard,
    advance,
    claim: c,
    claimWithinTargets: BigInt(c.mem) <= TARGETS.claimMem && BigInt(c.steps) <= TARGETS.claimSteps && BigInt(c.ledgerMinFeeLovelace) <= TARGETS.claimFeeLovelace,
    reward100,
  };
}

export const chainSection: BenchSection = {
  name: "chain",
  async run(options) {
    const bp = loadBlueprint();
    const scripts = Object.fromEntries(
      (["emission", "config", "pool", "lock", "lock_rules"] as const).map((n) => {
        const bytes = bp.getScript(n, n === "emission" ? "mint" : n === "lock_rules" ? "withdraw" : "spend").length / 2;
        return [n, { pluts: BASELINE.chain.scripts[n]?.bytes, bytes, withinTarget: bytes <= TARGETS.scriptBytes }];
      }),
    );
    const sc = await runSpecScenario(deployedValidators());
    const scenario = sc.steps.map((s) => ({
      kind: s.step,
      steps: String(s.exUnits.reduce((a, e) => a + e.steps, 0n)),
      mem: String(s.exUnits.reduce((a, e) => a + e.mem, 0n)),
      sizeBytes: s.sizeBytes,
      feeLovelace: String(s.feeLovelace),
    }));
    const big = await scale(options.quick ? 10_000 : 100_000);
    const b = BASELINE.chain.scale as Record<string, Fig>;
    const comparison = [
      ...scenario.map((x, i) => compare(x.kind, BASELINE.chain.scenario[i], x)),
      ...(["advance", "claim", "reward100"] as const).map((k) => compare(`${k} (${big.services} services)`, b[k], (big as Record<string, any>)[k] ?? { error: "not measured" })),
    ];
    return {
      targets: Object.fromEntries(Object.entries(TARGETS).map(([k, v]) => [k, String(v)])),
      baseline: `plu-ts, commit ${BASELINE.commit} (bench/baseline-plu-ts.json)`,
      scripts,
      comparison,
      scale: big,
    };
  },
};
