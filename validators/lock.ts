/**
 * The service lock: holds a service's claimed (non-resellable) Jet. Parameter: the Jet
 * policy id (Data bytes). Spend with `Reward` only; everything else fails.
 */
import { data, passert, pfn, pmatch, PScriptContext, punBData, unit, plet } from "@harmoniclabs/plu-ts";
import { LockRedeemer } from "../lib/types.js";
import { fail } from "../lib/trace.js";
import { plockReward } from "../lib/logic/lock/reward.js";

export function makeLockValidator() {
  return pfn([data, PScriptContext.type], unit)((jetPolicy, { tx, redeemer, purpose }) =>
    pmatch(purpose)
      .onSpending(({ utxoRef, datum }) =>
        pmatch(redeemer.as(LockRedeemer.type)).onReward((_) =>
          passert.$(
            plockReward
              .$(tx)
              .$(utxoRef)
              .$(plet(pmatch(datum).onJust(({ val }) => val)._((_) => fail("lock: datum missing", data))))
              .$(punBData.$(jetPolicy)),
          ),
        ),
      )
      ._((_) => fail("lock: unsupported purpose")),
  );
}
