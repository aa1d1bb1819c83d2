// Why: operators publish one page per epoch — the emission curve with the epoch marked, the
// epoch's levels and allocations, the carry-over history — plus its exact JSON twin.
// How: validate every flag and the whole input file first (bad input → one line, exit 2,
// nothing written), build the model (offchain/report/model.ts: simulate() over epochs 1…N),
// render HTML and JSON in memory, then create DIR and write both files (each via a temporary
// name and a rename, so a reader never sees half a file).
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DEFAULT_GENESIS_MS, EPOCHS } from "../../economics/emission.js";
import { MAX_GENESIS_MS, MAX_TAIL_EPOCH, type ReportMetrics, buildReportModel, reportJson } from "../../report/model.js";
import { renderReportHtml } from "../../report/render.js";
import { type Command, UsageError } from "../command.js";
import { json } from "../format.js";
import { inFile, parseSimulationFile, readJsonFile } from "../input.js";

/** File names of the report of epoch N. */
export function reportFiles(epoch: number): { html: string; json: string } {
  return { html: `report-epoch-${epoch}.html`, json: `report-epoch-${epoch}.json` };
}

function writeAll(dir: string, label: string, files: readonly (readonly [string, string])[]): void {
  const tmp: string[] = [];
  try {
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of files) {
      const t = join(dir, `.${name}.${process.pid}.tmp`);
      tmp.push(t);
      writeFileSync(t, text);
    }
    files.forEach(([name], i) => renameSync(tmp[i]!, join(dir, name)));
  } catch (e) {
    for (const t of tmp) rmSync(t, { force: true });
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "EEXIST" || err.code === "ENOTDIR" ? "not a directory" : err.code === "EACCES" ? "permission denied" : err.message;
    throw new UsageError(`flag --out: cannot write to ${label}: ${why}`);
  }
}

export const reportCommand: Command = {
  name: "report",
  summary: "write an epoch report: HTML page (emission curve, levels, allocations, carry-over) + JSON twin",
  description: `Writes DIR/report-epoch-N.html — one self-contained page (inline CSS and SVG, no scripts, no
external resources): the emission curve over all ${EPOCHS} epochs with epoch N marked, epoch N's
services per level and allocation table, and the carry-over history of epochs 1…N — and
DIR/report-epoch-N.json with the same figures (Pack as decimal strings, fractions as "n/d").
N may be a tail epoch ${EPOCHS + 1}…${MAX_TAIL_EPOCH}: emission 0, only the carry-over is distributed
(the page marks it at the right edge of the curve; the JSON has "tail": true).
--input FILE takes the same file as \`jetpack simulate\` ({ "weightsBps"?, "capsPack"?, "epochs":
[ { "services": [...] }, … ] }) and must hold at least N epochs; epochs 1…N are replayed with
carry-over. Without --input the report shows the schedule and a history in which nothing is
distributed. See docs/report.md.`,
  flags: [
    { name: "epoch", type: "integer", value: "N", required: true, description: `the report's epoch (1…${MAX_TAIL_EPOCH}; past ${EPOCHS} the tail epochs)` },
    { name: "out", type: "string", value: "DIR", required: true, description: "directory for report-epoch-N.html and .json (created if missing)" },
    { name: "input", type: "string", value: "FILE", description: "metrics per epoch, as for jetpack simulate (at least N epochs)" },
    { name: "genesis-ms", type: "integer", value: "MS", description: "start of epoch 1 in POSIX ms, for dates (default 1735689600000 = 2025-01-01)" },
  ],
  examples: ["report --epoch 2 --out reports --input test/cli/fixtures/two-epochs.json", "report --epoch 100 --out reports", `report --epoch ${EPOCHS + 4} --out reports`],
  run(args, io) {
    const epoch = args.integer("epoch")!;
    if (epoch < 1 || epoch > MAX_TAIL_EPOCH) throw new UsageError(`flag --epoch: must be in 1…${MAX_TAIL_EPOCH}, got ${epoch}`);
    const genesisMs = args.integer("genesis-ms") ?? DEFAULT_GENESIS_MS;
    if (genesisMs < 0 || genesisMs > MAX_GENESIS_MS) throw new UsageError(`flag --genesis-ms: must be in 0…${MAX_GENESIS_MS}, got ${genesisMs}`);
    const out = args.requireString("out");
    const file = args.string("input");
    let model;
    if (file === undefined) model = buildReportModel({ epoch, genesisMs });
    else {
      const raw = readJsonFile(file, io.cwd);
      model = inFile(file, () => buildReportModel({ epoch, genesisMs, metrics: parseSimulationFile(raw) }));
    }
    const names = reportFiles(epoch);
    const html = renderReportHtml(model);
    const data = json(reportJson(model));
    const dir = resolve(io.cwd, out);
    writeAll(dir, out, [
      [names.html, html],
      [names.json, data],
    ]);
    io.out(`wrote ${join(out, names.html)}\nwrote ${join(out, names.json)}\n`);
  },
};
