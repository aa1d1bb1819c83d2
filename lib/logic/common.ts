/**
 * Protocol-level checks shared by the validators: finding the config by its NFT, reading
 * inline datums, and the address and value shapes every protocol output must have.
 *
 * Why here: each check is written once and hoisted, so every validator that uses it gets
 * the same rule (and the same trace message). The generic pieces delegate to lib/checks.ts,
 * which works on raw Data. The validators use the raw-Data helpers at the end of this file
 * (`configDatumD`, `scriptCredD`, `bareAddressD`, the `…NameD` constants); the typed helpers
 * above them (`findConfig`, `ponlyAdaAnd`, `pinlineDatum`, …) are no longer used by any
 * validator and cost nothing on-chain unless used. (plu-ts 0.9 trap: a hoisted function whose body uses list
 * utilities with lambdas capturing its parameters — `xs.every(x => x.eq(param))` — can
 * compile to an unbound variable once it is used from two places. Use the raw recursions
 * of lib/checks.ts or explicit `precursive` instead.)
 */
import {
  bool,
  bs,
  data,
  int,
  lam,
  list,
  pBool,
  pByteString,
  pchooseList,
  peqData,
  pfn,
  phead,
  phoist,
  pif,
  pmatch,
  perror,
  plet,
  precursive,
  ptail,
  pBSToData,
  pConstrToData,
  pInt,
  pnilData,
  pprepend,
  punBData,
  punListData,
  punsafeConvertType,
  PAddress,
  PTxOut,
  PTxInInfo,
  PValue,
  type Term,
  type PByteString,
  type PInt,
} from "@harmoniclabs/plu-ts";
import { ConfigDatum } from "../types.js";
import { constrFields } from "../data.js";
import { amountOf, inKeyList, lowerBoundMs as lowerBound, onlyAdaAnd, ownInput as ownInputRaw, signatoriesData, upperBoundMs as upperBound } from "../checks.js";
import { check, fail, modal } from "../trace.js";

/** Hex asset names (docs/design.md §3). */
export const JET_NAME_HEX = "4a6574";
export const STATE_NFT_HEX = "4a65745374617465";
export const CONFIG_NFT_HEX = "4a6574436f6e666967";
export const EPOCH_LENGTH_MS = 432_000_000n;
export const LAST_EPOCH = 2776n;

export const jetName = () => pByteString(JET_NAME_HEX);
export const stateNftName = () => pByteString(STATE_NFT_HEX);
export const configNftName = () => pByteString(CONFIG_NFT_HEX);

/** The inline datum of an output; any other datum form fails (a hash datum can hide a bloated one). */
export const pinlineDatum = modal(() =>
  phoist(
    pfn([PTxOut.type], data)((out) =>
      pmatch(out.datum)
        .onInlineDatum(({ datum }) => datum)
        ._((_) => fail("expected an inline datum", data)),
    ),
  ),
);

/** Quantity of (policy, name) in a value. */
export function qty(value: Term<any>, policy: Term<PByteString>, name: Term<PByteString>) {
  return amountOf(value, policy, name);
}

/** The reference input holding the config NFT, as raw TxOut Data; fails when absent. */
const pconfigOutput = modal(() =>
  phoist(
    pfn([list(data), bs], data)((refInputs, policy) =>
      precursive(
        pfn([lam(list(data), data), list(data)], data)((self, rest) =>
          pchooseList(data, data)
            .$(rest)
            .caseNil(fail("config reference input missing", data))
            .caseCons(
              plet(punsafeConvertType(phead(data).$(rest), PTxInInfo.type) as any).in((i: any) =>
                pif(data)
                  .$(amountOf(i.resolved.value, policy, configNftName()).eq(1))
                  .then(punsafeConvertType(i.resolved, data))
                  .else((self as any).$(ptail(data).$(rest))),
              ),
            ),
        ),
      ).$(refInputs),
    ),
  ),
);

/** The config datum, read from the reference input that holds the config NFT. Attack: a
 *  forged config UTxO without the NFT is never picked. */
export function findConfig(refInputs: Term<any>, policy: Term<PByteString>) {
  return findConfigRaw(refInputs, policy).as(ConfigDatum.type) as any;
}

/** The config datum as raw Data (for the key lists, which must stay Data lists). */
export function findConfigRaw(refInputs: Term<any>, policy: Term<PByteString>): any {
  const out = (pconfigOutput as any).$(punsafeConvertType(refInputs, list(data))).$(policy);
  return (pinlineDatum as any).$(punsafeConvertType(out, PTxOut.type));
}

/** Field `i` of a Constr Data, as a raw Data list (plu-ts would unwrap a typed list(bs) field). */
export function rawListField(d: Term<any>, i: number): any {
  let l: any = constrFields(d);
  for (let k = 0; k < i; k++) l = ptail(data).$(l);
  return punListData.$(phead(data).$(l));
}
export const operatorsOf = (configRaw: Term<any>) => rawListField(configRaw, 2);
export const governorsOf = (configRaw: Term<any>) => rawListField(configRaw, 3);

/** True when the address is (Script hash, no stake credential). Attack: a script output
 *  with a swapped-in staking credential would let someone else earn its ADA's rewards. */
export const pisBareScriptAddress = modal(() =>
  phoist(
    pfn([PAddress.type, bs], bool)((addr, hash) =>
      peqData.$(punsafeConvertType(addr, data)).$(constrData(0, [constrData(1, [pBSToData.$(hash)]), constrData(1, [])])),
    ),
  ),
);

function constrData(index: number, fields: Term<any>[]): Term<any> {
  let l: any = pnilData;
  for (let i = fields.length - 1; i >= 0; i--) l = (pprepend(data) as any).$(fields[i]).$(l);
  return pConstrToData.$(pInt(index)).$(l);
}

