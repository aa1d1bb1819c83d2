/**
 * The config validator: holds the config NFT and its datum; spends only with `Update`.
 * Unparameterized, so its hash is fixed and the emission script can name it (the genesis
 * sends the config NFT there).
 */
import { data, passert, pfn, pif, plet, unit } from "@harmoniclabs/plu-ts";
import { check, fail } from "../lib/trace.js";
import { all } from "../lib/checks.js";
import { constrFields, constrIndex, hd, nth } from "../lib/data.js";
import { pisFieldlessConstr } from "../lib/logic/emission/redeemer.js";
import { pconfigUpdate } from "../lib/logic/config/update.js";

/** The script context is read as raw Data: Constr 0 [TxInfo, redeemer, ScriptInfo]. */
export function makeConfigValidator() {
  return pfn([data], unit)((ctx) => {
    const cf = plet(constrFields(ctx));
    const si = plet(nth(cf, 2));
    const spend = () => {
      const sf = plet(constrFields(si)); // Spending = Constr 1 [TxOutRef, Maybe datum]
      const md = plet(nth(sf, 1));
      const oldRaw = pif(data).$(constrIndex(md).eq(0)).then(hd(constrFields(md))).else(fail("config: datum missing", data));
      return passert.$(
        all([
          // `Update` (Constr 0 []) only.
          check("config: unknown redeemer", pisFieldlessConstr.$(nth(cf, 1)).$(1)),
          pconfigUpdate.$(constrFields(hd(cf))).$(hd(sf)).$(oldRaw),
        ]),
      );
    };
    return pif(unit).$(constrIndex(si).eq(1)).then(spend()).else(fail("config: unsupported purpose"));
  });
}
