/**
 * Redeemer shape check shared by the emission and config validators.
 *
 * Why: plu-ts' `pmatch` on a pstruct redeemer does not check the constructor index
 * against the struct: an index past the last constructor crashes without a trace, and a
 * single-constructor struct (the config's `Update`) accepts any index. Rule 7 says every
 * redeemer that does not apply must fail, so each validator first checks that its redeemer
 * is one of its fieldless constructors, and names the failure.
 */
import { bool, data, int, pBool, pchooseData, pfn, phoist, pisEmpty } from "@harmoniclabs/plu-ts";
import { constrFields, constrIndex } from "../../data.js";
import { modal } from "../../trace.js";

/** True when `d` is `Constr i []` with 0 ≤ i < n (any other Data: false, never a crash). */
export const pisFieldlessConstr = modal(() =>
  phoist(
    pfn([data, int], bool)((d, n) =>
      (pchooseData(bool) as any)
        .$(d)
        .caseConstr(
          constrIndex(d)
            .gtEq(0)
            .and(constrIndex(d).lt(n))
            .and(pisEmpty.$(constrFields(d) as any)),
        )
        .caseMap(pBool(false))
        .caseList(pBool(false))
        .caseI(pBool(false))
        .caseB(pBool(false)),
    ),
  ),
);
