// Why: the operator's epoch report (HTML page + JSON twin) must show exactly the figures the
// SDK computes — the emission schedule, the epoch's allocation and the carry-over history —
// never a re-derivation that could drift. This module turns the inputs into one report model
// that both renderers read; it does no formatting and no I/O.
//
// How: the history is simulate() over epochs 1…N (the caller's metrics, or N epochs with no
// services when there are none: then nothing is distributed and every epoch's f_total is the
// running total of the schedule). The epoch-N row of that history *is* the allocation shown.
// N may be a tail epoch (2777…MAX_TAIL_EPOCH): simulate() emits 0 past epoch 2776, so the
// tail rows distribute only the carry-over; the schedule itself stays the 2,776 epochs.
// All amounts stay bigint Pack and fractions stay Rational; reportJson() prints Pack as decimal
// strings and fractions as "n/d".
import { DEFAULT_GENESIS_MS, EPOCHS, MAX_TAIL_EPOCH, EPOCH_LENGTH_MS, TOTAL_SUPPLY_PACK, emissionA, epochStartDate, scheduleTable, scheduledThrough } from "../economics/emission.js";
import { allocationJson } from "../cli/format.js";
import { InputError } from "../economics/errors.js";
import { type ServiceAllocation } from "../economics/allocation.js";
import { DEFAULT_LEVEL_CAPS_PACK, LEVELS, validateCaps } from "../economics/scoring.js";
import { type SimulationEpochInput, type SimulationEpochResult, simulate } from "../economics/simulate.js";

/** The last epoch a report covers: as far as `jetpack schedule --to` prints (one constant). */
export { MAX_TAIL_EPOCH };

/** Latest genesis whose epoch MAX_TAIL_EPOCH still has a valid JavaScript date (start ≤ 8.64·10^15 ms). */
export const MAX_GENESIS_MS = 8.64e15 - (MAX_TAIL_EPOCH - 1) * EPOCH_LENGTH_MS;

/** Metrics to replay: the same data as `jetpack simulate`'s input file. */
export interface ReportMetrics {
  /** Entry i is epoch i + 1; at least `epoch` entries are needed. */
  readonly epochs: readonly SimulationEpochInput[];
  readonly weightsBps?: readonly (number | bigint)[];
  readonly capsPack?: readonly bigint[];
}

export interface ReportOptions {
  /** The report's epoch N, 1…MAX_TAIL_EPOCH (past 2776: a tail epoch). */
  readonly epoch: number;
  /** Start of epoch 1 in POSIX ms (default 2025-01-01T00:00:00Z). */
  readonly genesisMs?: number;
  /** Without metrics the report shows the schedule and a history where nothing is distributed. */
  readonly metrics?: ReportMetrics;
}

/** One epoch of the carry-over history. */
export interface HistoryRow {
  readonly epoch: number;
  /** Start date of the epoch, YYYY-MM-DD (UTC). */
  readonly start: string;
  readonly emissionPack: bigint;
  /** undistributed(epoch − 1), 0 for epoch 1. */
  readonly carriedInPack: bigint;
  /** emission + carried in. */
  readonly fTotalPack: bigint;
  readonly distributedPack: bigint;
  readonly undistributedPack: bigint;
  readonly services: number;
}

/** Services of the epoch at one level. */
export interface LevelBucket {
  readonly level: number;
  readonly count: number;
  readonly capPack: bigint;
  /** Σ allocation of the level's services. */
  readonly allocatedPack: bigint;
}

export interface ReportModel {
  readonly epoch: number;
  /** N > 2776: a tail epoch — emission 0, only the carry-over is distributed. */
  readonly tail: boolean;
  readonly genesisMs: number;
  /** "input": replayed metrics; "schedule": no metrics, nothing distributed. */
  readonly source: "input" | "schedule";
  /** A in Jet, 30 significant digits (display only; the schedule below is exact). */
  readonly aJet: string;
  /** emission(t) in Pack for t = 1…2776 (index t − 1). */
  readonly schedule: readonly bigint[];
  /** Σ emission(1…N) (10^15 for a tail epoch). */
  readonly emittedToDatePack: bigint;
  /** 10^15 − Σ emission(1…N): still to be emitted after epoch N (0 for a tail epoch). */
  readonly remainingPack: bigint;
  /** Level caps in force, level 1 first. */
  readonly capsPack: readonly bigint[];
  /** The epoch-N row of the history. */
  readonly current: HistoryRow;
  /** Epoch N's allocation, best rank first (ties in input order). */
  readonly services: readonly ServiceAllocation[];
  /** Levels 1…9 of epoch N. */
  readonly levels: readonly LevelBucket[];
  /** Epochs 1…N. */
  readonly history: readonly HistoryRow[];
  /** Σ distributed over epochs 1…N. */
  readonly distributedToDatePack: bigint;
}

/** Checks the report epoch, 1…MAX_TAIL_EPOCH (InputError naming the problem). */
export function checkReportEpoch(epoch: number): void {
  if (!Number.isSafeInteger(epoch) || epoch < 1 || epoch > MAX_TAIL_EPOCH) throw new InputError("epoch", `must be an integer in 1…${MAX_TAIL_EPOCH}, got ${String(epoch)}`);
}

