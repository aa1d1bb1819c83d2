/**
 * The emission script: the Jet minting policy and the validator of the state UTxO.
 *
 * Parameters (Data): the seed TxOutRef the genesis must spend, the genesis time (POSIX
 * ms, start of epoch 1), and the config script hash (where genesis sends the config NFT).
 * Mint: `Genesis` runs the one-shot genesis; `Advance`/`Sweep` only require the state UTxO
 * to be spent, whose validator does the accounting (one place for the rules).
 * Spend: `Advance` and `Sweep` on the state UTxO. Everything else fails, and a redeemer
 * that is none of the three constructors fails first with "emission: unknown redeemer".
 */
import { bool, data, passert, pfn, pif, plet, punIData, unit } from "@harmoniclabs/plu-ts";
import { check, fail } from "../lib/trace.js";
import { all, ownInputD, resolved, someInputHoldsOneD, txList, TXF } from "../lib/checks.js";
import { constrFields, constrIndex, field, hd, nth } from "../lib/data.js";
import { stateNftNameD } from "../lib/logic/common.js";
import { pgenesis } from "../lib/logic/emission/genesis.js";
import { pisFieldlessConstr } from "../lib/logic/emission/redeemer.js";
import { padvance } from "../lib/logic/emission/advance.js";
import { psweepState } from "../lib/logic/emission/sweep.js";

/** The script context is read as raw Data: Constr 0 [TxInfo, redeemer, ScriptInfo]. */
export function makeEmissionValidator() {
  return pfn([data, data, data, data], unit)((seed, genesisMs, configScript, ctx) => {
    const cf = plet(constrFields(ctx));
    const si = plet(nth(cf, 2));
    const r = plet(nth(cf, 1));
    const txf = plet(constrFields(hd(cf)));
    // Genesis | Advance | Sweep, no fields: any other redeemer fails here, with its name.
    const known = () => check("emission: unknown redeemer", pisFieldlessConstr.$(r).$(3));
    const mint = () => {
      const policy = plet(hd(constrFields(si))); // Minting = Constr 0 [B policy]
      return passert.$(
        all([
          known(),
          pif(bool)
            .$(constrIndex(r).eq(0))
            .then(pgenesis.$(txf).$(policy).$(seed).$(configScript))
            .else(check("mint: the state UTxO must be spent", someInputHoldsOneD(txList(txf, TXF.inputs), policy, stateNftNameD()))),
        ]),
      );
    };
    const spend = () => {
      const sf = plet(constrFields(si)); // Spending = Constr 1 [TxOutRef, Maybe datum]
      const md = plet(nth(sf, 1));
      const stateRaw = plet(pif(data).$(constrIndex(md).eq(0)).then(hd(constrFields(md))).else(fail("state: datum missing", data)));
      const own = plet(resolved(ownInputD(txList(txf, TXF.inputs), hd(sf))));
      const cred = plet(field(field(own, 0), 0));
      const policy = plet(pif(data).$(constrIndex(cred).eq(1)).then(hd(constrFields(cred))).else(fail("state: not at a script", data)));
      return passert.$(
        all([
          known(),
          // bound after `known()`: a redeemer that is no constructor has no index
          plet(constrIndex(r)).in((ri: any) =>
            pif(bool)
              .$(ri.eq(1))
              .then(padvance.$(txf).$(own).$(policy).$(stateRaw).$(punIData.$(genesisMs)))
              .else(
                pif(bool)
                  .$(ri.eq(2))
                  .then(psweepState.$(txf).$(own).$(policy).$(stateRaw))
                  .else(fail("state: genesis is not a spend", bool)),
              ),
          ),
        ]),
      );
    };
    return pif(unit)
      .$(constrIndex(si).eq(0))
      .then(mint())
      .else(pif(unit).$(constrIndex(si).eq(1)).then(spend()).else(fail("emission: unsupported purpose")));
  });
}
