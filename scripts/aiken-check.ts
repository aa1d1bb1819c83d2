/**
 * `aiken check` for `npm test`: runs the on-chain unit and property tests with a fixed seed
 * (so CI is reproducible; JETPACK_AIKEN_SEED overrides it), lists every failing test with
 * its traces and counterexample, and closes with one plain line "aiken: N passed, N failed"
 * (unit/property counts and the seed on the line before). Exit 1 when any test fails or the
 * compiler reports an error.
 *
 * When stdout is not a terminal, `aiken check` prints a JSON report, which is read here.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const REPO = resolve(import.meta.dirname, "..");
const seed = process.env.JETPACK_AIKEN_SEED ?? "42";

interface TestJson {
  title: string;
  status: "pass" | "fail";
  iterations?: number;
  counterexample?: unknown;
  traces?: string[];
  assertion?: string;
}
interface Report {
  seed: number;
  summary: { total: number; passed: number; failed: number; kind: { unit: number; property: number } };
  modules: { name: string; tests: TestJson[] }[];
}

const r = spawnSync("bash", [resolve(REPO, "scripts/aiken.sh"), "check", "--deny", "--seed", seed], {
  cwd: REPO,
  encoding: "utf8",
  maxBuffer: 64 << 20,
  stdio: ["ignore", "pipe", "pipe"],
});
const start = r.stdout.indexOf("{");
let report: Report | undefined;
try {
  report = start >= 0 ? (JSON.parse(r.stdout.slice(start)) as Report) : undefined;
} catch {
  report = undefined;
}
if (!report) {
  process.stderr.write(r.stderr + r.stdout);
  console.error(`aiken check: no test report (exit ${r.status})`);
  process.exit(1);
}
for (const m of report.modules) {
  for (const t of m.tests) {
    if (t.status === "pass") continue;
    console.error(`FAIL ${m.name}.${t.title}`);
    if (t.assertion) console.error(`  assertion: ${t.assertion}`);
    if (t.counterexample !== undefined && t.counterexample !== null) console.error(`  counterexample: ${JSON.stringify(t.counterexample)}`);
    for (const line of t.traces ?? []) console.error(`  trace: ${line}`);
  }
}
const s = report.summary;
console.log(`aiken check: ${s.kind.unit} unit tests, ${s.kind.property} property tests, seed ${report.seed}`);
console.log(`aiken: ${s.passed} passed, ${s.failed} failed`);
process.exit(s.failed === 0 && r.status === 0 ? 0 : 1);
