// Why: the chain report reads exactly what `jetpack status` reads — the state, config, pools and
// locks through the SDK readers (only UTxOs holding the protocol's tokens) — plus the
// allocation files `epoch-advance` published, as exact bytes (their hash is checked).
// How: async chain reads (any Lucid provider) and a synchronous file lookup; the model
// (chain.ts) does the arithmetic. Loaded lazily by the report command.
import { readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { LucidEvolution } from "@lucid-evolution/lucid";
import { UsageError } from "../cli/command.js";
import type { Protocol } from "../protocol.js";
import { readConfig, readLocks, readPools, readState } from "../readers.js";
import { type AllocationFileInput, type ChainPoolInput, type ChainReportInputs, allocationFileName } from "./chain.js";

export type ChainFigures = Pick<ChainReportInputs, "state" | "configCapsPack" | "pools" | "locksJetPack">;

/** State, config caps, pools and the Jet in locks, read through the SDK readers. */
export async function readChainFigures(lucid: LucidEvolution, p: Protocol): Promise<ChainFigures> {
  const [state, config, pools, locks] = await Promise.all([readState(lucid, p), readConfig(lucid, p), readPools(lucid, p), readLocks(lucid, p)]);
  return {
    state: state.datum,
    configCapsPack: config.datum.levelCapsPack,
    pools: pools.map(
      (x): ChainPoolInput => ({
        epoch: Number(x.datum.epoch),
        shard: Number(x.datum.shard),
        jetPack: x.utxo.assets[p.units.jet] ?? 0n,
        bitmap: x.datum.bitmap,
        expiryMs: x.datum.expiry,
        fileHash: x.datum.fileHash,
        capsPack: x.datum.capsPack,
        utxo: `${x.utxo.txHash}#${x.utxo.outputIndex}`,
      }),
    ),
    locksJetPack: locks.reduce((s, x) => s + (x.utxo.assets[p.units.jet] ?? 0n), 0n),
  };
}

/** Checks that --allocations names a directory (UsageError otherwise). */
export function checkAllocationsDir(dir: string, cwd: string): string {
  const abs = resolve(cwd, dir);
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    throw new UsageError(`flag --allocations: ${dir}: no such directory`);
  }
  if (!isDir) throw new UsageError(`flag --allocations: ${dir}: not a directory`);
  return abs;
}

/** A path as the user would write it: relative to cwd when inside it. */
function shown(abs: string, cwd: string): string {
  const r = relative(cwd, abs);
  return r !== "" && !r.startsWith("..") && !isAbsolute(r) ? r : abs;
}

/**
 * allocation-epoch-t.json for t = 1…last, from the first of `dirs` that has it (absolute
 * paths). A file that exists but cannot be read is a UsageError; a missing one is left out.
 */
export function findAllocationFiles(dirs: readonly string[], last: number, cwd: string): Map<number, AllocationFileInput> {
  const out = new Map<number, AllocationFileInput>();
  for (let t = 1; t <= last; t++) {
    for (const dir of dirs) {
      const abs = join(dir, allocationFileName(t));
      let bytes: Buffer;
      try {
        bytes = readFileSync(abs);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === "ENOENT") continue;
        throw new UsageError(`cannot read allocation file ${shown(abs, cwd)}: ${err.code === "EISDIR" ? "is a directory" : err.code === "EACCES" ? "permission denied" : err.message}`);
      }
      out.set(t, { name: shown(abs, cwd), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
      break;
    }
  }
  return out;
}
