// Why: the single place that turns argv into a command run and a process exit code, so every
// command shares help, flag checking and the bad-input contract: a one-line message on
// stderr naming the problem and where, exit code 2, and nothing on stdout.
// How: dispatch on argv[0] through the registry; the command's stdout is buffered and only
// flushed on success. InputError / UsageError → exit 2; anything else → exit 1.
import { InputError } from "../economics/errors.js";
import { type CommandIO, UsageError } from "./command.js";
import { parseArgs } from "./args.js";
import { commandHelp, globalHelp } from "./help.js";
import { getCommand, listCommands } from "./registry.js";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly cwd: string;
}

/** Collapse any message to one line. */
function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}

/** `jetpack epoch advance …` is `jetpack epoch-advance …` (two-word commands). */
function joinSubcommand(argv: readonly string[]): readonly string[] {
  const [a, b, ...rest] = argv;
  if (a !== undefined && b !== undefined && !b.startsWith("-") && !getCommand(a) && getCommand(`${a}-${b}`)) return [`${a}-${b}`, ...rest];
  if (a === "help" && b !== undefined && rest[0] !== undefined && !getCommand(b) && getCommand(`${b}-${rest[0]}`)) return ["help", `${b}-${rest[0]}`, ...rest.slice(1)];
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
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { name: string; version: string };
    io.stdout(`${pkg.name} ${pkg.version}\n`);
    return 0;
  }
  if (name === "help") {
    const target = rest[0] === undefined ? undefined : getCommand(rest[0]);
    if (rest[0] !== undefined && !target) {
      io.stderr(`jetpack: error: unknown command ${JSON.stringify(rest[0])} (see jetpack --help)\n`);
      return 2;
    }
    io.stdout(target ? commandHelp(target) : globalHelp(listCommands()));
    return 0;
  }
  const command = getCommand(name);
  if (!command) {
    const what = name.startsWith("-") ? `unknown flag ${name}` : `unknown command ${JSON.stringify(name)}`;
    io.stderr(`jetpack: error: ${what} (see jetpack --help)\n`);
    return 2;
  }
  let buffered: string[] = [];
  try {
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
      io.stderr(`jetpack ${command.name}: error: ${oneLine(e.message)}\n`);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.stderr(`jetpack ${command.name}: internal error: ${oneLine(msg)}\n`);
    if (process.env.JETPACK_DEBUG && e instanceof Error && e.stack) io.stderr(e.stack + "\n");
    return 1;
  }
}
