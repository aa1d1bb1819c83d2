/**
 * Withdraw: take a commitment's Jet back once its lock has ended (governance spend
 * `Withdraw`; lib/jetpack/logic/governance/withdraw.ak). The commitment token is burned.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { govMint, govSpend } from "../../codec/governance.js";
import { epochRange } from "../../governance/clock.js";
import type { Protocol } from "../../protocol.js";
import { JetpackError } from "../common.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { expectKind, govUnit } from "./common.js";

export function withdrawCommitment(args: { protocol: Protocol; commitment: UTxO; nowMs: number }): TxPlan {
  const { protocol: p } = args;
  const c = expectKind(p, args.commitment, "commitment", "commitment");
  const { epoch, validFrom, validTo } = epochRange(args.nowMs, p.params.genesisTimeMs);
  if (epoch < c.datum.lockEnd) throw new JetpackError(`the commitment is locked until epoch ${c.datum.lockEnd}; it is epoch ${epoch}`);
  if (!("key" in c.datum.owner)) throw new JetpackError("a script-owned commitment needs its owner script's withdrawal: build it with the script's own tooling");
  const plan = emptyPlan();
  plan.spend.push({ utxos: [args.commitment], redeemer: govSpend.withdraw() });
  plan.mint = { assets: { [govUnit(p, "commitment", c.id)]: -1n }, redeemer: govMint.spent() };
  plan.validFrom = validFrom;
  plan.validTo = validTo;
  plan.signers.push(c.datum.owner.key);
  useScript(plan, p, "governance");
  return plan;
}
