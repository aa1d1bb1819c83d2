/**
 * Well-formedness of a config datum, checked at genesis and on every update.
 *
 * Attacks: a bloated datum (extra fields) or a malformed one (wrong list sizes, weights
 * not summing to 10,000, an unreachable quorum, duplicate governors counted twice toward
 * the quorum) would let a config update break or capture the protocol.
 */
import { bool, data, int, pfn, phoist, plet, pif, pBool, punBData, punIData, type Term } from "@harmoniclabs/plu-ts";
import { all, allD, lengthD, strictlyAscendingD, sumIntsD } from "../../checks.js";
import { asList, constrFields, constrIndex, drop, hd } from "../../data.js";
import { check, modal } from "../../trace.js";

const nonNegative = () => pfn([data], bool)((x) => punIData.$(x).gtEq(0));
const keyHash = () => pfn([data], bool)((x) => punBData.$(x).length.eq(28));
const is28 = (d: Term<any>) => punBData.$(d).length.eq(28);

/** The datum (raw Data) is a well-formed ConfigDatum (see docs/design.md §5). */
export const pconfigWellFormed = modal(() => phoist(
  pfn([data], bool)((raw) => {
    const f = plet(constrFields(raw));
    const f4 = plet(drop(f, 4)); // [quorum, claimWindowMs, rewardAttestor, poolScript, lockScript]
    const f6 = plet(drop(f4, 2));
    const weights = plet(asList(hd(f)));
    const caps = plet(asList(hd(drop(f, 1))));
    const operators = plet(asList(hd(drop(f, 2))));
    const governors = plet(asList(hd(drop(f, 3))));
    const nGov = plet(lengthD(governors));
    const quorum = plet(punIData.$(hd(f4)));
    const attestor = plet(hd(f6));
    return all([
      check("config: constructor 0 with 9 fields", constrIndex(raw).eq(0).and(lengthD(f).eq(9))),
      check("config: 3 weights", lengthD(weights).eq(3)),
      check("config: weights non-negative", allD(nonNegative(), weights)),
      check("config: weights sum to 10000", sumIntsD(weights).eq(10000)),
      check("config: 9 level caps", lengthD(caps).eq(9)),
      check("config: caps non-negative", allD(nonNegative(), caps)),
      check("config: operators non-empty", lengthD(operators).gtEq(1)),
      check("config: operators are key hashes", allD(keyHash(), operators)),
      check("config: governors non-empty", nGov.gtEq(1)),
      check("config: governors are key hashes", allD(keyHash(), governors)),
      check("config: governors strictly ascending", strictlyAscendingD(governors)),
      check("config: quorum within 1..governors", quorum.gtEq(1).and(quorum.ltEq(nGov))),
      check("config: claim window positive", punIData.$(hd(drop(f4, 1))).gt(0)),
      check(
        "config: reward attestor is a key hash",
        pif(bool).$(constrIndex(attestor).eq(0)).then(is28(hd(constrFields(attestor)))).else(pBool(true)),
      ),
      check("config: pool script is a script hash", is28(hd(drop(f6, 1)))),
      check("config: lock script is a script hash", is28(hd(drop(f6, 2)))),
    ]);
  }),
));
