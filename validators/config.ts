/**
 * The config validator: holds the config NFT and its datum; spends only with `Update`.
 * Unparameterized, so its hash is fixed and the emission script can name it (the genesis
 * sends the config NFT there).
 */
import { data, passert, pfn, PScriptContext, pmatch, unit } from "@harmoniclabs/plu-ts";
import { check } from "../lib/trace.js";
import { pisFieldlessConstr } from "../lib/logic/emission/redeemer.js";
import { ConfigRedeemer } from "../lib/types.js";
import { fail } from "../lib/trace.js";
import { pconfigUpdate } from "../lib/logic/config/update.js";

export function makeConfigValidator() {
  return pfn([PScriptContext.type], unit)(({ tx, redeemer, purpose }) =>
    pmatch(purpose)
      .onSpending(({ utxoRef, datum }) =>
        pmatch(redeemer.as(ConfigRedeemer.type)).onUpdate((_) =>
          passert.$(
            // `Update` (Constr 0 []) only: plu-ts' pmatch on a one-constructor struct would
            // accept any constructor index.
            check("config: unknown redeemer", pisFieldlessConstr.$(redeemer).$(1)).and(
              pconfigUpdate.$(tx).$(utxoRef).$(pmatch(datum).onJust(({ val }) => val)._((_) => fail("config: datum missing", data))),
            ),
          ),
        ),
      )
      ._((_) => fail("config: unsupported purpose")),
  );
}
