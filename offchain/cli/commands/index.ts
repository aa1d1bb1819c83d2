// Why: the list of built-in `jetpack` commands. How: to add a command, create
// offchain/cli/commands/<name>.ts exporting a Command and add it to BUILTIN_COMMANDS below
// (or call registerCommand() from your own entry point before runCli()). Keep heavy imports
// (chain libraries) inside run() via `await import(...)`, so `jetpack --help` stays fast.
import { type Command } from "../command.js";
import { registerCommand, getCommand } from "../registry.js";
import { allocateCommand } from "./allocate.js";
import { crosscheckCommand } from "./crosscheck.js";
import { demoCommand } from "./demo.js";
import { devnetCommand } from "../../devnet/cli.js";
import { initCommand } from "./init.js";
import { statusCommand } from "./status.js";
import { epochAdvanceCommand } from "./epoch.js";
import { claimCommand } from "./claim.js";
import { rewardCommand } from "./reward.js";
import { locksCommand } from "./locks.js";
import { sweepCommand } from "./sweep.js";
import { configShowCommand, configUpdateCommand } from "./config.js";
import { txSignCommand, txSubmitCommand } from "./tx.js";
import { reportCommand } from "./report.js";
import { scheduleCommand } from "./schedule.js";
import { simulateCommand } from "./simulate.js";

export const BUILTIN_COMMANDS: readonly Command[] = [scheduleCommand, allocateCommand, simulateCommand, demoCommand, crosscheckCommand, devnetCommand, reportCommand, initCommand, statusCommand, epochAdvanceCommand, claimCommand, rewardCommand, locksCommand, sweepCommand, configShowCommand, configUpdateCommand, txSignCommand, txSubmitCommand];

/** Registers the built-in commands (idempotent). */
export function registerBuiltinCommands(): void {
  for (const c of BUILTIN_COMMANDS) if (getCommand(c.name) !== c) registerCommand(c);
}
