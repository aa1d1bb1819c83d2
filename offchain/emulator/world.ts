/**
 * A local JetPack world on Lucid's Emulator: named actors with keys, a Lucid instance on
 * the "Custom" network (so the Emulator's slot config is kept), plan submission with local
 * script evaluation ON (the Emulator's submit does not run scripts), and a deployment
 * (reference scripts + genesis). Used by `jetpack demo`, the benchmarks and the tests.
 */
import { Emulator, generateEmulatorAccount, getAddressDetails, Lucid, walletFromSeed, type EmulatorAccount, type LucidEvolution, type UTxO } from "@lucid-evolution/lucid";
import type { ConfigDatum } from "../codec/data.js";
import { DEFAULT_LEVEL_CAPS_PACK } from "../economics/scoring.js";
import { instantiate, withReferenceScripts, type CompiledValidators, type Protocol, type ScriptName } from "../protocol.js";
import { genesis } from "../tx/genesis.js";
import { toTx, type TxPlan } from "../tx/plan.js";
import { withLedgerFee } from "../tx/fee.js";
import { publishScripts } from "../tx/publish.js";

export const ACTORS = ["deployer", "operator", "govA", "govB", "govC", "svcA", "svcB", "svcC", "user1", "user2", "user3", "attacker"] as const;
export type Actor = (typeof ACTORS)[number];

export interface World {
  emulator: Emulator;
  lucid: LucidEvolution;
  accounts: Record<Actor, EmulatorAccount>;
  pkh: Record<Actor, string>;
  /** `false`: `run` completes with `localUPLCEval: false`, so Lucid has the scripts
   *  evaluated by the Emulator's `evaluateTx` — set by `useRecyclingEvaluator`
   *  (offchain/emulator/uplc-eval.ts) for runs of thousands of transactions. Default: Lucid
   *  evaluates them itself. */
  localUPLCEval?: boolean;
}

export function keyHashOf(address: string): string {
  const c = getAddressDetails(address).paymentCredential;
  if (!c) throw new Error(`no payment credential in ${address}`);
  return c.hash;
}

export async function newWorld(lovelace = 100_000_000_000n): Promise<World> {
  const accounts = Object.fromEntries(ACTORS.map((a) => [a, generateEmulatorAccount({ lovelace })])) as Record<Actor, EmulatorAccount>;
  const emulator = new Emulator(Object.values(accounts));
  const lucid = await Lucid(emulator, "Custom");
  const pkh = Object.fromEntries(ACTORS.map((a) => [a, keyHashOf(accounts[a].address)])) as Record<Actor, string>;
  return { emulator, lucid, accounts, pkh };
}

/** Completes (local UPLC evaluation), signs with the payer and `signers`, submits, waits a block. */
export async function run(w: World, plan: TxPlan, payer: Actor, signers: Actor[] = []) {
  w.lucid.selectWallet.fromSeed(w.accounts[payer].seedPhrase);
  const built = await withLedgerFee(w.lucid, await toTx(w.lucid, plan).complete({ localUPLCEval: w.localUPLCEval ?? true }), plan);
  let signing = built.sign.withWallet();
  for (const s of signers) if (s !== payer) signing = signing.sign.withPrivateKey(paymentKeyOf(w, s));
  const signed = await signing.complete();
  const hash = await signed.submit();
  w.emulator.awaitBlock(1);
  return { hash, tx: built, signed };
}

/** The payment signing key of an actor (Emulator accounts made from a seed phrase carry no
 *  `privateKey`; it is derived from the seed). */
export function paymentKeyOf(w: World, actor: Actor): string {
  const a = w.accounts[actor];
  return a.privateKey || walletFromSeed(a.seedPhrase, { addressType: "Base", accountIndex: 0, network: "Custom" }).paymentKey;
}

export type { ConfigInput } from "../tx/config/params.js";
import type { ConfigInput } from "../tx/config/params.js";

export function defaultConfig(w: World, over: Partial<ConfigInput> = {}): ConfigInput {
  return {
    weightsBps: [5000n, 3000n, 2000n],
    levelCapsPack: [...DEFAULT_LEVEL_CAPS_PACK],
    operators: [w.pkh.operator],
    governors: [w.pkh.govA, w.pkh.govB, w.pkh.govC].sort(),
    quorum: 2n,
    claimWindowMs: 3n * 86_400_000n,
    rewardAttestor: null,
    ...over,
  };
}

/** Instantiates the scripts on the deployer's first UTxO and publishes them as reference
 *  scripts (paid by the operator, so the seed stays unspent); genesis is not run. */
export async function publish(w: World, compiled: CompiledValidators, genesisTimeMs = BigInt(w.emulator.now())): Promise<Protocol> {
  const [seed] = await w.lucid.utxosAt(w.accounts.deployer.address);
  const p = instantiate(compiled, { seed: { txHash: seed!.txHash, outputIndex: seed!.outputIndex }, genesisTimeMs, network: "Custom" });
  const refs: Partial<Record<ScriptName, UTxO>> = {};
  for (const { name, plan } of publishScripts({ protocol: p })) {
    const { hash } = await run(w, plan, "operator");
    const [u] = await w.lucid.utxosByOutRef([{ txHash: hash, outputIndex: 0 }]);
    if (!u?.scriptRef) throw new Error(`reference script ${name} not found after publishing`);
    refs[name] = u;
  }
  return withReferenceScripts(p, refs);
}

/** Publishes the scripts and runs the genesis. */
export async function deploy(w: World, compiled: CompiledValidators, config?: ConfigInput): Promise<Protocol> {
  const p = await publish(w, compiled);
  const [seed] = (await w.lucid.utxosAt(w.accounts.deployer.address)).filter((u) => u.txHash === p.params.seed.txHash && u.outputIndex === p.params.seed.outputIndex);
  await run(w, genesis({ protocol: p, seed: seed!, config: config ?? defaultConfig(w) }), "deployer");
  return p;
}

/** Redeemer ex-units of a completed transaction (authoritative budgets). */
export function exUnits(tx: { toTransaction(): any }) {
  const t = tx.toTransaction();
  const rs = t.witness_set().redeemers();
  const out: { tag: number; index: number; mem: bigint; steps: bigint }[] = [];
  if (!rs) return out;
  const arr = rs.as_arr_legacy_redeemer();
  if (arr)
    for (let i = 0; i < arr.len(); i++) {
      const r = arr.get(i);
      out.push({ tag: r.tag(), index: Number(r.index()), mem: BigInt(r.ex_units().mem()), steps: BigInt(r.ex_units().steps()) });
    }
  const map = rs.as_map_redeemer_key_to_redeemer_val?.();
  if (map) {
    const keys = map.keys();
    for (let i = 0; i < keys.len(); i++) {
      const k = keys.get(i);
      const v = map.get(k);
      out.push({ tag: k.tag(), index: Number(k.index()), mem: BigInt(v.ex_units().mem()), steps: BigInt(v.ex_units().steps()) });
    }
  }
  return out;
}
