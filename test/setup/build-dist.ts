// Vitest global setup: (re)builds dist/ — the compiled package, what `npm install` users
// run — when it is missing or older than any SDK or CLI source, so the end-to-end tests run
// the `jetpack` processes as an installed package does (bin/jetpack.js with JETPACK_CLI=dist,
// set by test/workflow/helpers.ts): plain node, no TypeScript compiled at each start. That
// halves every process's start-up (≈ 4 s → 2 s on 2 loaded cores) over the few hundred
// processes the workflow tests start. The source path (tsx) stays covered by the in-process
// CLI tests and test/cli/startup.test.ts.
//
// A failing build fails every test that starts a process, with the build's message.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { newestMtime } from "./build-traced.js";
import { join, resolve } from "node:path";

const REPO = resolve(import.meta.dirname, "../..");
const MAIN = join(REPO, "dist/esm/cli/main.js");

export function distIsFresh(): boolean {
  if (!existsSync(MAIN)) return false;
  const sources = Math.max(...["offchain", "plutus.json", "plutus.exports.json", "package.json", "tsconfig.esm.json", "tsconfig.cjs.json", "scripts/build-pkg.ts"].map((p) => newestMtime(join(REPO, p))));
  return statSync(MAIN).mtimeMs >= sources;
}

export default function setup(): void {
  if (distIsFresh()) return;
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "scripts/build-pkg.ts")], { cwd: REPO, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`global setup: npm run build:pkg failed (exit ${r.status}):\n${r.stderr}`);
  process.stderr.write(`global setup: built dist/ in ${Date.now() - t0} ms\n`);
}
