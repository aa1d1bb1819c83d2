/**
 * Checks shared by the emission script's actions: the own policy's mint, and the
 * continuing state output.
 */
import {
  bool,
  bs,
  data,
  int,
  pBool,
  peqData,
  pfn,
  phoist,
  pInt,
  plet,
  pmatch,
  pisEmpty,
  PTxInfo,
  PAddress,
  PTxOut,
  punsafeConvertType,
  PValue,
  type Term,
} from "@harmoniclabs/plu-ts";
import { check, fail, guarded, modal } from "../../trace.js";
import { jetName, ponlyAdaAnd, pinlineDatum, stateNftName } from "../common.js";

/**
 * The Jet amount the transaction mints (positive) or burns (negative) under the own
 * policy, 0 when it mints nothing there. Attack: other token names minted under the
 * policy (a second state NFT, a fake config NFT) — the own policy's mint must be Jet alone.
 */
export const pownJetMint = modal(() => phoist(
  pfn([PValue.type, bs], int)((mint, policy) =>
    pmatch(mint.find(({ fst }) => fst.eq(policy)))
      .onJust(({ val }) => {
        const assets = plet(val.snd);
        return guarded(
          "emission: only Jet may be minted or burned",
          assets.head.fst.eq(jetName()).and(pisEmpty.$(assets.tail)),
          assets.head.snd,
          int,
        );
      })
      ._((_) => pInt(0)),
  ),
));

/**
 * The state continues at the same address, with the state NFT, no other token, and
 * exactly the expected datum. Attacks: the NFT leaving its address, a staking credential
 * swapped in, junk tokens added, a bloated datum.
 */
export const pstateContinues = modal(() => ((x: any) => x)(
  pfn([PTxInfo.type, PAddress.type, bs, data], bool)((tx, ownAddr, policy, expected) => {
    const holdsNft = (o: any) => o.value.amountOf(policy, stateNftName()).eq(1);
    const conts = plet(tx.outputs.filter(holdsNft));
    const cont = plet(
      pmatch(tx.outputs.find(holdsNft))
        .onJust(({ val }) => val)
        ._((_) => fail("state: no output holds the state NFT", PTxOut.type)),
    );
    return check("state: exactly one output holds the state NFT", pisEmpty.$(conts.tail))
      .and(check("state: continues at the same address", peqData.$(punsafeConvertType(cont.address, data)).$(punsafeConvertType(ownAddr, data))))
      .and(check("state: holds only ADA and the state NFT", ponlyAdaAnd.$(cont.value).$(policy).$(stateNftName())))
      .and(check("state: continuing datum", peqData.$(pinlineDatum.$(cont)).$(expected)));
  }),
));

export type _T = Term<any>;
export { fail };
