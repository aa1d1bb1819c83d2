/**
 * Protocol-level pieces shared by the validators: the asset names, the epoch constants,
 * the config datum found by its NFT, script addresses as Data, and the governor count.
 *
 * Why here: each is written once and hoisted, so every validator that uses it gets the same
 * rule (and the same trace message) and the compiled scripts stay small. Everything works
 * on raw Data (see lib/checks.ts "Raw transaction view"; plu-ts 0.9's typed struct helpers
 * cost several times more and miscompile in places — docs/design.md §9).
 */
import { data, int, lam, list, pchooseList, pfn, phead, phoist, pif, pInt, plet, precursive, ptail, punBData, type Term } from "@harmoniclabs/plu-ts";
import { constrFields } from "../data.js";
import { inKeyList } from "../checks.js";
import { fail, modal } from "../trace.js";

/** Hex asset names (docs/design.md §3). */
export const JET_NAME_HEX = "4a6574";
export const STATE_NFT_HEX = "4a65745374617465";
export const CONFIG_NFT_HEX = "4a6574436f6e666967";
export const EPOCH_LENGTH_MS = 432_000_000n;
export const LAST_EPOCH = 2776n;

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
