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
  pBool,
  pBSToData,
  pchooseList,
  perror,
  pfn,
  phead,
  phoist,
  pif,
  pInt,
  plet,
  pmatch,
  pnot,
  precursive,
  ptail,
  punBData,
  punMapData,
  punsafeConvertType,
  PAddress,
  PValue,
  PTxInfo,
  PTxOut,
  PTxOutRef,
} from "@harmoniclabs/plu-ts";
import { LockDatum } from "../../types.js";
import { check, modal } from "../../trace.js";
import { constrFields, constrIndex } from "../../data.js";
import { credentialData, jetName, ownInput, pinlineDatum, ponlyAdaAnd, qty, rawField, signedBy, findConfigRaw } from "../common.js";

/** A payout address for Jet from `owner`'s lock: a key that is not the owner's, in both parts. */
export const puserPayoutAddress = modal(() => phoist(
  pfn([PAddress.type, bs], bool)((addr, owner) =>
    check(
      "lock: Jet may only be paid to a key, not a script",
      pmatch(addr.credential)
        .onPPubKeyCredential((_) => pBool(true))
        ._((_) => pBool(false)),
    )
      .and(
        check(
          "lock: Jet may not be paid to the owner's key",
          pmatch(addr.credential)
            .onPPubKeyCredential(({ pkh }) => pnot.$(pkh.eq(owner)))
            ._((_) => pBool(false)),
        ),
      )
      .and(
        check(
          "lock: Jet may not be paid to the owner's stake key",
          pmatch(addr.stakingCredential)
            .onJust(({ val }) =>
              pmatch(val)
                .onPStakingHash(({ _0 }) =>
                  pmatch(_0)
                    .onPPubKeyCredential(({ pkh }) => pnot.$(pkh.eq(owner)))
                    ._((_) => pBool(true)),
                )
                ._((_) => pBool(true)),
            )
            ._((_) => pBool(true)),
        ),
      ),
  ),
));

/**
 * One output of a reward transaction: 1 when it is the continuing lock (exactly the spent
 * lock's address; then it must keep the owner's datum and hold only ADA and Jet), 0 when it
 * is anything else (then it must not sit at the lock script under another address, and if
 * it carries Jet it must be a user payout). Fails with the check's message otherwise.
 *
 * The output's fields are read with raw accessors, not plu-ts struct getters: a getter used
 * in both branches of the `pif` is let-bound once by plu-ts 0.9 and floated out of scope
 * (the script then fails with "apply an argument to a non-function" / "not a constant").
 */
const plockOutput = modal(() => phoist(
  pfn([data, data, data, data, bs, bs], int)((o, ownAddr, ownCred, sameOwner, owner, policy) => {
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
              qty(value(), policy, jetName()).eq(0).or(puserPayoutAddress.$(punsafeConvertType(address(), PAddress.type)).$(owner)),
            ),
          )
          .then(pInt(0))
          .else(perror(int)),
      );
  }),
));

/** Σ plockOutput over the outputs: the number of continuing locks (every output checked). */
const pcontinuingLocks = modal(() => phoist(
  pfn([list(data), data, data, data, bs, bs], int)((outs, ownAddr, ownCred, sameOwner, owner, policy) =>
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
              .$(owner)
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
            .$(owner)
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
