/**
 * Config update: spends the config UTxO with `Update`, writes the new datum, and names
 * the governors who will sign (at least the current quorum). The NFT and the ADA stay.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { configProblems, configUpdateRedeemer, decodeConfig, encodeConfig, type ConfigDatum } from "../../codec/data.js";
import type { Protocol } from "../../protocol.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { JetpackError, requireInlineDatum } from "../common.js";

export interface UpdateConfigArgs {
  protocol: Protocol;
  configUtxo: UTxO;
  next: Omit<ConfigDatum, "poolScript" | "lockScript">;
  signers: string[]; // governor key hashes that will sign
}

export function updateConfig(args: UpdateConfigArgs): TxPlan {
  const { protocol: p, configUtxo } = args;
  const current = decodeConfig(requireInlineDatum(configUtxo, "config UTxO"));
  const next: ConfigDatum = {
    ...args.next,
    governors: [...args.next.governors].sort(),
    poolScript: current.poolScript,
    lockScript: current.lockScript,
  };
  const problems = configProblems(next);
  if (problems.length > 0) throw new JetpackError(`new config is not well-formed: ${problems.join("; ")}`);
  const signing = args.signers.filter((s) => current.governors.includes(s));
  if (BigInt(new Set(signing).size) < current.quorum)
    throw new JetpackError(`config update needs ${current.quorum} governor signatures, ${new Set(signing).size} given`);
  const plan = emptyPlan();
  plan.spend.push({ utxos: [configUtxo], redeemer: configUpdateRedeemer() });
  plan.outputs.push({ address: configUtxo.address, assets: { ...configUtxo.assets }, datum: encodeConfig(next) });
  plan.signers.push(...args.signers);
  useScript(plan, p, "config");
  return plan;
}
