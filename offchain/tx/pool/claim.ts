/**
 * Claim: a service spends its pool shard with its allocation leaf and proof, sets its bit,
 * and moves exactly its amount into a new lock it owns. The validity range ends by the
 * pool's expiry (and by `validTo` when given). The cap checked is the pool's own snapshot
 * of the caps at its advance; a claim reads no config.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { claimRedeemer, decodePool, encodeLock, encodePool, type PoolDatum } from "../../codec/data.js";
import { setBit, isBitSet } from "../../bitmap.js";
import { leafHash, verifyProof } from "../../merkle/index.js";
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

/** The redeemer of the pool script's mint handler (it reads none): unit, `Constr 0 []`. */
export const LOCK_TOKEN_REDEEMER = "d87980";

export function claim(args: ClaimArgs): TxPlan {
  const { protocol: p, pool, entry } = args;
  const d: PoolDatum = decodePool(requireInlineDatum(pool, "pool UTxO"));
  if (BigInt(args.nowMs) > d.expiry) throw new JetpackError(`pool of epoch ${d.epoch} shard ${d.shard} expired at ${new Date(Number(d.expiry)).toISOString()}`);
  if (isBitSet(d.bitmap, entry.index)) throw new JetpackError(`leaf ${entry.index} of epoch ${d.epoch} shard ${d.shard} is already claimed`);
  if (unitOf(pool, p.units.poolToken) !== 1n) throw new JetpackError(`UTxO ${pool.txHash}#${pool.outputIndex} holds no JetPool token: it is not a pool`);
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
  // The pool script is the lock-token policy: the claim mints the new lock's JetLock.
  plan.mint = { assets: { [p.units.lockToken]: 1n }, redeemer: LOCK_TOKEN_REDEEMER };
  plan.outputs.push({
    address: p.lock.address,
    assets: { lovelace: args.lockLovelace ?? 1_500_000n, [p.units.jet]: entry.amountPack, [p.units.lockToken]: 1n },
    datum: encodeLock({ owner: entry.service }),
  });
  plan.validFrom = args.nowMs - 60_000;
  plan.validTo = Math.min(Number(d.expiry), args.nowMs + (args.ttlMs ?? 15 * 60_000));
  plan.signers.push(entry.service);
  useScript(plan, p, "pool");
  return plan;
}

/**
 * The pool that can serve a claim, among authenticated pools (`readPools` returns only
 * UTxOs holding a JetPool): of the leaf's epoch and shard, carrying the allocation file's
 * hash, whose root the leaf's proof reaches, with the leaf's bit unset, enough Jet, and
 * not expired. Callers check and build on the same UTxO this returns. Throws, naming what
 * every candidate lacks, when none can.
 */
export function pickPool(
  protocol: Protocol,
  pools: readonly { utxo: UTxO; datum: PoolDatum }[],
  want: { epoch: number; shard: number; fileHash: string; entry: ClaimEntry; nowMs: number },
): { utxo: UTxO; datum: PoolDatum } {
  const { entry } = want;
  const leaf = { epoch: BigInt(want.epoch), shard: BigInt(want.shard), index: BigInt(entry.index), service: entry.service, level: BigInt(entry.level), amount: entry.amountPack };
  const why: string[] = [];
  for (const x of pools) {
    const d = x.datum;
    if (d.epoch !== BigInt(want.epoch) || d.shard !== BigInt(want.shard)) continue;
    const at = `${x.utxo.txHash}#${x.utxo.outputIndex}`;
    if (unitOf(x.utxo, protocol.units.poolToken) !== 1n) why.push(`${at} holds no JetPool token`);
    else if (d.fileHash !== want.fileHash) why.push(`${at} carries another allocation file (hash ${d.fileHash})`);
    else if (!verifyProof(d.root, leafHash(leaf), entry.index, entry.proof)) why.push(`${at}: the leaf's proof does not reach its root ${d.root}`);
    else if (isBitSet(d.bitmap, entry.index)) why.push(`${at}: leaf ${entry.index} is already claimed`);
    else if (unitOf(x.utxo, protocol.units.jet) < entry.amountPack) why.push(`${at} holds ${unitOf(x.utxo, protocol.units.jet)} Pack, the claim needs ${entry.amountPack}`);
    else if (BigInt(want.nowMs) > d.expiry) why.push(`${at} expired at ${new Date(Number(d.expiry)).toISOString()}`);
    else return x;
  }
  if (why.length === 0) throw new JetpackError(`no pool of epoch ${want.epoch} shard ${want.shard} on chain (not advanced yet, or swept)`);
  throw new JetpackError(`no pool of epoch ${want.epoch} shard ${want.shard} can serve leaf ${entry.index}: ${why.join("; ")}`);
}
