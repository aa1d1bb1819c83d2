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
import { bool, data, passert, pfn, pmatch, PScriptContext, punBData, punIData, unit, plet } from "@harmoniclabs/plu-ts";
import { EmissionRedeemer } from "../lib/types.js";
import { check, fail } from "../lib/trace.js";
import { stateNftName } from "../lib/logic/common.js";
import { pgenesis } from "../lib/logic/emission/genesis.js";
import { pisFieldlessConstr } from "../lib/logic/emission/redeemer.js";
import { padvance } from "../lib/logic/emission/advance.js";
import { psweepState } from "../lib/logic/emission/sweep.js";

export function makeEmissionValidator() {
  return pfn([data, data, data, PScriptContext.type], unit)((seed, genesisMs, configScript, { tx, redeemer, purpose }) => {
    const action = plet(redeemer.as(EmissionRedeemer.type));
    // Genesis | Advance | Sweep, no fields: any other redeemer fails here, with its name.
    const known = () => check("emission: unknown redeemer", pisFieldlessConstr.$(redeemer).$(3));
    return pmatch(purpose)
      .onMinting(({ currencySym }) =>
        passert.$(
          known().and(pmatch(action)
            .onGenesis((_) => pgenesis.$(tx).$(currencySym).$(seed).$(punBData.$(configScript)))
            ._((_) =>
              check(
                "mint: the state UTxO must be spent",
                tx.inputs.some((i) => i.resolved.value.amountOf(currencySym, stateNftName()).eq(1)),
              ),
            )),
        ),
      )
      .onSpending(({ utxoRef, datum }) => {
        const stateRaw = plet(pmatch(datum).onJust(({ val }) => val)._((_) => fail("state: datum missing", data)));
        return passert.$(
          known().and(
            pmatch(action)
              .onAdvance((_) => padvance.$(tx).$(utxoRef).$(stateRaw).$(punIData.$(genesisMs)))
              .onSweep((_) => psweepState.$(tx).$(utxoRef).$(stateRaw))
              ._((_) => fail("state: genesis is not a spend", bool)),
          ),
        );
      })
      ._((_) => fail("emission: unsupported purpose"));
  });
}
