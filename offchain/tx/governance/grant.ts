/**
 * Grants: the recipient takes each milestone once its epoch comes (`Payout`), the
 * guardians pause or resume within the dispute window (`Pause`), and after the end anyone
 * returns the rest to the treasury (`Return`) (lib/jetpack/logic/governance/payout.ak,
 * pause.ak, grant_return.ak). Donating to the treasury is a plain payment to its address.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { decodeConfig } from "../../codec/data.js";
import { encodeGrant, govMint, govSpend } from "../../codec/governance.js";
import { epochRange } from "../../governance/clock.js";
import type { Protocol } from "../../protocol.js";
import { JetpackError, requireInlineDatum } from "../common.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { expectKind, govUnit } from "./common.js";

export function payout(args: { protocol: Protocol; grant: UTxO; nowMs: number }): TxPlan & { amountPack: bigint } {
  const { protocol: p } = args;
  const g = expectKind(p, args.grant, "grant", "grant");
  const { epoch, validFrom, validTo } = epochRange(args.nowMs, p.params.genesisTimeMs);
  const [first, ...rest] = g.datum.milestones;
  if (!first) throw new JetpackError(`grant ${g.id} has no milestone left`);
  if (g.datum.paused) throw new JetpackError(`grant ${g.id} is paused by the guardians`);
  if (epoch < first.epoch) throw new JetpackError(`grant ${g.id}'s next milestone (${first.amount} Pack) is due at epoch ${first.epoch}; it is epoch ${epoch}`);
  if (epoch > g.datum.end) throw new JetpackError(`grant ${g.id} ended at epoch ${g.datum.end}; what is left returns to the treasury`);
  const plan = emptyPlan();
  plan.spend.push({ utxos: [args.grant], redeemer: govSpend.payout() });
  const unit = govUnit(p, "grant", g.id);
  if (rest.length === 0) plan.mint = { assets: { [unit]: -1n }, redeemer: govMint.spent() };
  else {
    const left = rest.reduce((a, m) => a + m.amount, 0n);
    plan.outputs.push({ address: args.grant.address, assets: { ...args.grant.assets, [p.units.jet]: left }, datum: encodeGrant({ ...g.datum, milestones: rest }) });
  }
  plan.validFrom = validFrom;
  plan.validTo = validTo;
  plan.signers.push(g.datum.recipient);
  useScript(plan, p, "governance");
  return Object.assign(plan, { amountPack: first.amount });
}

export function pause(args: { protocol: Protocol; grant: UTxO; configUtxo: UTxO; paused: boolean; signers: string[]; nowMs: number }): TxPlan {
  const { protocol: p } = args;
  const g = expectKind(p, args.grant, "grant", "grant");
  const cfg = decodeConfig(requireInlineDatum(args.configUtxo, "config UTxO"));
  const { epoch, validFrom, validTo } = epochRange(args.nowMs, p.params.genesisTimeMs);
  if (epoch > g.datum.disputeEnd) throw new JetpackError(`grant ${g.id}'s dispute window ended at epoch ${g.datum.disputeEnd}; it is epoch ${epoch}`);
  const signing = new Set(args.signers.filter((s) => cfg.governors.includes(s)));
  if (BigInt(signing.size) < cfg.quorum) throw new JetpackError(`pausing a grant needs ${cfg.quorum} governor signatures, ${signing.size} given`);
  const plan = emptyPlan();
  plan.spend.push({ utxos: [args.grant], redeemer: govSpend.pause(args.paused) });
  plan.reference.push(args.configUtxo);
  plan.outputs.push({ address: args.grant.address, assets: { ...args.grant.assets }, datum: encodeGrant({ ...g.datum, paused: args.paused }) });
  plan.validFrom = validFrom;
  plan.validTo = validTo;
  plan.signers.push(...args.signers);
  useScript(plan, p, "governance");
  return plan;
}

export function returnGrant(args: { protocol: Protocol; grant: UTxO; configUtxo: UTxO; nowMs: number }): TxPlan {
  const { protocol: p } = args;
  const g = expectKind(p, args.grant, "grant", "grant");
  const { epoch, validFrom, validTo } = epochRange(args.nowMs, p.params.genesisTimeMs);
  if (epoch <= g.datum.end) throw new JetpackError(`grant ${g.id} runs until epoch ${g.datum.end}; it is epoch ${epoch}`);
  const plan = emptyPlan();
  plan.spend.push({ utxos: [args.grant], redeemer: govSpend.return() });
  plan.reference.push(args.configUtxo);
  plan.mint = { assets: { [govUnit(p, "grant", g.id)]: -1n }, redeemer: govMint.spent() };
  const jet = args.grant.assets[p.units.jet] ?? 0n;
  plan.outputs.push({ address: p.treasury.address, assets: jet > 0n ? { lovelace: 2_000_000n, [p.units.jet]: jet } : { lovelace: 2_000_000n } });
  plan.validFrom = validFrom;
  plan.validTo = validTo;
  useScript(plan, p, "governance");
  return plan;
}

/** A donation: Jet and/or ADA paid to the treasury address. */
export function donate(args: { protocol: Protocol; jetPack?: bigint; lovelace?: bigint }): TxPlan {
  const { protocol: p } = args;
  const jet = args.jetPack ?? 0n;
  const ada = args.lovelace ?? 2_000_000n;
  if (jet < 0n || ada < 1_000_000n) throw new JetpackError("a donation needs a non-negative amount of Jet and at least 1 ADA");
  const plan = emptyPlan();
  plan.outputs.push({ address: p.treasury.address, assets: jet > 0n ? { lovelace: ada, [p.units.jet]: jet } : { lovelace: ada } });
  return plan;
}
