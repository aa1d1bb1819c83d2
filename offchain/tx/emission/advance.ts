/**
 * Advance to the next epoch: mints the epoch's allocations into claim pool shards and
 * moves the state to (t, scheduled', minted + D). Also produces the allocation file that
 * services claim from (every leaf and each shard's root; proofs are rebuilt from it), whose
 * hash each pool datum records.
 *
 * Before building, the SDK checks the chain against its own schedule: the state's
 * `scheduled` must equal Σ emission(1..epoch), and the caller's f_total must equal the
 * on-chain carry-over plus emission(t); otherwise it refuses with both figures.
 *
 * Shard layout: leaves are cut into shards of `leavesPerShard` (a power of two, default
 * 2,048, so a proof has 11 siblings and a full bitmap 256 bytes); one pool UTxO per shard.
 * 100,000 services make 49 shards, which fit in one advance transaction; services of
 * different shards never contend for the same UTxO.
 */
import { slotToUnixTime, unixTimeToSlot, type UTxO } from "@lucid-evolution/lucid";
import { decodeConfig, decodeState, emissionRedeemer, encodePool, encodeState, type LeafData } from "../../codec/data.js";
import { emissionOrTailPack, EPOCHS, formatJet, scheduledThrough } from "../../economics/emission.js";
import { buildTree, blake2b256Hex } from "../../merkle/index.js";
import { MAX_ADVANCE_RANGE_MS, type Protocol } from "../../protocol.js";
import { MAX_LEAVES_PER_SHARD } from "../../bitmap.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { JetpackError, requireInlineDatum } from "../common.js";

/** Version 2: leaves without proofs (rebuilt on demand: offchain/tx/emission/proof.ts). */
export const ALLOCATION_FORMAT = "jetpack-allocation/2";
export const DEFAULT_LEAVES_PER_SHARD = 2048;
const EPOCH_LENGTH_MS = 432_000_000n;

export interface AllocationEntryInput {
  id: string; // the deployer's service id
  service: string; // service payment key hash (28 bytes hex)
  level: number; // 1..9
  amountPack: bigint;
}

export interface AllocationFileEntry {
  id: string;
  service: string;
  shard: number;
  index: number;
  level: number;
  amountPack: string;
}

export interface AllocationFile {
  format: typeof ALLOCATION_FORMAT;
  epoch: number;
  fTotalPack: string;
  distributedPack: string;
  expiryMs: string;
  leavesPerShard: number;
  shards: { shard: number; root: string; leaves: number; amountPack: string }[];
  entries: AllocationFileEntry[];
}

export interface AdvanceArgs {
  protocol: Protocol;
  stateUtxo: UTxO;
  configUtxo: UTxO;
  fTotalPack: bigint; // the f_total the allocation was computed with
  entries: AllocationEntryInput[]; // entries with amount 0 are left out of the tree
  operator: string; // operator key hash
  nowMs: number; // must be at or after start(t)
  leavesPerShard?: number;
  poolLovelace?: bigint;
}

export interface AdvanceResult {
  plan: TxPlan;
  epoch: number;
  file: AllocationFile;
  fileBytes: string; // the exact published bytes (UTF-8 JSON)
  fileHash: string; // blake2b-256 of fileBytes
}

export function epochStart(genesisMs: bigint, t: number): bigint {
  return genesisMs + BigInt(t - 1) * EPOCH_LENGTH_MS;
}


