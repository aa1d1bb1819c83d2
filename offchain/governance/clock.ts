/**
 * Governance time: epochs of 5 days from the genesis, read on-chain from a transaction's
 * validity range (lib/jetpack/clock.ak). A rule that must not happen before an epoch reads
 * the lower bound, one that must not happen after reads the upper bound.
 *
 * The SDK gives every governance transaction a range inside one epoch (`epochRange`), so
 * its earliest and latest epochs are the same and the builder knows which one the script
 * will see.
 */
import { EPOCH_LENGTH_MS } from "../economics/emission.js";

const EPOCH = BigInt(EPOCH_LENGTH_MS);

/** The epoch holding POSIX time `ms` (0 before the genesis). */
export function epochOf(ms: bigint | number, genesisMs: bigint): bigint {
  const t = BigInt(ms);
  return t < genesisMs ? 0n : (t - genesisMs) / EPOCH + 1n;
}

/** POSIX ms at which epoch `e` (≥ 1) starts. */
export function epochStartMs(e: bigint, genesisMs: bigint): bigint {
  return genesisMs + (e - 1n) * EPOCH;
}

/** A validity range around `nowMs` that stays inside the current epoch: from a minute
 *  before now (not before the epoch's start) to `aheadMs` after (not past its end). */
export function epochRange(nowMs: number, genesisMs: bigint, aheadMs = 600_000): { epoch: bigint; validFrom: number; validTo: number } {
  const epoch = epochOf(nowMs, genesisMs);
  if (epoch < 1n) throw new Error(`governance starts at epoch 1 (${new Date(Number(genesisMs)).toISOString()}); it is earlier`);
  const start = Number(epochStartMs(epoch, genesisMs));
  const end = Number(epochStartMs(epoch + 1n, genesisMs)) - 2_000;
  const validFrom = Math.max(start, nowMs - 60_000);
  const validTo = Math.min(end, nowMs + aheadMs);
  if (validTo <= validFrom) throw new Error(`epoch ${epoch} ends within 2 s; retry after ${new Date(end + 2_000).toISOString()}`);
  return { epoch, validFrom, validTo };
}
