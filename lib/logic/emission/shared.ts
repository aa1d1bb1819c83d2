/**
 * Checks shared by the emission script's actions: the own policy's mint, and the
 * continuing state output.
 */
import { bool, data, int, lam, list, pair, pchooseList, peqData, pfn, phead, phoist, pif, pInt, pisEmpty, plet, precursive, ptail, pfstPair, psndPair, punIData, punMapData, type Term } from "@harmoniclabs/plu-ts";
import { check, fail, guarded, modal } from "../../trace.js";
import { all, fromHoldingOneD, inlineDatumD, onlyAdaAndOneD, outValue } from "../../checks.js";
import { field, hd, tl } from "../../data.js";
import { jetNameD, stateNftNameD } from "../common.js";

const entry = pair(data, data);

/**
 * The Jet amount the transaction mints (positive) or burns (negative) under the own
 * policy, 0 when it mints nothing there. Attack: other token names minted under the
 * policy (a second state NFT, a fake config NFT) — the own policy's mint must be Jet alone.
 * `mint`: the TxInfo mint as a pair list; `policy`: Data bytes.
 */
export const pownJetMint = modal(() => phoist(
  pfn([list(entry), data], int)((mint, policy) =>
    precursive(
      pfn([lam(list(entry), int), list(entry)], int)((self, rest) =>
        pchooseList(entry, int)
          .$(rest)
          .caseNil(pInt(0))
          .caseCons(
            plet(phead(entry).$(rest) as any).in((e: any) =>
              pif(int)
                .$(peqData.$(pfstPair(data, data).$(e) as any).$(policy))
                .then(
                  plet(punMapData.$(psndPair(data, data).$(e) as any)).in((assets: any) =>
                    plet(phead(entry).$(assets) as any).in((a: any) =>
                      guarded(
                        "emission: only Jet may be minted or burned",
                        peqData.$(pfstPair(data, data).$(a) as any).$(jetNameD()).and(pisEmpty.$(ptail(entry).$(assets))),
                        punIData.$(psndPair(data, data).$(a) as any),
                        int,
                      ),
                    ),
                  ),
                )
                .else((self as any).$(ptail(entry).$(rest))),
            ),
          ),
      ),
    ).$(mint),
  ),
));

/**
 * The state continues at the same address, with the state NFT, no other token, and
 * exactly the expected datum. Attacks: the NFT leaving its address, a staking credential
 * swapped in, junk tokens added, a bloated datum. `outputs`: Data list; `ownAddr`,
 * `policy` (bytes), `expected`: Data.
 */
export const pstateContinues = modal(() => phoist(
  pfn([list(data), data, data, data], bool)((outputs, ownAddr, policy, expected) =>
    plet(fromHoldingOneD(outputs, policy, stateNftNameD())).in((found: any) =>
      pif(bool)
        .$(pisEmpty.$(found))
        .then(fail("state: no output holds the state NFT", bool))
        .else(
          plet(hd(found)).in((cont: any) =>
            all([
              check("state: exactly one output holds the state NFT", pisEmpty.$(fromHoldingOneD(tl(found), policy, stateNftNameD()))),
              check("state: continues at the same address", peqData.$(field(cont, 0)).$(ownAddr)),
              check("state: holds only ADA and the state NFT", onlyAdaAndOneD(outValue(cont), policy, stateNftNameD())),
              check("state: continuing datum", peqData.$(inlineDatumD(cont)).$(expected)),
            ]),
          ),
        ),
    ),
  ),
));

export type _T = Term<any>;
export { fail };
