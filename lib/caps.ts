/**
 * The on-chain cap table: `capFor(caps, level)` = caps[level − 1] (level 1 first), failing
 * for level < 1 or level > length(caps). The config holds 9 caps (docs/design.md §5).
 *
 * Two forms: `pcapFor` takes a `list(int)`; `pcapForData` takes the config field as it is in
 * the datum, a Data list of `I` (`List [I c1, …]`), and unwraps only the selected entry.
 * Prefer the Data form: plu-ts converts a struct field typed `list(int)` by mapping unIData
 * over the whole list on first use (≈ 45 k memory units for 9 caps, measured in
 * bench/onchain.ts), more than the lookup itself.
 */
import { data, int, lam, list, pchooseList, pfn, phead, pif, precursive, ptail, punIData, type PData, type PInt, type PLam, type PList, type Term, type TermInt } from "@harmoniclabs/plu-ts";
import { fail, modal } from "./trace.js";

export type CapForTerm<E extends PInt | PData> = Term<PLam<PList<E>, PLam<PInt, PInt>>> & {
  $: (caps: Term<PList<E>> | any) => Term<any> & { $: (level: Term<PInt> | any) => TermInt };
};

function build<E extends PInt | PData>(elem: "int" | "data"): CapForTerm<E> {
  const T = elem === "int" ? int : data;
  return pfn([list(T), int], int)((caps, level) =>
    pif(int)
      .$(level.lt(1))
      .then(fail("cap: level below 1", int))
      .else(
        (precursive as any)(
          pfn([lam(list(T), lam(int, int)), list(T), int], int)((self, xs, n) =>
            pchooseList(T, int)
              .$(xs)
              .caseNil(fail("cap: level above the cap table", int))
              .caseCons(
                pif(int)
                  .$(n.eq(1))
                  .then(elem === "int" ? (phead(int).$(xs as any) as any) : punIData.$(phead(data).$(xs as any) as any))
                  .else((self as any).$(ptail(T).$(xs as any)).$(n.sub(1))),
              ),
          ) as any,
        )
          .$(caps as any)
          .$(level),
      ),
  ) as any;
}

/** Builds `(caps: list(int), level) ↦ caps[level − 1]` for the current build mode. */
export function makeCapFor(): CapForTerm<PInt> {
  return build<PInt>("int");
}

/** Builds `(caps: Data list of I, level) ↦ caps[level − 1]` for the current build mode. */
export function makeCapForData(): CapForTerm<PData> {
  return build<PData>("data");
}

/** Shared terms that follow the build mode. */
export const pcapFor: CapForTerm<PInt> = modal(makeCapFor);
export const pcapForData: CapForTerm<PData> = modal(makeCapForData);

/**
 * `capForData` unrolled for the config's table of nine caps: levels 1..9 are read by a
 * decision tree on the level (no recursion: ≈ 4 comparisons and level − 1 tails), any other
 * level goes through `pcapForData` (same failures: "cap: level below 1", "cap: level above
 * the cap table"). Same result as `pcapForData` for every table of at least nine entries
 * (the config's has exactly nine).
 */
export function makeCapForData9(): CapForTerm<PData> {
  return pfn([list(data), int], int)((caps, level) => {
    const at = (i: number) => {
      let l: any = caps;
      for (let k = 0; k < i; k++) l = ptail(data).$(l);
      return punIData.$(phead(data).$(l));
    };
    const lt = (n: number, a: any, b: any) => pif(int).$(level.lt(n)).then(a).else(b);
    return pif(int)
      .$(level.lt(1).or(level.gt(9)))
      .then((pcapForData as any).$(caps).$(level))
      .else(lt(5, lt(3, lt(2, at(0), at(1)), lt(4, at(2), at(3))), lt(7, lt(6, at(4), at(5)), lt(8, at(6), lt(9, at(7), at(8))))));
  }) as any;
}
export const pcapForData9: CapForTerm<PData> = modal(makeCapForData9);
