/**
 * Protocol-level checks shared by the validators: finding the config by its NFT, reading
 * inline datums, and the address and value shapes every protocol output must have.
 *
 * Why here: each check is written once and hoisted, so every validator that uses it gets
 * the same rule (and the same trace message) and the compiled scripts stay small.
 */
import {
  bool,
  bs,
  data,
  int,
  pBool,
  pfn,
  phoist,
  pInt,
  plet,
  pmatch,
  perror,
  PAddress,
  PTxInInfo,
  PTxOut,
  PValue,
  list,
  pByteString,
  type Term,
  type PByteString,
  type PInt,
} from "@harmoniclabs/plu-ts";
import { ConfigDatum } from "../types.js";
import { check, fail } from "../trace.js";

/** Hex asset names (docs/design.md §3). */
export const JET_NAME_HEX = "4a6574";
export const STATE_NFT_HEX = "4a65745374617465";
export const CONFIG_NFT_HEX = "4a6574436f6e666967";
export const EPOCH_LENGTH_MS = 432_000_000n;
export const LAST_EPOCH = 2776n;

export const jetName = () => pByteString(JET_NAME_HEX);
export const stateNftName = () => pByteString(STATE_NFT_HEX);
export const configNftName = () => pByteString(CONFIG_NFT_HEX);

/** The inline datum of an output; any other datum form fails (a hash datum can hide a bloated one). */
export const pinlineDatum = phoist(
  pfn([PTxOut.type], data)((out) =>
    pmatch(out.datum)
      .onInlineDatum(({ datum }) => datum)
      ._((_) => perror(data)),
  ),
);

/** The config datum, read from the reference input that holds the config NFT. Attack: a
 *  forged config UTxO without the NFT is never picked. */
export function findConfig(refInputs: Term<any>, policy: Term<PByteString>) {
  const found = (refInputs as any).find((i: any) =>
    i.resolved.value.amountOf(policy, configNftName()).eq(1),
  );
  return pmatch(found)
    .onJust(({ val }: any) => pinlineDatum.$(val.resolved).as(ConfigDatum.type))
    ._((_: any) => fail("config reference input missing", ConfigDatum.type)) as any;
}

/** True when the address is (Script hash, no stake credential). Attack: a script output
 *  with a swapped-in staking credential would let someone else earn its ADA's rewards. */
export const pisBareScriptAddress = phoist(
  pfn([PAddress.type, bs], bool)((addr, hash) =>
    pmatch(addr.credential)
      .onPScriptCredential(({ valHash }) => valHash.eq(hash))
      ._((_) => pBool(false))
      .and(pmatch(addr.stakingCredential).onNothing((_) => pBool(true))._((_) => pBool(false))),
  ),
);

/** True when the address's payment credential is the given script (any stake part). */
export const phasScriptCredential = phoist(
  pfn([PAddress.type, bs], bool)((addr, hash) =>
    pmatch(addr.credential)
      .onPScriptCredential(({ valHash }) => valHash.eq(hash))
      ._((_) => pBool(false)),
  ),
);

/** True when the value holds ADA and, under `policy`, only the token `name`. Attack: junk
 *  tokens added to a protocol output (they would bloat it or smuggle assets along). */
export const ponlyAdaAnd = phoist(
  pfn([PValue.type, bs, bs], bool)((value, policy, name) =>
    value.every(({ fst: p, snd: assets }) =>
      p.eq(pByteString("")).or(p.eq(policy).and(assets.every(({ fst: n }) => n.eq(name)))),
    ),
  ),
);

/** The Pack amount of Jet (policy, "Jet") in a value. */
export function jetIn(value: Term<any>, policy: Term<PByteString>): Term<PInt> {
  return (value as any).amountOf(policy, jetName());
}

/** Number of governors/operators in `keys` that signed. */
export const pcountSigners = phoist(
  pfn([list(bs), list(bs)], int)((keys, signatories) =>
    keys.filter((k) => signatories.includes(k)).length,
  ),
);

/** Some operator of the config signed. Attack: an outsider advancing or sweeping. */
export const psignedByAny = phoist(
  pfn([list(bs), list(bs)], bool)((keys, signatories) => keys.some((k) => signatories.includes(k))),
);

/** The finite lower bound of the validity range; an infinite one fails. */
export function lowerBoundMs(tx: Term<any>) {
  return pmatch((tx as any).interval.from.bound)
    .onPFinite(({ n }: any) => n)
    ._((_: any) => fail("validity range must have a finite lower bound", int));
}

/** The finite upper bound of the validity range; an infinite one fails. */
export function upperBoundMs(tx: Term<any>) {
  return pmatch((tx as any).interval.to.bound)
    .onPFinite(({ n }: any) => n)
    ._((_: any) => fail("validity range must have a finite upper bound", int));
}

/** The spent input with this reference (the validator's own input). */
export function ownInput(inputs: Term<any>, utxoRef: Term<any>) {
  return pmatch((inputs as any).find((i: any) => i.utxoRef.eq(utxoRef)))
    .onJust(({ val }: any) => val)
    ._((_: any) => fail("own input not found", PTxInInfo.type)) as any;
}

export { pInt, plet, check };
