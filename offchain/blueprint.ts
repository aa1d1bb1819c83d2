/**
 * Reading the CIP-57 blueprint written by scripts/build.ts: plutus.json (the deployed,
 * untraced scripts) or build/plutus.traced.json (the tests' traced scripts).
 *
 *   const bp = loadBlueprint("build/plutus.traced.json");
 *   bp.getScript("pool", "spend")        // compiledCode hex (unapplied; Lucid accepts it)
 *   getScript("emission", "mint")        // from plutus.json
 *
 * compiledCode is the flat program wrapped once in CBOR; parameters are applied by the SDK
 * as Data (Lucid applyParamsToScript).
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CompiledValidators } from "./protocol.js";

const HERE = dirname(fileURLToPath(import.meta.url));
/** The package's root folder (plutus.json, plutus.exports.json, package.json): the repository
 *  when run from the sources (offchain/), node_modules/<package> when installed (dist/esm/ or
 *  dist/cjs/; the CommonJS build rewrites `import.meta.url`, see scripts/build-pkg.ts). */
export const REPO_ROOT = resolve(HERE, basename(dirname(HERE)) === "dist" ? "../.." : "..");
export const DEFAULT_BLUEPRINT = resolve(REPO_ROOT, "plutus.json");
export const TRACED_BLUEPRINT = resolve(REPO_ROOT, "build/plutus.traced.json");

export type Purpose = "mint" | "spend" | "withdraw";

export interface BlueprintEntry {
  title: string; // "<file>.<name>.<purpose>"
  datum?: { title: string; schema: Record<string, unknown> };
  redeemer: { title: string; schema: Record<string, unknown> };
  parameters?: { title: string; schema: Record<string, unknown> }[];
  compiledCode: string;
  hash: string;
}

export interface BlueprintFile {
  preamble: { title: string; description: string; version: string; plutusVersion: string; compiler?: { name: string; version: string } };
  validators: BlueprintEntry[];
  definitions: Record<string, Record<string, unknown>>;
}

export class LoadedBlueprint {
  constructor(
    readonly path: string,
    readonly file: BlueprintFile,
  ) {}

  /** The entry of validator `name` for `purpose`; throws naming the known entries when absent. */
  entry(name: string, purpose: Purpose): BlueprintEntry {
    const found = this.file.validators.find((v) => v.title === `${name}.${name}.${purpose}`) ?? this.file.validators.find((v) => v.title.endsWith(`.${name}.${purpose}`));
    if (!found) throw new Error(`${this.path}: no validator ${name} for ${purpose} (have: ${this.file.validators.map((v) => v.title).join(", ")})`);
    return found;
  }

  /** The compiled code (CBOR-wrapped flat, hex) of validator `name` for `purpose`. */
  getScript(name: string, purpose: Purpose): string {
    return this.entry(name, purpose).compiledCode;
  }

  /** The (unapplied) script hash recorded for validator `name`. */
  getHash(name: string, purpose: Purpose): string {
    return this.entry(name, purpose).hash;
  }
}

const cache = new Map<string, LoadedBlueprint>();

/** Reads (once per path) a blueprint; `path` is relative to the repository root. */
export function loadBlueprint(path: string = DEFAULT_BLUEPRINT): LoadedBlueprint {
  const abs = resolve(REPO_ROOT, path);
  const hit = cache.get(abs);
  if (hit) return hit;
  if (!existsSync(abs)) {
    const hint =
      abs === TRACED_BLUEPRINT
        ? " (the tests' global setup builds it: run vitest, or `npm run build -- --traced --out build/plutus.traced.json`" +
          (existsSync(abs.replace(/\.json$/, ".error.txt")) ? `; the last build failed: ${readFileSync(abs.replace(/\.json$/, ".error.txt"), "utf8").slice(0, 2000)}` : "") +
          ")"
        : " (run `npm run build`)";
    throw new Error(`blueprint ${abs} not found${hint}`);
  }
  const file = JSON.parse(readFileSync(abs, "utf8")) as BlueprintFile;
  if (!Array.isArray(file.validators)) throw new Error(`${abs} is not a CIP-57 blueprint (no validators)`);
  const bp = new LoadedBlueprint(abs, file);
  cache.set(abs, bp);
  return bp;
}

/**
 * The eight unapplied validators of a blueprint, by the SDK's names. A multi-purpose
 * validator has one compiled program for all its handlers, so any handler's entry gives it.
 */
export function compiledValidators(bp: LoadedBlueprint): CompiledValidators {
  return {
    emission: bp.getScript("emission", "mint"),
    config: bp.getScript("config", "spend"),
    pool: bp.getScript("pool", "spend"),
    lock: bp.getScript("lock", "spend"),
    lockRules: bp.getScript("lock_rules", "withdraw"),
    governance: bp.getScript("governance", "spend"),
    treasury: bp.getScript("treasury", "spend"),
    exchange: bp.getScript("exchange", "spend"),
  };
}

/** The compiled code of validator `name` for `purpose`, from `path` (default plutus.json). */
export function getScript(name: string, purpose: Purpose, path: string = DEFAULT_BLUEPRINT): string {
  return loadBlueprint(path).getScript(name, purpose);
}
