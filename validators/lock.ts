/**
 * The service lock: holds a service's claimed (non-resellable) Jet. Parameter: the Jet
 * policy id (Data bytes). Spend with `Reward` (exactly Constr 0 []) only; everything else
 * fails: another purpose ("lock: unsupported purpose"), another redeemer ("lock: redeemer
 * is not Reward" — plu-ts' match of a one-constructor type would accept any Data).
 */
import { data, DataConstr, passert, pData, peqData, pfn, pmatch, PScriptContext, punBData, unit, plet } from "@harmoniclabs/plu-ts";
import { check, fail } from "../lib/trace.js";
import { plockReward } from "../lib/logic/lock/reward.js";

export function makeLockValidator() {
  return pfn([data, PScriptContext.type], unit)((jetPolicy, { tx, redeemer, purpose }) =>
    pmatch(purpose)
      .onSpending(({ utxoRef, datum }) =>
        passert.$(
          check("lock: redeemer is not Reward", peqData.$(redeemer).$(pData(new DataConstr(0, [])))).and(
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
