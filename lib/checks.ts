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
 * build mode (`modal`) and hoisted (bound once at the script root), so the traced build
 * names every failure and each helper is in the script once.
 *
 * Two layers: the first helpers (`signedBy`, `ownInput`, `amountOf`, …) take typed plu-ts
 * terms (lib/checks.test.ts probes them); the "Raw transaction view" below (names ending in
 * `D`, plus `all`, `TXF`, `txList`, …) takes raw Data only — the TxInfo field list, TxOut
 * and TxInInfo Data, Data lists — and is what the validators use (docs/design.md §11).
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
  phoist,
  phead,
  pif,
  plet,
  precursive,
  ptail,
  punIData,
  punListData,
  punBData,
  punMapData,
  punsafeConvertType,
  pisEmpty,
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

const anyEq = modal(() => phoist(
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
));

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

const finiteBound = modal(() => phoist(
  pfn([data], int)((bound) =>
    plet(fieldOf(bound, 0)).in((ext: any) =>
      pif(int)
        .$(constrIndex(ext).eq(1))
        .then(punIData.$(phead(data).$(constrFields(ext))))
        .else(fail("validity range must be finite", int)),
    ),
  ),
));

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

const findByRef = modal(() => phoist(
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
));

/** The input (a `PTxInInfo`) spent with the reference `utxoRef`; fails when absent. */
export function ownInput(tx: Term<any>, utxoRef: Term<any>): any {
  return punsafeConvertType((findByRef as any).$(asData(utxoRef)).$(punListData.$(fieldOf(asData(tx), 0))), PTxInInfo.type);
}

// ---------------------------------------------------------------------------------------
// Values

const valueEntry = pair(data, data);

const valueList = list(valueEntry);
const asValueList = (v: Term<any>): Term<any> => punsafeConvertType(v, valueList);

const onlyAdaAndRaw = modal(() => phoist(
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
));

/**
 * The value holds ADA and, besides, only tokens named `name` under `policy` (any amounts;
 * the policy may be absent). Attack: junk tokens added to a protocol output.
 */
export function onlyAdaAnd(value: Term<any>, policy: Term<PByteString>, name: Term<PByteString>): TermBool {
  return (onlyAdaAndRaw as any).$(asValueList(value)).$(pBSToData.$(policy)).$(pBSToData.$(name));
}

const amountOfRaw = modal(() => phoist(
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
));

/** Quantity of (policy, name) in a value; 0 when absent. */
export function amountOf(value: Term<any>, policy: Term<PByteString>, name: Term<PByteString>): TermInt {
  return (amountOfRaw as any).$(asValueList(value)).$(pBSToData.$(policy)).$(pBSToData.$(name));
}

/** Lovelace in a value. */
export function lovelaceOf(value: Term<any>): TermInt {
  return amountOf(value, pByteString(""), pByteString(""));
}

// ---------------------------------------------------------------------------------------
// Raw transaction view: every function below takes raw Data terms — the TxInfo field list
// `txf` (constrFields of the TxInfo), TxOut / TxInInfo Data, Data lists — and never a typed
// plu-ts struct. Bind each value that is used twice (plet) and each list scan once.

/** Positions in the V3 TxInfo field list. */
export const TXF = { inputs: 0, refInputs: 1, outputs: 2, fee: 3, mint: 4, certificates: 5, withdrawals: 6, range: 7, signatories: 8 } as const;

import { asList, field, hd, nth, tl } from "./data.js";

/** A field of the TxInfo as a Data list (inputs, refInputs, outputs, signatories). */
export const txList = (txf: Term<any>, i: number): any => asList(nth(txf, i));

/** Every condition in order; stops at the first false one (right-nested, so a value bound
 *  for a later condition is computed only when the earlier ones hold). */
export function all(conds: Term<any>[]): TermBool {
  let t: any = conds[conds.length - 1];
  for (let i = conds.length - 2; i >= 0; i--) t = (pif(bool) as any).$(conds[i]).then(t).else(pBool(false));
  return t;
}

