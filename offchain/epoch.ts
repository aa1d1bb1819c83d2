/**
 * From metrics to an advance: reads f_total from the chain's own figures (new emission plus
 * carry-over = scheduled' − minted), scores and ranks the services with the on-chain
 * config's weights and caps, and turns the allocation into advance entries keyed by each
 * service's payment key hash.
 */
import type { ConfigDatum, StateDatum } from "./codec/data.js";
import { allocate, type AllocationResult } from "./economics/allocation.js";
import { EPOCHS, scheduledThrough } from "./economics/emission.js";
import type { ServiceMetrics } from "./economics/scoring.js";
import { JetpackError } from "./tx/common.js";
import type { AllocationEntryInput } from "./tx/emission/advance.js";

export interface ServiceInput extends ServiceMetrics {
  pkh: string; // the service's payment key hash (who signs claims)
}

export interface EpochPlan {
  epoch: number;
  fTotalPack: bigint;
  allocation: AllocationResult;
  entries: AllocationEntryInput[];
}

/** f_total of the next epoch as the chain allows it: Σ emission(1..t) − minted (after
 *  epoch 2776 the emission is 0 and only the carry-over remains). */
export function chainFTotal(state: StateDatum): bigint {
  const t = Number(state.epoch) + 1;
  const f = scheduledThrough(t) - state.minted;
  if (t > EPOCHS && f === 0n) throw new JetpackError(`the schedule is complete at epoch ${state.epoch} and nothing carries over`);
  return f;
}

export function planEpoch(state: StateDatum, config: ConfigDatum, services: readonly ServiceInput[]): EpochPlan {
  const fTotalPack = chainFTotal(state);
  const allocation = allocate({ fTotalPack, services, weightsBps: config.weightsBps, capsPack: config.levelCapsPack });
  const byId = new Map(services.map((s) => [s.id, s]));
  const entries = allocation.services.map((a) => ({ id: a.id, service: byId.get(a.id)!.pkh, level: a.level, amountPack: a.allocationPack }));
  return { epoch: Number(state.epoch) + 1, fTotalPack, allocation, entries };
}
