/**
 * Authoritative budgets: run a script in a transaction completed by Lucid against its
 * Emulator (local UPLC evaluation on), and read the redeemer's ex-units from the witness set.
 *
 * The probe transaction mints one token (empty asset name) under the probe policy with the
 * given redeemer; it is only completed, never submitted, so one Emulator serves any number
 * of probes. A failing script makes `complete()` throw; `mint` rethrows with its message.
 */
import { Emulator, generateEmulatorAccount, Lucid, mintingPolicyToId, type LucidEvolution } from "@lucid-evolution/lucid";
import { lucidScript, type CompiledScript } from "./compile.js";

export interface ExUnits {
  mem: bigint;
  steps: bigint;
}

export class EmulatorProbe {
  private constructor(private readonly lucid: LucidEvolution) {}

  static async create(): Promise<EmulatorProbe> {
    const account = generateEmulatorAccount({ lovelace: 1_000_000_000_000n });
    const emulator = new Emulator([account]);
    const lucid = await Lucid(emulator, "Custom");
    lucid.selectWallet.fromSeed(account.seedPhrase);
    return new EmulatorProbe(lucid);
  }

  /** Ex-units of the probe policy `script` run with `redeemer` (Plutus Data CBOR hex). */
  async mint(script: CompiledScript | string, redeemer: string): Promise<ExUnits> {
    const s = lucidScript(script);
    const policy = mintingPolicyToId(s);
    const tx = await this.lucid.newTx().mintAssets({ [policy]: 1n }, redeemer).attach.MintingPolicy(s).complete({ localUPLCEval: true });
    const rs = tx.toTransaction().witness_set().redeemers();
    const arr = rs?.as_arr_legacy_redeemer();
    if (arr && arr.len() > 0) {
      const u = arr.get(0).ex_units();
      return { mem: BigInt(u.mem()), steps: BigInt(u.steps()) };
    }
    const map = rs?.as_map_redeemer_key_to_redeemer_val();
    if (map && map.len() > 0) {
      const u = map.get(map.keys().get(0))!.ex_units();
      return { mem: BigInt(u.mem()), steps: BigInt(u.steps()) };
    }
    throw new Error("probe transaction has no redeemer");
  }

  /** Like `mint`, but returns the error message instead of throwing (undefined when it passes). */
  async rejection(script: CompiledScript | string, redeemer: string): Promise<string | undefined> {
    try {
      await this.mint(script, redeemer);
      return undefined;
    } catch (e) {
      return String((e as Error)?.message ?? e);
    }
  }
}
