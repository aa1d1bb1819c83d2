// Why: the chain report's page: the same charts and look as the simulation report, but every
// figure from the chain and the published allocation files — the state now (the figures of
// `jetpack status`), epoch N's allocation with who has claimed, the pools still on chain, the
// sweeps, and the carry-over history — and plainly which epochs lack their allocation file.
// How: pure string building from a ChainReportModel (chain.ts); one self-contained document
// (inline CSS and SVG, no scripts, nothing external). Unknown figures (a missing file) are
// shown as "—", never as 0; the charts draw them as 0 and the page says so.
import { groupDigits } from "../cli/format.js";
import { EPOCHS } from "../economics/emission.js";
import { LEVELS } from "../economics/scoring.js";
import { type ChainHistoryRow, type ChainReportModel } from "./chain.js";
import { type ChartModel, carryOverChart, distributedChart, emissionChart, epochHeading, levelChart } from "./charts.js";
import { CSS, card, levelTable, num } from "./html.js";
import { type HistoryRow } from "./model.js";
import { escapeHtml, jetText } from "./svg.js";

/** Jet text of a known figure, "—" of an unknown one. */
const jetOr = (v: bigint | null, unit = "") => (v === null ? "—" : jetText(v) + unit);
const iso = (ms: bigint | number) => new Date(Number(ms)).toISOString().replace(".000Z", "Z");

/** The chart view of the model: unknown figures drawn as 0. */
export function chainChartModel(m: ChainReportModel): ChartModel {
  const row = (h: ChainHistoryRow): HistoryRow => ({
    epoch: h.epoch,
    start: h.start,
    emissionPack: h.emissionPack,
    carriedInPack: h.carriedInPack ?? 0n,
    fTotalPack: h.fTotalPack ?? 0n,
    distributedPack: h.distributedPack ?? 0n,
    undistributedPack: h.undistributedPack ?? 0n,
    services: h.services ?? 0,
  });
  return {
    epoch: m.epoch,
    tail: m.tail,
    genesisMs: m.genesisMs,
    schedule: m.schedule,
    emittedToDatePack: m.emittedToDatePack,
    remainingPack: m.remainingPack,
    current: row(m.current),
    history: m.history.map(row),
    levels: m.levels ?? Array.from({ length: LEVELS }, (_, i) => ({ level: i + 1, count: 0, capPack: 0n, allocatedPack: 0n })),
    distributedToDatePack: m.history.reduce((a, h) => a + (h.distributedPack ?? 0n), 0n),
  };
}

function allocationTable(m: ChainReportModel): string {
  const cur = m.current;
  if (cur.file === "missing") {
    return `<p class="note" id="allocation-table">No allocation file of epoch ${m.epoch} (${escapeHtml(cur.fileName)}${cur.fileHash ? `, blake2b-256 ${cur.fileHash} on its pools` : ""}): its services and amounts are not known here.</p>`;
  }
  if (m.allocations.length === 0) return `<p class="note" id="allocation-table">Epoch ${m.epoch} distributed nothing: all of f_total carried over.</p>`;
  const claimed = (c: boolean | null) => (c === null ? "—" : c ? "yes" : "no");
  const rows = m.allocations.map(
    (a) =>
      `<tr${a.claimed === false ? ' class="open"' : ""}><td>${escapeHtml(a.id)}</td><td><code>${escapeHtml(a.service)}</code></td>${num(String(a.level))}${num(`${a.shard}·${a.index}`)}${num(jetText(a.amountPack))}<td>${claimed(a.claimed)}</td></tr>`,
  );
  return `<table id="allocation-table"><thead><tr><th>service</th><th>key hash</th><th class="n">level</th><th class="n">shard·leaf</th><th class="n">allocation (Jet)</th><th>claimed</th></tr></thead><tbody>
${rows.join("\n")}
</tbody><tfoot><tr><td colspan="4">distributed (Σ allocations)</td>${num(jetOr(cur.distributedPack))}<td></td></tr></tfoot></table>`;
}

