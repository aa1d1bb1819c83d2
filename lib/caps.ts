/**
 * The on-chain cap table: `capFor(caps, level)` = caps[level − 1] (level 1 first), failing
 * for level < 1 or level > length(caps). The config holds 9 caps (docs/design.md §5).
 */
import { int, lam, list, pchooseList, pfn, phead, pif, precursive, ptail, type PInt, type PLam, type PList, type Term, type TermInt } from "@harmoniclabs/plu-ts";
import { fail, modal } from "./trace.js";

export type CapForTerm = Term<PLam<PList<PInt>, PLam<PInt, PInt>>> & {
  $: (caps: Term<PList<PInt>> | any) => Term<any> & { $: (level: Term<PInt> | any) => TermInt };
};

/** Builds `(caps, level) ↦ caps[level − 1]` for the current build mode. */
export function makeCapFor(): CapForTerm {
  return pfn([list(int), int], int)((caps, level) =>
    pif(int)
      .$(level.lt(1))
      .then(fail("cap: level below 1", int))
      .else(
        precursive(
          pfn([lam(list(int), lam(int, int)), list(int), int], int)((self, xs, n) =>
            pchooseList(int, int)
              .$(xs)
              .caseNil(fail("cap: level above the cap table", int))
              .caseCons(
                pif(int)
                  .$(n.eq(1))
                  .then(phead(int).$(xs))
                  .else((self as any).$(ptail(int).$(xs)).$(n.sub(1))),
              ),
          ),
        )
          .$(caps)
          .$(level),
      ),
  ) as any;
}

/** `(caps, level) ↦ caps[level − 1]` as a shared term that follows the build mode. */
export const pcapFor: CapForTerm = modal(makeCapFor);
