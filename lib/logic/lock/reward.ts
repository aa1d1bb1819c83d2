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
import { bool, data, int, lam, list, pBool, pchooseList, peqData, perror, pfn, phead, phoist, pif, pInt, plet, pnot, precursive, ptail } from "@harmoniclabs/plu-ts";
import { check, fail, modal } from "../../trace.js";
import {
  all,
  inlineDatumD,
  onlyAdaAndOneD,
  outValue,
  ownInputD,
  resolved,
  signedByD,
  hasPolicyD,
  txList,
  TXF,
} from "../../checks.js";
import { bindT, constrFields, constrIndex, field, hd, mkConstr, tl } from "../../data.js";
import { configDatumD, configField, jetNameD } from "../common.js";

/**
 * `txf`: the TxInfo field list; `ownRef`: the spent TxOutRef; `lockRaw`: the spent datum
 * (LockDatum = Constr 0 [B owner]); `policy`: the Jet policy (Data bytes).
 *
 * One pass over the outputs, in order: the continuing lock (exactly the spent lock's
 * address) must keep the owner's datum and hold only ADA and Jet and counts 1; any other
 * output must not sit at the lock script under another address and, if it holds anything
 * under the Jet policy, must be a user payout: a key (not a script), not the owner's key,
 * not the owner's stake key. Then at most one continuing lock.
 */
export const plockReward = modal(() => phoist(
  pfn([list(data), data, data, data], bool)((txf, ownRef, lockRaw, policy) => {
    const ownerD = plet(field(lockRaw, 0));
    const own = plet(resolved(ownInputD(txList(txf, TXF.inputs), ownRef)));
    const ownAddr = plet(field(own, 0));
    // LockDatum (Constr 0 [B owner]) and the owner's key credential (PubKey = Constr 0
    // [B owner]) are the same Data.
    const ownerCred = plet(mkConstr(0, [ownerD]));
    const jet = jetNameD();
    const attestor = plet(configField(configDatumD(txList(txf, TXF.refInputs), policy), 6));
    // Values the loop uses are bound by lambdas outside it (see `bindT`): the spent lock's
    // payment credential and Just (StakingHash (PubKey owner)), the owner's stake key.
    // The loop: in order, every output. An output at exactly the spent lock's address is the
    // continuing lock (keeps the owner's datum, only ADA and Jet; counts 1). Any other output
    // holding a token of the Jet policy must be a user payout — a key, not the owner's key,
    // not the owner's stake key — and no other output may sit at the lock script under
    // another address. The rules are "keeps the lock address ∧ (nothing under the policy ∨
    // payout)" in that order, arranged so that a payout (the common output) costs no value
    // scan: a key credential is never the lock's (a script), and the value is read only for
    // an output that is no payout.
    const continuingLocks = (ownCred: any, ownerStake: any) =>
      precursive(
        pfn([lam(list(data), int), list(data)], int)((self, rest) => {
          const next = () => (self as any).$(ptail(data).$(rest));
          return pchooseList(data, int)
            .$(rest)
            .caseNil(pInt(0))
            .caseCons(
              bindT(data, phead(data).$(rest), int, (o: any) => {
                const holdsPolicy = () => hasPolicyD(outValue(o), policy);
                return bindT(data, field(o, 0), int, (addr: any) =>
                  pif(int)
                    .$(peqData.$(addr).$(ownAddr))
                    .then(
                      pif(int)
                        .$(
                          check("lock: continuing lock keeps its owner", peqData.$(inlineDatumD(o)).$(ownerCred)).and(
                            check("lock: continuing lock holds only ADA and Jet", onlyAdaAndOneD(outValue(o), policy, jet)),
                          ),
                        )
                        .then(pInt(1).add(next()))
                        .else(perror(int)),
                    )
                    .else(
                      bindT(list(data), constrFields(addr), int, (af: any) =>
                        bindT(data, hd(af), int, (cred: any) =>
                          pif(int)
                            .$(constrIndex(cred).eq(0))
                            .then(
                              // a key: a payout unless it is the owner's key or stake key
                              pif(int)
                                .$(peqData.$(cred).$(ownerCred))
                                .then(pif(int).$(holdsPolicy()).then(fail("lock: Jet may not be paid to the owner's key", int)).else(next()))
                                .else(
                                  pif(int)
                                    .$(peqData.$(hd(tl(af))).$(ownerStake))
                                    .then(pif(int).$(holdsPolicy()).then(fail("lock: Jet may not be paid to the owner's stake key", int)).else(next()))
                                    .else(next()),
                                ),
                            )
                            .else(
                              // a script: never the lock script under another address; no Jet
                              pif(int)
                                .$(peqData.$(cred).$(ownCred))
                                .then(fail("lock: continuing lock keeps the lock address", int))
                                .else(pif(int).$(holdsPolicy()).then(fail("lock: Jet may only be paid to a key, not a script", int)).else(next())),
                            ),
                        ),
                      ),
                    ),
                );
              }),
            );
        }),
      );
    return all([
      check("lock: signed by the owner", signedByD(txf, ownerD)),
      check("lock: signed by the reward attestor", constrIndex(attestor).eq(1).or(signedByD(txf, hd(constrFields(attestor))))),
      check(
        "lock: at most one continuing lock",
        bindT(data, hd(constrFields(ownAddr)), int, (ownCred) =>
          bindT(data, mkConstr(0, [mkConstr(0, [ownerCred])]), int, (ownerStake) =>
            (continuingLocks(ownCred, ownerStake) as any).$(txList(txf, TXF.outputs)),
          ),
        ).ltEq(1),
      ),
    ]);
  }),
));