function poolsTable(m: ChainReportModel): string {
  const withPools = m.history.filter((h) => h.pools !== null);
  if (withPools.length === 0) return `<p class="note" id="pools-table">No pool of epochs 1…${m.epoch} is left on chain: each was swept (or its epoch distributed nothing).</p>`;
  const rows = withPools.map((h) => {
    const p = h.pools!;
    return `<tr${h.epoch === m.epoch ? ' class="cur"' : ""}>${num(String(h.epoch))}${num(String(p.count))}${num(String(p.claims))}${num(jetOr(p.claimedPack))}${num(jetText(p.unclaimedPack))}<td>${iso(p.expiryMs)}</td><td>${p.expired ? "expired: can be swept" : "open"}</td></tr>`;
  });
  return `<table id="pools-table"><thead><tr><th class="n">epoch</th><th class="n">pools</th><th class="n">claims</th><th class="n">claimed (Jet)</th><th class="n">unclaimed (Jet)</th><th>claim window ends</th><th>status</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`;
}

function historyTable(m: ChainReportModel): string {
  // claimed / unclaimed per epoch: the pools table above (only pools still on chain know them)
  const rows = m.history.map(
    (h) =>
      `<tr${h.epoch === m.epoch ? ' class="cur"' : ""}${h.file === "missing" ? ' data-file="missing"' : ""}>${num(String(h.epoch))}${num(h.start)}<td>${h.file}</td>` +
      `${num(jetText(h.emissionPack))}${num(jetOr(h.carriedInPack))}${num(jetOr(h.fTotalPack))}${num(jetOr(h.distributedPack))}${num(jetOr(h.undistributedPack))}${num(jetOr(h.sweptPack))}</tr>`,
  );
  return `<table id="history-table"><thead><tr><th class="n">epoch</th><th>start</th><th>allocation file</th><th class="n">emission (Jet)</th><th class="n">carried in (Jet)</th><th class="n">f_total (Jet)</th><th class="n">distributed (Jet)</th><th class="n">undistributed (Jet)</th><th class="n">swept (Jet)</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`;
}

function missingNote(m: ChainReportModel, allocationsDir: string): string {
  if (m.missingFiles.length === 0) return "";
  const list = m.missingFiles.length > 12 ? `${m.missingFiles.slice(0, 12).join(", ")}, … (${m.missingFiles.length} in all)` : m.missingFiles.join(", ");
  return `<p class="note warn" id="missing-files">No allocation file for epoch${m.missingFiles.length === 1 ? "" : "s"} ${list} in ${escapeHtml(allocationsDir)}: ${m.missingFiles.length === 1 ? "its row shows" : "their rows show"} only what the chain gives (emission, date, pools still on chain); f_total, distribution and sweeps there are unknown (drawn as 0 in the charts).</p>`;
}

