// Why: `jetpack --help` and `jetpack <command> --help` must describe every flag; generating
// both from the command definitions keeps help and parser from drifting apart.
// How: plain text, 80 columns, flags aligned.
import { type Command, type FlagSpec } from "./command.js";

function flagUsage(f: FlagSpec): string {
  const v = f.type === "boolean" ? `--${f.name}` : `--${f.name} ${f.value ?? (f.type === "integer" ? "N" : "VALUE")}`;
  return f.required ? v : `[${v}]`;
}

export function commandHelp(c: Command): string {
  const lines = [`Usage: jetpack ${c.name}${c.flags.map((f) => " " + flagUsage(f)).join("")}`, "", c.summary];
  if (c.description) lines.push("", c.description.trim());
  const rows = [
    ...c.flags.map((f) => [f.type === "boolean" ? `--${f.name}` : `--${f.name} ${f.value ?? "VALUE"}`, f.description + (f.required ? " (required)" : "")]),
    ["-h, --help", "show this help"],
  ];
  const w = Math.max(...rows.map((r) => r[0]!.length));
  lines.push("", "Flags:", ...rows.map(([a, b]) => `  ${a!.padEnd(w)}  ${b}`));
  if (c.examples?.length) lines.push("", "Examples:", ...c.examples.map((e) => `  jetpack ${e}`));
  return lines.join("\n") + "\n";
}

export function globalHelp(commands: readonly Pick<Command, "name" | "summary">[]): string {
  const w = Math.max(0, ...commands.map((c) => c.name.length));
  return [
    "Usage: jetpack <command> [flags]",
    "",
    "JetPack: the Jet token emission protocol on Cardano — exact economics and SDK tools.",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    "",
    "Flags:",
    "  -h, --help  show help (also: jetpack <command> --help, jetpack help <command>)",
    "",
    "Exit codes: 0 success, 2 bad usage or bad input (one line on stderr), 1 internal error.",
    "Amounts: each flag says its unit: Jet (up to 6 decimals) or Pack (integer; 1 Jet = 1,000,000 Pack),",
    "ADA or lovelace (1 ADA = 1,000,000 lovelace); --json prints Pack and lovelace as decimal strings.",
    "",
  ].join("\n");
}
