// Why: operators publish one page per epoch — the emission curve with the epoch marked, the
// epoch's levels and allocations, the carry-over history — plus its exact JSON twin. For a
// live deployment the page must say what the chain says (sweeps included, dates from its
// genesis): `--deployment FILE` reads the chain and the published allocation files. Without
// it the report is a plan: a replay of a simulation file (`--input`) or the bare schedule.
// How: validate every flag (and, in simulation mode, the whole input file) first (bad input →
// one line, exit 2, nothing written); build the model (offchain/report/model.ts, or chain.ts
// from what chain-read.ts reads, loaded lazily so the command starts fast); render HTML and
// JSON in memory; then create DIR and write both files (each via a temporary name and a
// rename, so a reader never sees half a file) and/or print the JSON (--json).
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DEFAULT_GENESIS_MS, EPOCHS } from "../../economics/emission.js";
import { InputError } from "../../economics/errors.js";
import { MAX_GENESIS_MS, MAX_TAIL_EPOCH, buildReportModel, reportJson } from "../../report/model.js";
import { renderReportHtml } from "../../report/render.js";
import { type Command, type CommandIO, type ParsedArgs, UsageError } from "../command.js";
import { json } from "../format.js";
import { parseGenesis } from "./schedule.js";
import { inFile, parseSimulationFile, readJsonFile } from "../input.js";
import { NETWORK_FLAGS, QUIET_FLAG } from "../../net/flags.js";


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

/** Writes DIR/report-epoch-N.{html,json} (with --out) and prints the JSON (with --json) or the paths. */
function emit(args: ParsedArgs, io: CommandIO, epoch: number, html: string, data: string): void {
  const out = args.string("out");
  const names = reportFiles(epoch);
  if (out !== undefined) {
    writeAll(resolve(io.cwd, out), out, [
      [names.html, html],
      [names.json, data],
    ]);
  }
  const wrote = out === undefined ? "" : `wrote ${join(out, names.html)}\nwrote ${join(out, names.json)}\n`;
  if (args.boolean("json")) {
    io.out(data);
    if (wrote && !args.boolean("quiet")) io.err(wrote);
  } else io.out(wrote);
}

const CHAIN_ONLY = ["allocations", ...NETWORK_FLAGS.map((f) => f.name)];

/** Simulation mode: --input FILE or the bare schedule. */
function runSimulation(args: ParsedArgs, io: CommandIO): void {
  const epoch = args.integer("epoch");
  if (epoch === undefined) throw new UsageError("missing required flag --epoch (see jetpack report --help)");
  if (epoch < 1 || epoch > MAX_TAIL_EPOCH) throw new UsageError(`flag --epoch: must be in 1…${MAX_TAIL_EPOCH}, got ${epoch}`);
  const genesisMs = args.has("genesis") ? parseGenesis(args.string("genesis")) : DEFAULT_GENESIS_MS;
  if (genesisMs < 0 || genesisMs > MAX_GENESIS_MS) throw new UsageError(`flag --genesis: must be in 0…${MAX_GENESIS_MS} ms (${new Date(MAX_GENESIS_MS).toISOString().slice(0, 10)}), got ${genesisMs}`);
  if (args.string("out") === undefined && !args.boolean("json")) throw new UsageError("missing required flag --out (see jetpack report --help)");
  const file = args.string("input");
  let model;
  if (file === undefined) model = buildReportModel({ epoch, genesisMs });
  else {
    const raw = readJsonFile(file, io.cwd);
    model = inFile(file, () => buildReportModel({ epoch, genesisMs, metrics: parseSimulationFile(raw) }));
  }
  emit(args, io, epoch, renderReportHtml(model), json(reportJson(model)));
}

/** Chain mode: --deployment FILE; figures from the chain and the published allocation files. */
async function runChain(args: ParsedArgs, io: CommandIO): Promise<void> {
  const epoch = args.integer("epoch");
  if (epoch !== undefined && epoch < 1) throw new UsageError(`flag --epoch: must be ≥ 1, got ${epoch}`);
  if (args.string("out") === undefined && !args.boolean("json")) throw new UsageError("missing required flag --out (see jetpack report --help)");
  const { connectChain, guarded, makeCtx, openDeployment } = await import("../../net/cli.js");
  return guarded(async () => {
    const ctx = makeCtx(args, io);
    const opened = await openDeployment(ctx);
    const { deployment, file, protocol: p0, cfg } = opened;
    const { checkAllocationsDir, findAllocationFiles, readChainFigures } = await import("../../report/chain-read.js");
    const flagDir = args.string("allocations");
    const dirs = flagDir !== undefined ? [checkAllocationsDir(flagDir, io.cwd)] : [...new Set([dirname(resolve(io.cwd, file)), resolve(io.cwd)])];
    const chain = await connectChain(ctx, cfg, opened);
    const { buildChainReportModel } = await import("../../report/chain.js");
    const { chainReportJson } = await import("../../report/chain-json.js");
    const { renderChainReportHtml } = await import("../../report/chain-render.js");
    ctx.say("reading state, config, pools and locks");
    const [figures, nowMs] = await Promise.all([readChainFigures(chain.lucid, p0), chain.now()]);
    const chainEpoch = Number(figures.state.epoch);
    if (chainEpoch < 1) throw new UsageError(`the chain is at epoch ${chainEpoch}: no epoch has been advanced yet, nothing to report`);
    if (epoch !== undefined && epoch > chainEpoch) throw new UsageError(`flag --epoch: the chain is at epoch ${chainEpoch}; must be in 1…${chainEpoch}, got ${epoch}`);
    const files = findAllocationFiles(dirs, chainEpoch, io.cwd);
    ctx.say(`found ${files.size} of ${chainEpoch} allocation files`);
    let model;
    try {
      model = buildChainReportModel({ ...figures, epoch, genesisMs: Number(deployment.genesisTimeMs), nowMs, files });
    } catch (e) {
      if (e instanceof InputError) throw new UsageError(e.message);
      throw e;
    }
    const shownDir = flagDir ?? (dirs.length > 1 ? `${dirname(file)} or the current directory` : dirname(file));
    const meta = { network: cfg.network, deployment: file, jetPolicy: p0.jetPolicy, allocationsDir: shownDir };
    emit(args, io, model.epoch, renderChainReportHtml(model, meta), json(chainReportJson(model, meta)));
  });
}

