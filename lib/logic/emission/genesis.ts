/**
 * Genesis (mint, redeemer `Genesis`): creates the protocol once.
 *
 * Rules: the seed UTxO is spent (so this can happen only once: the seed cannot be spent
 * twice); the policy mints exactly one state NFT and one config NFT and nothing else; the
 * state NFT goes to the emission script address with datum (0, 0, 0); the config NFT goes
 * to the config script address with a well-formed config datum.
 * Attacks: a second genesis; extra NFTs or Jet minted at genesis; a state that does not
 * start at zero; state or config placed at an address with a staking credential or at
 * another script; junk tokens next to either NFT; a malformed config.
 */
import { bool, bs, data, pfn, phoist, plet, pmatch, pisEmpty, PTxInfo, PTxOutRef, pData, peqData } from "@harmoniclabs/plu-ts";
import { DataConstr, DataI } from "@harmoniclabs/plutus-data";
import { check, fail, modal } from "../../trace.js";
import { configNftName, pinlineDatum, pisBareScriptAddress, ponlyAdaAnd, stateNftName } from "../common.js";
import { pconfigWellFormed } from "../config/wellFormed.js";

export const pgenesis = modal(() => phoist(
  pfn([PTxInfo.type, bs, data, bs], bool)((tx, policy, seed, configScript) => {
    const seedRef = plet(seed.as(PTxOutRef.type));
    const assets = plet(
      pmatch(tx.mint.find(({ fst }) => fst.eq(policy)))
        .onJust(({ val }) => val.snd)
        ._((_) => fail("genesis: nothing minted", (tx.mint as any).head.snd.type)),
    );
    const stateOut = plet(
      pmatch(tx.outputs.find((o) => o.value.amountOf(policy, stateNftName()).eq(1)))
        .onJust(({ val }) => val)
        ._((_) => fail("genesis: no state output", (tx.outputs as any).head.type)),
    );
    const configOut = plet(
      pmatch(tx.outputs.find((o) => o.value.amountOf(policy, configNftName()).eq(1)))
        .onJust(({ val }) => val)
        ._((_) => fail("genesis: no config output", (tx.outputs as any).head.type)),
    );
    const zeroState = pData(new DataConstr(0, [new DataI(0), new DataI(0), new DataI(0)]));
    // Right-nested on purpose: plu-ts binds a `plet` at the lowest node that contains all
    // its uses, so the state and config lookups (which fail when the output is missing) run
    // only after the seed and mint checks. A reused `Genesis` redeemer after genesis is then
    // named by "genesis: seed UTxO spent", not by a missing output.
    return check("genesis: seed UTxO spent", tx.inputs.some((i) => i.utxoRef.eq(seedRef))).and(
      check(
        "genesis: mints exactly one state NFT and one config NFT",
        tx.mint.amountOf(policy, stateNftName()).eq(1)
          .and(tx.mint.amountOf(policy, configNftName()).eq(1))
          .and(pisEmpty.$(assets.tail.tail)),
      ).and(
        check("genesis: state at the emission script, no stake credential", pisBareScriptAddress.$(stateOut.address).$(policy))
          .and(check("genesis: state holds only ADA and the state NFT", ponlyAdaAnd.$(stateOut.value).$(policy).$(stateNftName())))
          .and(check("genesis: state datum is (0, 0, 0)", peqData.$(pinlineDatum.$(stateOut)).$(zeroState)))
          .and(
            check("genesis: config at the config script, no stake credential", pisBareScriptAddress.$(configOut.address).$(configScript))
              .and(check("genesis: config holds only ADA and the config NFT", ponlyAdaAnd.$(configOut.value).$(policy).$(configNftName())))
              .and(pconfigWellFormed.$(pinlineDatum.$(configOut))),
          ),
      ),
    );
  }),
));
