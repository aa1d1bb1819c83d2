/**
 * Helpers for the emission, config and time attack suites (test/tx/attacks/{emission,
 * config,time}*.test.ts): plan mutation, junk tokens, forged UTxOs, addresses with a
 * staking credential, and — for the end of the schedule only — rewriting a state datum
 * in the Emulator's ledger (see `rewriteDatum`).
 *
 * Why: every attack is "a valid plan from the SDK builder with exactly one thing changed";
 * these helpers keep that one change a single readable line in each test.
 */
import {
  Constr,
  credentialToAddress,
  Data,
  getAddressDetails,
  keyHashToCredential,
  mintingPolicyToId,
  scriptFromNative,
  walletFromSeed,
  type Assets,
  type TxBuilder,
  type UTxO,
} from "@lucid-evolution/lucid";
import { configToData, decodeConfig, decodePool, decodeState, encodeConfig, encodePool, encodeState, type ConfigDatum, type PoolDatum, type StateDatum } from "../../../offchain/codec/data.js";
import type { Protocol } from "../../../offchain/protocol.js";
import type { TxPlan } from "../../../offchain/tx/plan.js";
import { emptyPlan, toTx } from "../../../offchain/tx/plan.js";
import { expectRejected as expectPlanRejected, run, type Actor, type World } from "../../helpers/chain.js";

/** A deep copy of a plan (UTxOs included), so one mutation never leaks into the next test. */
export function clonePlan(plan: TxPlan): TxPlan {
  return structuredClone(plan);
}

/** `plan` copied and changed by `mutate` (which may edit the copy in place). */
export function mutated(plan: TxPlan, mutate: (p: TxPlan) => void): TxPlan {
  const c = clonePlan(plan);
  mutate(c);
  return c;
}

/** The same payment credential as `address`, with `stakeKeyHash` as its staking credential. */
export function withStake(address: string, stakeKeyHash: string): string {
  const d = getAddressDetails(address);
  if (!d.paymentCredential) throw new Error(`no payment credential in ${address}`);
  return credentialToAddress("Custom", d.paymentCredential, keyHashToCredential(stakeKeyHash));
}

export async function stateUtxo(w: World, p: Protocol): Promise<UTxO> {
  const [u] = await w.lucid.utxosAtWithUnit(p.emission.address, p.units.state);
  if (!u) throw new Error("no state UTxO");
  return u;
}

export async function configUtxo(w: World, p: Protocol): Promise<UTxO> {
  const [u] = await w.lucid.utxosAtWithUnit(p.config.address, p.units.config);
  if (!u) throw new Error("no config UTxO");
  return u;
}

export async function poolUtxos(w: World, p: Protocol): Promise<UTxO[]> {
  return w.lucid.utxosAt(p.pool.address);
}

/**
 * Mints `qty` "Junk" tokens (a native-script policy signed by the attacker) and sends them
 * to `to`'s wallet (minted by the attacker, so `to`'s UTxOs — e.g. the deployer's seed —
 * are not touched); returns their unit. A later plan that adds the unit to an output makes
 * Lucid take it from the payer's wallet: a junk token smuggled next to a protocol NFT or
 * into a pool.
 */
export async function giveJunk(w: World, to: Actor, qty = 1_000n, name = "4a756e6b"): Promise<string> {
  const policy = scriptFromNative({ type: "sig", keyHash: w.pkh.attacker });
  const unit = mintingPolicyToId(policy) + name;
  w.lucid.selectWallet.fromSeed(w.accounts.attacker.seedPhrase);
  const tx = await w.lucid
    .newTx()
    .mintAssets({ [unit]: qty })
    .attach.MintingPolicy(policy)
    .pay.ToAddress(w.accounts[to].address, { lovelace: 5_000_000n, [unit]: qty })
    .addSignerKey(w.pkh.attacker)
    .complete();
  await (await tx.sign.withWallet().complete()).submit();
  w.emulator.awaitBlock(1);
  return unit;
}

/** An output at `address` with an inline datum, paid by `payer` (a forged state or config
 *  UTxO when the address is a protocol script and no NFT is sent along). Returns the UTxO. */
export async function payToScript(w: World, payer: Actor, address: string, datum: string, assets: Assets = { lovelace: 5_000_000n }): Promise<UTxO> {
  const plan = emptyPlan();
  plan.outputs.push({ address, assets, datum });
  const { hash } = await run(w, plan, payer);
  const [u] = await w.lucid.utxosByOutRef([{ txHash: hash, outputIndex: 0 }]);
  if (!u) throw new Error("forged UTxO not found");
  return u;
}

/**
 * Replaces the inline datum of an unspent UTxO in the Emulator's ledger and returns the
 * UTxO as the chain now reports it. Used only to place the state at the end of the
 * schedule (epoch 2775) without 2,775 advance transactions: the validators see exactly the
 * UTxO that 2,775 honest advances would have produced (same address, NFT and datum).
 */
