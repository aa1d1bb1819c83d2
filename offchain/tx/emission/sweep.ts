/**
 * Sweep: after their expiry, an operator burns the unclaimed Jet of pool shards and lowers
 * the state's `minted` by the same amount, so it carries over to the next advance.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { decodePool, decodeState, emissionRedeemer, encodeState, poolSweepRedeemer } from "../../codec/data.js";
import type { Protocol } from "../../protocol.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { JetpackError, requireInlineDatum, unitOf } from "../common.js";

export interface SweepArgs {
  protocol: Protocol;
  stateUtxo: UTxO;
  configUtxo: UTxO;
  pools: UTxO[];
  operator: string; // operator key hash
  nowMs: number;
}

export function sweep(args: SweepArgs): TxPlan {
  const { protocol: p, stateUtxo, pools } = args;
  if (pools.length === 0) throw new JetpackError("nothing to sweep: no pool given");
  for (const pool of pools) {
    const d = decodePool(requireInlineDatum(pool, "pool UTxO"));
    if (BigInt(args.nowMs) - 2_000n <= d.expiry)
      throw new JetpackError(`pool of epoch ${d.epoch} shard ${d.shard} expires at ${new Date(Number(d.expiry)).toISOString()}; it cannot be swept yet`);
  }
  const s = decodeState(requireInlineDatum(stateUtxo, "state UTxO"));
  const burned = pools.reduce((acc, u) => acc + unitOf(u, p.units.jet), 0n);
  const plan = emptyPlan();
  plan.spend.push({ utxos: [stateUtxo], redeemer: emissionRedeemer("Sweep") });
  plan.spend.push({ utxos: pools, redeemer: poolSweepRedeemer() });
  plan.reference.push(args.configUtxo);
  // The swept pools' Jet and their JetPool tokens are burned (no output may keep either).
  const tokens = pools.reduce((acc, u) => acc + unitOf(u, p.units.poolToken), 0n);
  const burn: Record<string, bigint> = {};
  if (burned > 0n) burn[p.units.jet] = -burned;
  if (tokens > 0n) burn[p.units.poolToken] = -tokens;
  if (Object.keys(burn).length > 0) plan.mint = { assets: burn, redeemer: emissionRedeemer("Sweep") };
  plan.outputs.push({ address: stateUtxo.address, assets: { ...stateUtxo.assets }, datum: encodeState({ ...s, minted: s.minted - burned }) });
  plan.validFrom = args.nowMs - 1_000;
  plan.signers.push(args.operator);
  useScript(plan, p, "emission");
  useScript(plan, p, "pool");
  return plan;
}
