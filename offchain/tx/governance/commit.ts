/**
 * Commit: lock Jet for a time in a new veJet commitment (validators/governance.ak, mint
 * `Commit`; lib/jetpack/logic/governance/commit.ak). The commitment's id is the hash of
 * `seed`, a wallet UTxO the transaction spends; the token "c" ‖ id authenticates it.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { decodeConfig } from "../../codec/data.js";
import { encodeCommitment, govMint, type Owner } from "../../codec/governance.js";
import { epochRange } from "../../governance/clock.js";
import type { Protocol } from "../../protocol.js";
import { JetpackError, requireInlineDatum } from "../common.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { GOV_OUTPUT_LOVELACE, govUnit, seedId } from "./common.js";

export interface CommitArgs {
  protocol: Protocol;
  configUtxo: UTxO; // reference input (max lock, owner-script allow-list)
  owner: Owner;
  amountPack: bigint;
  lockEnd: bigint; // epoch from which it can be withdrawn
  seed: UTxO; // a wallet UTxO this transaction spends
  nowMs: number;
}

export function commit(args: CommitArgs): TxPlan & { id: string } {
  const { protocol: p } = args;
  const cfg = decodeConfig(requireInlineDatum(args.configUtxo, "config UTxO")).governance;
  const { epoch, validFrom, validTo } = epochRange(args.nowMs, p.params.genesisTimeMs);
  if (args.amountPack <= 0n) throw new JetpackError(`a commitment needs a positive amount of Jet (got ${args.amountPack} Pack)`);
  if (args.lockEnd <= epoch) throw new JetpackError(`the lock must end after the current epoch ${epoch} (got ${args.lockEnd})`);
  if (args.lockEnd > epoch + cfg.maxLockEpochs)
    throw new JetpackError(`the lock may end at most ${cfg.maxLockEpochs} epochs ahead, at epoch ${epoch + cfg.maxLockEpochs} (got ${args.lockEnd})`);
  if ("script" in args.owner && !cfg.ownerScripts.includes(args.owner.script))
    throw new JetpackError(`owner script ${args.owner.script} is not on the config's allow-list of owner scripts`);
  const id = seedId(args.seed);
  const unit = govUnit(p, "commitment", id);
  const plan = emptyPlan();
  plan.spend.push({ utxos: [args.seed] });
  plan.reference.push(args.configUtxo);
  plan.mint = { assets: { [unit]: 1n }, redeemer: govMint.commit(args.seed) };
  plan.outputs.push({
    address: p.governance.address,
    assets: { lovelace: GOV_OUTPUT_LOVELACE, [p.units.jet]: args.amountPack, [unit]: 1n },
    datum: encodeCommitment({ owner: args.owner, amount: args.amountPack, lockEnd: args.lockEnd, since: epoch, votes: [] }),
  });
  plan.validFrom = validFrom;
  plan.validTo = validTo;
  if ("key" in args.owner) plan.signers.push(args.owner.key);
  useScript(plan, p, "governance");
  return Object.assign(plan, { id });
}
