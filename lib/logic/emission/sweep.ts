/**
 * Sweep (spend the state, redeemer `Sweep`): an operator burns unclaimed Jet of expired
 * pools; `minted` decreases by the amount burned, so it carries over to later epochs.
 * The pool validator checks expiry and that no output keeps any Jet; this side checks the
 * accounting. Attacks: minting under the Sweep action; an outsider sweeping; the state
 * datum changed in any other way.
 */
import { bool, data, list, pfn, phoist, pIntToData, plet } from "@harmoniclabs/plu-ts";
import { check, modal } from "../../trace.js";
import { all, outValue, signedByAnyD, tokenAmountD, txList, txMint, TXF } from "../../checks.js";
import { asInt, asList, constrFields, field, hd, mkConstr, tl } from "../../data.js";
import { configDatumD, configField, stateNftNameD } from "../common.js";
import { pownJetMint, pstateContinues } from "./shared.js";

/** `txf`: the TxInfo field list; `own`: the spent state output; `policy`: Data bytes; `stateRaw`: the state datum. */
export const psweepState = modal(() => phoist(
  pfn([list(data), data, data, data], bool)((txf, own, policy, stateRaw) => {
    const sf = plet(constrFields(stateRaw)); // [epoch, scheduled, minted]
    const burn = plet(pownJetMint.$(txMint(txf)).$(policy));
    const expected = mkConstr(0, [hd(sf), hd(tl(sf)), pIntToData.$(asInt(hd(tl(tl(sf)))).add(burn))]);
    return all([
      check("state: input holds the state NFT", tokenAmountD(outValue(own), policy, stateNftNameD()).eq(1)),
      check("sweep: signed by an operator", signedByAnyD(txf, asList(configField(configDatumD(txList(txf, TXF.refInputs), policy), 2)))),
      check("sweep: only burns", burn.ltEq(0)),
      pstateContinues.$(txList(txf, TXF.outputs)).$(field(own, 0)).$(policy).$(expected),
    ]);
  }),
));
