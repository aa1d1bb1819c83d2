/**
 * Publishes the protocol's scripts as reference scripts, one UTxO per script, at an
 * address no one can ever spend from (a native script "before slot 0"), so a wallet's coin
 * selection can never consume them by accident. Transactions then read the scripts instead
 * of carrying them: smaller transactions and lower fees.
 */
import { credentialToAddress, scriptFromNative, scriptHashToCredential, validatorToScriptHash, type Network } from "@lucid-evolution/lucid";
import { SCRIPT_NAMES, type Protocol, type ScriptName } from "../protocol.js";
import { emptyPlan, type TxPlan } from "./plan.js";

export { SCRIPT_NAMES };

/** The address of the unspendable native script that holds reference scripts. */
export function referenceHolderAddress(network: Network): string {
  const never = scriptFromNative({ type: "before", slot: 0 });
  return credentialToAddress(network, scriptHashToCredential(validatorToScriptHash(never)));
}

/** One transaction per script (a script can be most of the 16 KB transaction limit). */
export function publishScripts(args: { protocol: Protocol; names?: readonly ScriptName[]; lovelacePerByte?: bigint }): { name: ScriptName; plan: TxPlan }[] {
  const { protocol: p } = args;
  const holder = referenceHolderAddress(p.params.network);
  return (args.names ?? SCRIPT_NAMES).map((name) => {
    const plan = emptyPlan();
    const bytes = BigInt(p[name].script.script.length / 2);
    // min-UTxO grows with the stored script; 4,400 lovelace per byte covers it with margin.
    plan.outputs.push({ address: holder, assets: { lovelace: 2_000_000n + bytes * (args.lovelacePerByte ?? 4_400n) }, scriptRef: p[name].script });
    return { name, plan };
  });
}
