/**
 * Config update: a quorum of the *current* governors signs, the new datum is well-formed,
 * the pool and lock script hashes do not change, and the config NFT stays at the config
 * address with nothing added.
 *
 * Attacks stopped here: an update signed below quorum; the NFT leaving its address (the
 * protocol would lose its config); junk tokens added to the config UTxO; a staking
 * credential swapped onto the config address; the immutable script hashes redirected to
 * scripts that pay the attacker; a bloated or malformed new datum.
 */
import { bool, data, list, pfn, phoist, plet, pisEmpty, peqData, punsafeConvertType, PTxInfo, PTxOutRef, type Term } from "@harmoniclabs/plu-ts";
import { ConfigDatum } from "../../types.js";
import { check, modal } from "../../trace.js";
import { ownInput, pcountSigners, pinlineDatum, governorsOf } from "../common.js";
import { signatoriesData } from "../../checks.js";
import { pconfigWellFormed } from "./wellFormed.js";

export const pconfigUpdate = modal(() => phoist(
  pfn([PTxInfo.type, PTxOutRef.type, data], bool)((tx, utxoRef, oldRaw) => {
    const old = plet(oldRaw.as(ConfigDatum.type));
    const own = plet(ownInput(tx, utxoRef).resolved);
    const ownAddr = plet(own.address);
    const conts = plet(tx.outputs.filter((o) => o.address.eq(ownAddr)));
    const cont = plet(conts.head);
    const newRaw = plet(pinlineDatum.$(cont));
    const nu = plet(newRaw.as(ConfigDatum.type));
    return check("config: quorum of governors signed", pcountSigners.$(governorsOf(oldRaw)).$(signatoriesData(tx)).gtEq(old.quorum))
      .and(check("config: exactly one continuing output at the config address", pisEmpty.$(conts.tail)))
      .and(
        // The value minus its ADA entry is unchanged: the NFT stays, nothing joins it.
        check("config: continuing value keeps the NFT and adds nothing", (cont.value.tail as any).eq(own.value.tail)),
      )
      .and(pconfigWellFormed.$(newRaw))
      .and(check("config: pool script is immutable", nu.poolScript.eq(old.poolScript)))
      .and(check("config: lock script is immutable", nu.lockScript.eq(old.lockScript)));
  }),
));
export type _T = Term<any>;
