/**
 * The demo's on-chain section: runs the spec scenario (offchain/demo/scenario.ts) with the
 * deployable scripts of plutus.json on a local Emulator chain and prints what happened,
 * step by step, with each transaction's fee and script budget.
 */
import { compiledValidators, loadBlueprint } from "../blueprint.js";
import { formatJet } from "../economics/emission.js";
import type { CompiledValidators } from "../protocol.js";

export function deployedValidators(): CompiledValidators {
  return compiledValidators(loadBlueprint());
}

const ada = (lovelace: bigint) => `${lovelace / 1_000_000n}.${String(lovelace % 1_000_000n).padStart(6, "0")}`;

export async function chainDemo(progress: (line: string) => void) {
  const { runSpecScenario } = await import("./scenario.js");
  const r = await runSpecScenario(deployedValidators(), progress);
  const lines: string[] = [];
  lines.push("Local Emulator chain; scripts from plutus.json (untraced), read as reference scripts.\n");
  lines.push("step                                   fee (ADA)   size   CPU steps      memory");
  for (const s of r.steps) {
    const cpu = s.exUnits.reduce((a, e) => a + e.steps, 0n);
    const mem = s.exUnits.reduce((a, e) => a + e.mem, 0n);
    lines.push(`${s.step.padEnd(38)} ${ada(s.feeLovelace).padStart(9)} ${String(s.sizeBytes).padStart(6)} ${String(cpu).padStart(11)} ${String(mem).padStart(11)}`);
  }
  for (const e of r.epochs) {
    lines.push(`\nepoch ${e.advance.epoch}: f_total ${formatJet(e.plan.fTotalPack)} Jet, distributed ${formatJet(e.plan.allocation.distributedPack)} Jet`);
    for (const s of e.plan.allocation.services) lines.push(`  ${s.id}: level ${s.level}, ${formatJet(s.allocationPack)} Jet`);
    lines.push(`  state after: epoch ${e.stateAfter.epoch}, scheduled ${formatJet(e.stateAfter.scheduled)} Jet, minted ${formatJet(e.stateAfter.minted)} Jet`);
  }
  lines.push(`\nB left ${formatJet(r.sweptPack)} Jet unclaimed in epoch 2; the sweep burned it.`);
  lines.push(`state after sweep: minted ${formatJet(r.stateAfterSweep.minted)} Jet; carry into epoch 3 (emission + carry-over): ${formatJet(r.carryIntoEpoch3)} Jet`);
  lines.push(`locks: ${Object.entries(r.lockJet).map(([k, v]) => `${k} ${formatJet(v)}`).join(", ")} Jet`);
  lines.push(`users: ${Object.entries(r.userJet).map(([k, v]) => `${k} ${formatJet(v)}`).join(", ")} Jet`);
  const json = {
    steps: r.steps.map((s) => ({ ...s, feeLovelace: String(s.feeLovelace), exUnits: s.exUnits.map((e) => ({ mem: String(e.mem), steps: String(e.steps) })) })),
    stateAfterSweep: { epoch: String(r.stateAfterSweep.epoch), scheduled: String(r.stateAfterSweep.scheduled), minted: String(r.stateAfterSweep.minted) },
    carryIntoEpoch3Pack: String(r.carryIntoEpoch3),
    lockJetPack: Object.fromEntries(Object.entries(r.lockJet).map(([k, v]) => [k, String(v)])),
    userJetPack: Object.fromEntries(Object.entries(r.userJet).map(([k, v]) => [k, String(v)])),
  };
  return { text: lines.join("\n") + "\n", json };
}
