/**
 * Compiled validators for the transaction tests: the traced build
 * (build/plutus.traced.json, made by the vitest global setup test/setup/build-traced.ts).
 */
import { compiledValidators, loadBlueprint, TRACED_BLUEPRINT } from "../../offchain/blueprint.js";
import type { CompiledValidators } from "../../offchain/protocol.js";

export function compiledFrom(path: string): CompiledValidators {
  return compiledValidators(loadBlueprint(path));
}

export async function tracedValidators(): Promise<CompiledValidators> {
  return compiledFrom(TRACED_BLUEPRINT);
}
