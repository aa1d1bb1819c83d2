/**
 * On-chain emission schedule: `emission(t, scheduled)` in Pack (docs/design.md §2).
 *
 *   t = 1 … 2775:  (2·A_FP + LN_FP(t+1)) ÷ (2·LN_FP(t+1))  = round_half_up(A·10^6 / ln(t+1))
 *   t = 2776:      10^15 − scheduled                        (the remainder; scheduled = Σ 1..2775)
 *   otherwise:     fails
 *
 * A_FP = round(A · 10^6 · 10^24) comes from the SDK (offchain/economics `aFixedPoint`) when
 * the script is built, and is baked in as a constant; LN_FP is lib/math/ln.ts. The cross-check
 * (offchain/crosscheck.ts) evaluates this term for all 2,776 epochs against the SDK.
 *
 * Out-of-range epochs: t > 2776 fails on the explicit branch. t < 1 fails too: the traced
 * build checks it with a message; the untraced build relies on the arithmetic, which fails
 * by itself (t = 0: LN_FP(1) = 0 and the division by 2·LN_FP fails; t = −1: LN_FP(0) divides
 * 0 by 0; t ≤ −2: the ln table index ⌊(t+1)/16⌋ is negative). test/lib/emission.test.ts checks both builds.
 */
import { int, pfn, pif, pInt, plet, type PInt, type PLam, type Term, type TermInt } from "@harmoniclabs/plu-ts";
import { aFixedPoint, EPOCHS, TOTAL_SUPPLY_PACK } from "../offchain/economics/emission.js";
import { LN_SCALE, makeLn } from "./math/ln.js";
import { fail, guarded, isTraced, modal } from "./trace.js";

/** A_FP = round(A · 10^6 · 10^24), derived by the SDK at build time. */
export function emissionAFixedPoint(): bigint {
  return aFixedPoint(LN_SCALE);
}

export type EmissionTerm = Term<PLam<PInt, PLam<PInt, PInt>>> & {
  $: (t: Term<PInt> | bigint | number) => Term<PLam<PInt, PInt>> & { $: (scheduled: Term<PInt> | bigint | number) => TermInt };
};

/** Builds `(t, scheduled) ↦ emission(t)` in Pack, for the current build mode. */
export function makeEmission(aFp: bigint = emissionAFixedPoint()): EmissionTerm {
  const ln = makeLn();
  const last = EPOCHS; // 2776
  const twoA = pInt(2n * aFp);
  return pfn([int, int], int)((t, scheduled) => {
    const regular = plet(ln.$(t.add(1))).in((l) => l.add(twoA).quot(l.add(l)));
    const inRange = isTraced() ? guarded("emission: epoch must be at least 1", t.gtEq(1), regular, int) : regular;
    return pif(int)
      .$(t.lt(last))
      .then(inRange)
      .else(
        pif(int)
          .$(t.eq(last))
          .then(pInt(TOTAL_SUPPLY_PACK).sub(scheduled))
          .else(fail("emission: epoch beyond 2776", int)),
      );
  }) as any;
}

/** `(t, scheduled) ↦ emission(t)` as a shared term that follows the build mode. */
export const pemission: EmissionTerm = modal(() => makeEmission());
