// Why: the allocation must stay fast enough for real epochs (target on a 2-core machine:
// 100,000 services ≤ 1 s, 1,000,000 ≤ 15 s in < 2 GB) and the schedule derivation cheap.
// These numbers are only meaningful measured cold and in isolation, so every case runs in
// its own child process.
//
// How: the section (run by bench/main.ts) spawns this file as a worker per case:
//   node --import tsx --expose-gc bench/economics.ts --worker schedule|allocate [n] [runs]
// The worker times `runs` repetitions (the schedule with caches reset in a fresh process
// each time; allocate() on the same deterministic input) and prints one JSON line with the
// timings and its peak RSS (includes the generated input). The section reports medians.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchSection } from "./main.js"; // type only: main.ts is the entry point

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const SELF = fileURLToPath(import.meta.url);

interface WorkerResult {
  timingsMs: number[];
  peakRssMb: number;
  [k: string]: unknown;
}

function runWorker(args: string[]): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", "--expose-gc", SELF, "--worker", ...args], { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`bench worker ${args.join(" ")} failed: ${stderr || err.message}`));
      const last = stdout.trim().split("\n").at(-1)!;
      resolve(JSON.parse(last) as WorkerResult);
    });
  });
}

/** Deterministic services: realistic metric ranges, ~10% exact duplicates (ties), some zeros. */
export function benchServices(n: number, seed = 0x5eed) {
  let s = seed >>> 0;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  const out: { id: string; m1: bigint; m2: bigint; m3: bigint }[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const id = `svc-${i.toString().padStart(7, "0")}`;
    const r = next();
    if (i > 0 && r % 10 === 0) {
      const o = out[next() % i]!;
      out[i] = { id, m1: o.m1, m2: o.m2, m3: o.m3 };
    } else if (r % 97 === 0) {
      out[i] = { id, m1: 0n, m2: 0n, m3: 0n };
    } else {
      // m1: Pack consumed (up to ~4,000 Jet), m2: votes, m3: unique users
      out[i] = { id, m1: BigInt(next()) * 1000n + BigInt(next() % 1000), m2: BigInt(next() % 10_000), m3: BigInt(next() % 1_000_000) };
    }
  }
  return out;
}

async function worker(argv: string[]): Promise<void> {
  const [what, nText, runsText] = argv;
  const gc = (globalThis as { gc?: () => void }).gc;
  const peak = () => Math.round(process.resourceUsage().maxRSS / 1024);
  if (what === "schedule") {
    const { scheduleTable, emissionA } = await import("../offchain/economics/emission.js");
    const t0 = performance.now();
    emissionA();
    const table = scheduleTable();
    const ms = performance.now() - t0;
    if (table.reduce((a, b) => a + b, 0n) !== 10n ** 15n) throw new Error("schedule does not sum to 10^15");
    console.log(JSON.stringify({ timingsMs: [ms], peakRssMb: peak() }));
    return;
  }
  if (what === "allocate") {
    const n = Number(nText);
    const runs = Number(runsText ?? 3);
    const { allocate } = await import("../offchain/economics/allocation.js");
    const { emissionPack } = await import("../offchain/economics/emission.js");
    const services = benchServices(n);
    const fTotalPack = emissionPack(1);
    const timingsMs: number[] = [];
    const cpuMs: number[] = [];
    let distributed = 0n;
    for (let r = 0; r < runs; r++) {
      gc?.();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = allocate({ fTotalPack, services });
      timingsMs.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpuMs.push((c.user + c.system) / 1000);
      distributed = res.distributedPack;
    }
    console.log(JSON.stringify({ timingsMs, cpuMs, peakRssMb: peak(), distributedPack: distributed.toString() }));
    return;
  }
  throw new Error(`unknown worker ${what}`);
}

const round = (x: number) => Math.round(x * 10) / 10;

export const economicsSection: BenchSection = {
  name: "economics",
  async run({ quick }) {
    const scheduleRuns = quick ? 2 : 5;
    const schedule: number[] = [];
    let schedulePeak = 0;
    for (let i = 0; i < scheduleRuns; i++) {
      const r = await runWorker(["schedule"]);
      schedule.push(r.timingsMs[0]!);
      schedulePeak = Math.max(schedulePeak, r.peakRssMb);
    }
    const cases: [number, number][] = quick ? [[10_000, 3], [100_000, 3]] : [[10_000, 7], [100_000, 5], [1_000_000, 3]];
    const allocate: Record<string, unknown> = {};
    const medians: Record<number, { ms: number; mb: number }> = {};
    for (const [n, runs] of cases) {
      const r = await runWorker(["allocate", String(n), String(runs)]);
      const m = median(r.timingsMs);
      medians[n] = { ms: m, mb: r.peakRssMb };
      allocate[String(n)] = {
        services: n,
        runs,
        medianMs: round(m),
        timingsMs: r.timingsMs.map(round),
        // CPU time of the process (all threads, incl. GC helpers): less sensitive to other load
        medianCpuMs: round(median(r.cpuMs as number[])),
        peakRssMb: r.peakRssMb,
        distributedPack: r.distributedPack,
      };
    }
    const targets = {
      "100000_ms_max": 1000,
      "1000000_ms_max": 15000,
      "1000000_mb_max": 2048,
    };
    const meets =
      (medians[100_000] ? medians[100_000].ms <= 1000 : true) &&
      (medians[1_000_000] ? medians[1_000_000].ms <= 15000 && medians[1_000_000].mb < 2048 : true);
    return {
      schedule: { what: "cold derivation of A and all 2,776 epochs (fresh process per run)", runs: scheduleRuns, medianMs: round(median(schedule)), timingsMs: schedule.map(round), peakRssMb: schedulePeak },
      allocate,
      targets,
      meetsTargets: meets,
    };
  },
};

if (process.argv[1] === SELF && process.argv[2] === "--worker") {
  await worker(process.argv.slice(3));
}
