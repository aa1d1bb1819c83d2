/**
 * A deployed protocol in the Emulator with the traced scripts (offchain/emulator/world.ts).
 */
import type { Protocol } from "../../offchain/protocol.js";
import { defaultConfig, deploy as deployWith, publish as publishWith, type ConfigInput, type World } from "../../offchain/emulator/world.js";
import { tracedValidators } from "./scripts.js";

export { defaultConfig, type ConfigInput };

/** Instantiates and publishes the traced scripts; genesis is not run. */
export async function publish(w: World, genesisTimeMs = BigInt(w.emulator.now())): Promise<Protocol> {
  return publishWith(w, await tracedValidators(), genesisTimeMs);
}

export async function deploy(w: World, config?: ConfigInput): Promise<Protocol> {
  return deployWith(w, await tracedValidators(), config);
}
