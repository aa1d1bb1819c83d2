/**
 * Small generic checks for the validators, written on the raw Data of the script context.
 *
 * Why raw Data: plu-ts converts a struct field typed `list(bs)` or `list(int)` (e.g.
 * `tx.signatories`) by mapping unBData/unIData over the whole list before the first use, and
 * a V3 `TxInfo` is read field by field. These helpers take the usual plu-ts terms (a
 * `PTxInfo`, a `PValue`, …), look at the fields they need as Data, and compare Data with
 * Data, so they pay for the elements they visit only.
 *
 * All functions are JS functions returning terms; the term they apply is built once per
 * build mode (`modal`), so the traced build names every failure.
 *
 * Field positions (Plutus V3): TxInfo = Constr 0 [inputs, refInputs, outputs, fee, mint,
 * certificates, withdrawals, interval, signatories, …]; Interval = Constr 0 [LowerBound,
 * UpperBound]; Lower/UpperBound = Constr 0 [Extended, closed]; Extended = NegInf (0) |
 * Finite (1) [I t] | PosInf (2); TxInInfo = Constr 0 [TxOutRef, TxOut];
 * Value = Map [(B policy, Map [(B name, I amount)])], ADA under the empty policy and name.
 * A plu-ts `PValue` term is already the list of (policy, tokens) pairs (unMapData'd), while
 * struct terms (`PTxInfo`, `PTxOutRef`) are Data.
 */
import {
  bool,
  bs,
  data,
  int,
  lam,
  list,
  pBool,
  pBSToData,
  pInt,
  pByteString,
  pchooseList,
  peqData,
  pfn,
  phead,
  pif,
  plet,
  precursive,
  ptail,
  punIData,
  punListData,
  punMapData,
  punsafeConvertType,
  PTxInInfo,
  pair,
  pfstPair,
  psndPair,
  type PByteString,
  type PInt,
  type Term,
  type TermBool,
  type TermInt,
} from "@harmoniclabs/plu-ts";
import { constrFields, constrIndex } from "./data.js";
import { fail, modal } from "./trace.js";

const asData = (t: Term<any>): Term<any> => punsafeConvertType(t, data);

/** The fields of a Constr Data (as a Data list). */
function fieldsOf(d: Term<any>): Term<any> {
  return constrFields(d);
}

/** Field `i` (0-based) of a Constr Data. */
function fieldOf(d: Term<any>, i: number): Term<any> {
  let l: any = fieldsOf(d);
  for (let k = 0; k < i; k++) l = ptail(data).$(l);
  return phead(data).$(l);
}

// ---------------------------------------------------------------------------------------
// Signatures

const anyEq = modal(() =>
  pfn([data, list(data)], bool)((x, xs) =>
    precursive(
      pfn([lam(list(data), bool), list(data)], bool)((self, rest) =>
        pchooseList(data, bool)
          .$(rest)
          .caseNil(pBool(false))
          .caseCons(
            pif(bool)
              .$(peqData.$(phead(data).$(rest)).$(x))
              .then(pBool(true))
              .else((self as any).$(ptail(data).$(rest))),
          ),
      ),
    ).$(xs),
  ),
);

/** The transaction is signed by the key hash `pkh` (28 bytes). */
export function signedBy(tx: Term<any>, pkh: Term<PByteString>): TermBool {
  return (anyEq as any).$(pBSToData.$(pkh)).$(punListData.$(fieldOf(asData(tx), 8)));
}

/** The raw Data list of the transaction's signatories (for repeated membership tests). */
export function signatoriesData(tx: Term<any>): Term<any> {
  return punListData.$(fieldOf(asData(tx), 8));
}

/** `pkh` (bytes) is in a raw Data list of key hashes, e.g. `signatoriesData(tx)`. */
export function inKeyList(pkh: Term<PByteString>, keysData: Term<any>): TermBool {
  return (anyEq as any).$(pBSToData.$(pkh)).$(keysData);
}

// ---------------------------------------------------------------------------------------
// Validity range

const finiteBound = modal(() =>
  pfn([data], int)((bound) =>
    plet(fieldOf(bound, 0)).in((ext: any) =>
      pif(int)
        .$(constrIndex(ext).eq(1))
        .then(punIData.$(phead(data).$(constrFields(ext))))
        .else(fail("validity range must be finite", int)),
    ),
  ),
);

/** POSIX ms of the validity range's lower bound; fails when it is −∞ (or +∞). */
export function lowerBoundMs(tx: Term<any>): TermInt {
  return (finiteBound as any).$(fieldOf(fieldOf(asData(tx), 7), 0));
}

/** POSIX ms of the validity range's upper bound; fails when it is +∞ (or −∞). */
export function upperBoundMs(tx: Term<any>): TermInt {
  return (finiteBound as any).$(fieldOf(fieldOf(asData(tx), 7), 1));
}

