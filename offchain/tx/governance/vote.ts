/**
 * Vote: one commitment's vote on one proposal (governance spend `Vote`;
 * lib/jetpack/logic/governance/vote.ak). The proposal is only read, so votes never
 * contend; the vote leaves a receipt (token "v" ‖ proposal id) that a tally counts.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { encodeCommitment, encodeReceipt, govMint, govSpend } from "../../codec/governance.js";
import { epochRange } from "../../governance/clock.js";
import type { Protocol } from "../../protocol.js";
import { JetpackError } from "../common.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { expectKind, GOV_OUTPUT_LOVELACE, govUnit, powerAt } from "./common.js";

export function vote(args: { protocol: Protocol; commitment: UTxO; proposal: UTxO; yes: boolean; nowMs: number }): TxPlan & { power: bigint } {
  const { protocol: p } = args;
  const c = expectKind(p, args.commitment, "commitment", "commitment");
  const pr = expectKind(p, args.proposal, "proposal", "proposal");
  const { epoch, validFrom, validTo } = epochRange(args.nowMs, p.params.genesisTimeMs);
  const d = pr.datum;
  if (epoch < d.snapshot || epoch > d.voteEnd) throw new JetpackError(`proposal ${pr.id} takes votes in epochs ${d.snapshot}..${d.voteEnd}; it is epoch ${epoch}`);
  if (c.datum.since >= d.snapshot)
    throw new JetpackError(`commitment ${c.id} changed at epoch ${c.datum.since}, not before the proposal's snapshot epoch ${d.snapshot}: it cannot vote on it`);
  if (c.datum.lockEnd < d.execStart) throw new JetpackError(`commitment ${c.id} ends at epoch ${c.datum.lockEnd}, before the proposal can execute (epoch ${d.execStart}): extend it first`);
  if (c.datum.votes.some((v) => v.proposal === pr.id)) throw new JetpackError(`commitment ${c.id} already voted on proposal ${pr.id}`);
  if (!("key" in c.datum.owner)) throw new JetpackError("a script-owned commitment needs its owner script's withdrawal: build it with the script's own tooling");
  const power = powerAt(c.datum.amount, c.datum.lockEnd, d.snapshot, d.maxLock);
  const receiptUnit = govUnit(p, "receipt", pr.id);
  const plan = emptyPlan();
  plan.spend.push({ utxos: [args.commitment], redeemer: govSpend.vote(pr.id, args.yes) });
  plan.reference.push(args.proposal);
  plan.mint = { assets: { [receiptUnit]: 1n }, redeemer: govMint.spent() };
  const live = c.datum.votes.filter((v) => v.voteEnd >= epoch);
  plan.outputs.push({
    address: args.commitment.address,
    assets: { ...args.commitment.assets },
    datum: encodeCommitment({ ...c.datum, votes: [{ proposal: pr.id, voteEnd: d.voteEnd }, ...live] }),
  });
  plan.outputs.push({
    address: p.governance.address,
    assets: { lovelace: GOV_OUTPUT_LOVELACE, [receiptUnit]: 1n },
    datum: encodeReceipt({ proposal: pr.id, commitment: c.id, power, yes: args.yes }),
  });
  plan.validFrom = validFrom;
  plan.validTo = validTo;
  plan.signers.push(c.datum.owner.key);
  useScript(plan, p, "governance");
  return Object.assign(plan, { power });
}
