// Why: other parts of the project (chain operations, devnet tooling) add `jetpack` commands
// later without touching the router. How: a module-level registry keyed by command name;
// offchain/cli/commands/index.ts registers the built-in ones; anyone may call
// registerCommand() before runCli().
import { type Command } from "./command.js";

const commands = new Map<string, Command>();

/** Adds a command; a second command with the same name is an error. */
export function registerCommand(command: Command): void {
  if (!/^[a-z][a-z0-9-]*$/.test(command.name)) throw new Error(`invalid command name ${JSON.stringify(command.name)}`);
  if (commands.has(command.name)) throw new Error(`command ${command.name} is already registered`);
  const seen = new Set<string>();
  for (const f of command.flags) {
    if (f.name === "help" || seen.has(f.name)) throw new Error(`command ${command.name}: flag --${f.name} is reserved or duplicated`);
    seen.add(f.name);
  }
  commands.set(command.name, command);
}

export function getCommand(name: string): Command | undefined {
  return commands.get(name);
}

/** Registered commands, sorted by name. */
export function listCommands(): Command[] {
  return [...commands.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}
