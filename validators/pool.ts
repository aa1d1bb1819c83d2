/**
 * The claim pool: one shard of one epoch's allocation. Parameter: the Jet policy id
 * (Data bytes). Spend with `Claim` (a service) or `PoolSweep` (an operator, after
 * expiry); everything else fails: another purpose ("pool: unsupported purpose") and a
 * redeemer that is neither `Claim` (Constr 0) nor exactly `PoolSweep` (Constr 1 [])
 * ("pool: unknown redeemer" — plu-ts' match would read any other constructor as the last
 * case).
 */
import { bool, data, passert, pfn, pif, pisEmpty, plet, unit } from "@harmoniclabs/plu-ts";
import { check, fail } from "../lib/trace.js";
import { all } from "../lib/checks.js";
import { constrFields, constrIndex, hd, nth } from "../lib/data.js";
import { pclaim } from "../lib/logic/pool/claim.js";
import { ppoolSweep } from "../lib/logic/pool/sweep.js";

/** The script context is read as raw Data: Constr 0 [TxInfo, redeemer, ScriptInfo]. */
export function makePoolValidator() {
  return pfn([data, data], unit)((jetPolicy, ctx) => {
    const cf = plet(constrFields(ctx));
    const si = plet(nth(cf, 2));
    const spend = () => {
      const sf = plet(constrFields(si)); // Spending = Constr 1 [TxOutRef, Maybe datum]
      const r = plet(nth(cf, 1));
      const ri = plet(constrIndex(r));
      const md = plet(nth(sf, 1));
      const poolRaw = plet(pif(data).$(constrIndex(md).eq(0)).then(hd(constrFields(md))).else(fail("pool: datum missing", data)));
      const txf = plet(constrFields(hd(cf)));
      return passert.$(
        all([
          check("pool: unknown redeemer", ri.eq(0).or(ri.eq(1).and(pisEmpty.$(constrFields(r))))),
          pif(bool)
            .$(ri.eq(0))
            .then(pclaim.$(txf).$(hd(sf)).$(poolRaw).$(jetPolicy).$(constrFields(r)))
            .else(ppoolSweep.$(txf).$(poolRaw).$(jetPolicy)),
        ]),
      );
    };
    return pif(unit).$(constrIndex(si).eq(1)).then(spend()).else(fail("pool: unsupported purpose"));
  });
}
