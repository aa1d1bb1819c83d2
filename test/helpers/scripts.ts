/**
 * Compiled validators for the transaction tests: the traced build
 * (build/plutus.traced.json, made by the vitest global setup test/setup/build-traced.ts).
 */
import { loadBlueprint, TRACED_BLUEPRINT } from "../../offchain/blueprint.js";
import type { CompiledValidators } from "../../offchain/protocol.js";

export function compiledFrom(path: string): CompiledValidators {
  const bp = loadBlueprint(path);
  return {
    emission: bp.getScript("emission", "mint"),
    config: bp.getScript("config", "spend"),
    pool: bp.getScript("pool", "spend"),
    lock: bp.getScript("lock", "spend"),
  };
}

export async function tracedValidators(): Promise<CompiledValidators> {
  return compiledFrom(TRACED_BLUEPRINT);
}
