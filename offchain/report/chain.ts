// Why: the published epoch report must say what the chain says. A report replayed from a
// simulation file knows nothing of sweeps (Jet burned back after the claim windows, which
// lowers the state's minted and so raises the next f_total) nor of the deployment's genesis,
// so its f_total drifts from the chain's after the first sweep. This model takes the figures
// from the chain — the state datum (epoch, scheduled, minted), the pools still on chain — and
// from the allocation files `epoch-advance` published (f_total, distribution, services of each
// epoch), each verified against the blake2b-256 its pools record; dates from the genesis.
//
// How (pure: the caller reads the chain and the files, see chain-read.ts):
//   f_total(t) = scheduledThrough(t) − minted before the advance of t (in the file of t);
//   swept while the chain was in epoch t (t < E, the chain's epoch):
//     f_total(t+1) − emission(t+1) − undistributed(t)   (files t and t+1);
//   swept since the advance of E: scheduledThrough(E) − f_total(E) + distributed(E) − minted;
//   swept to date: Σ distributed(1…E) − minted (every file needed);
//   a pool's Jet is what its shard has not had claimed yet: claimed = shard amount − pool Jet.
// The current figures (epoch, scheduled, minted, carry-over, f_total of the next epoch) are
// computed with the same SDK functions as `jetpack status` (scheduledThrough, emissionOrTailPack,
// chainFTotal). A file that differs from its pools' hash is an InputError; a missing file is not:
// its epoch's row shows what the chain alone gives (emission, date, pools still on chain).
// All amounts are bigint Pack.
import { isBitSet, setBits } from "../bitmap.js";
import { EPOCHS, EPOCH_LENGTH_MS, TOTAL_SUPPLY_PACK, emissionA, emissionOrTailPack, epochStartDate, scheduleTable, scheduledThrough } from "../economics/emission.js";
import { InputError } from "../economics/errors.js";
import { LEVELS } from "../economics/scoring.js";
import { chainFTotal } from "../epoch.js";
import { blake2b256Hex } from "../merkle/index.js";
import { parseAllocationFile } from "../net/inputs.js";
import { type AllocationFile } from "../tx/emission/advance.js";
import { type LevelBucket, checkGenesisMs } from "./model.js";

/** A pool on chain (a UTxO holding the JetPool token), as the report needs it. */
export interface ChainPoolInput {
  readonly epoch: number;
  readonly shard: number;
  /** Jet still in the pool: allocated to the shard and not claimed yet. */
  readonly jetPack: bigint;
  readonly bitmap: string;
  readonly expiryMs: bigint;
  readonly fileHash: string;
  readonly capsPack: readonly bigint[];
  readonly utxo: string;
}

