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
import { bool, data, list, pfn, phoist, plet, pisEmpty, peqData, pMapToData, punMapData, type Term } from "@harmoniclabs/plu-ts";
import { check, modal } from "../../trace.js";
import { all, exactlyOneD, fromCredD, inlineDatumD, ownInputD, resolved, tokensOf, txList, TXF } from "../../checks.js";
import { asInt, asList, constrFields, drop, field, hd, tl } from "../../data.js";
import { pcountSigners } from "../common.js";
import { pconfigWellFormed } from "./wellFormed.js";

/** A value's entries after ADA, as Map Data (ledger values hold ADA first). */
const tokensData = (o: Term<any>) => (pMapToData as any).$(tokensOf(punMapData.$(field(o, 1))));

/** `txf`: the TxInfo field list; `ownRef`: the spent TxOutRef; `oldRaw`: the current config datum. */
export const pconfigUpdate = modal(() => phoist(
  pfn([list(data), data, data], bool)((txf, ownRef, oldRaw) => {
    const of = plet(constrFields(oldRaw));
    const of7 = plet(drop(of, 7)); // [poolScript, lockScript]
    const own = plet(resolved(ownInputD(txList(txf, TXF.inputs), ownRef)));
    const ownCred = plet(field(field(own, 0), 0));
    // Outputs paying to the config script, whatever their staking part: exactly one may
    // exist, and it must have the spent input's address exactly (no credential swapped in).
    const conts = plet(fromCredD(ownCred, txList(txf, TXF.outputs)));
    const cont = plet(hd(conts));
    const newRaw = plet(inlineDatumD(cont));
    const nf7 = plet(drop(constrFields(newRaw), 7));
    return all([
      check(
        "config: quorum of governors signed",
        pcountSigners.$(asList(hd(drop(of, 3)))).$(txList(txf, TXF.signatories)).gtEq(asInt(hd(drop(of, 4)))),
      ),
      check("config: one continuing output at the config script", exactlyOneD(ownCred, conts)),
      check("config: continues at the same address", peqData.$(field(cont, 0)).$(field(own, 0))),
      // The value minus its ADA entry is unchanged: the NFT stays, nothing joins it.
      check("config: continuing value keeps the NFT and adds nothing", peqData.$(tokensData(cont)).$(tokensData(own))),
      pconfigWellFormed.$(newRaw),
      check("config: pool script is immutable", peqData.$(hd(nf7)).$(hd(of7))),
      check("config: lock script is immutable", peqData.$(hd(tl(nf7))).$(hd(tl(of7)))),
    ]);
  }),
));
export type _T = Term<any>;
