/**
 * Well-formedness of a config datum, checked at genesis and on every update.
 *
 * Attacks: a bloated datum (extra fields) or a malformed one (wrong list sizes, weights
 * not summing to 10,000, an unreachable quorum, duplicate governors counted twice toward
 * the quorum) would let a config update break or capture the protocol.
 */
import {
  bool,
  bs,
  data,
  fn,
  int,
  list,
  pBool,
  pfn,
  pfoldl,
  phoist,
  pInt,
  pisEmpty,
  plet,
  pmatch,
  precursive,
  punConstrData,
  pchooseList,
  ptail,
  pConstrToData,
  peqData,
  psndPair,
} from "@harmoniclabs/plu-ts";
import { ConfigDatum } from "../../types.js";
import { constrFields, constrIndex } from "../../data.js";
import { check, modal } from "../../trace.js";

/** The Data list has exactly `n` elements (a bloated datum has more). */
export const pexactlyFields = modal(() =>
  phoist(
    precursive(
      pfn([fn([list(data), int], bool), list(data), int], bool)((self, xs, n) =>
        pchooseList(data, bool)
          .$(xs)
          .caseNil(n.eq(0))
          .caseCons(n.gt(0).and((self as any).$(ptail(data).$(xs)).$(n.sub(1)))),
      ),
    ),
  ),
);

/** Every element is a 28-byte hash. */
const pall28 = modal(() => phoist(pfn([list(bs)], bool)((xs) => xs.every((x) => x.length.eq(28)))));

/** Strictly ascending byte strings: no duplicates, so each governor counts once. */
export const pstrictlyAscending = modal(() => phoist(
  precursive(
    pfn([fn([list(bs)], bool), list(bs)], bool)((self, xs) =>
      pisEmpty
        .$(xs)
        .or(pisEmpty.$(xs.tail))
        .or(xs.head.lt(xs.tail.head).and(self.$(xs.tail))),
    ),
  ),
));

const psum = modal(() => phoist(pfoldl(int, int).$((acc, x) => acc.add(x)).$(pInt(0))));

/** The datum is a well-formed ConfigDatum (see docs/design.md §5). */
export const pconfigWellFormed = modal(() => phoist(
  pfn([data], bool)((raw) => {
    const c = plet(raw.as(ConfigDatum.type));
    const fields = plet(constrFields(raw));
    const weights = plet(c.weightsBps);
    const caps = plet(c.levelCapsPack);
    const governors = plet(c.governors);
    const nGov = plet(governors.length);
    const quorum = plet(c.quorum);
    return check("config: constructor 0 with 9 fields", constrIndex(raw).eq(0).and(pexactlyFields.$(fields).$(pInt(9))))
      .and(check("config: 3 weights", weights.length.eq(3)))
      .and(check("config: weights non-negative", weights.every((w) => w.gtEq(0))))
      .and(check("config: weights sum to 10000", psum.$(weights).eq(10000)))
      .and(check("config: 9 level caps", caps.length.eq(9)))
      .and(check("config: caps non-negative", caps.every((x) => x.gtEq(0))))
      .and(check("config: operators non-empty", c.operators.length.gtEq(1)))
      .and(check("config: operators are key hashes", pall28.$(c.operators)))
      .and(check("config: governors non-empty", nGov.gtEq(1)))
      .and(check("config: governors are key hashes", pall28.$(governors)))
      .and(check("config: governors strictly ascending", pstrictlyAscending.$(governors)))
      .and(check("config: quorum within 1..governors", quorum.gtEq(1).and(quorum.ltEq(nGov))))
      .and(check("config: claim window positive", c.claimWindowMs.gt(0)))
      .and(
        check(
          "config: reward attestor is a key hash",
          pmatch(c.rewardAttestor)
            .onJust(({ val }) => val.length.eq(28))
            ._((_) => pBool(true)),
        ),
      )
      .and(check("config: pool script is a script hash", c.poolScript.length.eq(28)))
      .and(check("config: lock script is a script hash", c.lockScript.length.eq(28)));
  }),
));
