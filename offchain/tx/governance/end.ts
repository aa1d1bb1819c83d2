/**
 * How a proposal ends — veto by the guardians during the timelock, or close by anyone once
 * it failed or its window passed (governance spend `Veto`/`Close`;
 * lib/jetpack/logic/governance/veto.ak, close.ak) — and where its deposit goes: back to
 * the proposer when it reached quorum, else to the treasury.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { decodeConfig } from "../../codec/data.js";
import { govMint, govSpend, type ProposalDatum } from "../../codec/governance.js";
import { epochRange } from "../../governance/clock.js";
import type { Protocol } from "../../protocol.js";
import { JetpackError, requireInlineDatum } from "../common.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { expectKind, govUnit, passed, quorumReached } from "./common.js";
import { addressFromData } from "./address.js";

/** Pays the deposit back to the proposer (quorum reached) or to the treasury. */
export function returnDeposit(plan: TxPlan, d: ProposalDatum, p: Protocol): void {
  if (d.deposit === 0n) return;
  const lovelace = d.deposit < 1_000_000n ? 1_000_000n : d.deposit;
  if (quorumReached(d)) plan.outputs.push({ address: addressFromData(d.returnTo, p.params.network), assets: { lovelace } });
  else plan.outputs.push({ address: p.treasury.address, assets: { lovelace } });
}

export function veto(args: { protocol: Protocol; proposal: UTxO; configUtxo: UTxO; signers: string[]; nowMs: number }): TxPlan {
  const { protocol: p } = args;
  const pr = expectKind(p, args.proposal, "proposal", "proposal");
  const cfg = decodeConfig(requireInlineDatum(args.configUtxo, "config UTxO"));
  const { epoch, validFrom, validTo } = epochRange(args.nowMs, p.params.genesisTimeMs);
  if (epoch >= cfg.governance.sunsetEpoch) throw new JetpackError(`the guardians' veto ended at the sunset epoch ${cfg.governance.sunsetEpoch}; it is epoch ${epoch}`);
  if (epoch <= pr.datum.voteEnd || epoch >= pr.datum.execStart)
    throw new JetpackError(`proposal ${pr.id} can be vetoed in its timelock, epochs ${pr.datum.voteEnd + 1n}..${pr.datum.execStart - 1n}; it is epoch ${epoch}`);
  const signing = new Set(args.signers.filter((s) => cfg.governors.includes(s)));
  if (BigInt(signing.size) < cfg.quorum) throw new JetpackError(`a veto needs ${cfg.quorum} governor signatures, ${signing.size} given`);
  return ending(p, args.proposal, pr.id, pr.datum, govSpend.veto(), args.configUtxo, validFrom, validTo, args.signers);
}

export function close(args: { protocol: Protocol; proposal: UTxO; configUtxo: UTxO; nowMs: number }): TxPlan {
  const { protocol: p } = args;
  const pr = expectKind(p, args.proposal, "proposal", "proposal");
  const { epoch, validFrom, validTo } = epochRange(args.nowMs, p.params.genesisTimeMs);
  if (epoch < pr.datum.execStart) throw new JetpackError(`proposal ${pr.id} can be closed from epoch ${pr.datum.execStart}; it is epoch ${epoch}`);
  if (passed(pr.datum) && epoch <= pr.datum.execEnd) throw new JetpackError(`proposal ${pr.id} passed and can still execute until epoch ${pr.datum.execEnd}`);
  return ending(p, args.proposal, pr.id, pr.datum, govSpend.close(), args.configUtxo, validFrom, validTo, []);
}

function ending(p: Protocol, u: UTxO, id: string, d: ProposalDatum, redeemer: string, configUtxo: UTxO, validFrom: number, validTo: number, signers: string[]): TxPlan {
  const plan = emptyPlan();
  plan.spend.push({ utxos: [u], redeemer });
  plan.reference.push(configUtxo);
  plan.mint = { assets: { [govUnit(p, "proposal", id)]: -1n }, redeemer: govMint.spent() };
  returnDeposit(plan, d, p);
  plan.validFrom = validFrom;
  plan.validTo = validTo;
  plan.signers.push(...signers);
  useScript(plan, p, "governance");
  return plan;
}

