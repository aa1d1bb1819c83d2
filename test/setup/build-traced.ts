// Vitest global setup: (re)builds build/plutus.traced.json — the verbose Aiken build whose
// every check logs its own message, which the transaction tests load through
// offchain/blueprint.ts — when it is missing or older than any file under lib/ or
// validators/ (or aiken.toml, the build scripts). The build runs `aiken build` through
// scripts/aiken.sh in a child process.
//
// A failing build does not stop unrelated test files: the stale file is removed, the error is
// written to build/plutus.traced.error.txt and printed, and loadBlueprint() reports it to the
// tests that need the scripts.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const REPO = resolve(import.meta.dirname, "../..");
const OUT = join(REPO, "build/plutus.traced.json");
const ERR = join(REPO, "build/plutus.traced.error.txt");

/** The newest modification time under `path` (a file or a folder, recursively); 0 if absent. */
export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newestMtime(join(path, name)));
  return max;
}

export function tracedBlueprintIsFresh(): boolean {
  if (!existsSync(OUT)) return false;
  const sources = Math.max(
    ...["lib", "validators", "aiken.toml", "scripts/build.ts", "scripts/aiken.sh"].map((p) => newestMtime(join(REPO, p))),
  );
  return statSync(OUT).mtimeMs >= sources;
}

export default function setup(): void {
  if (tracedBlueprintIsFresh()) return;
  mkdirSync(join(REPO, "build"), { recursive: true });
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "scripts/build.ts"), "--traced", "--out", OUT], {
    cwd: REPO,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (r.status === 0) {
    rmSync(ERR, { force: true });
    process.stderr.write(`global setup: built build/plutus.traced.json in ${Date.now() - t0} ms\n`);
    return;
  }
  rmSync(OUT, { force: true });
  const message = `traced build failed (exit ${r.status}):\n${r.stderr || r.error?.message || ""}`;
  writeFileSync(ERR, message);
  process.stderr.write(`global setup: ${message}\n`);
}
