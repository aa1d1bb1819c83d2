/**
 * `jetpack devnet-time`: shows the running devnet's chain time, or moves it forward.
 *
 * Why: on the devnet, epochs (5 days) and claim windows pass only when someone moves the
 * clock; tests did it through the HTTP control endpoint, operators trying the CLI had no
 * command for it. How: reads the devnet file (`.devnet/devnet.json`, or --devnet /
 * JETPACK_DEVNET, as every chain command does), then `GET /devnet/info` or
 * `POST /devnet/advance` (offchain/devnet/client.ts). Without --advance/--to it only shows.
 */
import { type Command, UsageError } from "../cli/command.js";
import { json as jsonText } from "../cli/format.js";
import { guarded, JSON_FLAG, makeCtx } from "../net/cli.js";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, epoch: 432_000_000, epochs: 432_000_000 };

/** "5d", "90m", "1epoch", "3600000" (ms) → milliseconds; null when malformed. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+)\s*(ms|s|m|h|d|epochs?)?$/.exec(text.trim());
  if (!m) return null;
  const ms = Number(m[1]) * UNITS[m[2] ?? "ms"]!;
  return Number.isSafeInteger(ms) ? ms : null;
}

export const devnetTimeCommand: Command = {
  name: "devnet-time",
  summary: "show the local devnet's chain time, or move it forward (--advance 5d, --to TIME)",
  description: `Reads the devnet file (default .devnet/devnet.json; --devnet FILE or JETPACK_DEVNET) and prints the
devnet's chain time, slot and tip. --advance DURATION moves chain time forward (ms, or with a unit: s, m,
h, d, epoch — one JetPack epoch is 5 days) and produces a block, confirming pending transactions; --to TIME
(ISO-8601 UTC or POSIX ms) moves it to that time. Time never goes back.`,
  flags: [
    { name: "advance", type: "string", value: "DURATION", description: "move chain time forward by DURATION: 5d, 12h, 1epoch, or ms (60000)" },
    { name: "to", type: "string", value: "TIME", description: "move chain time to TIME (ISO-8601 UTC or POSIX ms)" },
    { name: "devnet", type: "string", value: "FILE", description: "the devnet file (default .devnet/devnet.json)" },
    JSON_FLAG,
  ],
  examples: ["devnet-time", "devnet-time --advance 1epoch", "devnet-time --to 2027-01-01T00:00:00Z --json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const adv = args.string("advance");
      const to = args.string("to");
      if (adv !== undefined && to !== undefined) throw new UsageError("give --advance or --to, not both");
      let by: { ms: number } | { toTime: number } | undefined;
      if (adv !== undefined) {
        const ms = parseDuration(adv);
        if (ms === null) throw new UsageError(`flag --advance: expected a duration such as 5d, 12h, 1epoch or 60000 (ms), got ${JSON.stringify(adv)}`);
        by = { ms };
      } else if (to !== undefined) {
        const t = /^\d+$/.test(to) ? Number(to) : Date.parse(to);
        if (!Number.isSafeInteger(t)) throw new UsageError(`flag --to: expected ISO-8601 UTC or POSIX ms, got ${JSON.stringify(to)}`);
        by = { toTime: t };
      }
      const { readDevnetFile } = await import("../net/network.js");
      const d = readDevnetFile(args.string("devnet") ?? ctx.env.JETPACK_DEVNET ?? ".devnet/devnet.json", io.cwd);
      const { devnetAdvance, devnetInfo } = await import("./client.js");
      const { ChainError } = await import("../net/network.js");
      let before: number | undefined;
      let info;
      try {
        if (by && "toTime" in by) {
          before = (await devnetInfo(d.url, d.projectId)).time;
          if (by.toTime < before) throw new UsageError(`flag --to: ${new Date(by.toTime).toISOString()} is before the chain's time ${new Date(before).toISOString()}; time never goes back`);
        }
        info = by ? await devnetAdvance(d.url, d.projectId, by) : await devnetInfo(d.url, d.projectId);
      } catch (e) {
        if (e instanceof UsageError) throw e;
        throw new ChainError(`devnet ${d.url}: ${(e as Error).message.split("\n")[0]}`);
      }
      const facts = { time: info.time, timeIso: new Date(info.time).toISOString(), slot: info.slot, clock: info.clock, tip: info.tip, pending: info.pending, ...(by ? { advancedMs: "ms" in by ? by.ms : by.toTime - before! } : {}) };
      if (ctx.json) io.out(jsonText(facts));
      else io.out(`${by ? "moved: " : ""}chain time ${facts.timeIso} (slot ${info.slot}, ${info.clock} clock); tip at height ${info.tip.height}${info.pending ? `, ${info.pending} pending` : ""}\n`);
    }),
};
