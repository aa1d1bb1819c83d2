/**
 * Claim (spend a pool shard, redeemer `Claim`): a service takes its allocation.
 *
 * Rules: the service signs; the leaf (epoch, shard, index, service, level, amount) is
 * proven against the shard's root; its bit is unset and becomes set; 0 < amount ≤ the
 * config's cap for the level; exactly `amount` Jet leaves the pool, into one new lock
 * owned by the service; the validity range ends by the pool's expiry.
 * Attacks: claiming twice (the bit), another index's leaf or an inner node as a leaf (the
 * proof), another epoch's or shard's leaf (epoch and shard come from this pool's datum),
 * an unsigned claim, amounts above the leaf or the cap, a claim after expiry or with an
 * open-ended range, two pools settled by one lock output (double satisfaction: only one
 * pool input per transaction), a lock owned by someone else or with a staking credential,
 * junk tokens or a changed datum in the continuing pool.
 */
import {
  bool,
  bs,
  data,
  int,
  list,
  peqData,
  pfn,
  phoist,
  pIntToData,
  pBSToData,
  pisEmpty,
  plet,
  pnot,
  PTxInfo,
  PTxOutRef,
} from "@harmoniclabs/plu-ts";
import { Leaf, LockDatum, PoolDatum, ConfigDatum } from "../../types.js";
import { check, modal } from "../../trace.js";
import { findConfig, jetName, ownInput, phasScriptCredential, pinlineDatum, pisBareScriptAddress, ponlyAdaAnd, upperBoundMs, signedBy, findConfigRaw } from "../common.js";
import { pleafHash, pmerkleVerify } from "../../merkle.js";
import { pbitIsSet, pbitSet } from "../../bitmap.js";
import { pcapFor } from "../../caps.js";

export const pclaim = modal(() => phoist(
  pfn([PTxInfo.type, PTxOutRef.type, data, bs, int, bs, int, int, list(data)], bool)(
    (tx, utxoRef, poolRaw, policy, index, owner, level, amount, proof) => {
      const d = plet(poolRaw.as(PoolDatum.type));
      const own = plet(ownInput(tx, utxoRef).resolved);
      const ownAddr = plet(own.address);
      const configRaw = plet(findConfigRaw(tx.refInputs, policy));
    const config = plet(configRaw.as(ConfigDatum.type));
      const bitmap = plet(d.bitmap);
      const leaf = Leaf.Leaf({
        epoch: pIntToData.$(d.epoch),
        shard: pIntToData.$(d.shard),
        index: pIntToData.$(index),
        service: pBSToData.$(owner),
        level: pIntToData.$(level),
        amount: pIntToData.$(amount),
      });
      const conts = plet(tx.outputs.filter((o) => o.address.eq(ownAddr)));
      const cont = plet(conts.head);
      const expectedPool = PoolDatum.PoolDatum({
        epoch: pIntToData.$(d.epoch),
        shard: pIntToData.$(d.shard),
        root: pBSToData.$(d.root),
        bitmap: pBSToData.$(pbitSet.$(bitmap).$(index)),
        expiry: pIntToData.$(d.expiry),
        fileHash: pBSToData.$(d.fileHash),
      });
      const lockScript = plet(config.lockScript);
      const locks = plet(tx.outputs.filter((o) => phasScriptCredential.$(o.address).$(lockScript)));
      const lock = plet(locks.head);
      return check("claim: signed by the service", signedBy(tx, owner))
        .and(check("claim: validity ends by the pool expiry", upperBoundMs(tx).ltEq(d.expiry)))
        .and(check("claim: one pool per transaction", pisEmpty.$(tx.inputs.filter((i) => i.resolved.address.eq(ownAddr)).tail)))
        .and(check("claim: amount is positive", amount.gt(0)))
        .and(check("claim: amount within the level cap", amount.ltEq(pcapFor.$(config.levelCapsPack).$(level))))
        .and(check("claim: index is non-negative", index.gtEq(0)))
        .and(check("claim: already claimed", pnot.$(pbitIsSet.$(bitmap).$(index))))
        .and(check("claim: leaf proven against the pool root", pmerkleVerify.$(d.root).$(pleafHash.$(leaf as any)).$(index).$(proof)))
        .and(check("claim: exactly one continuing pool", pisEmpty.$(conts.tail)))
        .and(check("claim: continuing pool datum sets the claimed bit", peqData.$(pinlineDatum.$(cont)).$(expectedPool as any)))
        .and(check("claim: continuing pool holds only ADA and Jet", ponlyAdaAnd.$(cont.value).$(policy).$(jetName())))
        .and(
          check(
            "claim: exactly the amount leaves the pool",
            own.value.amountOf(policy, jetName()).sub(cont.value.amountOf(policy, jetName())).eq(amount),
          ),
        )
        .and(check("claim: continuing pool keeps its ADA", cont.value.lovelaces.gtEq(own.value.lovelaces)))
        .and(check("claim: exactly one lock output", pisEmpty.$(locks.tail)))
        .and(check("claim: lock has no stake credential", pisBareScriptAddress.$(lock.address).$(lockScript)))
        .and(
          check(
            "claim: lock is owned by the service",
            peqData.$(pinlineDatum.$(lock)).$(LockDatum.LockDatum({ owner: pBSToData.$(owner) }) as any),
          ),
        )
        .and(check("claim: lock holds only ADA and Jet", ponlyAdaAnd.$(lock.value).$(policy).$(jetName())))
        .and(check("claim: lock receives exactly the amount", lock.value.amountOf(policy, jetName()).eq(amount)));
    },
  ),
));
