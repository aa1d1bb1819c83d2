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
import { bool, data, int, lam, list, pByteString, pBSToData, pchooseList, peqData, pfn, phead, phoist, pif, pInt, pIntToData, plet, precursive, ptail } from "@harmoniclabs/plu-ts";
import { check, fail, modal } from "../../trace.js";
import {
  all,
  inlineDatumD,
  lowerBoundMsD,
  onlyAdaAndOneD,
  outCred,
  outValue,
  signedByAnyD,
  singleTokenAmountD,
  tokenAmountD,
  txList,
  txMint,
  TXF,
} from "../../checks.js";
import { asBytes, asInt, asList, bindT, constrFields, drop, field, hd, mkConstr, tl } from "../../data.js";
import { pair } from "@harmoniclabs/plu-ts";

const valueList = list(pair(data, data));
import { EPOCH_LENGTH_MS, LAST_EPOCH, bareAddressD, configDatumD, configField, jetNameD, scriptCredD, stateNftNameD } from "../common.js";
import { pemission } from "../../emission.js";
import { pownJetMint, pstateContinues } from "./shared.js";

/**
 * Σ Jet of the pool outputs (payment credential = the pool script), each checked to be a
 * fresh pool of epoch t: no stake credential, only ADA and Jet, the exact fresh datum (this
 * epoch, empty bitmap, the expiry; shard, root and file hash its own), 32-byte root and file
 * hash, a non-negative shard. Outputs in order; a bad pool fails "advance: bad pool output"
 * after its check's message. The loop's constants are bound outside it (see `bindT`).
 */
function poolsJet(outputs: any, poolScript: any, policy: any, tD: any, expiryD: any): any {
  const bind = (v: any, body: (x: any) => any, t: any = data) => bindT(t, v, int, body);
  return bind(scriptCredD(poolScript), (poolCred) =>
    bind(bareAddressD(poolCred), (poolAddr) =>
      bind(tD, (tD) =>
        bind(expiryD, (expiryD) =>
          (precursive(
            pfn([lam(list(data), int), list(data)], int)((self, rest) => {
              const next = () => (self as any).$(ptail(data).$(rest));
              return pchooseList(data, int)
                .$(rest)
                .caseNil(pInt(0))
                .caseCons(
                  bind(phead(data).$(rest), (o) =>
                    bind(field(o, 0), (addr) =>
                      pif(int)
                        .$(peqData.$(hd(constrFields(addr))).$(poolCred))
                        .then(
                          bind(inlineDatumD(o), (raw) =>
                            bind(constrFields(raw), (pf) =>
                              bind(tl(pf), (pf1) =>
                                bind(tl(pf1), (pf2) =>
                                  bind(drop(pf2, 3), (pf5) =>
                                    bind(outValue(o), (value) =>
                                      pif(int)
                                        .$(
                                          all([
                                            check("advance: pool output has no stake credential", peqData.$(addr).$(poolAddr)),
                                            check("advance: pool holds only ADA and Jet", onlyAdaAndOneD(value, policy, jetNameD())),
                                            check(
                                              "advance: fresh pool datum for this epoch",
                                              peqData.$(mkConstr(0, [tD, hd(pf1), hd(pf2), pBSToData.$(pByteString("")), expiryD, hd(pf5)])).$(raw),
                                            ),
                                            check(
                                              "advance: pool root and file hash are 32 bytes",
                                              asBytes(hd(pf2)).length.eq(32).and(asBytes(hd(pf5)).length.eq(32)),
                                            ),
                                            check("advance: shard is non-negative", asInt(hd(pf1)).gtEq(0)),
                                          ]),
                                        )
                                        .then(singleTokenAmountD(value).add(next()))
                                        .else(fail("advance: bad pool output", int)),
                                    valueList),
                                  list(data)),
                                list(data)),
                              list(data)),
                            list(data)),
                          ),
                        )
                        .else(next()),
                    ),
                  ),
                );
            }),
          ) as any).$(outputs),
        ),
      ),
    ),
  );
}

/**
 * `txf`: the TxInfo field list; `own`: the spent state output (TxOut Data); `policy`: the
 * own script hash = Jet policy (Data bytes); `stateRaw`: the state datum; `genesisMs`.
 */
export const padvance = modal(() => phoist(
  pfn([list(data), data, data, data, int], bool)((txf, own, policy, stateRaw, genesisMs) => {
    const sf = plet(constrFields(stateRaw)); // [epoch, scheduled, minted]
    const epoch = plet(asInt(hd(sf)));
    const scheduled = plet(asInt(hd(tl(sf))));
    const t = plet(epoch.add(1));
    const start = plet(genesisMs.add(epoch.mult(Number(EPOCH_LENGTH_MS))));
    const scheduled2 = plet(scheduled.add(pemission.$(t).$(scheduled)));
    const d = plet(pownJetMint.$(txMint(txf)).$(policy));
    const minted2 = plet(asInt(hd(tl(tl(sf)))).add(d));
    const configRaw = plet(configDatumD(txList(txf, TXF.refInputs), policy));
    const outputs = plet(txList(txf, TXF.outputs));
    const expected = mkConstr(0, [pIntToData.$(t), pIntToData.$(scheduled2), pIntToData.$(minted2)]);
    return all([
      check("advance: epoch within 1..2776", t.ltEq(Number(LAST_EPOCH))),
      check("state: input holds the state NFT", tokenAmountD(outValue(own), policy, stateNftNameD()).eq(1)),
      check("advance: signed by an operator", signedByAnyD(txf, asList(configField(configRaw, 2)))),
      check("advance: validity starts at or after the epoch start", lowerBoundMsD(txf).gtEq(start)),
      check("advance: mint is not negative", d.gtEq(0)),
      check("advance: mint within schedule plus carry-over", minted2.ltEq(scheduled2)),
      pstateContinues.$(outputs).$(field(own, 0)).$(policy).$(expected),
      check(
        "advance: pools receive exactly the minted Jet",
        poolsJet(outputs, configField(configRaw, 7), policy, pIntToData.$(t), pIntToData.$(start.add(asInt(configField(configRaw, 5))))).eq(d),
      ),
    ]);
  }),
));
