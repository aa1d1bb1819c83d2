/**
 * Claim: a service spends its pool shard with its allocation leaf and proof, sets its bit,
 * and moves exactly its amount into a new lock it owns. The validity range ends by the
 * pool's expiry (and by `validTo` when given). The cap checked is the pool's own snapshot
 * of the caps at its advance; a claim reads no config.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { claimRedeemer, decodePool, encodeLock, encodePool, type PoolDatum } from "../../codec/data.js";
import { setBit, isBitSet } from "../../bitmap.js";
import type { Protocol } from "../../protocol.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { JetpackError, requireInlineDatum, unitOf, withUnit } from "../common.js";

export interface ClaimEntry {
  index: number; // leaf position in the shard
  service: string; // service key hash
  level: number;
  amountPack: bigint;
  proof: string[]; // sibling hashes, hex
}

export interface ClaimArgs {
  protocol: Protocol;
  pool: UTxO;
  /** Not read: a claim needs no config (kept so existing callers compile). */
  configUtxo?: UTxO;
  entry: ClaimEntry;
  nowMs: number; // current time: the range is [now - 60 s, min(expiry, now + ttl)]
  ttlMs?: number;
  lockLovelace?: bigint;
}

export function claim(args: ClaimArgs): TxPlan {
  const { protocol: p, pool, entry } = args;
  const d: PoolDatum = decodePool(requireInlineDatum(pool, "pool UTxO"));
  if (BigInt(args.nowMs) > d.expiry) throw new JetpackError(`pool of epoch ${d.epoch} shard ${d.shard} expired at ${new Date(Number(d.expiry)).toISOString()}`);
  if (isBitSet(d.bitmap, entry.index)) throw new JetpackError(`leaf ${entry.index} of epoch ${d.epoch} shard ${d.shard} is already claimed`);
  const jet = unitOf(pool, p.units.jet);
  if (entry.amountPack > jet) throw new JetpackError(`pool holds ${jet} Pack, claim asks ${entry.amountPack}`);
  const cap = d.capsPack[entry.level - 1];
  if (cap === undefined) throw new JetpackError(`level ${entry.level} is not 1..${d.capsPack.length}`);
  if (entry.amountPack > cap) throw new JetpackError(`claim of ${entry.amountPack} Pack exceeds the level ${entry.level} cap ${cap} this pool was created with`);
  const plan = emptyPlan();
  plan.spend.push({
    utxos: [pool],
    redeemer: claimRedeemer({
      index: BigInt(entry.index),
      owner: entry.service,
      level: BigInt(entry.level),
      amount: entry.amountPack,
      proof: entry.proof,
    }),
  });
  plan.outputs.push({
    address: pool.address,
    assets: withUnit(pool.assets, p.units.jet, jet - entry.amountPack),
    datum: encodePool({ ...d, bitmap: setBit(d.bitmap, entry.index) }),
  });
  plan.outputs.push({
    address: p.lock.address,
    assets: { lovelace: args.lockLovelace ?? 1_500_000n, [p.units.jet]: entry.amountPack },
    datum: encodeLock({ owner: entry.service }),
  });
  plan.validFrom = args.nowMs - 60_000;
  plan.validTo = Math.min(Number(d.expiry), args.nowMs + (args.ttlMs ?? 15 * 60_000));
  plan.signers.push(entry.service);
  useScript(plan, p, "pool");
  return plan;
}