/** Checks the genesis time: an integer in 0…MAX_GENESIS_MS. */
export function checkGenesisMs(genesisMs: number): void {
  if (!Number.isSafeInteger(genesisMs) || genesisMs < 0 || genesisMs > MAX_GENESIS_MS) {
    throw new InputError("genesisMs", `must be POSIX milliseconds in 0…${MAX_GENESIS_MS}, got ${String(genesisMs)}`);
  }
}

/** Services sorted best rank first; ties keep input order. */
export function byRank(services: readonly ServiceAllocation[]): ServiceAllocation[] {
  return services
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.rank.compare(b.s.rank) || a.i - b.i)
    .map(({ s }) => s);
}

function historyRow(r: SimulationEpochResult, genesisMs: number): HistoryRow {
  return {
    epoch: r.epoch,
    start: epochStartDate(r.epoch, genesisMs),
    emissionPack: r.emissionPack,
    carriedInPack: r.fTotalPack - r.emissionPack,
    fTotalPack: r.fTotalPack,
    distributedPack: r.distributedPack,
    undistributedPack: r.undistributedPack,
    services: r.services.length,
  };
}

/** Builds the report of epoch N (throws InputError on bad input). */
export function buildReportModel(options: ReportOptions): ReportModel {
  const { epoch, metrics } = options;
  const genesisMs = options.genesisMs ?? DEFAULT_GENESIS_MS;
  checkReportEpoch(epoch);
  checkGenesisMs(genesisMs);
  let results: SimulationEpochResult[];
  let capsPack: readonly bigint[] = DEFAULT_LEVEL_CAPS_PACK;
  if (metrics) {
    if (!Array.isArray(metrics.epochs)) throw new InputError("epochs", "must be an array");
    if (metrics.epochs.length < epoch) {
      throw new InputError("epochs", `has ${metrics.epochs.length} epoch${metrics.epochs.length === 1 ? "" : "s"}, fewer than the report epoch ${epoch}`);
    }
    if (metrics.capsPack !== undefined) capsPack = validateCaps(metrics.capsPack);
    results = simulate(metrics.epochs.slice(0, epoch), metrics.weightsBps, metrics.capsPack === undefined ? {} : { capsPack: metrics.capsPack });
  } else {
    results = simulate(Array.from({ length: epoch }, () => ({ services: [] })));
  }

  const history = results.map((r) => historyRow(r, genesisMs));
  const last = results[epoch - 1]!;
  const levels: LevelBucket[] = [];
  const counts = new Array<number>(LEVELS).fill(0);
  const allocated = new Array<bigint>(LEVELS).fill(0n);
  for (const s of last.services) {
    counts[s.level - 1]!++;
    allocated[s.level - 1]! += s.allocationPack;
  }
  for (let l = 1; l <= LEVELS; l++) levels.push({ level: l, count: counts[l - 1]!, capPack: capsPack[l - 1]!, allocatedPack: allocated[l - 1]! });
  const emittedToDatePack = scheduledThrough(epoch);
  return {
    epoch,
    tail: epoch > EPOCHS,
    genesisMs,
    source: metrics ? "input" : "schedule",
    aJet: emissionA().toSignificantDigits(30).toString(),
    schedule: scheduleTable(),
    emittedToDatePack,
    remainingPack: TOTAL_SUPPLY_PACK - emittedToDatePack,
    capsPack,
    current: history[epoch - 1]!,
    services: byRank(last.services),
    levels,
    history,
    distributedToDatePack: history.reduce((a, h) => a + h.distributedPack, 0n),
  };
}

function historyJson(h: HistoryRow) {
  return {
    epoch: h.epoch,
    start: h.start,
    emissionPack: h.emissionPack.toString(),
    carriedInPack: h.carriedInPack.toString(),
    fTotalPack: h.fTotalPack.toString(),
    distributedPack: h.distributedPack.toString(),
    undistributedPack: h.undistributedPack.toString(),
    services: h.services,
  };
}

/** The JSON twin of the HTML page: the same figures, Pack as decimal strings, fractions as "n/d". */
/** The schedule part of a report's JSON (simulation and chain reports alike). */
export function scheduleJson(m: Pick<ReportModel, "schedule" | "aJet" | "emittedToDatePack" | "remainingPack">) {
  return {
    epochs: m.schedule.length,
    A: m.aJet,
    totalPack: TOTAL_SUPPLY_PACK.toString(),
    emittedToDatePack: m.emittedToDatePack.toString(),
    remainingPack: m.remainingPack.toString(),
    /** emission(t) for t = 1…2776, index t − 1. */
    emissionPack: m.schedule.map((p) => p.toString()),
  };
}

export function reportJson(m: ReportModel) {
  return {
    report: "jetpack epoch report",
    epoch: m.epoch,
    /** true for a tail epoch (N > 2776: emission 0, carry-over only). */
    tail: m.tail,
    start: m.current.start,
    genesisMs: m.genesisMs,
    source: m.source,
    schedule: scheduleJson(m),
    epochReport: {
      ...historyJson(m.current),
      levels: m.levels.map((l) => ({ level: l.level, count: l.count, capPack: l.capPack.toString(), allocatedPack: l.allocatedPack.toString() })),
      // exactly the entries of `jetpack allocate/simulate --json` (rank: a JSON number, an
      // integer or a half, so exact), best rank first
      allocations: m.services.map(allocationJson),
    },
    history: m.history.map(historyJson),
    distributedToDatePack: m.distributedToDatePack.toString(),
  };
}

export type ReportJson = ReturnType<typeof reportJson>;