/** The chain report page: one self-contained HTML document. */
export function renderChainReportHtml(m: ChainReportModel, meta: { network?: string; allocationsDir?: string } = {}): string {
  const view = chainChartModel(m);
  const cur = m.current;
  const c = m.chain;
  const next = c.nextEpoch;
  const swept = c.sweptToDatePack === null ? "— (files missing)" : jetText(c.sweptToDatePack) + " Jet";
  const levels = m.levels === null ? `<p class="note" id="level-table">Levels of epoch ${m.epoch}: unknown without its allocation file.</p>` : `<div class="row">\n${levelChart(view)}\n${levelTable({ levels: m.levels })}\n</div>\n<p class="note">Services paid in epoch ${m.epoch} (the file lists services with an allocation &gt; 0); caps from ${m.capsFrom === "pools" ? "its pools" : "the config now (its pools are gone)"}.</p>`;
  const checks = m.checks.map((k) => `<li class="${k.ok ? "ok" : "failed"}">${k.ok ? "ok" : "FAILED"} — ${escapeHtml(k.name)}: ${escapeHtml(k.detail)}</li>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>JetPack report — ${epochHeading(view)}</title>
<style>${CSS}.warn{color:#9a3412}.checks li.failed{color:#b91c1c;font-weight:bold}tr.open td:last-child{color:#9a3412}</style>
</head>
<body>
<main>
<header>
<h1>JetPack — ${epochHeading(view)}</h1>
<p class="sub">Epoch ${m.epoch} starts ${cur.start} (UTC) · from the chain${meta.network ? ` (${escapeHtml(meta.network)})` : ""}: state at epoch ${c.epoch}, read ${iso(c.nowMs)} · amounts in Jet, 6 decimals (1 Jet = 1,000,000 Pack)</p>
</header>

<section id="emission">
${emissionChart(view)}
<div class="cards">
${card("chain epoch (state)", String(c.epoch), "card-chain-epoch")}
${card(`scheduled (Σ emission 1…${Math.min(c.epoch, EPOCHS)})`, jetText(c.scheduledPack) + " Jet", "card-scheduled")}
${card("minted (in pools, locks and wallets)", jetText(c.mintedPack) + " Jet", "card-minted")}
${card("carry-over (scheduled − minted)", jetText(c.carryOverPack) + " Jet", "card-carry-over")}
${card(next ? `f_total(${next.epoch}) = emission + carry-over` : "the schedule is complete", next ? jetText(next.fTotalPack) + " Jet" : "—", "card-next-ftotal")}
${card("swept to date (burned, carried over)", swept, "card-swept")}
${card(`emission of epoch ${m.epoch}${m.tail ? " (tail: none)" : ""}`, jetText(cur.emissionPack) + " Jet", "card-emission")}
${card(`carried in to epoch ${m.epoch}`, jetOr(cur.carriedInPack, " Jet"), "card-carried")}
${card(`f_total(${m.epoch})`, jetOr(cur.fTotalPack, " Jet"), "card-ftotal")}
${card(`distributed in epoch ${m.epoch}${cur.services === null ? "" : ` (${cur.services} services)`}`, jetOr(cur.distributedPack, " Jet"), "card-distributed")}
${card(`undistributed in epoch ${m.epoch}`, jetOr(cur.undistributedPack, " Jet"), "card-undistributed")}
${card("unclaimed in pools on chain", jetText(c.poolsJetPack) + " Jet", "card-pools")}
</div>
${missingNote(m, meta.allocationsDir ?? "the allocations directory")}
<p class="note">Allocation file of epoch ${m.epoch}: ${cur.file === "verified" ? "verified (its blake2b-256 equals the fileHash of its pools on chain)" : cur.file === "unverified" ? "found, not verifiable (its pools are gone), consistent with the chain where checked below" : "missing"}. A = ${groupDigits(m.aJet.replace(/(\.\d{10})\d*$/, "$1"))}… Jet.</p>
</section>

<section id="levels">
<h2>Epoch ${m.epoch}: levels</h2>
${levels}
</section>

<section id="allocation">
<h2>Epoch ${m.epoch}: allocation and claims</h2>
${allocationTable(m)}
</section>

<section id="pools">
<h2>Pools on chain, epochs 1…${m.epoch}</h2>
<p class="note">A pool holds the Jet of its shard not claimed yet; once its claim window ends, <code>jetpack sweep</code> burns that Jet and lowers minted, so it carries into the next f_total.</p>
${poolsTable(m)}
</section>

<section id="carry-over">
<h2>Carry-over and sweeps, epochs 1…${m.epoch}</h2>
<p class="note">f_total(t) = Σ emission(1…t) − minted before the advance of t = emission(t) + undistributed(t − 1) + swept(t − 1); swept(t) is what sweeps burned while the chain was in epoch t.</p>
${carryOverChart(view)}
${distributedChart(view)}
${historyTable(m)}
</section>

<section id="checks">
<h2>Checks</h2>
<ul class="checks">
${checks}
</ul>
</section>

<footer>Generated by <code>jetpack report --deployment … --epoch ${m.epoch}</code> from the chain and the published allocation files. The exact figures (Pack) are in report-epoch-${m.epoch}.json.</footer>
</main>
</body>
</html>
`;
}
