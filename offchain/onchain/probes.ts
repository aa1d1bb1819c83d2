/**
 * Test-only minting policies that wrap one library function, so that the Emulator can
 * measure it (offchain/onchain/probe.ts, bench/onchain.ts). Each probe has a baseline twin
 * that decodes the same redeemer and does the same comparison without calling the function:
 * the function's own cost is probe − baseline.
 *
 * Redeemers (Plutus Data):
 *   emission:  Constr 0 [I t, I scheduled, I expected]       emission(t, scheduled) == expected
 *   merkle:    Constr 0 [B root, B leafHash, I index, List B proof]   verify(...) is true
 *   leafHash:  Constr 0 [Leaf, B expected]                    leafHash(leaf) == expected
 *   cap:       Constr 0 [List I caps, I level, I expected]     capFor(caps, level) == expected
 *   bitmap:    Constr 0 [B bitmap, I index, B expected]        set(bitmap, index) == expected, bit unset
 */
import {
  bs,
  data,
  int,
  list,
  perror,
  pfn,
  pif,
  plet,
  pBool,
  pmakeUnit,
  pstruct,
  PScriptContext,
  unit,
  type PBool,
  type Term,
} from "@harmoniclabs/plu-ts";
import { pemission } from "../../lib/emission.js";
import { pleafHash, pmerkleVerify } from "../../lib/merkle.js";
import { pcapFor, pcapForData } from "../../lib/caps.js";
import { pbitIsSet, pbitSet } from "../../lib/bitmap.js";

const EmissionR = pstruct({ EmissionR: { t: int, scheduled: int, expected: int } });

function policy(cond: (redeemer: any) => Term<PBool>) {
  return pfn([PScriptContext.type], unit)(({ redeemer }) =>
    pif(unit).$(cond(redeemer)).then(pmakeUnit()).else(perror(unit)),
  );
}

/** emission(t, scheduled) == expected (or, as the baseline, t == expected). */
export function emissionProbe(baseline = false) {
  return policy((redeemer) => {
    const r = plet(redeemer.as(EmissionR.type));
    return baseline ? r.t.eq(r.expected) : pemission.$(r.t).$(r.scheduled).eq(r.expected);
  });
}

const MerkleR = pstruct({ MerkleR: { root: bs, leafHash: bs, index: int, proof: list(data) } });

/** verify(root, leafHash, index, proof) (or, as the baseline, index ≥ 0). */
export function merkleProbe(baseline = false) {
  return policy((redeemer) => {
    const r = plet(redeemer.as(MerkleR.type));
    return baseline ? r.index.gtEq(0) : pmerkleVerify.$(r.root).$(r.leafHash).$(r.index).$(r.proof);
  });
}

const LeafR = pstruct({ LeafR: { leaf: data, expected: bs } });

/** leafHash(leaf) == expected (or, as the baseline, expected == expected). */
export function leafHashProbe(baseline = false) {
  return policy((redeemer) => {
    const r = plet(redeemer.as(LeafR.type));
    return baseline ? r.expected.eq(r.expected) : pleafHash.$(r.leaf).eq(r.expected);
  });
}

const CapR = pstruct({ CapR: { caps: list(int), level: int, expected: int } });
const CapDataR = pstruct({ CapDataR: { caps: list(data), level: int, expected: int } });

/** capFor(caps, level) == expected with `caps: list(int)` (or, as the baseline, level == expected). */
export function capProbe(baseline = false) {
  return policy((redeemer) => {
    const r = plet(redeemer.as(CapR.type));
    return baseline ? r.level.eq(r.expected) : pcapFor.$(r.caps).$(r.level).eq(r.expected);
  });
}

/** The same with the caps as a Data list (`pcapForData`). */
export function capDataProbe(baseline = false) {
  return policy((redeemer) => {
    const r = plet(redeemer.as(CapDataR.type));
    return baseline ? r.level.eq(r.expected) : pcapForData.$(r.caps).$(r.level).eq(r.expected);
  });
}

const BitR = pstruct({ BitR: { bitmap: bs, index: int, expected: bs } });

/** set(bitmap, index) == expected and !isSet(bitmap, index) (or, as the baseline, bitmap == expected). */
export function bitmapProbe(baseline = false) {
  return policy((redeemer) => {
    const r = plet(redeemer.as(BitR.type));
    return baseline
      ? r.bitmap.eq(r.expected)
      : pbitSet.$(r.bitmap).$(r.index).eq(r.expected).and(pbitIsSet.$(r.bitmap).$(r.index).eq(pBool(false)));
  });
}