/** `keyData` (B hash) is in the signatories of the TxInfo field list. */
export function signedByD(txf: Term<any>, keyData: Term<any>): TermBool {
  return (anyEq as any).$(keyData).$(txList(txf, TXF.signatories));
}

/** `keyData` is in a raw Data list. */
export function inListD(keyData: Term<any>, keys: Term<any>): TermBool {
  return (anyEq as any).$(keyData).$(keys);
}

const anyKeyIn = modal(() => phoist(
  pfn([list(data), list(data)], bool)((keys, sigs) =>
    precursive(
      pfn([lam(list(data), bool), list(data)], bool)((self, rest) =>
        pchooseList(data, bool)
          .$(rest)
          .caseNil(pBool(false))
          .caseCons(
            pif(bool)
              .$((anyEq as any).$(phead(data).$(rest)).$(sigs))
              .then(pBool(true))
              .else((self as any).$(ptail(data).$(rest))),
          ),
      ),
    ).$(keys),
  ),
));

/** Some key of the Data list `keys` signed (an operator). */
export function signedByAnyD(txf: Term<any>, keys: Term<any>): TermBool {
  return (anyKeyIn as any).$(keys).$(txList(txf, TXF.signatories));
}

/** POSIX ms of the finite lower bound; fails "validity range must be finite" otherwise. */
export function lowerBoundMsD(txf: Term<any>): TermInt {
  return (finiteBound as any).$(field(nth(txf, TXF.range), 0));
}

/** POSIX ms of the finite upper bound; fails "validity range must be finite" otherwise. */
export function upperBoundMsD(txf: Term<any>): TermInt {
  return (finiteBound as any).$(field(nth(txf, TXF.range), 1));
}

/** The upper bound is finite (Extended = Finite, Constr 1). */
export function upperBoundFiniteD(txf: Term<any>): TermBool {
  return constrIndex(field(field(nth(txf, TXF.range), 1), 0)).eq(1) as any;
}

/** The TxInInfo spent with reference `ref` (Data) among `inputs`; fails "own input not found". */
export function ownInputD(inputs: Term<any>, ref: Term<any>): any {
  return (findByRef as any).$(ref).$(inputs);
}

/** TxOut accessors (raw). */
export const outAddress = (o: Term<any>): any => field(o, 0);
export const outCred = (o: Term<any>): any => field(field(o, 0), 0);
export const outValue = (o: Term<any>): any => punMapData.$(field(o, 1));
/** The resolved TxOut of a TxInInfo. */
export const resolved = (i: Term<any>): any => field(i, 1);

const fromCred = modal(() => phoist(
  pfn([data, list(data)], list(data))((cred, outs) =>
    precursive(
      pfn([lam(list(data), list(data)), list(data)], list(data))((self, rest) =>
        pchooseList(data, list(data))
          .$(rest)
          .caseNil(rest)
          .caseCons(
            pif(list(data))
              .$(peqData.$(outCred(phead(data).$(rest))).$(cred))
              .then(rest)
              .else((self as any).$(ptail(data).$(rest))),
          ),
      ),
    ).$(outs),
  ),
));

/** The outputs from the first one whose payment credential is `cred` (empty if none). */
export function fromCredD(cred: Term<any>, outs: Term<any>): any {
  return (fromCred as any).$(cred).$(outs);
}

/** A list returned by `fromCredD(cred, …)` holds exactly one output with `cred`. */
export function exactlyOneD(cred: Term<any>, found: Term<any>): TermBool {
  return (pif(bool) as any).$(pisEmpty.$(found)).then(pBool(false)).else(pisEmpty.$(fromCredD(cred, tl(found))));
}

const fromCredIn = modal(() => phoist(
  pfn([data, list(data)], list(data))((cred, ins) =>
    precursive(
      pfn([lam(list(data), list(data)), list(data)], list(data))((self, rest) =>
        pchooseList(data, list(data))
          .$(rest)
          .caseNil(rest)
          .caseCons(
            pif(list(data))
              .$(peqData.$(outCred(resolved(phead(data).$(rest)))).$(cred))
              .then(rest)
              .else((self as any).$(ptail(data).$(rest))),
          ),
      ),
    ).$(ins),
  ),
));