/** True when the address's payment credential is the given script (any stake part). */
export const phasScriptCredential = modal(() =>
  phoist(
    pfn([PAddress.type, bs], bool)((addr, hash) =>
      peqData.$(punsafeConvertType(addr.credential, data)).$(constrData(1, [pBSToData.$(hash)])),
    ),
  ),
);

/** True when the value holds ADA and, under `policy`, only the token `name`. Attack: junk
 *  tokens added to a protocol output (they would bloat it or smuggle assets along). */
export const ponlyAdaAnd = modal(() =>
  phoist(pfn([PValue.type, bs, bs], bool)((value, policy, name) => onlyAdaAnd(value, policy, name))),
);

/** The transaction is signed by `pkh`. */
export function signedBy(tx: Term<any>, pkh: Term<PByteString>) {
  return inKeyList(pkh, signatoriesData(tx));
}

/** Number of keys in `keys` (a list of key hashes) that signed. */
export const pcountSigners = modal(() =>
  phoist(
    pfn([list(data), list(data)], int)((keys, signatories) =>
      precursive(
        pfn([lam(list(data), int), list(data)], int)((self, rest) =>
          pchooseList(data, int)
            .$(rest)
            .caseNil(pInt(0))
            .caseCons(
              pif(int)
                .$(inKeyList(punBData.$(phead(data).$(rest)), signatories))
                .then(pInt(1))
                .else(pInt(0))
                .add((self as any).$(ptail(data).$(rest))),
            ),
        ),
      ).$(keys),
    ),
  ),
);

/** Some key in `keys` signed. Attack: an outsider advancing or sweeping. */
export function signedByAny(keysData: Term<any>, tx: Term<any>) {
  return (pcountSigners as any).$(keysData).$(signatoriesData(tx)).gt(0);
}

/** The finite lower bound of the validity range; an infinite one fails. */
export function lowerBoundMs(tx: Term<any>) {
  return lowerBound(tx);
}

/** The finite upper bound of the validity range; an infinite one fails. */
export function upperBoundMs(tx: Term<any>) {
  return upperBound(tx);
}

/** The spent input with this reference (the validator's own input). */
export function ownInput(tx: Term<any>, utxoRef: Term<any>) {
  return ownInputRaw(tx, utxoRef);
}

export { check, perror, pBool };

// ---------------------------------------------------------------------------------------
// Appended for the pool and lock validators (claims and rewards).

import { constrIndex } from "../data.js";

/** Field `i` (0-based) of a Constr Data, as Data. */
export function rawField(d: Term<any>, i: number): any {
  let l: any = constrFields(d);
  for (let k = 0; k < i; k++) l = ptail(data).$(l);
  return phead(data).$(l);
}

/** The validity range has a finite upper bound (TxInfo field 7 = Interval, its UpperBound's
 *  Extended is Finite = Constr 1). Lets a validator name the open-ended-range attack itself
 *  instead of failing inside `upperBoundMs`. */
export function upperBoundIsFinite(tx: Term<any>): any {
  return constrIndex(rawField(rawField(rawField(punsafeConvertType(tx, data), 7), 1), 0)).eq(1);
}

/** Field `i` of a Constr Data as bytes (e.g. the config's pool and lock script hashes). */
export function rawBytesField(d: Term<any>, i: number): any {
  return punBData.$(rawField(d, i));
}

/** The payment credential of an output (a `PTxOut` term) as Data. */
export function credentialData(out: Term<any>): any {
  return rawField(rawField(punsafeConvertType(out, data), 0), 0);
}

// ---------------------------------------------------------------------------------------
// Raw-Data protocol helpers (the validators' fast path; see lib/checks.ts "Raw transaction view").

import { inlineDatumD, outValue, resolved, tokenAmountD } from "../checks.js";
import { constB, constConstr, mkConstr, nth as nthD } from "../data.js";

/** Asset names as constant Data (B name). */
export const jetNameD = () => constB(JET_NAME_HEX);
export const stateNftNameD = () => constB(STATE_NFT_HEX);
export const configNftNameD = () => constB(CONFIG_NFT_HEX);

const pconfigDatumD = modal(() =>
  phoist(
    pfn([list(data), data], data)((refInputs, policy) =>
      precursive(
        pfn([lam(list(data), data), list(data)], data)((self, rest) =>
          pchooseList(data, data)
            .$(rest)
            .caseNil(fail("config reference input missing", data))
            .caseCons(
              plet(resolved(phead(data).$(rest))).in((o: any) =>
                pif(data)
                  .$(tokenAmountD(outValue(o), policy, configNftNameD()).eq(1))
                  .then(inlineDatumD(o))
                  .else((self as any).$(ptail(data).$(rest))),
              ),
            ),
        ),
      ).$(refInputs),
    ),
  ),
);

/** The config datum (raw Data) of the reference input holding the config NFT (`policy` as
 *  Data bytes); fails "config reference input missing". Attack: a forged config without the NFT. */
export function configDatumD(refInputs: Term<any>, policy: Term<any>): any {
  return (pconfigDatumD as any).$(refInputs).$(policy);
}

/** `Constr 1 [B hash]`: the payment credential of a script (hash as Data bytes). */
export const scriptCredD = (hashData: Term<any>): any => mkConstr(1, [hashData]);

/** The address (Script cred, no stake credential) as Data, from a script credential Data. */
export const bareAddressD = (credData: Term<any>): any => mkConstr(0, [credData, constConstr(1)]);

/** Config datum fields (raw): 1 caps, 2 operators, 3 governors, 4 quorum, 5 claim window,
 *  6 reward attestor, 7 pool script, 8 lock script. */
export const configField = (configRaw: Term<any>, i: number): any => nthD(constrFields(configRaw), i);
