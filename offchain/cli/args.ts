// Why: one strict flag parser for every command, so unknown flags, missing values and
// malformed numbers are reported identically (one line, exit 2) everywhere.
// How: GNU-style long flags only: `--name value` or `--name=value`; boolean flags take no
// value; `--help`/`-h` is always accepted; `--` ends flag parsing. No positional arguments.
import { type Command, ParsedArgs, UsageError } from "./command.js";

/** Parse argv (after the command name) against the command's flags. `help` → true when asked. */
export function parseArgs(command: Command, argv: readonly string[]): { args: ParsedArgs; help: boolean } {
  const values = new Map<string, string | number | boolean>();
  const hint = `(see jetpack ${command.name} --help)`;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    if (tok === "--help" || tok === "-h") {
      help = true;
      continue;
    }
    if (tok === "--") {
      if (i + 1 < argv.length) throw new UsageError(`unexpected argument ${JSON.stringify(argv[i + 1])} ${hint}`);
      break;
    }
    if (!tok.startsWith("--")) throw new UsageError(`unexpected argument ${JSON.stringify(tok)} ${hint}`);
    const eq = tok.indexOf("=");
    const name = tok.slice(2, eq < 0 ? undefined : eq);
    const spec = command.flags.find((f) => f.name === name);
    if (!spec) throw new UsageError(`unknown flag --${name} ${hint}`);
    if (values.has(name)) throw new UsageError(`flag --${name} given twice`);
    if (spec.type === "boolean") {
      if (eq >= 0) throw new UsageError(`flag --${name} takes no value`);
      values.set(name, true);
      continue;
    }
    let raw: string;
    if (eq >= 0) raw = tok.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`flag --${name} needs a value ${spec.value ?? ""}`.trimEnd());
      raw = next;
      i++;
    }
    if (spec.type === "integer") {
      if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw new UsageError(`flag --${name}: expected an integer, got ${JSON.stringify(raw)}`);
      values.set(name, Number(raw));
    } else {
      if (raw === "") throw new UsageError(`flag --${name}: empty value`);
      values.set(name, raw);
    }
  }
  if (!help) {
    for (const f of command.flags) if (f.required && !values.has(f.name)) throw new UsageError(`missing required flag --${f.name} ${hint}`);
  }
  return { args: new ParsedArgs(values, argv), help };
}
