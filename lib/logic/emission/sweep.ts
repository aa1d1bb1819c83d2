/**
 * Sweep (spend the state, redeemer `Sweep`): an operator burns unclaimed Jet of expired
 * pools; `minted` decreases by the amount burned, so it carries over to later epochs.
 * The pool validator checks expiry and that no output keeps any Jet; this side checks the
 * accounting. Attacks: minting under the Sweep action; an outsider sweeping; the state
 * datum changed in any other way.
 */
import { bool, bs, data, pfn, phoist, plet, pmatch, pIntToData, PTxInfo, PTxOutRef } from "@harmoniclabs/plu-ts";
import { StateDatum, ConfigDatum } from "../../types.js";
import { check, fail, modal } from "../../trace.js";
import { findConfig, ownInput, signedByAny, stateNftName, findConfigRaw, operatorsOf } from "../common.js";
import { pownJetMint, pstateContinues } from "./shared.js";

export const psweepState = modal(() => phoist(
  pfn([PTxInfo.type, PTxOutRef.type, data], bool)((tx, utxoRef, stateRaw) => {
    const own = plet(ownInput(tx, utxoRef).resolved);
    const policy: any = plet(
      pmatch(own.address.credential)
        .onPScriptCredential(({ valHash }) => valHash)
        ._((_) => fail("state: not at a script", bs)),
    );
    const s = plet(stateRaw.as(StateDatum.type));
    const configRaw = plet(findConfigRaw(tx.refInputs, policy));
    const config = plet(configRaw.as(ConfigDatum.type));
    const burn = plet(pownJetMint.$(tx.mint).$(policy));
    const expected = StateDatum.StateDatum({
      epoch: pIntToData.$(s.epoch),
      scheduled: pIntToData.$(s.scheduled),
      minted: pIntToData.$(s.minted.add(burn)),
    });
    return check("state: input holds the state NFT", own.value.amountOf(policy, stateNftName()).eq(1))
      .and(check("sweep: signed by an operator", signedByAny(operatorsOf(configRaw), tx)))
      .and(check("sweep: only burns", burn.ltEq(0)))
      .and(pstateContinues.$(tx).$(own.address as any).$(policy).$(expected as any));
  }),
));
