// Why: the `jetpack` executable (bin/jetpack.js and `npm run jetpack` both land here; the
// installed package runs its compiled twin, dist/esm/cli/main.js, with plain node).
// How: register the built-in commands (lazily: no command module loads before it runs, see
// commands/index.ts), run the router on process.argv, set the exit code (process.exitCode,
// not process.exit(), so large outputs are fully flushed to pipes).
import { registerBuiltinCommands } from "./commands/index.js";
import { runCli } from "./run.js";

process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0); // reader went away (e.g. `| head`)
  throw e;
});

registerBuiltinCommands();
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  cwd: process.cwd(),
});
