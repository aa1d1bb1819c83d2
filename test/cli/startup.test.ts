// Why: `jetpack --help` and the economics commands start in a fraction of a second (median
// of 5 cold starts: `npm run bench -- --only startup`; docs/package.md) only while the router
// and those commands import no chain library. A stray top-level import in the registry or in
// a module they load would silently bring back seconds of start-up.
// `jetpack <command> --help` must not load them either, for every command: help is read
// from the command's module, so a chain command's module (and what it imports at top level:
// net/cli.ts, govshared.ts, …) must keep Lucid & co. inside run().
// How: runs the real bin (bin/jetpack.js) with a module-resolution hook that refuses Lucid,
// the UPLC machines, libsodium and noble: any import of them fails the run. A control run
// shows that the hook does refuse them. The every-command check runs the router (runCli, as
// bin/jetpack.js does) once per command in one guarded process: one tsx start instead of 50.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_COMMANDS } from "../../offchain/cli/commands/index.js";
import { FIXTURES, REPO } from "./helpers.js";

const HEAVY = ["@lucid-evolution/", "@anastasia-labs/", "@harmoniclabs/", "libsodium", "@noble/"];
const HOOKS = `export async function resolve(specifier, context, next) {
  if (${JSON.stringify(HEAVY)}.some((p) => specifier.startsWith(p))) throw new Error("refused at start-up: " + specifier + " (imported by " + context.parentURL + ")");
  return next(specifier, context);
}`;
const REGISTER = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`;
const GUARD = ["--import", `data:text/javascript,${encodeURIComponent(REGISTER)}`];

function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile(process.execPath, [...GUARD, ...argv], { cwd: REPO, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      done({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    ),
  );
}

describe("start-up: the router and the economics commands load no chain library", () => {
  const BIN = join(REPO, "bin/jetpack.js");
  for (const argv of [["--help"], ["schedule", "--to", "3"], ["help", "schedule"], ["allocate", "--input", join(FIXTURES, "epoch1.json")], ["--version"]]) {
    it(`jetpack ${argv.join(" ")}`, async () => {
      const r = await run([BIN, ...argv]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
    });
  }

  it("control: the hook refuses Lucid", async () => {
    const r = await run(["--input-type=module", "-e", `await import("@lucid-evolution/lucid")`]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("refused at start-up: @lucid-evolution/lucid");
  });
});

describe("start-up: `jetpack <command> --help` loads no chain library, for every command", () => {
  const url = (p: string) => JSON.stringify(pathToFileURL(join(REPO, p)).href);
  // What bin/jetpack.js does (tsx, register the commands, runCli), once per command.
  const SCRIPT = `import { register } from "tsx/esm/api"; register();
const { registerBuiltinCommands, BUILTIN_COMMANDS } = await import(${url("offchain/cli/commands/index.ts")});
const { runCli } = await import(${url("offchain/cli/run.ts")});
registerBuiltinCommands();
const results = {};
for (const c of BUILTIN_COMMANDS) {
  let stdout = "", stderr = "";
  const code = await runCli([c.name, "--help"], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: process.cwd() });
  results[c.name] = { code, stdout, stderr };
}
process.stdout.write(JSON.stringify(results));`;
  let results: Record<string, { code: number; stdout: string; stderr: string }> = {};
  beforeAll(async () => {
    const r = await run(["--input-type=module", "-e", SCRIPT]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    results = JSON.parse(r.stdout);
  });

  for (const c of BUILTIN_COMMANDS) {
    it(`jetpack ${c.name} --help`, () => {
      const r = results[c.name]!;
      expect(r.stderr).toBe(""); // a refused import shows here: "internal error: refused at start-up: …"
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: jetpack ${c.name}`);
      expect(r.stdout).toContain(c.summary);
    });
  }

  it("through the real bin too: jetpack reward --help", async () => {
    const r = await run([join(REPO, "bin/jetpack.js"), "reward", "--help"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: jetpack reward");
  });
});