export async function rewriteDatum(w: World, u: UTxO, datum: string): Promise<UTxO> {
  const key = u.txHash + u.outputIndex;
  const entry = (w.emulator as any).ledger[key];
  if (!entry || entry.spent) throw new Error(`UTxO ${key} is not in the ledger`);
  entry.utxo = { ...entry.utxo, datum, datumHash: undefined };
  const [fresh] = await w.lucid.utxosByOutRef([{ txHash: u.txHash, outputIndex: u.outputIndex }]);
  return fresh!;
}

// Datum edits on a plan's outputs ------------------------------------------------------

export function stateOf(plan: TxPlan, i = 0): StateDatum {
  return decodeState(plan.outputs[i]!.datum!);
}
export function setState(plan: TxPlan, i: number, s: StateDatum): void {
  plan.outputs[i]!.datum = encodeState(s);
}
export function poolOf(plan: TxPlan, i: number): PoolDatum {
  return decodePool(plan.outputs[i]!.datum!);
}
export function setPool(plan: TxPlan, i: number, d: PoolDatum): void {
  plan.outputs[i]!.datum = encodePool(d);
}
export function configOf(plan: TxPlan, i: number): ConfigDatum {
  return decodeConfig(plan.outputs[i]!.datum!);
}
export function setConfig(plan: TxPlan, i: number, c: ConfigDatum): void {
  plan.outputs[i]!.datum = encodeConfig(c);
}
/** A config datum with its Constr fields edited raw (for shapes the codec cannot encode). */
export function setConfigFields(plan: TxPlan, i: number, c: ConfigDatum, edit: (fields: Data[]) => Data[], index = 0): void {
  const d = configToData(c) as Constr<Data>;
  plan.outputs[i]!.datum = Data.to(new Constr(index, edit([...d.fields])));
}
/** A pool datum with its Constr fields edited raw (extra fields, wrong constructor). */
export function setPoolFields(plan: TxPlan, i: number, edit: (fields: Data[]) => Data[]): void {
  const d = Data.from(plan.outputs[i]!.datum!) as Constr<Data>;
  plan.outputs[i]!.datum = Data.to(new Constr(d.index, edit([...d.fields])));
}

/** Index of the first planned output holding `unit`. */
export function outputWith(plan: TxPlan, unit: string): number {
  const i = plan.outputs.findIndex((o) => (o.assets[unit] ?? 0n) > 0n);
  if (i < 0) throw new Error(`no planned output holds ${unit}`);
  return i;
}

/** A 28-byte key hash of `n` bytes instead (n = 27 for "too short"). */
export const bytesOf = (n: number, byte = "ab") => byte.repeat(n);

/** The payment signing key of an Emulator actor (its account is a seed phrase; the
 *  account's `privateKey` field is empty, so it cannot be used to co-sign). */
export function paymentKeyOf(w: World, actor: Actor): string {
  return walletFromSeed(w.accounts[actor].seedPhrase, { addressType: "Base", accountIndex: 0, network: "Custom" }).paymentKey;
}

/** Like `run`, but the extra `signers` really co-sign (multi-signature config updates). */
export async function runSigned(w: World, plan: TxPlan, payer: Actor, signers: Actor[]) {
  w.lucid.selectWallet.fromSeed(w.accounts[payer].seedPhrase);
  const built = await toTx(w.lucid, plan).complete({ localUPLCEval: true });
  let signing = built.sign.withWallet();
  for (const s of signers) if (s !== payer) signing = signing.sign.withPrivateKey(paymentKeyOf(w, s));
  const hash = await (await signing.complete()).submit();
  w.emulator.awaitBlock(1);
  return { hash, tx: built };
}

/**
 * The shared `expectRejected` (test/helpers/chain.ts), also for transactions a plan cannot
 * describe (withdrawals, certificates): given a function, completes `build(newTx)` with
 * local evaluation and expects `trace` in the failure. Same name, so the generated attack
 * index of docs/protocol.md (scripts/attack-index.ts) lists these tests with their trace.
 */
export async function expectRejected(w: World, planOrBuild: TxPlan | ((tx: TxBuilder) => TxBuilder), payer: Actor, trace: string): Promise<string> {
  if (typeof planOrBuild !== "function") return expectPlanRejected(w, planOrBuild, payer, trace);
  w.lucid.selectWallet.fromSeed(w.accounts[payer].seedPhrase);
  let message = "";
  try {
    await planOrBuild(w.lucid.newTx()).complete({ localUPLCEval: true });
  } catch (e) {
    message = String((e as Error)?.message ?? e) + " " + JSON.stringify(e, Object.getOwnPropertyNames(e as object));
  }
  if (message === "") throw new Error(`expected the transaction to be rejected with "${trace}", but it was accepted`);
  if (!message.includes(trace)) throw new Error(`expected rejection "${trace}", got: ${message.slice(0, 1500)}`);
  return message;
}
