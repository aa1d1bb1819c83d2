/**
 * Claim (spend a pool shard, redeemer `Claim`): a service takes its allocation.
 *
 * Rules: the service signs; the leaf (epoch, shard, index, service, level, amount) is
 * proven against the shard's root; its bit is unset and becomes set; 0 < amount ≤ the
 * config's cap for the level; exactly `amount` Jet leaves the pool, into one new lock
 * owned by the service; the validity range has a finite end, by the pool's expiry.
 * Attacks (test/tx/attacks/pool.test.ts, one check each): claiming twice (the bit), another
 * index's leaf or an inner node as a leaf (the proof), another epoch's or shard's leaf
 * (epoch and shard come from this pool's datum), an unsigned claim, amounts ±1, negative or
 * above the cap, levels outside 1..9, an open-ended range or one that ends after expiry,
 * two pools settled by one lock output (double satisfaction: one pool input per
 * transaction), a lock owned by someone else, with a staking credential, split in two or
 * missing, junk tokens, a changed datum or a reference script in the continuing pool (a
 * script makes the next claimant of the shard pay its reference-script fee), a staking
 * credential swapped onto it, Jet or ADA taken from it; a forged config without the NFT.
 *
 * Outputs are found by payment credential (the pool's, the lock's) and then required to
 * have the exact address, so an output with a swapped-in staking credential is named, not
 * silently left out. An empty list of candidates fails with the check's own message.
 */
import { bool, data, list, peqData, pfn, phoist, plet, pnot } from "@harmoniclabs/plu-ts";
import { check, modal } from "../../trace.js";
import {
  all,
  atMostOneInputD,
  exactlyOneD,
  fromCredD,
  inlineDatumD,
  lovelaceOfD,
  onlyAdaAndOneD,
  singleTokenAmountD,
  tokenAmountD,
  outAddress,
  outCred,
  outValue,
  ownInputD,
  resolved,
  signedByD,
  txList,
  TXF,
  upperBoundFiniteD,
  upperBoundMsD,
} from "../../checks.js";
import { asBytes, asInt, asList, constrFields, constrIndex, drop, field, hd, mkConstr, tl } from "../../data.js";
import { bareAddressD, configDatumD, configField, jetNameD, scriptCredD } from "../common.js";
import { pleafHash, pmerkleVerify } from "../../merkle.js";
import { pbitIsSet, pbitSet } from "../../bitmap.js";
import { pcapForData9 } from "../../caps.js";
import { pBSToData } from "@harmoniclabs/plu-ts";

/**
 * `txf`: the TxInfo field list; `ownRef`: the spent TxOutRef; `poolRaw`: the spent datum;
 * `policy`: the Jet policy (Data bytes); `rf`: the Claim redeemer's fields
 * [I index, B owner, I level, I amount, List proof].
 */
export const pclaim = modal(() => phoist(
  pfn([list(data), data, data, data, list(data)], bool)((txf, ownRef, poolRaw, policy, rf) => {
    // the spent pool's datum fields [epoch, shard, root, bitmap, expiry, fileHash]
    const pf = plet(constrFields(poolRaw));
    const pf2 = plet(drop(pf, 2));
    const pf4 = plet(drop(pf2, 2));
    // the Claim redeemer's fields [I index, B owner, I level, I amount, List proof]
    const rf1 = plet(tl(rf));
    const rf2 = plet(tl(rf1));
    const rf3 = plet(tl(rf2));
    const index = plet(asInt(hd(rf)));
    const ownerD = plet(hd(rf1));
    const amount = plet(asInt(hd(rf3)));
    const bitmap = plet(asBytes(hd(tl(pf2))));
    const ins = plet(txList(txf, TXF.inputs));
    const outputs = plet(txList(txf, TXF.outputs));
    const own = plet(resolved(ownInputD(ins, ownRef)));
    const ownCred = plet(outCred(own));
    const configRaw = plet(configDatumD(txList(txf, TXF.refInputs), policy));
    const jet = jetNameD();
    // Leaf = Constr 0 [epoch, shard, index, service, level, amount]: the pool's epoch and
    // shard, then the redeemer's first four fields as they are.
    const leaf = mkConstr(0, [hd(pf), hd(tl(pf)), hd(rf), ownerD, hd(rf2), hd(rf3)]);
    const expectedPool = mkConstr(0, [hd(pf), hd(tl(pf)), hd(pf2), pBSToData.$(pbitSet.$(bitmap).$(index)), hd(pf4), hd(tl(pf4))]);
    const conts = plet(fromCredD(ownCred, outputs));
    const lockCred = plet(scriptCredD(configField(configRaw, 8)));
    const locks = plet(fromCredD(lockCred, outputs));
    const cont = plet(hd(conts));
    const contValue = plet(outValue(cont));
    const ownValue = plet(outValue(own));
    const lock = plet(hd(locks));
    const lockValue = plet(outValue(lock));
    return all([
      check("claim: signed by the service", signedByD(txf, ownerD)),
      check("claim: validity range has a finite end", upperBoundFiniteD(txf)),
      check("claim: validity ends by the pool expiry", upperBoundMsD(txf).ltEq(asInt(hd(pf4)))),
      check("claim: one pool per transaction", atMostOneInputD(ownCred, ins)),
      check("claim: amount is positive", amount.gt(0)),
      check("claim: amount within the level cap", amount.ltEq(pcapForData9.$(asList(configField(configRaw, 1))).$(asInt(hd(rf2))))),
      check("claim: index is non-negative", index.gtEq(0)),
      check("claim: already claimed", pnot.$(pbitIsSet.$(bitmap).$(index))),
      check("claim: leaf proven against the pool root", pmerkleVerify.$(asBytes(hd(pf2))).$(pleafHash.$(leaf)).$(index).$(asList(hd(tl(rf3))))),
      check("claim: exactly one continuing pool", exactlyOneD(ownCred, conts)),
      check("claim: continuing pool keeps the pool address", peqData.$(outAddress(cont)).$(outAddress(own))),
      check("claim: continuing pool datum is the spent one with the bit set", peqData.$(inlineDatumD(cont)).$(expectedPool)),
      check("claim: continuing pool holds only ADA and Jet", onlyAdaAndOneD(contValue, policy, jet)),
      check("claim: continuing pool carries no reference script", constrIndex(field(cont, 3)).eq(1)),
      check("claim: exactly the amount leaves the pool", tokenAmountD(ownValue, policy, jet).sub(singleTokenAmountD(contValue)).eq(amount)),
      check("claim: continuing pool keeps its ADA", lovelaceOfD(contValue).gtEq(lovelaceOfD(ownValue))),
      check("claim: exactly one lock output", exactlyOneD(lockCred, locks)),
      check("claim: lock has no stake credential", peqData.$(outAddress(lock)).$(bareAddressD(lockCred))),
      check("claim: lock is owned by the service", peqData.$(inlineDatumD(lock)).$(mkConstr(0, [ownerD]))),
      check("claim: lock holds only ADA and Jet", onlyAdaAndOneD(lockValue, policy, jet)),
      check("claim: lock receives exactly the amount", singleTokenAmountD(lockValue).eq(amount)),
    ]);
  }),
));
