/**
 * Increase: add Jet to a commitment and/or extend its end (governance spend `Increase`;
 * lib/jetpack/logic/governance/increase.ak). Its `since` moves to the current epoch, so the
 * new power never counts on a proposal whose snapshot came first.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { decodeConfig } from "../../codec/data.js";
import { encodeCommitment, govSpend } from "../../codec/governance.js";
import { epochRange } from "../../governance/clock.js";
import type { Protocol } from "../../protocol.js";
import { JetpackError, requireInlineDatum } from "../common.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { expectKind } from "./common.js";

export interface IncreaseArgs {
  protocol: Protocol;
  commitment: UTxO;
  configUtxo: UTxO; // reference input (max lock)
  addPack?: bigint;
  newLockEnd?: bigint;
  nowMs: number;
}

export function increase(args: IncreaseArgs): TxPlan {
  const { protocol: p } = args;
  const c = expectKind(p, args.commitment, "commitment", "commitment");
  const add = args.addPack ?? 0n;
  const end = args.newLockEnd ?? c.datum.lockEnd;
  const { epoch, validFrom, validTo } = epochRange(args.nowMs, p.params.genesisTimeMs);
  if (add < 0n) throw new JetpackError(`a commitment cannot be reduced (add ${add} Pack)`);
  if (end < c.datum.lockEnd) throw new JetpackError(`the lock end cannot move back (${c.datum.lockEnd} → ${end})`);
  if (add === 0n && end === c.datum.lockEnd) throw new JetpackError("nothing to change: give Jet to add or a later lock end");
  if (end <= epoch) throw new JetpackError(`the commitment ended at epoch ${c.datum.lockEnd}; withdraw it and commit again`);
  const max = decodeConfig(requireInlineDatum(args.configUtxo, "config UTxO")).governance.maxLockEpochs;
  if (end !== c.datum.lockEnd && end > epoch + max) throw new JetpackError(`the lock may end at most ${max} epochs ahead, at epoch ${epoch + max} (got ${end})`);
  if ("script" in c.datum.owner) throw new JetpackError("a script-owned commitment needs its owner script's withdrawal: build it with the script's own tooling");
  const plan = emptyPlan();
  plan.spend.push({ utxos: [args.commitment], redeemer: govSpend.increase() });
  plan.reference.push(args.configUtxo);
  plan.outputs.push({
    address: args.commitment.address,
    assets: { ...args.commitment.assets, [p.units.jet]: (args.commitment.assets[p.units.jet] ?? 0n) + add },
    datum: encodeCommitment({ ...c.datum, amount: c.datum.amount + add, lockEnd: end, since: epoch }),
  });
  plan.validFrom = validFrom;
  plan.validTo = validTo;
  plan.signers.push(c.datum.owner.key);
  useScript(plan, p, "governance");
  return plan;
}
