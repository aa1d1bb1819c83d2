/**
 * Claimed-bit bitmaps of the pools (docs/design.md §7), on-chain.
 *
 * Bit of index i = bit (i mod 8), least significant first, of byte ⌊i/8⌋. Bytes past the
 * end read as 0; setting a bit past the end appends zero bytes and then the byte holding the
 * bit. A negative index fails (its byte index is negative). Setting is idempotent (OR).
 * Appending is done by one integerToByteString, whose width limit (8192 bytes) bounds a
 * single append: an index at most 8·(length + 8192) − 1. The off-chain twin is offchain/bitmap.ts.
 */
import {
  bool,
  bs,
  int,
  pappendBs,
  pByteString,
  pconsBs,
  pencodeIntBE,
  pfn,
  pif,
  pindexBs,
  plet,
  psliceBs,
  type PBool,
  type PByteString,
  type PInt,
  type PLam,
  type Term,
  type TermBool,
  type TermBS,
} from "@harmoniclabs/plu-ts";
import { modal } from "./trace.js";

/** 2^k for k = 0 … 7, one byte each. */
const POW2 = Uint8Array.from([1, 2, 4, 8, 16, 32, 64, 128]);

type Fn2<A, B, R> = Term<any> & { $: (a: A) => Term<any> & { $: (b: B) => R } };

export type BitIsSetTerm = Term<PLam<PByteString, PLam<PInt, PBool>>> & Fn2<Term<PByteString>, Term<PInt>, TermBool>;
export type BitSetTerm = Term<PLam<PByteString, PLam<PInt, PByteString>>> & Fn2<Term<PByteString>, Term<PInt>, TermBS>;

/** Builds `(bitmap, i) ↦ bit i is set`. */
export function makeBitIsSet(): BitIsSetTerm {
  return pfn([bs, int], bool)((bitmap, i) => {
    const byteIx = plet(i.div(8));
    return pif(bool)
      .$(byteIx.lt(bitmap.length))
      .then(pindexBs.$(bitmap).$(byteIx).div(pindexBs.$(pByteString(POW2)).$(i.mod(8))).mod(2).eq(1))
      .else(false);
  }) as any;
}

/** Builds `(bitmap, i) ↦ bitmap with bit i set`. */
export function makeBitSet(): BitSetTerm {
  return pfn([bs, int], bs)((bitmap, i) => {
    const byteIx = plet(i.div(8));
    const bit = plet(pindexBs.$(pByteString(POW2)).$(i.mod(8)));
    const len = plet(bitmap.length);
    return pif(bs)
      .$(byteIx.lt(len))
      .then(
        plet(pindexBs.$(bitmap).$(byteIx)).in((b) =>
          pappendBs
            .$(psliceBs.$(0).$(byteIx).$(bitmap))
            .$(
              pconsBs
                .$(pif(int).$(b.div(bit).mod(2).eq(1)).then(b).else(b.add(bit)))
                .$(psliceBs.$(byteIx.add(1)).$(len).$(bitmap)),
            ),
        ),
      )
      .else(pappendBs.$(bitmap).$(pencodeIntBE.$(byteIx.sub(len).add(1)).$(bit)));
  }) as any;
}

/** Shared terms (no traces: one build serves both modes). */
export const pbitIsSet: BitIsSetTerm = modal(makeBitIsSet);
export const pbitSet: BitSetTerm = modal(makeBitSet);
