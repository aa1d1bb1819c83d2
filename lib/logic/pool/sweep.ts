/**
 * Pool sweep (spend a pool shard, redeemer `PoolSweep`): after expiry an operator burns
 * the shard's unclaimed Jet. The state UTxO must be spent in the same transaction (its
 * Sweep rule lowers `minted` by the amount burned, so it carries over) and no output may
 * keep any Jet, so the whole shard is burned.
 * Attacks: sweeping before expiry (stealing claim time from services); an outsider
 * sweeping; diverting the unclaimed Jet instead of burning it; burning without updating
 * the state's accounting.
 */
import { bool, bs, data, pfn, phoist, plet, PTxInfo, PTxOutRef } from "@harmoniclabs/plu-ts";
import { PoolDatum, ConfigDatum } from "../../types.js";
import { check, modal } from "../../trace.js";
import { findConfig, jetName, lowerBoundMs, signedByAny, stateNftName, findConfigRaw, operatorsOf } from "../common.js";

export const ppoolSweep = modal(() => phoist(
  pfn([PTxInfo.type, PTxOutRef.type, data, bs], bool)((tx, _utxoRef, poolRaw, policy) => {
    const d = plet(poolRaw.as(PoolDatum.type));
    const configRaw = plet(findConfigRaw(tx.refInputs, policy));
    const config = plet(configRaw.as(ConfigDatum.type));
    return check("pool sweep: signed by an operator", signedByAny(operatorsOf(configRaw), tx))
      .and(check("pool sweep: only after expiry", lowerBoundMs(tx).gt(d.expiry)))
      .and(check("pool sweep: the state is spent", tx.inputs.some((i) => i.resolved.value.amountOf(policy, stateNftName()).eq(1))))
      .and(check("pool sweep: all Jet is burned", tx.outputs.every((o) => o.value.amountOf(policy, jetName()).eq(0))));
  }),
));