export function advanceEpoch(args: AdvanceArgs): AdvanceResult {
  const { protocol: p } = args;
  const per = args.leavesPerShard ?? DEFAULT_LEAVES_PER_SHARD;
  if (!Number.isInteger(Math.log2(per)) || per < 1) throw new JetpackError(`leavesPerShard must be a power of two, got ${per}`);
  if (per > MAX_LEAVES_PER_SHARD) throw new JetpackError(`leavesPerShard ${per} is over the maximum of ${MAX_LEAVES_PER_SHARD} leaves per shard`);
  const state = decodeState(requireInlineDatum(args.stateUtxo, "state UTxO"));
  const config = decodeConfig(requireInlineDatum(args.configUtxo, "config UTxO"));
  const t = Number(state.epoch) + 1;
  const expectedScheduled = scheduledThrough(t - 1);
  const emission = emissionOrTailPack(t); // 0 in the tail epochs after 2776
  if (state.scheduled !== expectedScheduled)
    throw new JetpackError(`on-chain scheduled ${state.scheduled} Pack differs from the SDK's schedule through epoch ${state.epoch}: ${expectedScheduled} Pack`);
  const onChainFTotal = expectedScheduled + emission - state.minted;
  if (t > EPOCHS && onChainFTotal === 0n) throw new JetpackError(`the schedule is complete: epoch ${state.epoch} was the last with anything to distribute (nothing carries over)`);
  if (args.fTotalPack !== onChainFTotal)
    throw new JetpackError(
      `f_total of epoch ${t} disagrees: the allocation used ${args.fTotalPack} Pack (${formatJet(args.fTotalPack)} Jet), the chain allows ${onChainFTotal} Pack (${formatJet(onChainFTotal)} Jet: emission ${emission} + carry-over ${onChainFTotal - emission})`,
    );
  const start = epochStart(p.params.genesisTimeMs, t);
  if (BigInt(args.nowMs) < start)
    throw new JetpackError(`epoch ${t} starts at ${new Date(Number(start)).toISOString()}; it cannot be advanced before then`);
  if (!config.operators.includes(args.operator)) throw new JetpackError(`key ${args.operator} is not an operator in the config`);

  const live = args.entries.filter((e) => e.amountPack > 0n);
  const seen = new Set<string>();
  let distributed = 0n;
  for (const e of live) {
    if (!/^[0-9a-f]{56}$/.test(e.service)) throw new JetpackError(`service ${e.id}: key hash must be 28 bytes hex`);
    if (seen.has(e.service)) throw new JetpackError(`service key ${e.service} appears twice`);
    seen.add(e.service);
    if (e.level < 1 || e.level > 9) throw new JetpackError(`service ${e.id}: level ${e.level} is not 1..9`);
    const cap = config.levelCapsPack[e.level - 1]!;
    if (e.amountPack > cap) throw new JetpackError(`service ${e.id}: ${e.amountPack} Pack exceeds the level ${e.level} cap ${cap}`);
    distributed += e.amountPack;
  }
  if (distributed > args.fTotalPack) throw new JetpackError(`allocations total ${distributed} Pack, more than f_total ${args.fTotalPack}`);

  // The validity range: from the epoch start (or a minute ago when late) to at most
  // a minute less than MAX_ADVANCE_RANGE_MS later, on a slot boundary of the network (the
  // time a script sees is the slot's); the pools expire at its end + the claim window, as
  // the script computes it, so a late advance still gives the whole window.
  const validFrom = Math.max(Number(start), args.nowMs - 60_000);
  const net = p.params.network;
  const validTo = slotToUnixTime(net, unixTimeToSlot(net, validFrom + Number(MAX_ADVANCE_RANGE_MS) - 60_000));
  const expiry = BigInt(validTo) + config.claimWindowMs;
  const shards: AllocationFile["shards"] = [];
  const entries: AllocationFileEntry[] = [];
  for (let s = 0; s * per < live.length; s++) {
    const chunk = live.slice(s * per, (s + 1) * per);
    const leaves: LeafData[] = chunk.map((e, i) => ({
      epoch: BigInt(t),
      shard: BigInt(s),
      index: BigInt(i),
      service: e.service,
      level: BigInt(e.level),
      amount: e.amountPack,
    }));
    const tree = buildTree(leaves);
    shards.push({ shard: s, root: tree.root, leaves: chunk.length, amountPack: String(chunk.reduce((a, e) => a + e.amountPack, 0n)) });
    chunk.forEach((e, i) => entries.push({ id: e.id, service: e.service, shard: s, index: i, level: e.level, amountPack: String(e.amountPack) }));
  }
  const file: AllocationFile = {
    format: ALLOCATION_FORMAT,
    epoch: t,
    fTotalPack: String(args.fTotalPack),
    distributedPack: String(distributed),
    expiryMs: String(expiry),
    leavesPerShard: per,
    shards,
    entries,
  };
  const fileBytes = JSON.stringify(file);
  const fileHash = blake2b256Hex(new TextEncoder().encode(fileBytes));

  const plan = emptyPlan();
  plan.spend.push({ utxos: [args.stateUtxo], redeemer: emissionRedeemer("Advance") });
  plan.reference.push(args.configUtxo);
  // Each pool is born with one JetPool token, its proof of authenticity for every reader.
  const mint: Record<string, bigint> = {};
  if (distributed > 0n) mint[p.units.jet] = distributed;
  if (shards.length > 0) mint[p.units.poolToken] = BigInt(shards.length);
  if (Object.keys(mint).length > 0) plan.mint = { assets: mint, redeemer: emissionRedeemer("Advance") };
  plan.outputs.push({
    address: args.stateUtxo.address,
    assets: { ...args.stateUtxo.assets },
    datum: encodeState({ epoch: BigInt(t), scheduled: expectedScheduled + emission, minted: state.minted + distributed }),
  });
  for (const sh of shards) {
    plan.outputs.push({
      address: p.pool.address,
      assets: { lovelace: args.poolLovelace ?? 2_000_000n, ...(BigInt(sh.amountPack) > 0n ? { [p.units.jet]: BigInt(sh.amountPack) } : {}), [p.units.poolToken]: 1n },
      datum: encodePool({ epoch: BigInt(t), shard: BigInt(sh.shard), root: sh.root, bitmap: "", expiry, fileHash, capsPack: [...config.levelCapsPack] }),
    });
  }
  plan.validFrom = validFrom;
  plan.validTo = validTo;
  plan.signers.push(args.operator);
  useScript(plan, p, "emission");
  return { plan, epoch: t, file, fileBytes, fileHash };
}

/** Verifies a published allocation file against a pool datum's file hash. */
export function checkAllocationFile(fileBytes: string, expectedHash: string): AllocationFile {
  const h = blake2b256Hex(new TextEncoder().encode(fileBytes));
  if (h !== expectedHash) throw new JetpackError(`allocation file hash ${h} differs from the pool datum's ${expectedHash}`);
  const f = JSON.parse(fileBytes) as AllocationFile;
  if (f.format !== ALLOCATION_FORMAT) throw new JetpackError(`allocation file format ${JSON.stringify(f.format)} is not ${ALLOCATION_FORMAT}`);
  return f;
}
