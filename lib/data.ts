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
