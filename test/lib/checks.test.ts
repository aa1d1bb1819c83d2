import { beforeAll, describe, expect, it } from "vitest";
import { Constr, Data, Emulator, generateEmulatorAccount, getAddressDetails, Lucid, mintingPolicyToId, type LucidEvolution } from "@lucid-evolution/lucid";
import { bs, data, int, pfn, pif, plet, pmakeUnit, pmatch, PScriptContext, pstruct, unit, perror, pByteString } from "@harmoniclabs/plu-ts";
import { amountOf, lovelaceOf, lowerBoundMs, onlyAdaAnd, ownInput, signedBy, upperBoundMs } from "../../lib/checks.js";
import { withTraced } from "../../lib/trace.js";
import { compileTerm, lucidScript } from "../../offchain/onchain/compile.js";

/** A probe minting policy: the redeemer picks one check and gives its expected input. */
const R = pstruct({
  Signed: { pkh: bs },
  Lower: { ms: int },
  Upper: { ms: int },
  Amount: { name: bs, amount: int },
  OnlyAdaAnd: { name: bs },
  OwnInput: { ref: data },
  Lovelace: { min: int },
});

function probe() {
  return pfn([PScriptContext.type], unit)(({ tx, redeemer, purpose }) => {
    const policy = plet(pmatch(purpose).onMinting(({ currencySym }) => currencySym)._((_) => perror(bs)));
    const ok = pmatch(redeemer.as(R.type))
      .onSigned(({ pkh }) => signedBy(tx, pkh))
      .onLower(({ ms }) => lowerBoundMs(tx).eq(ms))
      .onUpper(({ ms }) => upperBoundMs(tx).eq(ms))
      .onAmount(({ name, amount }) => amountOf(tx.mint, policy, name).eq(amount))
      .onOnlyAdaAnd(({ name }) => onlyAdaAnd(tx.outputs.head.value, policy, name))
      .onOwnInput(({ ref }) => ownInput(tx, ref).utxoRef.eq(ref as any))
      .onLovelace(({ min }) => lovelaceOf(tx.outputs.head.value).gtEq(min));
    return pif(unit).$(ok).then(pmakeUnit()).else(perror(unit));
  });
}

let lucid: LucidEvolution;
let emulator: Emulator;
let pkh: string;
let address: string;
const script = withTraced(true, () => lucidScript(compileTerm(probe())));
const policy = mintingPolicyToId(script);

beforeAll(async () => {
  const acc = generateEmulatorAccount({ lovelace: 1_000_000_000_000n });
  emulator = new Emulator([acc]);
  lucid = await Lucid(emulator, "Custom");
  lucid.selectWallet.fromSeed(acc.seedPhrase);
  address = acc.address;
  pkh = getAddressDetails(acc.address).paymentCredential!.hash;
});

type Build = (tx: ReturnType<LucidEvolution["newTx"]>) => ReturnType<LucidEvolution["newTx"]>;
async function attempt(redeemer: Data, extra: Build = (t) => t, mint: Record<string, bigint> = { [policy]: 1n }): Promise<string | undefined> {
  try {
    await extra(lucid.newTx().mintAssets(mint, Data.to(redeemer)).attach.MintingPolicy(script)).complete({ localUPLCEval: true });
    return undefined;
  } catch (e) {
    return String((e as Error)?.message ?? e) + JSON.stringify(e);
  }
}

describe("lib/checks (in the Emulator)", () => {
  it("signedBy: the signer's key passes, another key fails", async () => {
    expect(await attempt(new Constr(0, [pkh]), (t) => t.addSignerKey(pkh))).toBeUndefined();
    expect(await attempt(new Constr(0, ["00".repeat(28)]), (t) => t.addSignerKey(pkh))).toBeDefined();
    expect(await attempt(new Constr(0, [pkh]))).toBeDefined();
  });

  it("lowerBoundMs / upperBoundMs read finite bounds and fail on infinite ones", async () => {
    const now = emulator.now();
    const from = now - 60_000;
    const to = now + 600_000;
    expect(await attempt(new Constr(1, [BigInt(from)]), (t) => t.validFrom(from).validTo(to))).toBeUndefined();
    expect(await attempt(new Constr(2, [BigInt(to)]), (t) => t.validFrom(from).validTo(to))).toBeUndefined();
    expect(await attempt(new Constr(1, [BigInt(from + 1000)]), (t) => t.validFrom(from))).toBeDefined();
    const noLower = await attempt(new Constr(1, [0n]), (t) => t.validTo(to));
    expect(noLower).toContain("validity range must be finite");
    const noUpper = await attempt(new Constr(2, [0n]), (t) => t.validFrom(from));
    expect(noUpper).toContain("validity range must be finite");
  });

  it("amountOf reads the mint; absent tokens are 0", async () => {
    const name = "4a6574";
    expect(await attempt(new Constr(3, [name, 5n]), undefined, { [policy + name]: 5n })).toBeUndefined();
    expect(await attempt(new Constr(3, [name, 4n]), undefined, { [policy + name]: 5n })).toBeDefined();
    expect(await attempt(new Constr(3, ["00", 0n]), undefined, { [policy + name]: 5n })).toBeUndefined();
  });

  it("onlyAdaAnd accepts ADA plus the named token and refuses other tokens", async () => {
    const name = "4a6574";
    const pay = (assets: Record<string, bigint>) => (t: any) => t.pay.ToAddress(address, { lovelace: 2_000_000n, ...assets });
    expect(await attempt(new Constr(4, [name]), pay({ [policy + name]: 3n }), { [policy + name]: 3n })).toBeUndefined();
    expect(await attempt(new Constr(4, [name]), pay({}), { [policy + name]: 3n })).toBeUndefined();
    expect(await attempt(new Constr(4, [name]), pay({ [policy + name]: 3n, [policy + "00"]: 1n }), { [policy + name]: 3n, [policy + "00"]: 1n })).toBeDefined();
  });

  it("lovelaceOf reads the ADA of an output", async () => {
    const pay = (t: any) => t.pay.ToAddress(address, { lovelace: 7_000_000n });
    expect(await attempt(new Constr(6, [7_000_000n]), pay)).toBeUndefined();
    expect(await attempt(new Constr(6, [7_000_001n]), pay)).toBeDefined();
  });

  it("ownInput finds a spent input by reference and fails (with its trace) when absent", async () => {
    const [u] = await lucid.wallet().getUtxos();
    const ref = new Constr(0, [u!.txHash, BigInt(u!.outputIndex)]);
    expect(await attempt(new Constr(5, [ref]), (t) => t.collectFrom([u!]))).toBeUndefined();
    expect(await attempt(new Constr(5, [new Constr(0, ["11".repeat(32), 0n])]), (t) => t.collectFrom([u!]))).toContain("own input not found");
  });
});
