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
import { bool, data, lam, list, pair, pchooseList, peqData, pfn, phead, phoist, pif, pisEmpty, plet, precursive, ptail, pfstPair, psndPair, punMapData, pData } from "@harmoniclabs/plu-ts";
import { DataConstr, DataI } from "@harmoniclabs/plutus-data";
import { check, fail, modal } from "../../trace.js";
import { all, amountOfD, fromHoldingOneD, inlineDatumD, onlyAdaAndOneD, outValue, spendsRefD, txList, txMint, TXF } from "../../checks.js";
import { field, hd, tl } from "../../data.js";
import { bareAddressD, configNftNameD, scriptCredD, stateNftNameD } from "../common.js";
import { pconfigWellFormed } from "../config/wellFormed.js";

const entry = pair(data, data);

/** The token map minted under `policy` (fails "genesis: nothing minted" when absent). */
const ppolicyTokens = modal(() => phoist(
  pfn([list(entry), data], list(entry))((mint, policy) =>
    precursive(
      pfn([lam(list(entry), list(entry)), list(entry)], list(entry))((self, rest) =>
        pchooseList(entry, list(entry))
          .$(rest)
          .caseNil(fail("genesis: nothing minted", list(entry)))
          .caseCons(
            pif(list(entry))
              .$(peqData.$(pfstPair(data, data).$(phead(entry).$(rest) as any) as any).$(policy))
              .then((punMapData as any).$(psndPair(data, data).$(phead(entry).$(rest) as any) as any))
              .else((self as any).$(ptail(entry).$(rest))),
          ),
      ),
    ).$(mint),
  ),
));

/** The first output holding exactly one (policy, name) token; fails `msg` when none does. */
function firstHolding(outputs: any, policy: any, name: any, msg: string): any {
  return plet(fromHoldingOneD(outputs, policy, name)).in((found: any) =>
    pif(data).$(pisEmpty.$(found)).then(fail(msg, data)).else(hd(found)),
  );
}

/**
 * `txf`: the TxInfo field list; `policy`: the own policy (Data bytes); `seed`: the seed
 * TxOutRef (Data); `configScript`: the config validator hash (Data bytes).
 *
 * Nested on purpose: the state and config outputs are looked up (failing when missing) only
 * after the seed and mint checks, so a reused `Genesis` redeemer after genesis is named by
 * "genesis: seed UTxO spent", not by a missing output.
 */
export const pgenesis = modal(() => phoist(
  pfn([list(data), data, data, data], bool)((txf, policy, seed, configScript) => {
    const mint = plet(txMint(txf));
    const outputs = plet(txList(txf, TXF.outputs));
    const zeroState = pData(new DataConstr(0, [new DataI(0), new DataI(0), new DataI(0)]));
    return all([
      check("genesis: seed UTxO spent", spendsRefD(txList(txf, TXF.inputs), seed)),
      check(
        "genesis: mints exactly one state NFT and one config NFT",
        amountOfD(mint, policy, stateNftNameD())
          .eq(1)
          .and(amountOfD(mint, policy, configNftNameD()).eq(1))
          .and(pisEmpty.$(ptail(entry).$(ptail(entry).$((ppolicyTokens as any).$(mint).$(policy))))),
      ),
      plet(firstHolding(outputs, policy, stateNftNameD(), "genesis: no state output")).in((stateOut: any) =>
        all([
          check("genesis: state at the emission script, no stake credential", peqData.$(field(stateOut, 0)).$(bareAddressD(scriptCredD(policy)))),
          check("genesis: state holds only ADA and the state NFT", onlyAdaAndOneD(outValue(stateOut), policy, stateNftNameD())),
          check("genesis: state datum is (0, 0, 0)", peqData.$(inlineDatumD(stateOut)).$(zeroState)),
          plet(firstHolding(outputs, policy, configNftNameD(), "genesis: no config output")).in((configOut: any) =>
            all([
              check("genesis: config at the config script, no stake credential", peqData.$(field(configOut, 0)).$(bareAddressD(scriptCredD(configScript)))),
              check("genesis: config holds only ADA and the config NFT", onlyAdaAndOneD(outValue(configOut), policy, configNftNameD())),
              pconfigWellFormed.$(inlineDatumD(configOut)),
            ]),
          ),
        ]),
      ),
    ]);
  }),
));

