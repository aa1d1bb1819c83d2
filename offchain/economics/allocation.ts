// Why: each epoch the adjusted total f_total is split among services in proportion to their
// scores, but no service may receive more than its level's cap; whatever the caps hold back
// stays undistributed and carries over to the next epoch (see simulate.ts). The split is
// published and later proven on-chain, so it must be exact and reproducible to the Pack.
//
// How: S_n = min(⌊f_total · P_n / P⌋, cap(level_n)) in Pack, where P_n / P = num_n / Σ num
// with the integer score numerators of scoring.ts (no rationals in the hot loop). Services
// are sorted once by numerator; every run of tied scores is handled as one group (shared
// average rank, percentile, level, cap, score object), so tied services provably get
// identical results. P = 0 or no services → nothing is distributed. 1,000,000 services take
// a few seconds; memory is dominated by the result objects.
import { InputError } from "./errors.js";
import { Rational } from "./rational.js";
import {
  DEFAULT_LEVEL_CAPS_PACK,
  DEFAULT_WEIGHTS_BPS,
  LEVELS,
  LEVEL_PERCENTILE_FLOORS,
  type ServiceMetrics,
  forEachTieGroup,
  rankOrder,
  scoreBasis,
  validateCaps,
  validateServices,
  validateWeights,
} from "./scoring.js";

export interface AllocateParams {
  /** f_total of the epoch, in Pack. */
  readonly fTotalPack: bigint;
  readonly services: readonly ServiceMetrics[];
  /** Weights of M1, M2, M3 in basis points (sum 10000); default 5000/3000/2000. */
  readonly weightsBps?: readonly (number | bigint)[];
  /** Caps for levels 1…9 in Pack; default 30,000 … 1,000 Jet. */
  readonly capsPack?: readonly bigint[];
}

export interface ServiceAllocation {
  readonly id: string;
  /** P_n, exact. */
  readonly score: Rational;
  /** Average rank, 1 = best (a half-integer when tied over an even run). */
  readonly rank: Rational;
  /** (1 − (rank − 1)/N) × 100. */
  readonly percentile: Rational;
  /** 1…9. */
  readonly level: number;
  readonly capPack: bigint;
  /** S_n in Pack. */
  readonly allocationPack: bigint;
}

export interface AllocationResult {
  readonly fTotalPack: bigint;
  readonly distributedPack: bigint;
  readonly undistributedPack: bigint;
  /** One entry per input service, in input order. */
  readonly services: ServiceAllocation[];
}

/** Split f_total among services (validates the input; throws InputError). */
export function allocate(params: AllocateParams): AllocationResult {
  const { fTotalPack, services } = params;
  if (typeof fTotalPack !== "bigint" || fTotalPack < 0n) {
    throw new InputError("fTotalPack", `must be a non-negative Pack amount, got ${String(fTotalPack)}`);
  }
  const weights = validateWeights(params.weightsBps ?? DEFAULT_WEIGHTS_BPS);
  const caps = validateCaps(params.capsPack ?? DEFAULT_LEVEL_CAPS_PACK);
  validateServices(services);

  const n = services.length;
  const out: ServiceAllocation[] = new Array(n);
  if (n === 0) return { fTotalPack, distributedPack: 0n, undistributedPack: fTotalPack, services: out };

  const { numerators, denominatorFactors, total } = scoreBasis(services, weights);
  const toScore = Rational.overFactors(denominatorFactors, n);
  const order = rankOrder(numerators);
  const toPercentile = Rational.safeIntegerFactory();
  // Percentiles and levels in exact integer arithmetic on JS numbers: every quantity below
  // is an integer ≤ 200·N + 200 < 2^53 (array lengths are < 2^32).
  const N2 = 2 * n;
  const floors = LEVEL_PERCENTILE_FLOORS.map((f) => f * N2);
  let distributed = 0n;

  forEachTieGroup(numerators, order, (start, end) => {
    const num = numerators[order[start]!]!;
    // rank = (start + 1 + end) / 2 =: r2 / 2; percentile = 100 · (2N − r2 + 2) / (2N).
    const r2 = start + 1 + end;
    const pNum = 100 * (N2 - r2 + 2);
    let level = LEVELS;
    for (let i = 0; i < floors.length; i++) {
      if (pNum > floors[i]!) {
        level = i + 1;
        break;
      }
    }
    const capPack = caps[level - 1]!;
    let share = total === 0n ? 0n : (fTotalPack * num) / total;
    if (share > capPack) share = capPack;
    const score = toScore(num);
    const rank = Rational.half(r2);
    const percentile = toPercentile(pNum, N2);
    for (let p = start; p < end; p++) {
      const i = order[p]!;
      out[i] = { id: services[i]!.id, score, rank, percentile, level, capPack, allocationPack: share };
    }
    distributed += end - start === 1 ? share : share * BigInt(end - start);
  });

  return { fTotalPack, distributedPack: distributed, undistributedPack: fTotalPack - distributed, services: out };
}
