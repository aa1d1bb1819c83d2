// Why: what the caps hold back in one epoch is not lost — the spec carries it into the next
// epoch's pot: f_total(t+1) = emission(t+1) + undistributed(t), f_total(1) = emission(1).
// Operators and tests need to replay several epochs of metrics through that rule.
//
// How: a fold over the epochs' service lists, starting at `startEpoch` (default 1) with a
// given carry-in (default 0), calling allocate() once per epoch. Past epoch 2776 nothing is
// emitted any more, so only the carry-over is distributed.
import { EPOCHS, emissionPack } from "./emission.js";
import { InputError } from "./errors.js";
import { type AllocationResult, allocate } from "./allocation.js";
import { type ServiceMetrics, validateCaps, validateWeights } from "./scoring.js";

export interface SimulationEpochInput {
  readonly services: readonly ServiceMetrics[];
}

export interface SimulationOptions {
  /** Epoch number of the first entry (default 1). */
  readonly startEpoch?: number;
  /** Undistributed Pack carried into the first simulated epoch (default 0). */
  readonly carryInPack?: bigint;
  /** Caps for levels 1…9 in Pack (default table). */
  readonly capsPack?: readonly bigint[];
}

export interface SimulationEpochResult extends AllocationResult {
  readonly epoch: number;
  /** emission(epoch) in Pack (0 after epoch 2776). */
  readonly emissionPack: bigint;
}

/** Emission of epoch t, or 0 once the schedule has ended. */
function emissionOrZero(t: number): bigint {
  return t > EPOCHS ? 0n : emissionPack(t);
}

/** Replays the epochs in order with carry-over; one result per input epoch. */
export function simulate(
  epochs: readonly SimulationEpochInput[],
  weightsBps?: readonly (number | bigint)[],
  options: SimulationOptions = {},
): SimulationEpochResult[] {
  const start = options.startEpoch ?? 1;
  if (!Number.isSafeInteger(start) || start < 1) throw new InputError("startEpoch", `must be an integer ≥ 1, got ${String(start)}`);
  let carry = options.carryInPack ?? 0n;
  if (typeof carry !== "bigint" || carry < 0n) throw new InputError("carryInPack", `must be a non-negative Pack amount, got ${String(carry)}`);
  if (!Array.isArray(epochs)) throw new InputError("epochs", "must be an array");
  // Check weights and caps once up front (also when there are no epochs at all).
  if (weightsBps !== undefined) validateWeights(weightsBps);
  if (options.capsPack !== undefined) validateCaps(options.capsPack);
  const results: SimulationEpochResult[] = [];
  epochs.forEach((e, i) => {
    const epoch = start + i;
    const emission = emissionOrZero(epoch);
    let r: AllocationResult;
    try {
      r = allocate({
        fTotalPack: emission + carry,
        services: e?.services,
        ...(weightsBps === undefined ? {} : { weightsBps }),
        ...(options.capsPack === undefined ? {} : { capsPack: options.capsPack }),
      });
    } catch (err) {
      // Say which epoch the bad service list belongs to.
      if (err instanceof InputError && err.path.startsWith("services")) throw new InputError(`epochs[${i}].${err.path}`, err.problem);
      throw err;
    }
    results.push({ epoch, emissionPack: emission, ...r });
    carry = r.undistributedPack;
  });
  return results;
}