/** At most one input spends from payment credential `cred`. */
export function atMostOneInputD(cred: Term<any>, inputs: Term<any>): TermBool {
  return plet(fromCredInD(cred, inputs)).in((f: any) => (pif(bool) as any).$(pisEmpty.$(f)).then(pBool(true)).else(pisEmpty.$(fromCredInD(cred, tl(f)))));
}

/** The inputs from the first one spending from payment credential `cred` (empty if none). */
export function fromCredInD(cred: Term<any>, inputs: Term<any>): any {
  return (fromCredIn as any).$(cred).$(inputs);
}

const inlineDatumRaw = modal(() => phoist(
  pfn([data], data)((o) =>
    plet(field(o, 2)).in((od: any) =>
      pif(data)
        .$(constrIndex(od).eq(2))
        .then(phead(data).$(constrFields(od)))
        .else(fail("expected an inline datum", data)),
    ),
  ),
));

/** The inline datum of a TxOut; fails "expected an inline datum" for any other datum form. */
export function inlineDatumD(o: Term<any>): any {
  return (inlineDatumRaw as any).$(o);
}

/** Quantity of (policy, name) (Data bytes) in a value list (`outValue`). */
export function amountOfD(valueList: Term<any>, policy: Term<any>, name: Term<any>): TermInt {
  return (amountOfRaw as any).$(valueList).$(policy).$(name);
}

/** ADA and, besides, only `name` under `policy` (Data bytes) in a value list. */
export function onlyAdaAndD(valueList: Term<any>, policy: Term<any>, name: Term<any>): TermBool {
  return (onlyAdaAndRaw as any).$(valueList).$(policy).$(name);
}

/** Lovelace of a value list. Ledger values (outputs, spent and reference inputs) always
 *  hold ADA, and a Value map is sorted, so ADA (the empty policy) is the first entry. */
export function lovelaceOfD(valueList: Term<any>): TermInt {
  const ada = phead(valueEntry).$(valueList) as any;
  return punIData.$(psndPair(data, data).$((phead(valueEntry) as any).$(punMapData.$(psndPair(data, data).$(ada) as any)) as any)) as any;
}

/** The token entries of a value list (after the ADA entry, which ledger values hold first). */
export const tokensOf = (valueList: Term<any>): any => ptail(valueEntry).$(valueList);

/** Quantity of (policy, name) in a value list, for a policy other than ADA (the ADA entry is
 *  skipped). 0 when absent. */
export function tokenAmountD(valueList: Term<any>, policy: Term<any>, name: Term<any>): TermInt {
  return (amountOfRaw as any).$(tokensOf(valueList)).$(policy).$(name);
}

const onlyAdaAndOne = modal(() => phoist(
  pfn([valueList, data, data], bool)((value, policy, name) =>
    plet(ptail(valueEntry).$(value)).in((rest: any) =>
      pif(bool)
        .$(pisEmpty.$(rest))
        .then(pBool(true))
        .else(
          plet(phead(valueEntry).$(rest) as any).in((e: any) =>
            pif(bool)
              .$(peqData.$(pfstPair(data, data).$(e) as any).$(policy))
              .then(
                pif(bool)
                  .$(pisEmpty.$(ptail(valueEntry).$(rest)))
                  .then(
                    plet(punMapData.$(psndPair(data, data).$(e) as any)).in((m: any) =>
                      pif(bool)
                        .$(peqData.$(pfstPair(data, data).$(phead(valueEntry).$(m) as any) as any).$(name))
                        .then(pisEmpty.$(ptail(valueEntry).$(m)))
                        .else(pBool(false)),
                    ),
                  )
                  .else(pBool(false)),
              )
              .else(pBool(false)),
          ),
        ),
    ),
  ),
));

/**
 * Same rule as `onlyAdaAnd` (ADA and, besides, only `name` under `policy`), on a ledger
 * value list: ADA first, then at most the one entry `(policy, {name: n})` (ledger maps are
 * sorted with unique keys and no empty token maps, so this is the same set of values).
 */
