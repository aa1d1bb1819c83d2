/**
 * Readers for the protocol's UTxOs: the state, the config, the claim pools and the service
 * locks, each decoded and checked (a UTxO whose datum does not decode is reported, not
 * guessed at). They take any Lucid provider: the Emulator, the devnet, Blockfrost…
 */
import type { LucidEvolution, UTxO } from "@lucid-evolution/lucid";
import { decodeConfig, decodeLock, decodePool, decodeState, type ConfigDatum, type LockDatum, type PoolDatum, type StateDatum } from "./codec/data.js";
import type { Protocol } from "./protocol.js";
import { JetpackError } from "./tx/common.js";

export interface Read<D> {
  utxo: UTxO;
  datum: D;
}

async function single(lucid: LucidEvolution, address: string, unit: string, what: string): Promise<UTxO> {
  const found = await lucid.utxosAtWithUnit(address, unit);
  if (found.length !== 1) throw new JetpackError(`expected one ${what} UTxO at ${address}, found ${found.length}`);
  return found[0]!;
}

export async function readState(lucid: LucidEvolution, p: Protocol): Promise<Read<StateDatum>> {
  const utxo = await single(lucid, p.emission.address, p.units.state, "state");
  return { utxo, datum: decodeState(utxo.datum ?? "") };
}

export async function readConfig(lucid: LucidEvolution, p: Protocol): Promise<Read<ConfigDatum>> {
  const utxo = await single(lucid, p.config.address, p.units.config, "config");
  return { utxo, datum: decodeConfig(utxo.datum ?? "") };
}

/**
 * Claim pools (optionally of one epoch): only UTxOs holding the JetPool token. Anyone can
 * send a copy of a pool's datum to the pool address; only an advance can mint the token,
 * and it never leaves its pool, so a token-holding UTxO is a pool the protocol made.
 */
export async function readPools(lucid: LucidEvolution, p: Protocol, epoch?: number): Promise<Read<PoolDatum>[]> {
  const out: Read<PoolDatum>[] = [];
  for (const utxo of await lucid.utxosAtWithUnit(p.pool.address, p.units.poolToken)) {
    if ((utxo.assets[p.units.poolToken] ?? 0n) !== 1n) continue;
    let datum: PoolDatum;
    try {
      datum = decodePool(utxo.datum ?? "");
    } catch {
      continue; // anyone can send junk to a script address; it is not a pool
    }
    if (epoch === undefined || datum.epoch === BigInt(epoch)) out.push({ utxo, datum });
  }
  return out.sort((a, b) => Number(a.datum.epoch - b.datum.epoch) || Number(a.datum.shard - b.datum.shard));
}

/**
 * Service locks (optionally of one owner): only UTxOs holding the JetLock token, which only
 * a claim mints and which never leaves its lock, so fake "locks" of a service's datum (e.g.
 * thousands of zero-Jet UTxOs planted to exhaust a reward's budget) are never read.
 */
export async function readLocks(lucid: LucidEvolution, p: Protocol, owner?: string): Promise<Read<LockDatum>[]> {
  const out: Read<LockDatum>[] = [];
  for (const utxo of await lucid.utxosAtWithUnit(p.lock.address, p.units.lockToken)) {
    if ((utxo.assets[p.units.lockToken] ?? 0n) !== 1n) continue;
    let datum: LockDatum;
    try {
      datum = decodeLock(utxo.datum ?? "");
    } catch {
      continue;
    }
    if (owner === undefined || datum.owner === owner) out.push({ utxo, datum });
  }
  return out;
}
