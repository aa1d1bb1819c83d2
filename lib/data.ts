/**
 * Raw access to Constr Data: the constructor index and the field list.
 *
 * Why: plu-ts 0.9 types `unConstrData`'s result as a pair whose elements are not Data, but
 * its `pfstPair`/`psndPair` (and `.fst`/`.snd`) unwrap as if they were, and fail at run
 * time ("unIData :: not data value"). These two terms apply the builtins directly.
 */
import { _pair, int, IRNative, lam, list, data, papp, punConstrData, Term, type PInt, type PList, type PData } from "@harmoniclabs/plu-ts";

const fstConstr = new Term(lam(_pair(int, list(data)) as any, int), (_dbn: any) => (IRNative as any).fstPair);
const sndConstr = new Term(lam(_pair(int, list(data)) as any, list(data)), (_dbn: any) => (IRNative as any).sndPair);

/** The constructor index of a Constr Data (fails on other Data). */
export function constrIndex(d: Term<any>): Term<PInt> & any {
  return papp(fstConstr as any, punConstrData.$(d) as any) as any;
}

/** The fields of a Constr Data, as a Data list (fails on other Data). */
export function constrFields(d: Term<any>): Term<PList<PData>> & any {
  return papp(sndConstr as any, punConstrData.$(d) as any) as any;
}

// ---------------------------------------------------------------------------------------
// Raw Data helpers used by the validators (no typed struct access, no list conversion).

import { DataB, DataConstr, DataI, type Data } from "@harmoniclabs/plutus-data";
import { pConstrToData, pData, pInt as pIntC, phead, pnilData, pprepend, ptail, punBData, punIData, punListData } from "@harmoniclabs/plu-ts";

/** Head of a Data list. */
export const hd = (l: Term<any>): any => phead(data).$(l);
/** Tail of a Data list. */
export const tl = (l: Term<any>): any => ptail(data).$(l);

/** Element `i` (0-based) of a Data list. */
export function nth(l: Term<any>, i: number): any {
  let t: any = l;
  for (let k = 0; k < i; k++) t = tl(t);
  return hd(t);
}

/** The list after dropping `i` elements. */
export function drop(l: Term<any>, i: number): any {
  let t: any = l;
  for (let k = 0; k < i; k++) t = tl(t);
  return t;
}

/** Field `i` (0-based) of a Constr Data. */
export function field(d: Term<any>, i: number): any {
  return nth(constrFields(d), i);
}

export const asInt = (d: Term<any>): any => punIData.$(d);
export const asBytes = (d: Term<any>): any => punBData.$(d);
export const asList = (d: Term<any>): any => punListData.$(d);

/** A Data list built from Data terms (mkCons …, nil). */
export function dataList(items: Term<any>[], tail: Term<any> = pnilData as any): any {
  let l: any = tail;
  for (let i = items.length - 1; i >= 0; i--) l = (pprepend(data) as any).$(items[i]).$(l);
  return l;
}

/** `Constr index fields` built on-chain from Data terms. */
export function mkConstr(index: number, fields: Term<any>[], tail?: Term<any>): any {
  return pConstrToData.$(pIntC(index)).$(dataList(fields, tail));
}

/** Constant Data. */
export const constData = (d: Data): any => pData(d);
export const constB = (hex: string): any => pData(new DataB(hex));
export const constI = (n: number | bigint): any => pData(new DataI(n));
export const constConstr = (i: number, fields: Data[] = []): any => pData(new DataConstr(i, fields));

import { pfn as pfnB, type TermType } from "@harmoniclabs/plu-ts";

/**
 * `body(x)` with `x` bound to `value` by a lambda application, so `value` is computed once,
 * here. Use it for a value that a loop (a `precursive` body) or another lambda uses: plu-ts
 * 0.9 inlines a `plet` that has a single use into that use, even inside a loop body, where
 * it is then recomputed on every iteration.
 */
export function bindT(valueType: TermType, value: Term<any>, returnType: TermType, body: (x: any) => Term<any>): any {
  return (pfnB([valueType], returnType) as any)(body).$(value);
}
