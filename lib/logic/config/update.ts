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
import { bool, data, pfn, phoist, plet, pisEmpty, pnot, peqData, punsafeConvertType, PTxInfo, PTxOutRef, type Term } from "@harmoniclabs/plu-ts";
import { ConfigDatum } from "../../types.js";
import { check, modal } from "../../trace.js";
import { ownInput, pcountSigners, pinlineDatum, governorsOf } from "../common.js";
import { signatoriesData } from "../../checks.js";
import { pconfigWellFormed } from "./wellFormed.js";

export const pconfigUpdate = modal(() => phoist(
  pfn([PTxInfo.type, PTxOutRef.type, data], bool)((tx, utxoRef, oldRaw) => {
    const old = plet(oldRaw.as(ConfigDatum.type));
    const own = plet(ownInput(tx, utxoRef).resolved);
    const ownCred = plet(punsafeConvertType(own.address.credential, data));
    // Outputs paying to the config script, whatever their staking part: exactly one may
    // exist, and it must have the spent input's address exactly (no credential swapped in).
    const conts = plet(tx.outputs.filter((o) => peqData.$(punsafeConvertType(o.address.credential, data)).$(ownCred)));
    const cont = plet(conts.head);
    const newRaw = plet(pinlineDatum.$(cont));
    const nu = plet(newRaw.as(ConfigDatum.type));
    // Right-nested: `cont` (the head of a possibly empty list) is bound only after the
    // count check, so a missing continuing output is named instead of crashing.
    return check("config: quorum of governors signed", pcountSigners.$(governorsOf(oldRaw)).$(signatoriesData(tx)).gtEq(old.quorum)).and(
      check("config: one continuing output at the config script", pnot.$(pisEmpty.$(conts)).and(pisEmpty.$(conts.tail))).and(
        check("config: continues at the same address", peqData.$(punsafeConvertType(cont.address, data)).$(punsafeConvertType(own.address, data)))
          // The value minus its ADA entry is unchanged: the NFT stays, nothing joins it.
          .and(check("config: continuing value keeps the NFT and adds nothing", (cont.value.tail as any).eq(own.value.tail)))
          .and(pconfigWellFormed.$(newRaw))
          .and(check("config: pool script is immutable", nu.poolScript.eq(old.poolScript)))
          .and(check("config: lock script is immutable", nu.lockScript.eq(old.lockScript))),
      ),
    );
  }),
));
export type _T = Term<any>;
