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
import {
  bool,
  bs,
  data,
  int,
  list,
  peqData,
  pfn,
  phead,
  phoist,
  pif,
  ptail,
  pIntToData,
  pBSToData,
  pisEmpty,
  plet,
  pnot,
  punsafeConvertType,
  PTxInfo,
  PTxOut,
  PTxOutRef,
} from "@harmoniclabs/plu-ts";
import { Leaf, LockDatum, PoolDatum } from "../../types.js";
import { check, fail, modal } from "../../trace.js";
import {
  credentialData,
  findConfigRaw,
  jetName,
  ownInput,
  phasScriptCredential,
  pinlineDatum,
  pisBareScriptAddress,
  ponlyAdaAnd,
  qty,
  rawBytesField,
  rawField,
  rawListField,
  signedBy,
  upperBoundIsFinite,
  upperBoundMs,
} from "../common.js";
import { pleafHash, pmerkleVerify } from "../../merkle.js";
import { pbitIsSet, pbitSet } from "../../bitmap.js";
import { pcapForData } from "../../caps.js";
import { lovelaceOf } from "../../checks.js";
import { constrIndex } from "../../data.js";

/** The head of a list of outputs, or a failure named `msg` when it is empty. (`phead`, not
 *  the `.head` getter: plu-ts 0.9 let-binds getters and may float them above the emptiness
 *  test, where an empty list fails with no message.) */
function firstOr(outs: any, msg: string): any {
  return (pif(PTxOut.type) as any).$(pisEmpty.$(outs)).then(fail(msg, PTxOut.type)).else(phead(PTxOut.type).$(outs));
}

/** The list has exactly one element (raw builtins, see `firstOr`). */
function single(outs: any): any {
  return pnot.$(pisEmpty.$(outs)).and(pisEmpty.$(ptail(PTxOut.type).$(outs)));
}

/**
 * The checks, with every value that costs a list scan passed in as a parameter: plu-ts 0.9
 * floats a `plet` into each lazy branch that uses it, so a scan bound by `plet` and used by
 * several checks would run once per check (measured: the claim cost 416 M CPU that way,
 * 250 M with the scans bound by lambda parameters, which are evaluated once).
 */
const pclaimChecks = modal(() => phoist(
  pfn(
    [PTxInfo.type, data, bs, int, bs, int, int, list(data), PTxOut.type, data, data, list(PTxOut.type), list(PTxOut.type)],
    bool,
  )((tx, poolRaw, policy, index, owner, level, amount, proof, own, ownCred, configRaw, conts, locks) => {
    const d = plet(poolRaw.as(PoolDatum.type));
    const ownAddr = plet(own.address);
    const bitmap = plet(d.bitmap);
    const leaf = Leaf.Leaf({
      epoch: pIntToData.$(d.epoch),
      shard: pIntToData.$(d.shard),
      index: pIntToData.$(index),
      service: pBSToData.$(owner),
      level: pIntToData.$(level),
      amount: pIntToData.$(amount),
    });
    const cont = plet(firstOr(conts, "claim: exactly one continuing pool"));
    const expectedPool = PoolDatum.PoolDatum({
      epoch: pIntToData.$(d.epoch),
      shard: pIntToData.$(d.shard),
      root: pBSToData.$(d.root),
      bitmap: pBSToData.$(pbitSet.$(bitmap).$(index)),
      expiry: pIntToData.$(d.expiry),
      fileHash: pBSToData.$(d.fileHash),
    });
    const lock = plet(firstOr(locks, "claim: exactly one lock output"));
    return check("claim: signed by the service", signedBy(tx, owner))
      .and(check("claim: validity range has a finite end", upperBoundIsFinite(tx)))
      .and(check("claim: validity ends by the pool expiry", upperBoundMs(tx).ltEq(d.expiry)))
      .and(
        check(
          "claim: one pool per transaction",
          pisEmpty.$(tx.inputs.filter((i) => peqData.$(credentialData(i.resolved)).$(ownCred)).tail),
        ),
      )
      .and(check("claim: amount is positive", amount.gt(0)))
      .and(check("claim: amount within the level cap", amount.ltEq(pcapForData.$(rawListField(configRaw, 1)).$(level))))
      .and(check("claim: index is non-negative", index.gtEq(0)))
      .and(check("claim: already claimed", pnot.$(pbitIsSet.$(bitmap).$(index))))
      .and(check("claim: leaf proven against the pool root", pmerkleVerify.$(d.root).$(pleafHash.$(leaf as any)).$(index).$(proof)))
      .and(check("claim: exactly one continuing pool", single(conts)))
      .and(check("claim: continuing pool keeps the pool address", cont.address.eq(ownAddr)))
      .and(
        check(
          "claim: continuing pool datum is the spent one with the bit set",
          peqData.$(pinlineDatum.$(cont)).$(expectedPool as any),
        ),
      )
      .and(check("claim: continuing pool holds only ADA and Jet", ponlyAdaAnd.$(cont.value).$(policy).$(jetName())))
      .and(
        check(
          "claim: continuing pool carries no reference script",
          constrIndex(rawField(punsafeConvertType(cont, data), 3)).eq(1),
        ),
      )
      .and(
        check(
          "claim: exactly the amount leaves the pool",
          qty(own.value, policy, jetName()).sub(qty(cont.value, policy, jetName())).eq(amount),
        ),
      )
      .and(check("claim: continuing pool keeps its ADA", lovelaceOf(cont.value).gtEq(lovelaceOf(own.value))))
      .and(check("claim: exactly one lock output", single(locks)))
      .and(check("claim: lock has no stake credential", pisBareScriptAddress.$(lock.address).$(rawBytesField(configRaw, 8))))
      .and(
        check(
          "claim: lock is owned by the service",
          peqData.$(pinlineDatum.$(lock)).$(LockDatum.LockDatum({ owner: pBSToData.$(owner) }) as any),
        ),
      )
      .and(check("claim: lock holds only ADA and Jet", ponlyAdaAnd.$(lock.value).$(policy).$(jetName())))
      .and(check("claim: lock receives exactly the amount", qty(lock.value, policy, jetName()).eq(amount)));
  }),
));

/** Binds the spent pool output, its payment credential and the config (each found once). */
const pclaimWithOwn = modal(() => phoist(
  pfn([PTxInfo.type, data, bs, int, bs, int, int, list(data), PTxOut.type, data, data], bool)(
    (tx, poolRaw, policy, index, owner, level, amount, proof, own, ownCred, configRaw) =>
      pclaimChecks
        .$(tx)
        .$(poolRaw)
        .$(policy)
        .$(index)
        .$(owner)
        .$(level)
        .$(amount)
        .$(proof)
        .$(own)
        .$(ownCred)
        .$(configRaw)
        .$(tx.outputs.filter((o) => peqData.$(credentialData(o)).$(ownCred)))
        .$(tx.outputs.filter((o) => phasScriptCredential.$(o.address).$(rawBytesField(configRaw, 8)))),
  ),
));

export const pclaim = modal(() => phoist(
  pfn([PTxInfo.type, PTxOutRef.type, data, bs, int, bs, int, int, list(data)], bool)(
    (tx, utxoRef, poolRaw, policy, index, owner, level, amount, proof) =>
      pfn([PTxOut.type], bool)((own) =>
        pclaimWithOwn
          .$(tx)
          .$(poolRaw)
          .$(policy)
          .$(index)
          .$(owner)
          .$(level)
          .$(amount)
          .$(proof)
          .$(own)
          .$(credentialData(own))
          .$(findConfigRaw(tx.refInputs, policy)),
      ).$(ownInput(tx, utxoRef).resolved),
  ),
));