/** A published allocation file as read: its name (for messages) and exact bytes. */
export interface AllocationFileInput {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface ChainReportInputs {
  /** The report's epoch N, 1…the chain's epoch (default: the chain's epoch). */
  readonly epoch?: number;
  /** The deployment's genesis (start of epoch 1), POSIX ms. */
  readonly genesisMs: number;
  readonly nowMs: number;
  readonly state: { readonly epoch: bigint; readonly scheduled: bigint; readonly minted: bigint };
  /** The config's level caps (for an epoch whose pools are gone). */
  readonly configCapsPack: readonly bigint[];
  readonly pools: readonly ChainPoolInput[];
  /** Jet in the service locks (for the "minted covers pools and locks" check). */
  readonly locksJetPack?: bigint;
  /** allocation-epoch-t.json by epoch t, where found. */
  readonly files: ReadonlyMap<number, AllocationFileInput>;
}

/** "verified": its hash equals its pools' fileHash; "unverified": no pool of the epoch left to check it against. */
export type FileStatus = "verified" | "unverified" | "missing";

export interface EpochPools {
  readonly count: number;
  /** Jet still in the pools: unclaimed so far. */
  readonly unclaimedPack: bigint;
  /** Claimed from these pools (shard amounts from the file − Jet left); null without the file. */
  readonly claimedPack: bigint | null;
  /** Leaves claimed (bits set in the bitmaps). */
  readonly claims: number;
  readonly expiryMs: bigint;
  readonly expired: boolean;
}

/** One epoch of the history: what the chain and the epoch's allocation file say. */
export interface ChainHistoryRow {
  readonly epoch: number;
  readonly start: string;
  readonly emissionPack: bigint;
  readonly file: FileStatus;
  readonly fileName: string;
  /** The file's blake2b-256, or (file missing) the one its pools record, or null. */
  readonly fileHash: string | null;
  /** The rest is null when the file is missing. */
  readonly fTotalPack: bigint | null;
  readonly carriedInPack: bigint | null;
  readonly distributedPack: bigint | null;
  readonly undistributedPack: bigint | null;
  readonly services: number | null;
  /** Burned by sweeps while the chain was in this epoch (after its advance, before the next). */
  readonly sweptPack: bigint | null;
  /** Its pools still on chain (null: none left — swept, or nothing was distributed). */
  readonly pools: EpochPools | null;
}

export interface ChainAllocationRow {
  readonly id: string;
  readonly service: string;
  readonly shard: number;
  readonly index: number;
  readonly level: number;
  readonly amountPack: bigint;
  /** Whether the leaf is claimed; null once its pool is gone. */
  readonly claimed: boolean | null;
}

export interface ChainCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The chain now: the same figures as `jetpack status`. */
export interface ChainNow {
  readonly epoch: number;
  readonly scheduledPack: bigint;
  readonly mintedPack: bigint;
  /** Σ emission(1…epoch) − minted. */
  readonly carryOverPack: bigint;
  readonly nextEpoch: { readonly epoch: number; readonly startMs: bigint; readonly emissionPack: bigint; readonly tail: boolean; readonly fTotalPack: bigint } | null;
  readonly poolsJetPack: bigint;
  readonly locksJetPack: bigint | null;
  /** Σ distributed(1…epoch), null when a file is missing. */
  readonly distributedToDatePack: bigint | null;
  /** Σ distributed(1…epoch) − minted, null when a file is missing. */
  readonly sweptToDatePack: bigint | null;
  readonly nowMs: number;
}

export interface ChainReportModel {
  readonly source: "chain";
  readonly epoch: number;
  readonly tail: boolean;
  readonly genesisMs: number;
  readonly aJet: string;
  readonly schedule: readonly bigint[];
  readonly emittedToDatePack: bigint;
  readonly remainingPack: bigint;
  readonly chain: ChainNow;
  /** The epoch-N row. */
  readonly current: ChainHistoryRow;
  /** Epoch N's levels (null when its file is missing); caps from its pools, else the config. */
  readonly levels: readonly LevelBucket[] | null;
  readonly capsFrom: "pools" | "config";
  /** Epoch N's allocation in file order (empty when its file is missing). */
  readonly allocations: readonly ChainAllocationRow[];
  /** Epochs 1…N. */
  readonly history: readonly ChainHistoryRow[];
  /** Σ distributed(1…N), null when a file of 1…N is missing. */
  readonly distributedToDatePack: bigint | null;
  /** Epochs 1…(chain's epoch) without an allocation file. */
  readonly missingFiles: readonly number[];
  readonly checks: readonly ChainCheck[];
}

interface Parsed {
  readonly file: AllocationFile;
  readonly hash: string;
  readonly fTotal: bigint;
  readonly distributed: bigint;
  readonly shards: ReadonlyMap<number, bigint>;
}

const DIGITS = /^\d{1,40}$/;

/** The name of the allocation file of epoch t, as `epoch-advance` writes it. */
export function allocationFileName(t: number): string {
  return `allocation-epoch-${t}.json`;
}

function packField(v: unknown, path: string): bigint {
  if (typeof v !== "string" || !DIGITS.test(v)) throw new InputError(path, `must be a decimal string of Pack, got ${JSON.stringify(v)?.slice(0, 40)}`);
  return BigInt(v);
}

/** Parses and checks epoch t's file; with pools of t on chain, its hash must be theirs. */
export function readAllocationFile(t: number, src: AllocationFileInput, pools: readonly ChainPoolInput[]): Parsed {
  const fail = (problem: string): never => {
    throw new InputError(src.name, problem);
  };
  const hash = blake2b256Hex(src.bytes);
  for (const p of pools) {
    if (p.fileHash !== hash) fail(`blake2b-256 ${hash} differs from the fileHash ${p.fileHash} of epoch ${t}'s pool (shard ${p.shard}) on chain: not the file epoch-advance published`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(src.bytes));
  } catch (e) {
    return fail(`invalid JSON: ${(e as Error).message}`);
  }
  let file: AllocationFile;
  try {
    file = parseAllocationFile(raw);
    const fTotal = packField(file.fTotalPack, "fTotalPack");
    const distributed = packField(file.distributedPack, "distributedPack");
    if (!Array.isArray(file.shards)) throw new InputError("shards", "must be an array");
    const shards = new Map<number, bigint>();
    file.shards.forEach((s, i) => {
      if (typeof s !== "object" || s === null || !Number.isSafeInteger(s.shard) || s.shard < 0) throw new InputError(`shards[${i}].shard`, "must be a non-negative integer");
      shards.set(s.shard, packField(s.amountPack, `shards[${i}].amountPack`));
    });
    if (file.epoch !== t) throw new InputError("epoch", `is ${file.epoch}, not ${t}`);
    const sumEntries = file.entries.reduce((a, e) => a + BigInt(e.amountPack), 0n);
    const sumShards = [...shards.values()].reduce((a, b) => a + b, 0n);
    if (sumEntries !== distributed || sumShards !== distributed) {
      throw new InputError("distributedPack", `is ${distributed}, but the entries sum to ${sumEntries} and the shards to ${sumShards}`);
    }
    if (distributed > fTotal) throw new InputError("distributedPack", `${distributed} exceeds fTotalPack ${fTotal}`);
    return { file, hash, fTotal, distributed, shards };
  } catch (e) {
    if (e instanceof InputError) return fail(e.message);
    throw e;
  }
}

function poolsSummary(ps: readonly ChainPoolInput[], f: Parsed | undefined, nowMs: number): EpochPools | null {
  if (ps.length === 0) return null;
  const unclaimed = ps.reduce((a, p) => a + p.jetPack, 0n);
  const allocated = f ? ps.reduce((a, p) => a + (f.shards.get(p.shard) ?? 0n), 0n) : null;
  const expiry = ps.reduce((a, p) => (p.expiryMs > a ? p.expiryMs : a), 0n);
  return {
    count: ps.length,
    unclaimedPack: unclaimed,
    claimedPack: allocated === null ? null : allocated - unclaimed,
    claims: ps.reduce((a, p) => a + setBits(p.bitmap).length, 0),
    expiryMs: expiry,
    expired: ps.every((p) => BigInt(nowMs) > p.expiryMs),
  };
}

/** Builds the chain report of epoch N (InputError on a bad epoch or a bad/tampered allocation file). */
export function buildChainReportModel(inp: ChainReportInputs): ChainReportModel {
  const E = Number(inp.state.epoch);
  if (E < 1) throw new InputError("epoch", `the chain is at epoch ${E}: no epoch has been advanced yet, nothing to report`);
  const n = inp.epoch ?? E;
  if (!Number.isSafeInteger(n) || n < 1 || n > E) throw new InputError("epoch", `must be in 1…${E} (the chain is at epoch ${E}), got ${String(n)}`);
  checkGenesisMs(inp.genesisMs);
  const minted = inp.state.minted;

  const poolsOf = new Map<number, ChainPoolInput[]>();
  for (const p of inp.pools) poolsOf.set(p.epoch, [...(poolsOf.get(p.epoch) ?? []), p]);
  const parsed = new Map<number, Parsed>();
  for (let t = 1; t <= E; t++) {
    const src = inp.files.get(t);
    if (src) parsed.set(t, readAllocationFile(t, src, poolsOf.get(t) ?? []));
  }

  const undistributed = (f: Parsed) => f.fTotal - f.distributed;
  const swept = (t: number): bigint | null => {
    const f = parsed.get(t);
    if (!f) return null;
    if (t === E) return scheduledThrough(E) - f.fTotal + f.distributed - minted;
    const next = parsed.get(t + 1);
    return next ? next.fTotal - emissionOrTailPack(t + 1) - undistributed(f) : null;
  };
  const rows: ChainHistoryRow[] = [];
  for (let t = 1; t <= E; t++) {
    const f = parsed.get(t);
    const ps = poolsOf.get(t) ?? [];
    const emission = emissionOrTailPack(t);
    rows.push({
      epoch: t,
      start: epochStartDate(t, inp.genesisMs),
      emissionPack: emission,
      file: !f ? "missing" : ps.length > 0 ? "verified" : "unverified",
      fileName: allocationFileName(t),
      fileHash: f?.hash ?? ps[0]?.fileHash ?? null,
      fTotalPack: f ? f.fTotal : null,
      carriedInPack: f ? f.fTotal - emission : null,
      distributedPack: f ? f.distributed : null,
      undistributedPack: f ? undistributed(f) : null,
      services: f ? f.file.entries.length : null,
      sweptPack: swept(t),
      pools: poolsSummary(ps, f, inp.nowMs),
    });
  }
  const missingFiles = rows.filter((r) => r.file === "missing").map((r) => r.epoch);
  const sumDistributed = (rs: readonly ChainHistoryRow[]) => (rs.some((r) => r.distributedPack === null) ? null : rs.reduce((a, r) => a + r.distributedPack!, 0n));

  // the chain now, exactly as `jetpack status` computes it
  const sdkScheduled = scheduledThrough(E);
  const next = E < EPOCHS || sdkScheduled > minted ? E + 1 : null;
  const poolsJet = inp.pools.reduce((a, p) => a + p.jetPack, 0n);
  const distributedAll = sumDistributed(rows);
  const chain: ChainNow = {
    epoch: E,
    scheduledPack: inp.state.scheduled,
    mintedPack: minted,
    carryOverPack: sdkScheduled - minted,
    nextEpoch:
      next === null
        ? null
        : {
            epoch: next,
            startMs: BigInt(inp.genesisMs) + BigInt(next - 1) * BigInt(EPOCH_LENGTH_MS),
            emissionPack: emissionOrTailPack(next),
            tail: next > EPOCHS,
            fTotalPack: chainFTotal(inp.state),
          },
    poolsJetPack: poolsJet,
    locksJetPack: inp.locksJetPack ?? null,
    distributedToDatePack: distributedAll,
    sweptToDatePack: distributedAll === null ? null : distributedAll - minted,
    nowMs: inp.nowMs,
  };

  // epoch N: its allocation and levels from its file; claimed from its pools' bitmaps
  const fN = parsed.get(n);
  const poolsN = poolsOf.get(n) ?? [];
  const shardPool = new Map(poolsN.map((p) => [p.shard, p]));
  const allocations: ChainAllocationRow[] = (fN?.file.entries ?? []).map((e) => {
    const pool = shardPool.get(e.shard);
    return { id: e.id, service: e.service, shard: e.shard, index: e.index, level: e.level, amountPack: BigInt(e.amountPack), claimed: pool ? isBitSet(pool.bitmap, e.index) : null };
  });
  const capsFrom = poolsN.length > 0 ? "pools" : "config";
  const caps = poolsN[0]?.capsPack ?? inp.configCapsPack;
  const levels: LevelBucket[] | null = fN
    ? Array.from({ length: LEVELS }, (_, i) => {
        const at = allocations.filter((a) => a.level === i + 1);
        return { level: i + 1, count: at.length, capPack: caps[i] ?? 0n, allocatedPack: at.reduce((s, a) => s + a.amountPack, 0n) };
      })
    : null;

  const sweeps = rows.filter((r) => r.sweptPack !== null);
  const negative = sweeps.filter((r) => r.sweptPack! < 0n);
  const overfull = inp.pools.filter((p) => parsed.has(p.epoch) && p.jetPack > (parsed.get(p.epoch)!.shards.get(p.shard) ?? 0n));
  const f1 = parsed.get(1);
  const checks: ChainCheck[] = [
    { name: "scheduled", ok: inp.state.scheduled === sdkScheduled, detail: `chain ${inp.state.scheduled}, SDK Σ emission(1..${E}) ${sdkScheduled}` },
    {
      name: "f_total(1) = emission(1)",
      ok: !f1 || f1.fTotal === emissionOrTailPack(1),
      detail: f1 ? `file ${f1.fTotal}, emission(1) ${emissionOrTailPack(1)}` : "no file of epoch 1",
    },
    {
      name: "sweeps ≥ 0",
      ok: negative.length === 0,
      detail: negative.length === 0 ? `${sweeps.length} of ${E} epochs computed from the files and the state` : `negative in epochs ${negative.map((r) => r.epoch).join(", ")}: a file disagrees with the chain`,
    },
    {
      name: "pools within their shards",
      ok: overfull.length === 0,
      detail: overfull.length === 0 ? "no pool holds more Jet than its shard's allocation" : overfull.map((p) => `epoch ${p.epoch} shard ${p.shard}: ${p.jetPack}`).join("; "),
    },
  ];
  if (inp.locksJetPack !== undefined) {
    checks.push({ name: "minted covers pools and locks", ok: poolsJet + inp.locksJetPack <= minted, detail: `pools ${poolsJet} + locks ${inp.locksJetPack} ≤ minted ${minted}` });
  }

  const history = rows.slice(0, n);
  const emittedToDatePack = scheduledThrough(n);
  return {
    source: "chain",
    epoch: n,
    tail: n > EPOCHS,
    genesisMs: inp.genesisMs,
    aJet: emissionA().toSignificantDigits(30).toString(),
    schedule: scheduleTable(),
    emittedToDatePack,
    remainingPack: TOTAL_SUPPLY_PACK - emittedToDatePack,
    chain,
    current: rows[n - 1]!,
    levels,
    capsFrom,
    allocations,
    history,
    distributedToDatePack: sumDistributed(history),
    missingFiles,
    checks,
  };
}
