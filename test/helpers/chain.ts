/**
 * The Emulator world the transaction tests run in (offchain/emulator/world.ts), plus the
 * rejection assertion: only a failing `complete()` with the expected trace proves that a
 * validator rejects a transaction (the Emulator's submit does not run scripts).
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { toTx, type TxPlan } from "../../offchain/tx/plan.js";
import type { Actor, World } from "../../offchain/emulator/world.js";

export { ACTORS, exUnits, keyHashOf, newWorld, run, type Actor, type World } from "../../offchain/emulator/world.js";

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
