/**
 * Reward (spend service locks, redeemer `Reward`): the non-resellable lock.
 *
 * Rules: the owner signs (and the config's reward attestor, when it names one); every
 * output that carries Jet is either the one continuing lock — exactly the spent lock's
 * address, the same owner datum, only ADA and Jet — or a payout to a key-hash address
 * that is not the owner's, in its payment part or its stake part. Merging locks is a
 * reward with no payouts. By value conservation the Jet leaving the locks can only reach
 * users.
 * Attacks (test/tx/attacks/lock.test.ts, one check each): paying the owner's own key
 * (resale through oneself) or a key address whose stake part is the owner's, paying a
 * script (a DEX order, an escrow the owner controls, another lock), two continuing outputs
 * or locks of two owners settled by one output (double satisfaction), the owner changed in
 * the continuing output (datum hijack), a staking credential swapped onto it (an output at
 * the lock script under another address), junk tokens added.
 */
import {
  bool,
  bs,
  data,
  int,
  lam,
  list,
  peqData,
  pBSToData,
  pair,
  pBool,
  pfstPair,
  pchooseList,
  pConstrToData,
  pnilData,
  pprepend,
  perror,
  pfn,
  phead,
  phoist,
  pif,
  pInt,
  plet,
  pnot,
  precursive,
  ptail,
  punBData,
  punMapData,
  punsafeConvertType,
  PValue,
  PTxInfo,
  PTxOut,
  PTxOutRef,
} from "@harmoniclabs/plu-ts";
import { LockDatum } from "../../types.js";
import { check, modal } from "../../trace.js";
import { constrFields, constrIndex } from "../../data.js";
import { credentialData, jetName, ownInput, pinlineDatum, ponlyAdaAnd, rawField, signedBy, findConfigRaw } from "../common.js";

/** Constr `index` [fields] as Data. */
function constrData(index: number, fields: any[]): any {
  let l: any = pnilData;
  for (let i = fields.length - 1; i >= 0; i--) l = (pprepend(data) as any).$(fields[i]).$(l);
  return pConstrToData.$(pInt(index)).$(l);
}

/** The owner's key as a payment credential: PubKeyCredential owner = Constr 0 [B owner]. */
export function ownerCredentialData(owner: any): any {
  return constrData(0, [pBSToData.$(owner)]);
}

/** The owner's key as an address's stake part: Just (StakingHash (PubKeyCredential owner)). */
export function ownerStakePartData(owner: any): any {
  return constrData(0, [constrData(0, [ownerCredentialData(owner)])]);
}

/**
 * A payout address (raw Address Data) for Jet from a lock: a key, not the owner's, with a
 * stake part that is not the owner's key. Compared as Data with the owner's credential and
 * stake part (built once per reward), which costs a few builtins per output.
 */
export const puserPayoutAddress = modal(() => phoist(
  pfn([data, data, data], bool)((addr, ownerCred, ownerStake) =>
    check("lock: Jet may only be paid to a key, not a script", constrIndex(rawField(addr, 0)).eq(0))
      .and(check("lock: Jet may not be paid to the owner's key", pnot.$(peqData.$(rawField(addr, 0)).$(ownerCred))))
      .and(check("lock: Jet may not be paid to the owner's stake key", pnot.$(peqData.$(rawField(addr, 1)).$(ownerStake)))),
  ),
));

/** The value (its raw Map Data) has an entry under `policy` (bytes Data). Outputs never hold
 *  zero quantities, so under the Jet policy this means "carries Jet" (or one of the NFTs,
 *  which no reward output may carry either). One key comparison per policy of the value. */
const phasPolicy = modal(() => phoist(
  pfn([data, data], bool)((valueMap, policy) =>
    precursive(
      pfn([lam(list(pair(data, data)), bool), list(pair(data, data))], bool)((self, rest) =>
        pchooseList(pair(data, data), bool)
          .$(rest)
          .caseNil(pBool(false))
          .caseCons(
            pif(bool)
              .$(peqData.$(pfstPair(data, data).$(phead(pair(data, data)).$(rest) as any)).$(policy))
              .then(pBool(true))
              .else((self as any).$(ptail(pair(data, data)).$(rest))),
          ),
      ),
    ).$(punMapData.$(valueMap) as any),
  ),
));