export function onlyAdaAndOneD(valueList: Term<any>, policy: Term<any>, name: Term<any>): TermBool {
  return (onlyAdaAndOne as any).$(valueList).$(policy).$(name);
}

/** The amount of the single token of a value that passed `onlyAdaAndOneD` (0 when it holds ADA only). */
export function singleTokenAmountD(valueList: Term<any>): TermInt {
  return plet(ptail(valueEntry).$(valueList)).in((rest: any) =>
    pif(int)
      .$(pisEmpty.$(rest))
      .then(pInt(0))
      .else(
        punIData.$(
          psndPair(data, data).$((phead(valueEntry) as any).$(punMapData.$(psndPair(data, data).$(phead(valueEntry).$(rest) as any) as any)) as any) as any,
        ) as any,
      ),
  ) as any;
}

const someInputHoldsOne = modal(() => phoist(
  pfn([list(data), data, data], bool)((inputs, policy, name) =>
    precursive(
      pfn([lam(list(data), bool), list(data)], bool)((self, rest) =>
        pchooseList(data, bool)
          .$(rest)
          .caseNil(pBool(false))
          .caseCons(
            pif(bool)
              .$(amountOfD(outValue(resolved(phead(data).$(rest))), policy, name).eq(1))
              .then(pBool(true))
              .else((self as any).$(ptail(data).$(rest))),
          ),
      ),
    ).$(inputs),
  ),
));

/** Some input holds exactly one (policy, name) token (e.g. the state NFT is spent). */
export function someInputHoldsOneD(inputs: Term<any>, policy: Term<any>, name: Term<any>): TermBool {
  return (someInputHoldsOne as any).$(inputs).$(policy).$(name);
}

const noOutputHolds = modal(() => phoist(
  pfn([list(data), data, data], bool)((outputs, policy, name) =>
    precursive(
      pfn([lam(list(data), bool), list(data)], bool)((self, rest) =>
        pchooseList(data, bool)
          .$(rest)
          .caseNil(pBool(true))
          .caseCons(
            pif(bool)
              .$(amountOfD(outValue(phead(data).$(rest)), policy, name).eq(0))
              .then((self as any).$(ptail(data).$(rest)))
              .else(pBool(false)),
          ),
      ),
    ).$(outputs),
  ),
));

/** No output holds any (policy, name) token (e.g. all Jet is burned). */
export function noOutputHoldsD(outputs: Term<any>, policy: Term<any>, name: Term<any>): TermBool {
  return (noOutputHolds as any).$(outputs).$(policy).$(name);
}

const hasPolicyRaw = modal(() => phoist(
  pfn([valueList, data], bool)((tokens, policy) =>
    precursive(
      pfn([lam(valueList, bool), valueList], bool)((self, rest) =>
        pchooseList(valueEntry, bool)
          .$(rest)
          .caseNil(pBool(false))
          .caseCons(
            pif(bool)
              .$(peqData.$(pfstPair(data, data).$(phead(valueEntry).$(rest) as any) as any).$(policy))
              .then(pBool(true))
              .else((self as any).$(ptail(valueEntry).$(rest))),
          ),
      ),
    ).$(tokens),
  ),
));

/** The value list holds some token under `policy` (Data bytes; not ADA). Ledger values hold
 *  no zero quantities, so under the Jet policy this means "carries Jet or an NFT". */
export function hasPolicyD(valueList: Term<any>, policy: Term<any>): TermBool {
  return (hasPolicyRaw as any).$(tokensOf(valueList)).$(policy);
}

const fromHoldingOne = modal(() => phoist(
  pfn([list(data), data, data], list(data))((outs, policy, name) =>
    precursive(
      pfn([lam(list(data), list(data)), list(data)], list(data))((self, rest) =>
        pchooseList(data, list(data))
          .$(rest)
          .caseNil(rest)
          .caseCons(
            pif(list(data))
              .$(tokenAmountD(outValue(phead(data).$(rest)), policy, name).eq(1))
              .then(rest)
              .else((self as any).$(ptail(data).$(rest))),
          ),
      ),
    ).$(outs),
  ),
));