export const reportCommand: Command = {
  name: "report",
  summary: "write an epoch report: HTML page (emission curve, levels, allocations, carry-over) + JSON twin",
  description: `Writes DIR/report-epoch-N.html — one self-contained page (inline CSS and SVG, no scripts, no
external resources): the emission curve over all ${EPOCHS} epochs with epoch N marked (and a zoom of
the epochs around N), epoch N's services per level and allocation table, and the carry-over
history of epochs 1…N — and DIR/report-epoch-N.json with the same figures (Pack as decimal
strings, fractions as "n/d"); --json prints the JSON on stdout (then --out is optional).

--deployment FILE (jetpack init's file): the figures come from the chain — the state (epoch,
scheduled, minted; the same figures as \`jetpack status\`), the pools still on chain — and from the
allocation files epoch-advance published (allocation-epoch-T.json, looked up in --allocations DIR,
default the deployment file's directory, then the current directory); each file's blake2b-256 must
equal the fileHash of its epoch's pools while they are on chain. Sweeps are included: f_total(t) is
the chain's. A missing file is reported, not an error. N defaults to the chain's epoch; dates
come from the deployment's genesis. Read-only: needs no key.

Without --deployment the report is a plan. --input FILE takes the same file as \`jetpack simulate\`
({ "weightsBps"?, "capsPack"?, "epochs": [ { "services": [...] }, … ] }) and must hold at least N
epochs; epochs 1…N are replayed with carry-over (no sweeps). Without --input the report shows the
schedule and a history in which nothing is distributed. N may be a tail epoch
${EPOCHS + 1}…${MAX_TAIL_EPOCH}: emission 0, only the carry-over is distributed ("tail": true).
--deployment and --input are mutually exclusive. See docs/report.md.`,
  flags: [
    { name: "epoch", type: "integer", value: "N", description: `the report's epoch (1…${MAX_TAIL_EPOCH}; past ${EPOCHS} the tail epochs); with --deployment 1…the chain's epoch, default the chain's` },
    { name: "out", type: "string", value: "DIR", description: "directory for report-epoch-N.html and .json (created if missing); required unless --json" },
    { name: "deployment", type: "string", value: "FILE", description: "report the chain of this deployment (jetpack init's file) and its published allocation files" },
    { name: "allocations", type: "string", value: "DIR", description: "with --deployment: directory of allocation-epoch-N.json (default: the deployment file's, then the current directory)" },
    { name: "input", type: "string", value: "FILE", description: "simulation mode: metrics per epoch, as for jetpack simulate (at least N epochs); not with --deployment" },
    { name: "genesis", type: "string", value: "TIME", description: "simulation mode: start of epoch 1, for dates: YYYY-MM-DD, ISO UTC time or POSIX ms, as for schedule (default 2025-01-01)" },
    { name: "json", type: "boolean", description: "print the JSON twin on stdout" },
    QUIET_FLAG,
    ...NETWORK_FLAGS,
  ],
  examples: [
    "report --deployment jetpack-deployment.json --out reports",
    "report --deployment jetpack-deployment.json --epoch 2 --allocations published --json",
    "report --epoch 2 --out reports --input test/cli/fixtures/two-epochs.json",
    "report --epoch 100 --out reports",
    `report --epoch ${EPOCHS + 4} --out reports`,
  ],
  run(args, io) {
    const deployment = args.string("deployment");
    if (deployment !== undefined && args.has("input")) {
      throw new UsageError("flags --deployment and --input are mutually exclusive: --deployment reports the chain, --input replays a simulation file");
    }
    if (deployment !== undefined && args.has("genesis")) throw new UsageError("flag --genesis: not with --deployment (the dates come from the deployment's genesis)");
    if (deployment === undefined) {
      const stray = CHAIN_ONLY.find((f) => args.has(f));
      if (stray !== undefined) throw new UsageError(`flag --${stray} needs --deployment`);
      return runSimulation(args, io);
    }
    return runChain(args, io);
  },
};