/**
 * One output of a reward transaction: 1 when it is the continuing lock (exactly the spent
 * lock's address; then it must keep the owner's datum and hold only ADA and Jet), 0 when it
 * is anything else (then it must not sit at the lock script under another address, and if
 * it holds anything under the Jet policy it must be a user payout). Fails with the check's message otherwise.
 *
 * The output's fields are read with raw accessors, not plu-ts struct getters: a getter used
 * in both branches of the `pif` is let-bound once by plu-ts 0.9 and floated out of scope
 * (the script then fails with "apply an argument to a non-function" / "not a constant").
 */
const plockOutput = modal(() => phoist(
  pfn([data, data, data, data, data, data, bs], int)((o, ownAddr, ownCred, sameOwner, ownerCred, ownerStake, policy) => {
    const address = () => rawField(o, 0);
    const value = () => punsafeConvertType(punMapData.$(rawField(o, 1)), PValue.type);
    return pif(int)
      .$(peqData.$(address()).$(ownAddr))
      .then(
        pif(int)
          .$(
            check("lock: continuing lock keeps its owner", peqData.$(pinlineDatum.$(punsafeConvertType(o, PTxOut.type))).$(sameOwner)).and(
              check("lock: continuing lock holds only ADA and Jet", ponlyAdaAnd.$(value()).$(policy).$(jetName())),
            ),
          )
          .then(pInt(1))
          .else(perror(int)),
      )
      .else(
        pif(int)
          .$(
            check("lock: continuing lock keeps the lock address", pnot.$(peqData.$(rawField(address(), 0)).$(ownCred))).and(
              pnot.$(phasPolicy.$(rawField(o, 1)).$(pBSToData.$(policy))).or(puserPayoutAddress.$(address()).$(ownerCred).$(ownerStake)),
            ),
          )
          .then(pInt(0))
          .else(perror(int)),
      );
  }),
));

/** Σ plockOutput over the outputs: the number of continuing locks (every output checked). */
const pcontinuingLocks = modal(() => phoist(
  pfn([list(data), data, data, data, data, data, bs], int)((outs, ownAddr, ownCred, sameOwner, ownerCred, ownerStake, policy) =>
    precursive(
      pfn([lam(list(data), int), list(data)], int)((self, rest) =>
        pchooseList(data, int)
          .$(rest)
          .caseNil(pInt(0))
          .caseCons(
            plockOutput
              .$(phead(data).$(rest))
              .$(ownAddr)
              .$(ownCred)
              .$(sameOwner)
              .$(ownerCred)
              .$(ownerStake)
              .$(policy)
              .add((self as any).$(ptail(data).$(rest))),
          ),
      ),
    ).$(outs),
  ),
));

/** The checks, with the spent lock output and the config bound by parameters (found once:
 *  plu-ts 0.9 would re-run a `plet`-bound scan in every lazy branch that uses it). */
const plockRewardWith = modal(() => phoist(
  pfn([PTxInfo.type, bs, bs, PTxOut.type, data], bool)((tx, owner, policy, own, configRaw) => {
    const attestor = plet(rawField(configRaw, 6));
    return check("lock: signed by the owner", signedBy(tx, owner))
      .and(
        check(
          "lock: signed by the reward attestor",
          constrIndex(attestor)
            .eq(1)
            .or(signedBy(tx, punBData.$(phead(data).$(constrFields(attestor))))),
        ),
      )
      .and(
        check(
          "lock: at most one continuing lock",
          pcontinuingLocks
            .$(punsafeConvertType(tx.outputs, list(data)))
            .$(punsafeConvertType(own.address, data))
            .$(credentialData(own))
            .$(LockDatum.LockDatum({ owner: pBSToData.$(owner) }) as any)
            .$(ownerCredentialData(owner))
            .$(ownerStakePartData(owner))
            .$(policy)
            .ltEq(1),
        ),
      );
  }),
));

export const plockReward = modal(() => phoist(
  pfn([PTxInfo.type, PTxOutRef.type, data, bs], bool)((tx, utxoRef, lockRaw, policy) =>
    plockRewardWith
      .$(tx)
      .$(punBData.$(rawField(lockRaw, 0)))
      .$(policy)
      .$(ownInput(tx, utxoRef).resolved)
      .$(findConfigRaw(tx.refInputs, policy)),
  ),
));
