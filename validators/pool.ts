/**
 * The claim pool: one shard of one epoch's allocation. Parameter: the Jet policy id
 * (Data bytes). Spend with `Claim` (a service) or `PoolSweep` (an operator, after
 * expiry); everything else fails: another purpose ("pool: unsupported purpose") and a
 * redeemer that is neither `Claim` (Constr 0) nor exactly `PoolSweep` (Constr 1 [])
 * ("pool: unknown redeemer" — plu-ts' match would read any other constructor as the last
 * case).
 */
import { data, DataConstr, passert, pData, peqData, pfn, pmatch, PScriptContext, punBData, unit, plet } from "@harmoniclabs/plu-ts";
import { PoolRedeemer } from "../lib/types.js";
import { check, fail } from "../lib/trace.js";
import { constrIndex } from "../lib/data.js";
import { pclaim } from "../lib/logic/pool/claim.js";
import { ppoolSweep } from "../lib/logic/pool/sweep.js";

export function makePoolValidator() {
  return pfn([data, PScriptContext.type], unit)((jetPolicy, { tx, redeemer, purpose }) =>
    pmatch(purpose)
      .onSpending(({ utxoRef, datum }) => {
        const poolRaw = plet(pmatch(datum).onJust(({ val }) => val)._((_) => fail("pool: datum missing", data)));
        const policy = plet(punBData.$(jetPolicy));
        const r = plet(redeemer);
        return passert.$(
          check("pool: unknown redeemer", peqData.$(r).$(pData(new DataConstr(1, []))).or(constrIndex(r).eq(0))).and(
            pmatch(redeemer.as(PoolRedeemer.type))
              .onClaim(({ index, owner, level, amount, proof }) =>
                pclaim.$(tx).$(utxoRef).$(poolRaw).$(policy).$(index).$(owner).$(level).$(amount).$(proof),
              )
              .onPoolSweep((_) => ppoolSweep.$(tx).$(utxoRef).$(poolRaw).$(policy)),
          ),
        );
      })
      ._((_) => fail("pool: unsupported purpose")),
  );
}
