// Why: the single place that turns argv into a command run and a process exit code, so every
// command shares help, flag checking and the bad-input contract: a one-line message on
// stderr naming the problem and where, exit code 2, and nothing on stdout.
// How: dispatch on argv[0] through the registry (a lazy command's module is imported only when it
// runs or shows its help); the command's stdout is buffered and only
// flushed on success. InputError / UsageError → exit 2; anything else → exit 1.
import { InputError } from "../economics/errors.js";
import { type CommandIO, UsageError } from "./command.js";
import { parseArgs } from "./args.js";
import { commandHelp, globalHelp } from "./help.js";
import { getCommand, listCommands, loadCommand } from "./registry.js";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly cwd: string;
}

/** Collapse any message to one line. */
function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * `jetpack epoch advance …` is `jetpack epoch-advance …` (two-word commands), also where the
 * first word is a command itself (`jetpack devnet time` — commands take no positional
 * argument, so the second word can only name the subcommand).
 */
function joinSubcommand(argv: readonly string[]): readonly string[] {
  const [a, b, ...rest] = argv;
  if (a !== undefined && b !== undefined && !b.startsWith("-") && getCommand(`${a}-${b}`)) return [`${a}-${b}`, ...rest];
  if (a === "help" && b !== undefined && rest[0] !== undefined && getCommand(`${b}-${rest[0]}`)) return ["help", `${b}-${rest[0]}`, ...rest.slice(1)];
  return argv;
}

/** Runs `jetpack <argv…>`; returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  argv = joinSubcommand(argv);
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(globalHelp(listCommands()));
    return 2;
  }
  if (name === "--help" || name === "-h") {
    io.stdout(globalHelp(listCommands()));
    return 0;
  }
  if (name === "--version" || name === "-V") {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { REPO_ROOT } = await import("../blueprint.js"); // the package root, from offchain/ or dist/esm/
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { name: string; version: string };
    io.stdout(`${pkg.name} ${pkg.version}\n`);
    return 0;
  }
  if (name === "help") {
    const target = rest[0] === undefined ? undefined : getCommand(rest[0]);
    if (rest[0] !== undefined && !target) {
      io.stderr(`jetpack: error: unknown command ${JSON.stringify(rest[0])} (see jetpack --help)\n`);
      return 2;
    }
    if (!target) {
      io.stdout(globalHelp(listCommands()));
      return 0;
    }
    try {
      io.stdout(commandHelp(await loadCommand(target)));
      return 0;
    } catch (e) {
      return internalError(target.name, e, io);
    }
  }
  const entry = getCommand(name);
  if (!entry) {
    const what = name.startsWith("-") ? `unknown flag ${name}` : `unknown command ${JSON.stringify(name)}`;
    io.stderr(`jetpack: error: ${what} (see jetpack --help)\n`);
    return 2;
  }
  let buffered: string[] = [];
  try {
    const command = await loadCommand(entry); // imports the command's module (and what it needs) only now
    const { args, help } = parseArgs(command, rest);
    if (help) {
      io.stdout(commandHelp(command));
      return 0;
    }
    const cio: CommandIO = { out: (t) => void buffered.push(t), err: (t) => io.stderr(t), cwd: io.cwd };
    await command.run(args, cio);
    if (buffered.length) io.stdout(buffered.join(""));
    return 0;
  } catch (e) {
    buffered = [];
    if (e instanceof UsageError || e instanceof InputError) {
      io.stderr(`jetpack ${entry.name}: error: ${oneLine(e.message)}\n`);
      return 2;
    }
    return internalError(entry.name, e, io);
  }
}

/**
 * Anything but bad input: one line on stderr (the stack with JETPACK_DEBUG set), exit code 1.
 * A ChainError (a provider that cannot be reached, a transaction the chain refused or did not
 * confirm) is the chain's problem, not a bug: it says "chain error". An error named "Rejected"
 * (a check that failed, e.g. \`payments verify\`) says "rejected".
 */
function internalError(name: string, e: unknown, io: CliIO): number {
  const msg = e instanceof Error ? e.message : String(e);
  const kind = e instanceof Error && e.name === "ChainError" ? "chain error" : e instanceof Error && e.name === "Rejected" ? "rejected" : "internal error";
  io.stderr(`jetpack ${name}: ${kind}: ${oneLine(msg)}\n`);
  if (process.env.JETPACK_DEBUG && e instanceof Error && e.stack) io.stderr(e.stack + "\n");
  return 1;
}
