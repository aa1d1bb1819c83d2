/**
 * Reward (spend service locks, redeemer `Reward`): the non-resellable lock.
 *
 * Rules: the owner signs (and the config's reward attestor, when it names one); every
 * output that carries Jet is either the one continuing lock — exactly the spent lock's
 * address, the same owner datum, only ADA and Jet — or a payout to a key-hash address
 * that is not the owner's, in its payment part or its stake part. Merging locks is a
 * reward with no payouts. By value conservation the Jet leaving the locks can only reach
 * users.
 * Attacks: paying the owner's own key (resale through oneself), paying a script (a DEX
 * order, an escrow the owner controls), two continuing outputs or locks of two owners
 * settled by one output (double satisfaction), the owner changed in the continuing
 * output (datum hijack), a staking credential swapped onto it, junk tokens added.
 */
import {
  bool,
  bs,
  data,
  peqData,
  pBool,
  pBSToData,
  pfn,
  phoist,
  pif,
  pisEmpty,
  plet,
  pmatch,
  pnot,
  PAddress,
  PTxInfo,
  PTxOutRef,
} from "@harmoniclabs/plu-ts";
import { LockDatum, ConfigDatum } from "../../types.js";
import { check, modal } from "../../trace.js";
import { findConfig, jetName, ownInput, pinlineDatum, ponlyAdaAnd, signedBy, findConfigRaw } from "../common.js";

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

export const plockReward = modal(() => phoist(
  pfn([PTxInfo.type, PTxOutRef.type, data, bs], bool)((tx, utxoRef, lockRaw, policy) => {
    const owner: any = plet(lockRaw.as(LockDatum.type).owner);
    const ownAddr = plet(ownInput(tx, utxoRef).resolved.address);
    const configRaw = plet(findConfigRaw(tx.refInputs, policy));
    const config = plet(configRaw.as(ConfigDatum.type));
    const sameOwner = plet(LockDatum.LockDatum({ owner: pBSToData.$(owner) }) as any);
    const conts = plet(tx.outputs.filter((o) => o.address.eq(ownAddr)));
    return check("lock: signed by the owner", signedBy(tx, owner))
      .and(
        check(
          "lock: signed by the reward attestor",
          pmatch(config.rewardAttestor)
            .onJust(({ val }) => signedBy(tx, val as any))
            ._((_) => pBool(true)),
        ),
      )
      .and(check("lock: at most one continuing lock", pisEmpty.$(conts).or(pisEmpty.$(conts.tail))))
      .and(
        tx.outputs.every((o) =>
          pif(bool)
            .$(o.address.eq(ownAddr))
            .then(
              check("lock: continuing lock keeps its owner", peqData.$(pinlineDatum.$(o)).$(sameOwner)).and(
                check("lock: continuing lock holds only ADA and Jet", ponlyAdaAnd.$(o.value).$(policy).$(jetName())),
              ),
            )
            .else(o.value.amountOf(policy, jetName()).eq(0).or(puserPayoutAddress.$(o.address).$(owner))),
        ),
      );
  }),
));
