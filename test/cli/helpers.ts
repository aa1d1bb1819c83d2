// Why: CLI tests run the router in-process (fast) or spawn the real executable (for the
// exit-code contract). How: both capture stdout, stderr and the exit code.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { registerBuiltinCommands } from "../../offchain/cli/commands/index.js";
import { runCli } from "../../offchain/cli/run.js";

export const REPO = resolve(import.meta.dirname, "../..");
export const FIXTURES = join(REPO, "test/cli/fixtures");

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `jetpack …argv` in this process. */
export async function cli(argv: string[], cwd = REPO): Promise<Outcome> {
  registerBuiltinCommands();
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd });
  return { code, stdout, stderr };
}

/** Spawns `node bin/jetpack.js …argv` as a real process. */
export function spawnCli(argv: string[], cwd = REPO): Promise<Outcome> {
  return new Promise((done) => {
    execFile(process.execPath, [join(REPO, "bin/jetpack.js"), ...argv], { cwd, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** A fresh temp directory holding `files` (name → JSON value or raw text). */
export function tempDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "jetpack-cli-"));
  for (const [name, v] of Object.entries(files)) writeFileSync(join(dir, name), typeof v === "string" ? v : JSON.stringify(v));
  return dir;
}

/** The spec's epoch-1 allocate input, to be broken by each test. */
export function epoch1Input(): { fTotalPack: unknown; weightsBps?: unknown; services: Record<string, unknown>[] } {
  return {
    fTotalPack: "3479788700063",
    services: [
      { id: "A", m1: 500, m2: 150, m3: 200 },
      { id: "B", m1: 300, m2: 200, m3: 100 },
      { id: "C", m1: 200, m2: 150, m3: 700 },
    ],
  };
}
