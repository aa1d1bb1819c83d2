// Why: `npm run demo` is the project's "main job" on a fresh machine: it must show, with no
// setup, what JetPack computes. Until the chain exists it prints the emission schedule
// (head and tail) and the spec's worked two-epoch allocation; the on-chain scenario will be
// added later as another section.
// How: the demo is a list of sections run in order; other modules add theirs with
// addDemoSection() (before runCli) — e.g. a devnet scenario — without editing this file.
import { EPOCHS, TOTAL_SUPPLY_PACK, cumulativePack, emissionA } from "../../economics/emission.js";
import { SPEC_TWO_EPOCH_SCENARIO } from "../../economics/examples.js";
import { simulate } from "../../economics/simulate.js";
import { type Command, type CommandIO, type ParsedArgs } from "../command.js";
import { jet, json } from "../format.js";
import { scheduleRows, scheduleTableText } from "./schedule.js";
import { simulationJson, simulationText } from "./simulate.js";

export interface DemoSection {
  /** Key in --json output, e.g. "schedule". */
  readonly key: string;
  readonly title: string;
  /** Returns the section's text and its JSON value. */
  run(args: ParsedArgs, io: CommandIO): Promise<{ text: string; json: unknown }> | { text: string; json: unknown };
}

const sections: DemoSection[] = [];

/** Appends a section to the demo. */
export function addDemoSection(section: DemoSection): void {
  if (sections.some((s) => s.key === section.key)) throw new Error(`demo section ${section.key} already exists`);
  sections.push(section);
}

addDemoSection({
  key: "schedule",
  title: "Emission schedule (first and last three of 2,776 epochs)",
  run() {
    const head = scheduleRows(1, 3);
    const tail = scheduleRows(EPOCHS - 2, EPOCHS);
    const a = emissionA().toSignificantDigits(30).toString();
    const text =
      scheduleTableText([...head, ...tail]).replace(/\n(\s*2774 )/, "\n      …\n$1") +
      `\nA = 10^9 / Σ 1/ln(t+1) = ${a}… Jet\n` +
      `Σ of all ${EPOCHS} epochs = ${jet(cumulativePack(EPOCHS))} Jet (rounding: nearest Pack, epoch ${EPOCHS} takes the remainder)\n`;
    return { text, json: { A: emissionA().toString(), totalPack: TOTAL_SUPPLY_PACK.toString(), head, tail } };
  },
});

addDemoSection({
  key: "allocation",
  title: "Worked allocation: the spec's two epochs with carry-over",
  run() {
    const rs = simulate(SPEC_TWO_EPOCH_SCENARIO);
    return { text: simulationText(rs), json: simulationJson(rs) };
  },
});

addDemoSection({
  key: "chain",
  title: "On chain: the same scenario as transactions on a local Emulator",
  async run(_args, io) {
    const { chainDemo } = await import("../../demo/section.js");
    return chainDemo((line) => io.err(line + "\n"));
  },
});

export const demoCommand: Command = {
  name: "demo",
  summary: "show what JetPack computes and does on chain: schedule, worked allocation, Emulator scenario",
  description: "Runs every demo section in order: the schedule, the worked allocation, and the same scenario as real transactions on a local Emulator chain (genesis, two epochs, claims, rewards, sweep).",
  flags: [{ name: "json", type: "boolean", description: "machine-readable JSON: { <section>: … }" }],
  examples: ["demo", "demo --json"],
  async run(args, io) {
    const results: Record<string, unknown> = {};
    const texts: string[] = [];
    for (const s of sections) {
      const r = await s.run(args, io);
      results[s.key] = r.json;
      texts.push(`== ${s.title} ==\n\n${r.text}`);
    }
    io.out(args.boolean("json") ? json(results) : texts.join("\n"));
  },
};
