// Why: every `jetpack` run pays its start-up, and operators run many short commands. Target
// (2-core machine): `jetpack --help` and `jetpack schedule --to 3` in ≤ 0.5 s; chain
// commands load Lucid, and only they (docs/package.md).
//
// How: measures what an installed package runs — the compiled CLI (dist/esm/) through
// bin/jetpack.js with JETPACK_CLI=dist — not the tsx development path. dist/ is built first
// (`npm run build:pkg`, ~40 s) when it is missing or older than a source file in offchain/.
// Each case is one discarded warm-up run (file cache) and then 5 cold starts, each its own
// process; the section reports their median wall time next to `node -e 0`, the floor.
//   npm run bench -- --only startup
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { BenchSection } from "./main.js"; // type only: main.ts is the entry point

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin/jetpack.js");
const MAIN = join(ROOT, "dist/esm/cli/main.js");
const RUNS = 5;
const TARGET_MS = 500;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Newest modification time (ms) of the files under `dir` ending in `ext`. */
function newest(dir: string, ext: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p, ext));
    else if (e.name.endsWith(ext)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/ unless it is there and newer than every offchain/ source. Returns why it built, or null. */
function ensureBuilt(): string | null {
  const why = !existsSync(MAIN) ? "dist/ missing" : statSync(MAIN).mtimeMs < newest(join(ROOT, "offchain"), ".ts") ? "dist/ older than offchain/" : null;
  if (why) {
    process.stderr.write(`bench startup: ${why}: npm run build:pkg…\n`);
    execFileSync("npm", ["run", "-s", "build:pkg"], { cwd: ROOT, stdio: ["ignore", process.stderr, process.stderr] });
  }
  return why;
}

interface Case {
  name: string;
  argv: string[];
  cwd?: string;
}

function once(c: Case): Promise<{ ms: number; code: number }> {
  return new Promise((done) => {
    const t0 = process.hrtime.bigint();
    execFile(process.execPath, c.argv, { cwd: c.cwd ?? ROOT, env: { ...process.env, JETPACK_CLI: "dist" }, maxBuffer: 16 << 20 }, (err) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      done({ ms, code: err ? (typeof err.code === "number" ? err.code : 1) : 0 });
    });
  });
}

async function measure(c: Case): Promise<{ medianMs: number; runsMs: number[]; exitCode: number }> {
  await once(c); // warm-up: file-system cache
  const runs: { ms: number; code: number }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(c));
  return { medianMs: Math.round(median(runs.map((r) => r.ms))), runsMs: runs.map((r) => Math.round(r.ms)), exitCode: runs[0]!.code };
}

export const startupSection: BenchSection = {
  name: "startup",
  async run() {
    const built = ensureBuilt();
    const empty = mkdtempSync(join(tmpdir(), "jetpack-startup-")); // no deployment file there
    try {
      const cases: Case[] = [
        { name: "node -e 0", argv: ["-e", "0"] },
        { name: "jetpack --help", argv: [BIN, "--help"] },
        { name: "jetpack schedule --to 3", argv: [BIN, "schedule", "--to", "3"] },
        { name: "jetpack status --help", argv: [BIN, "status", "--help"] },
        { name: "jetpack status (no deployment file: exit 2)", argv: [BIN, "status", "--network", "local"], cwd: empty },
      ];
      const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
      for (const c of cases) {
        process.stderr.write(`bench startup: ${c.name}…\n`);
        results[c.name] = await measure(c);
      }
      const fast = ["jetpack --help", "jetpack schedule --to 3"].map((n) => results[n]!.medianMs);
      return {
        cli: "compiled (dist/esm via bin/jetpack.js, JETPACK_CLI=dist)",
        builtFirst: built,
        runs: RUNS,
        cases: results,
        targetMs: TARGET_MS,
        withinTarget: fast.every((ms) => ms <= TARGET_MS),
      };
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  },
};
