// Why: other parts of the project (chain operations, devnet tooling) add `jetpack` commands
// later without touching the router; and a command's module (with what it imports: Lucid,
// the UPLC machine, …) must only load when that command runs, so `jetpack --help` and the
// economics commands start in a fraction of a second.
// How: a module-level registry keyed by command name, holding either a Command or a
// LazyCommand (name + summary + load()); offchain/cli/commands/index.ts registers the
// built-in ones lazily; anyone may call registerCommand() before runCli().
import { type Command } from "./command.js";

/** A command known by its name and summary (enough for `jetpack --help`); load() imports it. */
export interface LazyCommand {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

export type CommandEntry = Command | LazyCommand;

const commands = new Map<string, CommandEntry>();

function isLazy(entry: CommandEntry): entry is LazyCommand {
  return typeof (entry as LazyCommand).load === "function" && !("run" in entry);
}

function checkFlags(command: Command): void {
  const seen = new Set<string>();
  for (const f of command.flags) {
    if (f.name === "help" || seen.has(f.name)) throw new Error(`command ${command.name}: flag --${f.name} is reserved or duplicated`);
    seen.add(f.name);
  }
}

/** Adds a command (or a lazily loaded one); a second command with the same name is an error. */
export function registerCommand(command: CommandEntry): void {
  if (!/^[a-z][a-z0-9-]*$/.test(command.name)) throw new Error(`invalid command name ${JSON.stringify(command.name)}`);
  if (commands.has(command.name)) throw new Error(`command ${command.name} is already registered`);
  if (!isLazy(command)) checkFlags(command);
  commands.set(command.name, command);
}

export function getCommand(name: string): CommandEntry | undefined {
  return commands.get(name);
}

/** Registered commands, sorted by name (lazy ones not loaded). */
export function listCommands(): CommandEntry[] {
  return [...commands.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The Command of an entry, importing its module if it is a LazyCommand. */
export async function loadCommand(entry: CommandEntry): Promise<Command> {
  if (!isLazy(entry)) return entry;
  const command = await entry.load();
  if (command.name !== entry.name) throw new Error(`command ${entry.name}: its module defines ${JSON.stringify(command.name)}`);
  checkFlags(command);
  return command;
}
