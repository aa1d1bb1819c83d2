/**
 * Tally: count a batch of vote receipts into their proposal during the timelock
 * (governance spend `Tally` on the proposal, `Tallied` on each receipt;
 * lib/jetpack/logic/governance/tally.ak). Anyone may tally; each receipt is burned as it
 * is counted, and its min-ADA goes to whoever tallies. `TALLY_BATCH` receipts fit one
 * transaction with the deployable scripts (50: 11.5 M memory of the 14 M limit, measured by
 * `npm run bench:chain`); the traced test build fits fewer.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { encodeProposal, govMint, govSpend } from "../../codec/governance.js";
import { epochRange } from "../../governance/clock.js";
import type { Protocol } from "../../protocol.js";
import { JetpackError } from "../common.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { expectKind, govUnit } from "./common.js";

export const TALLY_BATCH = 50;

export function tally(args: { protocol: Protocol; proposal: UTxO; receipts: UTxO[]; nowMs: number }): TxPlan {
  const { protocol: p } = args;
  const pr = expectKind(p, args.proposal, "proposal", "proposal");
  const { epoch, validFrom, validTo } = epochRange(args.nowMs, p.params.genesisTimeMs);
  if (epoch <= pr.datum.voteEnd || epoch >= pr.datum.execStart)
    throw new JetpackError(`proposal ${pr.id} is tallied in epochs ${pr.datum.voteEnd + 1n}..${pr.datum.execStart - 1n} (its timelock); it is epoch ${epoch}`);
  if (args.receipts.length === 0) throw new JetpackError(`no receipts to tally for proposal ${pr.id}`);
  let yes = 0n;
  let no = 0n;
  for (const u of args.receipts) {
    const r = expectKind(p, u, "receipt", "receipt");
    if (r.datum.proposal !== pr.id) throw new JetpackError(`receipt ${u.txHash}#${u.outputIndex} is for proposal ${r.datum.proposal}, not ${pr.id}`);
    if (r.datum.yes) yes += r.datum.power;
    else no += r.datum.power;
  }
  const plan = emptyPlan();
  plan.spend.push({ utxos: [args.proposal], redeemer: govSpend.tally() });
  plan.spend.push({ utxos: args.receipts, redeemer: govSpend.tallied() });
  plan.mint = { assets: { [govUnit(p, "receipt", pr.id)]: -BigInt(args.receipts.length) }, redeemer: govMint.spent() };
  plan.outputs.push({ address: args.proposal.address, assets: { ...args.proposal.assets }, datum: encodeProposal({ ...pr.datum, yes: pr.datum.yes + yes, no: pr.datum.no + no }) });
  plan.validFrom = validFrom;
  plan.validTo = validTo;
  useScript(plan, p, "governance");
  return plan;
}