// ---------------------------------------------------------------------------------------
// Inputs

const findByRef = modal(() =>
  pfn([data, list(data)], data)((ref, inputs) =>
    precursive(
      pfn([lam(list(data), data), list(data)], data)((self, rest) =>
        pchooseList(data, data)
          .$(rest)
          .caseNil(fail("own input not found", data))
          .caseCons(
            plet(phead(data).$(rest)).in((i) =>
              pif(data)
                .$(peqData.$(fieldOf(i, 0)).$(ref))
                .then(i)
                .else((self as any).$(ptail(data).$(rest))),
            ),
          ),
      ),
    ).$(inputs),
  ),
);

/** The input (a `PTxInInfo`) spent with the reference `utxoRef`; fails when absent. */
export function ownInput(tx: Term<any>, utxoRef: Term<any>): any {
  return punsafeConvertType((findByRef as any).$(asData(utxoRef)).$(punListData.$(fieldOf(asData(tx), 0))), PTxInInfo.type);
}

// ---------------------------------------------------------------------------------------
// Values

const valueEntry = pair(data, data);

const valueList = list(valueEntry);
const asValueList = (v: Term<any>): Term<any> => punsafeConvertType(v, valueList);

const onlyAdaAndRaw = modal(() =>
  pfn([valueList, data, data], bool)((value, policy, name) => {
    const adaPolicy = pBSToData.$(pByteString(""));
    const tokensOk = precursive(
      pfn([lam(list(valueEntry), bool), list(valueEntry)], bool)((self, rest) =>
        pchooseList(valueEntry, bool)
          .$(rest)
          .caseNil(pBool(true))
          .caseCons(
            pif(bool)
              .$(peqData.$(pfstPair(data, data).$(phead(valueEntry).$(rest) as any)).$(name))
              .then((self as any).$(ptail(valueEntry).$(rest)))
              .else(pBool(false)),
          ),
      ),
    );
    return precursive(
      pfn([lam(list(valueEntry), bool), list(valueEntry)], bool)((self, rest) =>
        pchooseList(valueEntry, bool)
          .$(rest)
          .caseNil(pBool(true))
          .caseCons(
            plet(phead(valueEntry).$(rest) as any).in((entry: any) =>
              plet(pfstPair(data, data).$(entry) as any).in((p: any) =>
                pif(bool)
                  .$(peqData.$(p).$(adaPolicy))
                  .then((self as any).$(ptail(valueEntry).$(rest)))
                  .else(
                    pif(bool)
                      .$(peqData.$(p).$(policy))
                      .then(
                        pif(bool)
                          .$((tokensOk as any).$(punMapData.$(psndPair(data, data).$(entry) as any)))
                          .then((self as any).$(ptail(valueEntry).$(rest)))
                          .else(pBool(false)),
                      )
                      .else(pBool(false)),
                  ),
              ),
            ),
          ),
      ),
    ).$(value);
  }),
);

/**
 * The value holds ADA and, besides, only tokens named `name` under `policy` (any amounts;
 * the policy may be absent). Attack: junk tokens added to a protocol output.
 */
export function onlyAdaAnd(value: Term<any>, policy: Term<PByteString>, name: Term<PByteString>): TermBool {
  return (onlyAdaAndRaw as any).$(asValueList(value)).$(pBSToData.$(policy)).$(pBSToData.$(name));
}

const amountOfRaw = modal(() =>
  pfn([valueList, data, data], int)((value, policy, name) => {
    const lookup = (key: Term<any>, ifFound: (v: Term<any>) => Term<PInt>) =>
      precursive(
        pfn([lam(list(valueEntry), int), list(valueEntry)], int)((self, rest) =>
          pchooseList(valueEntry, int)
            .$(rest)
            .caseNil(pInt(0))
            .caseCons(
              plet(phead(valueEntry).$(rest) as any).in((entry: any) =>
                pif(int)
                  .$(peqData.$(pfstPair(data, data).$(entry) as any).$(key))
                  .then(ifFound(psndPair(data, data).$(entry) as any))
                  .else((self as any).$(ptail(valueEntry).$(rest))),
              ),
            ),
        ),
      );
    const inner = lookup(name, (amount) => punIData.$(amount));
    const outer = lookup(policy, (tokens) => (inner as any).$(punMapData.$(tokens)));
    return (outer as any).$(value);
  }),
);

/** Quantity of (policy, name) in a value; 0 when absent. */
export function amountOf(value: Term<any>, policy: Term<PByteString>, name: Term<PByteString>): TermInt {
  return (amountOfRaw as any).$(asValueList(value)).$(pBSToData.$(policy)).$(pBSToData.$(name));
}

/** Lovelace in a value. */
export function lovelaceOf(value: Term<any>): TermInt {
  return amountOf(value, pByteString(""), pByteString(""));
}
