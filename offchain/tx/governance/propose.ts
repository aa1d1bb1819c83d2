/**
 * Propose: open a proposal (governance mint `Propose`; lib/jetpack/logic/governance/
 * propose.ak). The proposer's commitment is read (not spent) and must have the config's
 * threshold of power now; the deposit stays with the proposal and comes back when it
 * reaches quorum. Timings are the config's, counted from the current epoch (the snapshot).
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { decodeConfig, decodeState } from "../../codec/data.js";
import { encodeProposal, govMint, type ProposalKind } from "../../codec/governance.js";
import { epochRange } from "../../governance/clock.js";
import type { Protocol } from "../../protocol.js";
import { JetpackError, requireInlineDatum } from "../common.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { addressToData, expectKind, govUnit, powerAt, seedId } from "./common.js";

export interface ProposeArgs {
  protocol: Protocol;
  configUtxo: UTxO;
  stateUtxo: UTxO;
  commitment: UTxO; // the proposer's (read)
  kind: ProposalKind;
  returnTo: string; // bech32 address for the deposit
  seed: UTxO; // a wallet UTxO this transaction spends
  nowMs: number;
}

export function propose(args: ProposeArgs): TxPlan & { id: string } {
  const { protocol: p } = args;
  const cfg = decodeConfig(requireInlineDatum(args.configUtxo, "config UTxO"));
  const g = cfg.governance;
  const state = decodeState(requireInlineDatum(args.stateUtxo, "state UTxO"));
  const c = expectKind(p, args.commitment, "commitment", "commitment");
  const { epoch, validFrom, validTo } = epochRange(args.nowMs, p.params.genesisTimeMs);
  const power = powerAt(c.datum.amount, c.datum.lockEnd, epoch, g.maxLockEpochs);
  if (power < g.proposalThreshold) throw new JetpackError(`commitment ${c.id} has power ${power} now; proposing needs ${g.proposalThreshold} (Pack × epochs)`);
  if (!("key" in c.datum.owner)) throw new JetpackError("a script-owned commitment needs its owner script's withdrawal: build it with the script's own tooling");
  const k = args.kind;
  if (k.type === "grant") {
    if (k.milestones.length === 0) throw new JetpackError("a grant needs at least one milestone");
    k.milestones.forEach((m, i) => {
      if (m.amount <= 0n) throw new JetpackError(`milestone ${i + 1}: the amount must be positive`);
      if (i > 0 && m.epoch <= k.milestones[i - 1]!.epoch) throw new JetpackError(`milestone ${i + 1}: epochs must ascend`);
    });
  }
  if (k.type === "config" && k.replacesVersion !== cfg.version)
    throw new JetpackError(`the proposal replaces config version ${k.replacesVersion}, but the config is at version ${cfg.version}`);
  const id = seedId(args.seed);
  const unit = govUnit(p, "proposal", id);
  const voteEnd = epoch + g.votingEpochs - 1n;
  const execStart = voteEnd + g.timelockEpochs + 1n;
  const plan = emptyPlan();
  plan.spend.push({ utxos: [args.seed] });
  plan.reference.push(args.configUtxo, args.stateUtxo, args.commitment);
  plan.mint = { assets: { [unit]: 1n }, redeemer: govMint.propose(c.id, args.seed) };
  plan.outputs.push({
    address: p.governance.address,
    assets: { lovelace: g.depositLovelace > 2_000_000n ? g.depositLovelace : 2_000_000n, [unit]: 1n },
    datum: encodeProposal({
      kind: k,
      returnTo: addressToData(args.returnTo),
      deposit: g.depositLovelace,
      snapshot: epoch,
      voteEnd,
      execStart,
      execEnd: execStart + g.executionEpochs - 1n,
      maxLock: g.maxLockEpochs,
      maxPower: state.minted * g.maxLockEpochs,
      quorumBps: g.quorumBps,
      approvalBps: g.approvalBps,
      yes: 0n,
      no: 0n,
    }),
  });
  plan.validFrom = validFrom;
  plan.validTo = validTo;
  plan.signers.push(c.datum.owner.key);
  useScript(plan, p, "governance");
  return Object.assign(plan, { id });
}
