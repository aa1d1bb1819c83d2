// Why: one command (`npm run bench`) that measures what matters for performance and prints a
// single JSON object, so results can be compared across machines and commits.
// How: a list of sections, each { name, run(options) → JSON value }, run in order; the output
// is { node, platform, cpus, date, sections: { <name>: … } }. To add a section, write
// bench/<name>.ts exporting a BenchSection and add it to loadSections() below (imported
// lazily, so one section's heavy dependencies never slow down another).
// Flags: --only a,b (run only these sections), --quick (fewer runs, smaller cases).
import { cpus, loadavg, totalmem } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface BenchOptions {
  readonly quick: boolean;
}

export interface BenchSection {
  readonly name: string;
  run(options: BenchOptions): Promise<unknown>;
}

/** Median of a non-empty list of timings. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

async function loadSections(): Promise<BenchSection[]> {
  const { economicsSection } = await import("./economics.js");
  const { onchainSection } = await import("./onchain.js");
  const { chainSection } = await import("./chain.js");
  const { startupSection } = await import("./startup.js");
  const { governanceSection } = await import("./governance.js");
  const { exchangeSection } = await import("./exchange.js");
  return [economicsSection, onchainSection, chainSection, governanceSection, exchangeSection, startupSection];
}

async function main(argv: string[]): Promise<number> {
  let only: string[] | undefined;
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--quick") quick = true;
    else if (a === "--only" && argv[i + 1]) only = argv[++i]!.split(",");
    else if (a.startsWith("--only=")) only = a.slice(7).split(",");
    else {
      process.stderr.write(`bench: error: unknown argument ${JSON.stringify(a)} (flags: --only a,b  --quick)\n`);
      return 2;
    }
  }
  const sections = (await loadSections()).filter((s) => !only || only.includes(s.name));
  if (only) {
    const unknown = only.filter((n) => !sections.some((s) => s.name === n));
    if (unknown.length) {
      process.stderr.write(`bench: error: unknown section ${unknown.join(", ")}\n`);
      return 2;
    }
  }
  const loadBefore = loadavg()[0]!;
  const results: Record<string, unknown> = {};
  for (const s of sections) {
    process.stderr.write(`bench: running ${s.name}…\n`);
    results[s.name] = await s.run({ quick });
  }
  const out = {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    totalMemMb: Math.round(totalmem() / 2 ** 20),
    date: new Date().toISOString(),
    // 1-minute load average before and after: timings are only comparable on a quiet machine
    loadAverage: { before: round2(loadBefore), after: round2(loadavg()[0]!) },
    quick,
    sections: results,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + "\n");
  return 0;
}

// Run only as the entry point (bench sections import median() from here).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
