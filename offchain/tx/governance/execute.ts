/**
 * Execute: apply a passed proposal once, in its execution window (governance spend
 * `Execute`; lib/jetpack/logic/governance/execute.ak). A config change also spends the
 * config with `Apply` (its validator checks the version, the datum and the guardrails); a
 * grant moves its Jet from the treasury into a grant UTxO; text only ends the proposal.
 * The deposit goes back to the proposer.
 */
import { Data, type UTxO } from "@lucid-evolution/lucid";
import { configApplyRedeemer, configFromData, configProblems, decodeConfig, guardrailProblems } from "../../codec/data.js";
import { encodeGrant, govMint, govSpend } from "../../codec/governance.js";
import { epochRange } from "../../governance/clock.js";
import type { Protocol } from "../../protocol.js";
import { JetpackError, requireInlineDatum } from "../common.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { returnDeposit } from "./end.js";
import { expectKind, GOV_OUTPUT_LOVELACE, govUnit, passed } from "./common.js";

export interface ExecuteArgs {
  protocol: Protocol;
  proposal: UTxO;
  configUtxo: UTxO; // spent for a config change, read otherwise
  treasury?: UTxO[]; // for a grant: treasury UTxOs holding at least its Jet
  nowMs: number;
}

export function execute(args: ExecuteArgs): TxPlan {
  const { protocol: p } = args;
  const pr = expectKind(p, args.proposal, "proposal", "proposal");
  const d = pr.datum;
  const { epoch, validFrom, validTo } = epochRange(args.nowMs, p.params.genesisTimeMs);
  if (epoch < d.execStart) throw new JetpackError(`proposal ${pr.id} executes from epoch ${d.execStart} (after its timelock); it is epoch ${epoch}`);
  if (epoch > d.execEnd) throw new JetpackError(`proposal ${pr.id}'s execution window ended at epoch ${d.execEnd}; it is epoch ${epoch}`);
  if (!passed(d)) throw new JetpackError(`proposal ${pr.id} did not pass (yes ${d.yes}, no ${d.no}, max power ${d.maxPower}, quorum ${d.quorumBps} bps, approval ${d.approvalBps} bps)`);
  const cfg = decodeConfig(requireInlineDatum(args.configUtxo, "config UTxO"));
  const plan = emptyPlan();
  plan.spend.push({ utxos: [args.proposal], redeemer: govSpend.execute() });
  const burn = { [govUnit(p, "proposal", pr.id)]: -1n };
  const k = d.kind;
  if (k.type === "config") {
    if (k.replacesVersion !== cfg.version) throw new JetpackError(`proposal ${pr.id} replaces config version ${k.replacesVersion}; the config is at version ${cfg.version} (stale)`);
    const next = configFromData(k.newConfig);
    const problems = [...configProblems(next), ...guardrailProblems(cfg, next, true)];
    if (problems.length > 0) throw new JetpackError(`proposal ${pr.id}'s config breaks the rules: ${problems.join("; ")}`);
    plan.spend.push({ utxos: [args.configUtxo], redeemer: configApplyRedeemer() });
    plan.outputs.push({ address: args.configUtxo.address, assets: { ...args.configUtxo.assets }, datum: Data.to(k.newConfig) });
    plan.mint = { assets: burn, redeemer: govMint.spent() };
    useScript(plan, p, "config");
  } else if (k.type === "grant") {
    const total = k.milestones.reduce((a, m) => a + m.amount, 0n);
    const tin = args.treasury ?? [];
    const jetIn = tin.reduce((a, u) => a + (u.assets[p.units.jet] ?? 0n), 0n);
    const adaIn = tin.reduce((a, u) => a + (u.assets.lovelace ?? 0n), 0n);
    if (jetIn < total) throw new JetpackError(`the grant needs ${total} Pack from the treasury; the given treasury UTxOs hold ${jetIn}`);
    plan.spend.push({ utxos: tin, redeemer: govSpend.execute() });
    plan.reference.push(args.configUtxo);
    const grantUnit = govUnit(p, "grant", pr.id);
    plan.mint = { assets: { ...burn, [grantUnit]: 1n }, redeemer: govMint.spent() };
    const g = cfg.governance;
    plan.outputs.push({
      address: p.governance.address,
      assets: { lovelace: GOV_OUTPUT_LOVELACE, [p.units.jet]: total, [grantUnit]: 1n },
      datum: encodeGrant({ recipient: k.recipient, milestones: k.milestones, paused: false, disputeEnd: epoch + g.disputeEpochs, end: k.milestones[k.milestones.length - 1]!.epoch + g.executionEpochs }),
    });
    const rest = jetIn - total;
    plan.outputs.push({ address: p.treasury.address, assets: rest > 0n ? { lovelace: adaIn, [p.units.jet]: rest } : { lovelace: adaIn } });
    useScript(plan, p, "treasury");
  } else {
    plan.mint = { assets: burn, redeemer: govMint.spent() };
  }
  returnDeposit(plan, d, p);
  plan.validFrom = validFrom;
  plan.validTo = validTo;
  useScript(plan, p, "governance");
  return plan;
}

