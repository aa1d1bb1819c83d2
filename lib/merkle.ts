/**
 * Merkle proofs of allocation leaves (docs/design.md §7), on-chain.
 *
 *   leafHash(leaf)  = blake2b_256(0x00 ‖ serialiseData(leaf))
 *   nodeHash(l, r)  = blake2b_256(0x01 ‖ l ‖ r)
 *   verify(root, leafHash, index, proof): walk up from the leaf; at level k the bit
 *     (index >> k) & 1 says whether the running hash is the right (1) or left (0) child and
 *     the proof's k-th hash is its sibling; true when the proof is used up, the running hash
 *     equals `root` and no index bit is left over (so index < 2^depth: a leaf has one index,
 *     and a negative index never verifies).
 * The prefixes differ, so an inner node can never pass as a leaf. The off-chain twin is
 * offchain/merkle/tree.ts.
 */
import {
  bool,
  bs,
  data,
  int,
  lam,
  list,
  pblake2b_256,
  pchooseList,
  pconsBs,
  pappendBs,
  pfn,
  phead,
  pif,
  pInt,
  plet,
  precursive,
  pserialiseData,
  pstrictIf,
  punBData,
  ptail,
  type PByteString,
  type PBool,
  type PInt,
  type PData,
  type PLam,
  type PList,
  type Term,
  type TermBool,
  type TermBS,
} from "@harmoniclabs/plu-ts";
import { modal } from "./trace.js";

type Fn1<A extends Term<any>, R> = Term<any> & { $: (a: A | any) => R };

/** blake2b_256(0x01 ‖ l ‖ r) */
function nodeHashOf(l: Term<PByteString>, r: Term<PByteString>): Term<PByteString> {
  return pblake2b_256.$(pconsBs.$(pInt(1)).$(pappendBs.$(l).$(r)));
}

/** Builds `leaf ↦ blake2b_256(0x00 ‖ serialiseData(leaf))` (`leaf` is any Data, e.g. a `Leaf` struct). */
export function makeLeafHash(): Term<PLam<PData, PByteString>> & Fn1<Term<PData>, TermBS> {
  return pfn([data], bs)((leaf) => pblake2b_256.$(pconsBs.$(pInt(0)).$(pserialiseData.$(leaf)))) as any;
}

/** Builds `(l, r) ↦ blake2b_256(0x01 ‖ l ‖ r)`. */
export function makeNodeHash(): Term<PLam<PByteString, PLam<PByteString, PByteString>>> & Fn1<Term<PByteString>, Fn1<Term<PByteString>, TermBS>> {
  return pfn([bs, bs], bs)((l, r) => nodeHashOf(l, r)) as any;
}

export type VerifyTerm = Term<PLam<PByteString, PLam<PByteString, PLam<PInt, PLam<PList<PData>, PBool>>>>> &
  Fn1<Term<PByteString>, Fn1<Term<PByteString>, Fn1<Term<PInt>, Fn1<Term<PList<PData>>, TermBool>>>>;

/**
 * Builds `(root, leafHash, index, proof) ↦ bool` (recursion on the index bits).
 *
 * `proof` is the redeemer's Data list of byte strings (`List [B h0, B h1, …]`) as it is:
 * type the redeemer field `list(data)`, not `list(bs)` — plu-ts would convert a `list(bs)`
 * field by mapping unBData over it first, which costs more than the verification itself.
 * Each sibling is unwrapped here as it is used.
 */
export function makeMerkleVerify(): VerifyTerm {
  return pfn([bs, bs, int, list(data)], bool)((root, leafHash, index, proof) =>
    precursive(
      pfn([lam(bs, lam(int, lam(list(data), bool))), bs, int, list(data)], bool)((self, h, idx, rest) =>
        pchooseList(data, bool)
          .$(rest)
          .caseNil(pstrictIf(bool).$(h.eq(root)).$(idx.eq(0)).$(false))
          .caseCons(
            plet(punBData.$(phead(data).$(rest))).in((sibling) =>
              (self as any)
                .$(pif(bs).$(idx.mod(2).eq(0)).then(nodeHashOf(h, sibling)).else(nodeHashOf(sibling, h)))
                .$(idx.div(2))
                .$(ptail(data).$(rest)),
            ),
          ),
      ),
    )
      .$(leafHash)
      .$(index)
      .$(proof),
  ) as any;
}

/** Shared terms (built on first use; they have no traces, so one build serves both modes). */
export const pleafHash = modal(makeLeafHash);
export const pnodeHash = modal(makeNodeHash);
export const pmerkleVerify = modal(makeMerkleVerify);
