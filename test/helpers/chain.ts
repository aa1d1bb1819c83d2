/**
 * The Emulator world the transaction tests run in: named actors with keys, a Lucid
 * instance on the "Custom" network (so the Emulator's slot config is kept), and helpers
 * to complete a plan with local script evaluation ON (the Emulator's submit does not run
 * scripts, so only a failing `complete()` proves a rejection), sign and submit.
 */
import { Emulator, generateEmulatorAccount, getAddressDetails, Lucid, type EmulatorAccount, type LucidEvolution, type UTxO } from "@lucid-evolution/lucid";
import { toTx, type TxPlan } from "../../offchain/tx/plan.js";

export const ACTORS = ["deployer", "operator", "govA", "govB", "govC", "svcA", "svcB", "svcC", "user1", "user2", "user3", "attacker"] as const;
export type Actor = (typeof ACTORS)[number];

export interface World {
  emulator: Emulator;
  lucid: LucidEvolution;
  accounts: Record<Actor, EmulatorAccount>;
  pkh: Record<Actor, string>;
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

/** Completes (with local UPLC evaluation), signs with the payer and `signers`, submits, waits a block. */
export async function run(w: World, plan: TxPlan, payer: Actor, signers: Actor[] = []) {
  w.lucid.selectWallet.fromSeed(w.accounts[payer].seedPhrase);
  const built = await toTx(w.lucid, plan).complete({ localUPLCEval: true });
  let signing = built.sign.withWallet();
  for (const s of signers) if (s !== payer) signing = signing.sign.withPrivateKey(w.accounts[s].privateKey);
  const signed = await signing.complete();
  const hash = await signed.submit();
  w.emulator.awaitBlock(1);
  return { hash, tx: built };
}

/** Completes the plan and expects the script evaluation to fail with `trace` in the error. */
export async function expectRejected(w: World, plan: TxPlan, payer: Actor, trace: string): Promise<string> {
  w.lucid.selectWallet.fromSeed(w.accounts[payer].seedPhrase);
  let message = "";
  try {
    await toTx(w.lucid, plan).complete({ localUPLCEval: true });
  } catch (e) {
    message = String((e as Error)?.message ?? e) + " " + JSON.stringify(e, Object.getOwnPropertyNames(e as object));
  }
  if (message === "") throw new Error(`expected the transaction to be rejected with "${trace}", but it was accepted`);
  if (!message.includes(trace)) throw new Error(`expected rejection "${trace}", got: ${message.slice(0, 1500)}`);
  return message;
}

export async function utxosAt(w: World, address: string): Promise<UTxO[]> {
  return w.lucid.utxosAt(address);
}

/** Redeemer ex-units of a completed transaction (authoritative budgets). */
export function exUnits(tx: { toTransaction(): any }) {
  const t = tx.toTransaction();
  const rs = t.witness_set().redeemers();
  const out: { tag: number; index: number; mem: bigint; steps: bigint }[] = [];
  if (!rs) return out;
  const arr = rs.as_arr_legacy_redeemer();
  if (arr) for (let i = 0; i < arr.len(); i++) {
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
