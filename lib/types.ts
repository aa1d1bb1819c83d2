/**
 * On-chain data types of the JetPack protocol.
 *
 * Why: the validators, the SDK codecs (offchain/codec) and docs/design.md §5–§6 must agree
 * on every constructor index and field order. These plu-ts structs are the on-chain half;
 * a pstruct's constructor index is its key order and its fields are in key order.
 *
 * Units are named on every field. Amounts are Pack (1 Jet = 1,000,000 Pack); times are
 * POSIX milliseconds; key and script hashes are 28 bytes; Merkle hashes are 32 bytes.
 */
import { bs, data, int, list, pstruct, PMaybe } from "@harmoniclabs/plu-ts";

/** Emission state, held at the `emission` script address next to the state NFT. */
export const StateDatum = pstruct({
  StateDatum: {
    epoch: int, // last epoch advanced (0 at genesis, 1..2776 afterwards)
    scheduled: int, // Pack: Σ emission(1..epoch), the schedule so far
    minted: int, // Pack: Jet minted and not burned
  },
});

/** Governance-owned configuration, held at the `config` script address with the config NFT. */
export const ConfigDatum = pstruct({
  ConfigDatum: {
    weightsBps: list(int), // basis points of M1, M2, M3; three entries summing to 10,000
    levelCapsPack: list(int), // Pack per epoch, level 1 first; nine entries, each ≥ 0
    operators: list(bs), // payment key hashes allowed to advance and sweep
    governors: list(bs), // payment key hashes allowed to update this config
    quorum: int, // governor signatures needed; 1 ≤ quorum ≤ len(governors)
    claimWindowMs: int, // ms a pool stays claimable after its epoch starts; > 0
    rewardAttestor: PMaybe(bs).type, // key hash that must co-sign rewards, when set
    poolScript: bs, // script hash of the claim pool validator (immutable)
    lockScript: bs, // script hash of the service lock validator (immutable)
  },
});

/** One shard of one epoch's allocation. */
export const PoolDatum = pstruct({
  PoolDatum: {
    epoch: int, // epoch of the allocation
    shard: int, // shard number, 0-based
    root: bs, // Merkle root of the shard's leaves, 32 bytes
    bitmap: bs, // claimed bits, bit i = bit (i mod 8) of byte ⌊i/8⌋; empty at creation
    expiry: int, // POSIX ms: start(epoch) + claimWindowMs; claims must end by then
    fileHash: bs, // blake2b-256 of the published allocation file
  },
});

/** A service's non-resellable Jet. */
export const LockDatum = pstruct({
  LockDatum: {
    owner: bs, // service payment key hash, 28 bytes
  },
});

/** One allocation leaf; hashed as blake2b_256(0x00 ‖ serialiseData(leaf)). */
export const Leaf = pstruct({
  Leaf: {
    epoch: int,
    shard: int,
    index: int, // position in the shard, 0-based
    service: bs, // service payment key hash
    level: int, // 1..9
    amount: int, // Pack
  },
});

export const EmissionRedeemer = pstruct({
  Genesis: {},
  Advance: {},
  Sweep: {},
});

export const PoolRedeemer = pstruct({
  Claim: {
    index: int, // leaf position in the shard
    owner: bs, // service key hash in the leaf
    level: int, // level in the leaf
    amount: int, // Pack in the leaf
    proof: list(data), // sibling hashes (Data bytes), leaf level first; kept as Data (no conversion)
  },
  PoolSweep: {},
});

export const LockRedeemer = pstruct({
  Reward: {},
});

export const ConfigRedeemer = pstruct({
  Update: {},
});