/** The outputs from the first one holding exactly one (policy, name) token (empty if none). */
export function fromHoldingOneD(outs: Term<any>, policy: Term<any>, name: Term<any>): any {
  return (fromHoldingOne as any).$(outs).$(policy).$(name);
}

/** The TxInfo's mint field as a pair list (V3: no ADA entry). */
export const txMint = (txf: Term<any>): any => punMapData.$(nth(txf, TXF.mint));

const spendsRef = modal(() => phoist(
  pfn([data, list(data)], bool)((ref, inputs) =>
    precursive(
      pfn([lam(list(data), bool), list(data)], bool)((self, rest) =>
        pchooseList(data, bool)
          .$(rest)
          .caseNil(pBool(false))
          .caseCons(
            pif(bool)
              .$(peqData.$(field(phead(data).$(rest), 0)).$(ref))
              .then(pBool(true))
              .else((self as any).$(ptail(data).$(rest))),
          ),
      ),
    ).$(inputs),
  ),
));

/** Some input (TxInInfo Data list) spends the TxOutRef `ref` (Data). */
export function spendsRefD(inputs: Term<any>, ref: Term<any>): TermBool {
  return (spendsRef as any).$(ref).$(inputs);
}

// ---------------------------------------------------------------------------------------
// Data lists (config well-formedness)

const lengthRaw = modal(() => phoist(
  precursive(
    pfn([lam(list(data), int), list(data)], int)((self, rest) =>
      pchooseList(data, int)
        .$(rest)
        .caseNil(pInt(0))
        .caseCons(pInt(1).add((self as any).$(ptail(data).$(rest)))),
    ),
  ),
));

/** Number of elements of a Data list. */
export function lengthD(l: Term<any>): TermInt {
  return (lengthRaw as any).$(l);
}

const allRaw = modal(() => phoist(
  pfn([lam(data, bool), list(data)], bool)((pred, l) =>
    precursive(
      pfn([lam(list(data), bool), list(data)], bool)((self, rest) =>
        pchooseList(data, bool)
          .$(rest)
          .caseNil(pBool(true))
          .caseCons(
            pif(bool)
              .$((pred as any).$(phead(data).$(rest)))
              .then((self as any).$(ptail(data).$(rest)))
              .else(pBool(false)),
          ),
      ),
    ).$(l),
  ),
));

/** Every element of a Data list satisfies `pred` (a closed `data → bool` term). */
export function allD(pred: Term<any>, l: Term<any>): TermBool {
  return (allRaw as any).$(pred).$(l);
}

const sumIntsRaw = modal(() => phoist(
  precursive(
    pfn([lam(list(data), int), list(data)], int)((self, rest) =>
      pchooseList(data, int)
        .$(rest)
        .caseNil(pInt(0))
        .caseCons(punIData.$(phead(data).$(rest)).add((self as any).$(ptail(data).$(rest)))),
    ),
  ),
));

/** Σ of a Data list of I. */
export function sumIntsD(l: Term<any>): TermInt {
  return (sumIntsRaw as any).$(l);
}

const ascendingRaw = modal(() => phoist(
  precursive(
    pfn([lam(list(data), bool), list(data)], bool)((self, rest) =>
      pchooseList(data, bool)
        .$(rest)
        .caseNil(pBool(true))
        .caseCons(
          plet(ptail(data).$(rest)).in((t: any) =>
            pchooseList(data, bool)
              .$(t)
              .caseNil(pBool(true))
              .caseCons(
                pif(bool)
                  .$(punBData.$(phead(data).$(rest)).lt(punBData.$(phead(data).$(t))))
                  .then((self as any).$(t))
                  .else(pBool(false)),
              ),
          ),
        ),
    ),
  ),
));

/** A Data list of B, strictly ascending (so without duplicates). */
export function strictlyAscendingD(l: Term<any>): TermBool {
  return (ascendingRaw as any).$(l);
}
