// Why: every `jetpack` sub-command (the economics ones here, chain ones added later by other
// modules) must parse flags, print help and report bad input the same way. A command is
// therefore plain data (name, summary, flags) plus a run function; the router (run.ts)
// does everything else.
//
// How: a command module exports a `Command`. run() receives the parsed flags and an IO
// object; it writes its result with io.out() (buffered: nothing reaches stdout unless the
// command succeeds) and may stream progress with io.err(). It reports bad input by throwing
// UsageError or economics' InputError (→ one line on stderr, exit code 2).

export type FlagType = "boolean" | "string" | "integer";

export interface FlagSpec {
  /** Long name without dashes: "from" → --from. */
  readonly name: string;
  readonly type: FlagType;
  /** One line for --help. */
  readonly description: string;
  /** Placeholder for the value in --help ("N", "FILE"); not used for booleans. */
  readonly value?: string;
  readonly required?: boolean;
}

export interface CommandIO {
  /** Result text (stdout); buffered until the command succeeds. */
  out(text: string): void;
  /** Diagnostics / progress (stderr); written immediately. */
  err(text: string): void;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
}

export interface Command {
  readonly name: string;
  /** One line for `jetpack --help`. */
  readonly summary: string;
  /** Paragraph(s) for `jetpack <name> --help`. */
  readonly description?: string;
  readonly flags: readonly FlagSpec[];
  /** Example invocations for --help (without the leading "jetpack "). */
  readonly examples?: readonly string[];
  run(args: ParsedArgs, io: CommandIO): void | Promise<void>;
}

/** Bad usage or bad input: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The parsed command line of one command. */
export class ParsedArgs {
  constructor(
    private readonly values: ReadonlyMap<string, string | number | boolean>,
    readonly argv: readonly string[],
  ) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  boolean(name: string): boolean {
    return this.values.get(name) === true;
  }

  string(name: string): string | undefined {
    const v = this.values.get(name);
    return typeof v === "string" ? v : undefined;
  }

  integer(name: string): number | undefined {
    const v = this.values.get(name);
    return typeof v === "number" ? v : undefined;
  }

  /** The value of a flag declared `required` (the parser has already checked it is there). */
  requireString(name: string): string {
    const v = this.string(name);
    if (v === undefined) throw new UsageError(`missing required flag --${name}`);
    return v;
  }
}
