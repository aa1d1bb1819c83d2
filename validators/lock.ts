/**
 * The service lock: holds a service's claimed (non-resellable) Jet. Parameter: the Jet
 * policy id (Data bytes). Spend with `Reward` (exactly Constr 0 []) only; everything else
 * fails: another purpose ("lock: unsupported purpose"), another redeemer ("lock: redeemer
 * is not Reward" — plu-ts' match of a one-constructor type would accept any Data).
 */
import { data, passert, peqData, pfn, pif, plet, unit } from "@harmoniclabs/plu-ts";
import { check, fail } from "../lib/trace.js";
import { all } from "../lib/checks.js";
import { constConstr, constrFields, constrIndex, hd, nth } from "../lib/data.js";
import { plockReward } from "../lib/logic/lock/reward.js";

/** The script context is read as raw Data: Constr 0 [TxInfo, redeemer, ScriptInfo]. */
export function makeLockValidator() {
  return pfn([data, data], unit)((jetPolicy, ctx) => {
    const cf = plet(constrFields(ctx));
    const si = plet(nth(cf, 2));
    const spend = () => {
      const sf = plet(constrFields(si)); // Spending = Constr 1 [TxOutRef, Maybe datum]
      const md = plet(nth(sf, 1));
      const lockRaw = pif(data).$(constrIndex(md).eq(0)).then(hd(constrFields(md))).else(fail("lock: datum missing", data));
      return passert.$(
        all([
          check("lock: redeemer is not Reward", peqData.$(nth(cf, 1)).$(constConstr(0))),
          plockReward.$(constrFields(hd(cf))).$(hd(sf)).$(lockRaw).$(jetPolicy),
        ]),
      );
    };
    return pif(unit).$(constrIndex(si).eq(1)).then(spend()).else(fail("lock: unsupported purpose"));
  });
}
