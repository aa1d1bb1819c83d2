/**
 * Advance to epoch t (spend the state, redeemer `Advance`).
 *
 * Rules (docs/protocol.md): an operator signs; t = epoch + 1 ≤ 2776; the validity range
 * starts at or after start(t); emission(t) is computed here with the SDK's exact rounding;
 * the mint D satisfies 0 ≤ D ≤ scheduled' − minted (new emission plus carry-over); every
 * minted Jet goes to fresh pool outputs of epoch t; the state continues with
 * (t, scheduled', minted + D).
 * Attacks: advancing early or skipping epochs; minting more than the schedule allows;
 * minting to anything but pools; pools with pre-set bitmaps, another epoch, a late expiry,
 * a staking credential, junk tokens or bloated datums; forged state without the NFT.
 */
import {
  bool,
  bs,
  data,
  list,
  int,
  pfn,
  pfoldl,
  phoist,
  pif,
  pInt,
  pIntToData,
  pBSToData,
  plet,
  pmatch,
  peqData,
  pByteString,
  PTxInfo,
  PTxOut,
  PTxOutRef,
} from "@harmoniclabs/plu-ts";
import { ConfigDatum, PoolDatum, StateDatum } from "../../types.js";
import { check, fail, guarded, modal } from "../../trace.js";
import {
  EPOCH_LENGTH_MS,
  LAST_EPOCH,
  lowerBoundMs,
  ownInput,
  phasScriptCredential,
  pinlineDatum,
  pisBareScriptAddress,
  ponlyAdaAnd,
  signedByAny,
  stateNftName,
  findConfig,
  jetName, findConfigRaw, operatorsOf } from "../common.js";
import { pemission } from "../../emission.js";
import { pownJetMint, pstateContinues } from "./shared.js";

/**
 * The Jet of one pool output after checking it is a fresh pool of epoch t: no stake
 * credential, only ADA and Jet, the exact fresh datum (empty bitmap, this epoch, the
 * expiry), 32-byte root and file hash. (A function of its own: its parameters bind the
 * output and its datum, which also keeps plu-ts 0.9's let-floating away from them.)
 */
const ppoolOutputJet = modal(() =>
  phoist(
    pfn([PTxOut.type, data, bs, bs, int, int], int)((o, raw, poolScript, policy, t, expiry) => {
      const d = raw.as(PoolDatum.type);
      const rebuilt = PoolDatum.PoolDatum({
        epoch: pIntToData.$(t),
        shard: pIntToData.$(d.shard),
        root: pBSToData.$(d.root),
        bitmap: pBSToData.$(pByteString("")),
        expiry: pIntToData.$(expiry),
        fileHash: pBSToData.$(d.fileHash),
      });
      const ok = check("advance: pool output has no stake credential", pisBareScriptAddress.$(o.address).$(poolScript))
        .and(check("advance: pool holds only ADA and Jet", ponlyAdaAnd.$(o.value).$(policy).$(jetName())))
        .and(check("advance: fresh pool datum for this epoch", peqData.$(rebuilt as any).$(raw)))
        .and(check("advance: pool root and file hash are 32 bytes", d.root.length.eq(32).and(d.fileHash.length.eq(32))))
        .and(check("advance: shard is non-negative", d.shard.gtEq(0)));
      return guarded("advance: bad pool output", ok, o.value.amountOf(policy, jetName()), int);
    }),
  ),
);

/** Σ Jet of the pool outputs (outputs whose payment credential is the pool script). */
const ppoolOutputsJet = modal(() =>
  phoist(
    pfn([list(PTxOut.type), bs, bs, int, int], int)((outputs, poolScript, policy, t, expiry) =>
      pfoldl(PTxOut.type, int)
        .$((acc, o) =>
          pif(int)
            .$(phasScriptCredential.$(o.address).$(poolScript))
            .then(acc.add(ppoolOutputJet.$(o).$(pinlineDatum.$(o)).$(poolScript).$(policy).$(t).$(expiry)))
            .else(acc),
        )
        .$(pInt(0))
        .$(outputs),
    ),
  ),
);

export const padvance = modal(() => phoist(
  pfn([PTxInfo.type, PTxOutRef.type, data, int], bool)((tx, utxoRef, stateRaw, genesisMs) => {
    const own = plet(ownInput(tx, utxoRef).resolved);
    const policy: any = plet(
      pmatch(own.address.credential)
        .onPScriptCredential(({ valHash }) => valHash)
        ._((_) => fail("state: not at a script", bs)),
    );
    const s = plet(stateRaw.as(StateDatum.type));
    const configRaw = plet(findConfigRaw(tx.refInputs, policy));
    const config = plet(configRaw.as(ConfigDatum.type));
    const t = plet(s.epoch.add(1));
    const start = plet(genesisMs.add(t.sub(1).mult(Number(EPOCH_LENGTH_MS))));
    // t ≤ 2776 is checked where emission(t) is computed (emission fails past 2776): plu-ts
    // binds this value at the top of the body, before the checks below run, so the guard
    // is what names an advance past the last epoch.
    const scheduled2 = plet(guarded("advance: epoch within 1..2776", t.ltEq(Number(LAST_EPOCH)), s.scheduled.add(pemission.$(t).$(s.scheduled)), int));
    const d = plet(pownJetMint.$(tx.mint).$(policy));
    const minted2 = plet(s.minted.add(d));
    const expected = StateDatum.StateDatum({
      epoch: pIntToData.$(t),
      scheduled: pIntToData.$(scheduled2),
      minted: pIntToData.$(minted2),
    });
    return check("state: input holds the state NFT", own.value.amountOf(policy, stateNftName()).eq(1))
      .and(check("advance: signed by an operator", signedByAny(operatorsOf(configRaw), tx)))
      .and(check("advance: validity starts at or after the epoch start", lowerBoundMs(tx).gtEq(start)))
      .and(check("advance: mint is not negative", d.gtEq(0)))
      .and(check("advance: mint within schedule plus carry-over", minted2.ltEq(scheduled2)))
      .and(pstateContinues.$(tx).$(own.address as any).$(policy).$(expected as any))
      .and(
        check(
          "advance: pools receive exactly the minted Jet",
          ppoolOutputsJet.$(tx.outputs).$(config.poolScript).$(policy).$(t).$(start.add(config.claimWindowMs)).eq(d),
        ),
      );
  }),
));
