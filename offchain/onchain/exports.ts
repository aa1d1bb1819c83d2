/**
 * The library functions compiled as standalone programs by `aiken export` (written by
 * `npm run build` to plutus.exports.json, committed): what `jetpack crosscheck` evaluates.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { REPO_ROOT } from "../blueprint.js";

export const DEFAULT_EXPORTS = resolve(REPO_ROOT, "plutus.exports.json");

export type ExportName = "emission" | "lnFp" | "capFor" | "leafHash" | "nodeHash" | "verify" | "bitIsSet" | "bitSet" | "lovelaceDue" | "lovelaceGiven" | "exchangeFee";

/** compiledCode (hex, CBOR-wrapped flat) of every exported function. */
export function loadExports(path: string = DEFAULT_EXPORTS): Record<ExportName, string> {
  if (!existsSync(path)) throw new Error(`${path} not found (run \`npm run build\`)`);
  const j = JSON.parse(readFileSync(path, "utf8")) as Record<string, { compiledCode?: string }>;
  const out = {} as Record<ExportName, string>;
  for (const k of ["emission", "lnFp", "capFor", "leafHash", "nodeHash", "verify", "bitIsSet", "bitSet", "lovelaceDue", "lovelaceGiven", "exchangeFee"] as ExportName[]) {
    const code = j[k]?.compiledCode;
    if (typeof code !== "string") throw new Error(`${path}: no compiled function ${k}`);
    out[k] = code;
  }
  return out;
}
