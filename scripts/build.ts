// Why: the deployed scripts, their hashes and their data schemas are published as one
// CIP-57 blueprint (plutus.json, committed), written by the Aiken compiler with traces
// removed; the tests need the same scripts with every check's trace (build/plutus.traced.json,
// made by the test setup, not committed); the cross-check needs the library functions as
// standalone programs (plutus.exports.json, committed, silent like the deployment).
//
// How: scripts/aiken.sh runs the compiler pinned in aiken.toml (building it once per
// machine when missing). `aiken build -t silent` writes the blueprint; `-t verbose -f
// user-defined` keeps exactly the project's own traces; `aiken export` compiles one
// function to a program whose arguments are Data.
//
//   npm run build                                            → plutus.json, plutus.exports.json
//   npm run build -- --traced --out build/plutus.traced.json → the traced blueprint only
//   npm run build -- --out FILE --exports FILE               → elsewhere (the freshness test)
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The library functions the cross-check evaluates, by module and name. */
export const EXPORTS: Record<string, { module: string; name: string }> = {
  emission: { module: "jetpack/emission", name: "emission" },
  lnFp: { module: "jetpack/math/ln", name: "ln_fp" },
  capFor: { module: "jetpack/caps", name: "cap_for" },
  leafHash: { module: "jetpack/merkle", name: "leaf_hash" },
  nodeHash: { module: "jetpack/merkle", name: "node_hash" },
  verify: { module: "jetpack/merkle", name: "verify" },
  bitIsSet: { module: "jetpack/bitmap", name: "bit_is_set" },
  bitSet: { module: "jetpack/bitmap", name: "bit_set" },
  lovelaceDue: { module: "jetpack/logic/exchange/order", name: "lovelace_due" },
  lovelaceGiven: { module: "jetpack/logic/exchange/order", name: "lovelace_given" },
  exchangeFee: { module: "jetpack/logic/exchange/order", name: "fee" },
};

function aiken(args: string[]): string {
  const r = spawnSync("bash", [resolve(REPO, "scripts/aiken.sh"), ...args], { cwd: REPO, encoding: "utf8", maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "pipe"] });
  if (r.status !== 0) throw new Error(`aiken ${args.join(" ")} failed (exit ${r.status}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** Writes the blueprint to `out` (absolute or relative to the repo). */
export function buildBlueprint(out: string, traced: boolean): void {
  const abs = resolve(REPO, out);
  mkdirSync(dirname(abs), { recursive: true });
  const traces = traced ? ["-t", "verbose", "-f", "user-defined"] : ["-t", "silent"];
  aiken(["build", "--deny", ...traces, "-o", abs]);
}

/** Every function of EXPORTS compiled (silent), as one JSON text. */
export function buildExports(): string {
  const out: Record<string, unknown> = {};
  for (const [key, { module, name }] of Object.entries(EXPORTS)) {
    const e = JSON.parse(aiken(["export", "--module", module, "--name", name, "-t", "silent"])) as Record<string, unknown>;
    out[key] = { module, name, compiledCode: e.compiledCode, hash: e.hash };
  }
  return JSON.stringify(out, null, 2) + "\n";
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(fileURLToPath(import.meta.url));
if (isMain) {
  const argv = process.argv.slice(2);
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const traced = argv.includes("--traced");
  try {
    const out = opt("--out") ?? (traced ? "build/plutus.traced.json" : "plutus.json");
    buildBlueprint(out, traced);
    console.log(`wrote ${out}`);
    if (!traced) {
      const exportsOut = resolve(REPO, opt("--exports") ?? "plutus.exports.json");
      writeFileSync(exportsOut, buildExports());
      console.log(`wrote ${exportsOut}`);
    }
  } catch (e) {
    console.error(`build: ${(e as Error).message}`);
    process.exit(1);
  }
}
