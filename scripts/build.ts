// Why: the deployed scripts, their hashes and their data schemas are published as one
// CIP-57 blueprint (plutus.json, committed), and the tests need the same scripts with traces
// (build/plutus.traced.json). plu-ts' own blueprint helpers are V1/V2 only, so it is written here.
//
// How: set the trace mode FIRST, then import the validator registry (validators/index.ts) —
// modules may build terms at import time, so one process builds one mode. Every validator
// is compiled once; each purpose gets an entry named like Aiken's "<file>.<name>.<purpose>"
// with compiledCode = the flat program wrapped once in CBOR and hash = blake2b-224(0x03 ‖
// compiledCode) (= Lucid's validatorToScriptHash). Schemas with a title become definitions
// referenced by "$ref"; integers and byte strings reference "Int" / "ByteArray". The output
// is deterministic (same sources → same bytes).
//
//   npm run build                                            → plutus.json (untraced)
//   npm run build -- --traced --out build/plutus.traced.json → the traced build
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Term } from "@harmoniclabs/plu-ts";
import { setTraced } from "../lib/trace.js";
import { compileTerm } from "../offchain/onchain/compile.js";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export type Schema = Record<string, unknown>;
export type Purpose = "mint" | "spend";

/** The registry interface of validators/index.ts. */
export interface ValidatorSpec {
  name: string;
  purposes: Purpose[];
  params: { name: string; schema: Schema }[];
  datum?: Schema;
  redeemer: Schema;
  make: () => Term<any>;
}

export interface BlueprintValidator {
  title: string;
  datum?: { title: string; schema: Schema };
  redeemer: { title: string; schema: Schema };
  parameters?: { title: string; schema: Schema }[];
  compiledCode: string;
  hash: string;
}

export interface Blueprint {
  preamble: {
    title: string;
    description: string;
    version: string;
    plutusVersion: "v3";
    compiler: { name: "plu-ts"; version: string };
    license?: string;
  };
  validators: BlueprintValidator[];
  definitions: Record<string, Schema>;
}

function packageVersion(pkg: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${pkg}/package.json`) as { version: string }).version;
}

/** Collects named schemas into `defs` and returns the schema to use in place (a $ref when named). */
function reference(schema: Schema, defs: Record<string, Schema>): Schema {
  const title = typeof schema.title === "string" ? schema.title : undefined;
  if (schema.dataType === "integer" || schema.dataType === "bytes") {
    const key = schema.dataType === "integer" ? "Int" : "ByteArray";
    defs[key] = { dataType: schema.dataType };
    const { dataType: _d, ...rest } = schema;
    return { ...rest, $ref: `#/definitions/${key}` };
  }
  if (!title) return schema;
  const prev = defs[title];
  if (prev !== undefined && JSON.stringify(prev) !== JSON.stringify(schema)) {
    throw new Error(`two different schemas are titled ${JSON.stringify(title)}`);
  }
  defs[title] = schema;
  return { title, $ref: `#/definitions/${encodeURIComponent(title)}` };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));
}

export interface BuildOptions {
  traced: boolean;
  /** The validators; default: validators/index.ts, imported after the mode is set. */
  registry?: ValidatorSpec[];
  log?: (line: string) => void;
}

/** Compiles the registry in the given mode into a CIP-57 blueprint. */
export async function buildBlueprint(opts: BuildOptions): Promise<Blueprint> {
  setTraced(opts.traced);
  const registry = opts.registry ?? ((await import("../validators/index.js")) as { validators: ValidatorSpec[] }).validators;
  const pkg = JSON.parse(readFileSync(resolve(REPO, "package.json"), "utf8")) as { name: string; version: string; description?: string; license?: string };
  const defs: Record<string, Schema> = {};
  const out: BlueprintValidator[] = [];
  for (const v of registry) {
    const t0 = Date.now();
    setTraced(opts.traced);
    const compiled = compileTerm(v.make());
    opts.log?.(`build: ${v.name} ${compiled.size} bytes, ${compiled.hash} (${Date.now() - t0} ms)`);
    for (const purpose of v.purposes) {
      const entry: BlueprintValidator = { title: `${v.name}.${v.name}.${purpose}`, redeemer: { title: "redeemer", schema: reference(v.redeemer, defs) }, compiledCode: compiled.compiledCode, hash: compiled.hash };
      if (purpose === "spend" && v.datum) entry.datum = { title: "datum", schema: reference(v.datum, defs) };
      if (v.params.length) entry.parameters = v.params.map((p) => ({ title: p.name, schema: reference(p.schema, defs) }));
      // key order: title, datum, redeemer, parameters, compiledCode, hash
      out.push({
        title: entry.title,
        ...(entry.datum ? { datum: entry.datum } : {}),
        redeemer: entry.redeemer,
        ...(entry.parameters ? { parameters: entry.parameters } : {}),
        compiledCode: entry.compiledCode,
        hash: entry.hash,
      });
    }
  }
  out.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  return {
    preamble: {
      title: pkg.name,
      description: (pkg.description ?? "") + (opts.traced ? " (traced build: every check logs its message; for tests, not for deployment)" : ""),
      version: pkg.version,
      plutusVersion: "v3",
      compiler: { name: "plu-ts", version: packageVersion("@harmoniclabs/plu-ts") },
      ...(pkg.license ? { license: pkg.license } : {}),
    },
    validators: out,
    definitions: sortKeys(defs),
  };
}

/** The blueprint as file text (2-space JSON, trailing newline). */
export function blueprintText(bp: Blueprint): string {
  return JSON.stringify(bp, null, 2) + "\n";
}

function parseArgs(argv: string[]): { traced: boolean; out: string } {
  let traced = false;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--traced") traced = true;
    else if (a === "--untraced") traced = false;
    else if (a === "--out" && argv[i + 1] !== undefined) out = argv[++i]!;
    else if (a.startsWith("--out=")) out = a.slice(6);
    else throw new Error(`build: unknown argument ${JSON.stringify(a)} (flags: --traced, --out FILE)`);
  }
  return { traced, out: resolve(process.cwd(), out ?? resolve(REPO, "plutus.json")) };
}

async function main(): Promise<void> {
  const { traced, out } = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const bp = await buildBlueprint({ traced, log: (l) => process.stderr.write(l + "\n") });
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, blueprintText(bp));
  renameSync(tmp, out); // atomic: a concurrent reader never sees half a file
  process.stderr.write(`build: wrote ${out} (${traced ? "traced" : "untraced"}, ${bp.validators.length} entries, ${Date.now() - t0} ms)\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    process.stderr.write(`build: error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
