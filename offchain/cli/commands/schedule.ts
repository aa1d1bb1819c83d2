// Why: operators and integrators need the emission schedule (amount per epoch, start date,
// running total) without writing code. How: reads the cached exact schedule from
// economics/emission.ts and prints a slice of it as a table or as JSON.
import { EPOCHS, DEFAULT_GENESIS_MS, MAX_TAIL_EPOCH, emissionOrTailPack, epochStartDate, formatJet, scheduledThrough } from "../../economics/emission.js";
import { type Command, UsageError } from "../command.js";
import { jet, json, table } from "../format.js";

/** --genesis: YYYY-MM-DD, a full ISO-8601 UTC time, or POSIX milliseconds. */
export function parseGenesis(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_GENESIS_MS;
  if (/^\d+$/.test(raw)) {
    const ms = Number(raw);
    if (Number.isSafeInteger(ms)) return ms;
  } else if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/.test(raw)) {
    const ms = Date.parse(raw.length === 10 ? raw + "T00:00:00Z" : raw);
    if (Number.isSafeInteger(ms) && new Date(ms).toISOString().slice(0, 10) === raw.slice(0, 10)) return ms;
  }
  throw new UsageError(`flag --genesis: expected YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS]Z or POSIX milliseconds, got ${JSON.stringify(raw)}`);
}

export interface ScheduleRow {
  epoch: number;
  start: string;
  amountPack: string;
  amountJet: string;
  cumulativePack: string;
  /** Present (true) for the tail epochs after the last scheduled one: emission 0, only carry-over. */
  tail?: true;
}

/** The last epoch `schedule` prints: tail epochs follow 2776 while carry-over remains. */

export function scheduleRows(from: number, to: number, genesisMs: number = DEFAULT_GENESIS_MS): ScheduleRow[] {
  const rows: ScheduleRow[] = [];
  for (let t = from; t <= to; t++) {
    const amount = emissionOrTailPack(t);
    const row: ScheduleRow = { epoch: t, start: epochStartDate(t, genesisMs), amountPack: amount.toString(), amountJet: formatJet(amount), cumulativePack: scheduledThrough(t).toString() };
    if (t > EPOCHS) row.tail = true;
    rows.push(row);
  }
  return rows;
}

export function scheduleTableText(rows: readonly ScheduleRow[]): string {
  return table(
    ["epoch", "start", "amount (Jet)", "cumulative (Jet)"],
    rows.map((r) => [r.tail ? `${r.epoch} (tail)` : String(r.epoch), r.start, jet(BigInt(r.amountPack)), jet(BigInt(r.cumulativePack))]),
    ["right", "left", "right", "right"],
  );
}

export const scheduleCommand: Command = {
  name: "schedule",
  summary: "print the emission schedule: Jet per epoch, start dates, running totals",
  description: `Emission of epoch t is A/ln(t+1) Jet with A = 10^9 / Σ_{t=1..${EPOCHS}} 1/ln(t+1), rounded half up
to the nearest Pack (1 Jet = 1,000,000 Pack) for epochs 1…${EPOCHS - 1}; epoch ${EPOCHS} gets the
remainder, so all epochs sum to exactly 1,000,000,000 Jet. Epoch 1 starts at the genesis time;
epochs are 5 days apart. Tail epochs after ${EPOCHS} emit nothing: they distribute only what was
swept back (carry-over), until every scheduled Pack is minted and claimed.
--json prints [{ epoch, start, amountPack, amountJet, cumulativePack }], amounts as strings.`,
  flags: [
    { name: "from", type: "integer", value: "N", description: `first epoch to print (1…${EPOCHS}, default 1)` },
    { name: "to", type: "integer", value: "M", description: `last epoch to print (from…${MAX_TAIL_EPOCH}; past ${EPOCHS} the tail epochs; default ${EPOCHS})` },
    { name: "genesis", type: "string", value: "TIME", description: "start of epoch 1: YYYY-MM-DD, ISO UTC time or POSIX ms (default 2025-01-01)" },
    { name: "json", type: "boolean", description: "machine-readable JSON instead of a table" },
  ],
  examples: ["schedule --from 1 --to 3", "schedule --from 2774 --json", "schedule --genesis 2026-03-01 --to 10"],
  run(args, io) {
    const from = args.integer("from") ?? 1;
    const to = args.integer("to") ?? EPOCHS;
    if (from < 1 || from > MAX_TAIL_EPOCH) throw new UsageError(`flag --from: epoch must be in 1…${MAX_TAIL_EPOCH}, got ${from}`);
    if (to < from || to > MAX_TAIL_EPOCH) throw new UsageError(`flag --to: epoch must be in ${from}…${MAX_TAIL_EPOCH} (≥ --from), got ${to}`);
    const rows = scheduleRows(from, to, parseGenesis(args.string("genesis")));
    if (args.boolean("json")) {
      io.out(json(rows));
      return;
    }
    const sum = scheduledThrough(to) - scheduledThrough(from - 1);
    io.out(scheduleTableText(rows) + `\nepochs ${from}…${to}: ${jet(sum)} Jet of 1,000,000,000.000000\n`);
  },
};
