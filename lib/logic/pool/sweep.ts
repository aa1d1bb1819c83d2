/**
 * Pool sweep (spend a pool shard, redeemer `PoolSweep`): after expiry an operator burns
 * the shard's unclaimed Jet. The state UTxO must be spent in the same transaction (its
 * Sweep rule lowers `minted` by the amount burned, so it carries over) and no output may
 * keep any Jet, so the whole shard is burned.
 * Attacks: sweeping before expiry (stealing claim time from services); an outsider
 * sweeping; diverting the unclaimed Jet instead of burning it; burning without updating
 * the state's accounting.
 */
import { bool, data, list, pfn, phoist } from "@harmoniclabs/plu-ts";
import { check, modal } from "../../trace.js";
import { all, lowerBoundMsD, noOutputHoldsD, signedByAnyD, someInputHoldsOneD, txList, TXF } from "../../checks.js";
import { asInt, asList, field } from "../../data.js";
import { configDatumD, configField, jetNameD, stateNftNameD } from "../common.js";

/** `txf`: the TxInfo field list; `poolRaw`: the spent datum; `policy`: the Jet policy (Data bytes). */
export const ppoolSweep = modal(() => phoist(
  pfn([list(data), data, data], bool)((txf, poolRaw, policy) =>
    all([
      check("pool sweep: signed by an operator", signedByAnyD(txf, asList(configField(configDatumD(txList(txf, TXF.refInputs), policy), 2)))),
      check("pool sweep: only after expiry", lowerBoundMsD(txf).gt(asInt(field(poolRaw, 4)))),
      check("pool sweep: the state is spent", someInputHoldsOneD(txList(txf, TXF.inputs), policy, stateNftNameD())),
      check("pool sweep: all Jet is burned", noOutputHoldsD(txList(txf, TXF.outputs), policy, jetNameD())),
    ]),
  ),
));
