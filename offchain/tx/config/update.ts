/**
 * Config update: spends the config UTxO with `Update`, writes the new datum, and names
 * the governors who will sign (at least the current quorum). The NFT and the ADA stay.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { configProblems, configUpdateRedeemer, decodeConfig, encodeConfig, guardrailProblems } from "../../codec/data.js";
import { nextConfig, type ConfigInput } from "./params.js";
import { epochRange } from "../../governance/clock.js";
import type { Protocol } from "../../protocol.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { JetpackError, requireInlineDatum } from "../common.js";

export interface UpdateConfigArgs {
  protocol: Protocol;
  configUtxo: UTxO;
  next: ConfigInput;
  signers: string[]; // governor key hashes that will sign
  nowMs: number; // the chain's time: the update must come before the sunset epoch
}

export function updateConfig(args: UpdateConfigArgs): TxPlan {
  const { protocol: p, configUtxo } = args;
  const current = decodeConfig(requireInlineDatum(configUtxo, "config UTxO"));
  const next = nextConfig(current, args.next);
  const problems = [...configProblems(next), ...guardrailProblems(current, next, false)];
  if (problems.length > 0) throw new JetpackError(`new config is not well-formed: ${problems.join("; ")}`);
  const signing = args.signers.filter((s) => current.governors.includes(s));
  if (BigInt(new Set(signing).size) < current.quorum)
    throw new JetpackError(`config update needs ${current.quorum} governor signatures, ${new Set(signing).size} given`);
  const { epoch, validFrom, validTo } = epochRange(args.nowMs, current.governance.genesisMs);
  if (epoch >= current.governance.sunsetEpoch)
    throw new JetpackError(`the guardians' direct config updates ended at epoch ${current.governance.sunsetEpoch} (the sunset); it is epoch ${epoch}: change the config by a proposal`);
  const plan = emptyPlan();
  plan.validFrom = validFrom;
  plan.validTo = validTo;
  plan.spend.push({ utxos: [configUtxo], redeemer: configUpdateRedeemer() });
  plan.outputs.push({ address: configUtxo.address, assets: { ...configUtxo.assets }, datum: encodeConfig(next) });
  plan.signers.push(...args.signers);
  useScript(plan, p, "config");
  return plan;
}
