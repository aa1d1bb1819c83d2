// Why: operators publish a human-readable page per epoch next to the exact JSON: the emission
// curve with the epoch marked, who got what and why (levels, caps), and where the undistributed
// Jet went (carry-over). It must open anywhere, offline, from a file: one self-contained HTML
// document — inline CSS, inline SVG, no scripts, no external resources.
//
// How: pure string building from a ReportModel (model.ts). Amounts are formatted from bigint
// Pack (Jet with 6 decimals, digits grouped); fractions from Rational. Floating point appears
// only in SVG coordinates, computed from the exact values for drawing. Every piece of text
// that comes from the input (service ids) is HTML-escaped.
//
// The charts are in charts.ts (primitives in svg.ts), the shared page parts in html.ts; the
// chain report's page (source "chain") is chain-render.ts.
import { groupDigits, rankText } from "../cli/format.js";
import { EPOCHS } from "../economics/emission.js";
import { type ReportModel } from "./model.js";
import { carryOverChart, distributedChart, emissionChart, epochHeading, levelChart } from "./charts.js";
import { CSS, card, levelTable, num } from "./html.js";
import { escapeHtml, jetText } from "./svg.js";

export { COLORS, escapeHtml, jetText, niceScale } from "./svg.js";
export { carryOverChart, distributedChart, emissionChart, epochHeading, levelChart, type ChartModel } from "./charts.js";

function allocationTable(m: ReportModel): string {
  if (m.services.length === 0) {
    return `<p class="note" id="allocation-table">No service metrics for epoch ${m.epoch}${m.source === "schedule" ? " (schedule only: run <code>jetpack report --input FILE</code> to replay metrics)" : ""}: nothing is distributed; all of f_total carries over.</p>`;
  }
  const rows = m.services.map(
    (s) =>
      `<tr${s.allocationPack === s.capPack ? ' class="capped"' : ""}><td>${escapeHtml(s.id)}</td><td class="n" title="${s.score}">${s.score.toFixed(6)}</td>${num(rankText(s.rank))}<td class="n" title="${s.percentile}">${s.percentile.toFixed(2)}%</td>${num(String(s.level))}${num(jetText(s.capPack))}${num(jetText(s.allocationPack))}</tr>`,
  );
  return `<table id="allocation-table"><thead><tr><th>service</th><th class="n">score</th><th class="n">rank</th><th class="n">percentile</th><th class="n">level</th><th class="n">cap (Jet)</th><th class="n">allocation (Jet)</th></tr></thead><tbody>
${rows.join("\n")}
</tbody><tfoot><tr><td colspan="6">distributed (Σ allocations)</td>${num(jetText(m.current.distributedPack))}</tr></tfoot></table>`;
}

function historyTable(m: ReportModel): string {
  const rows = m.history.map(
    (h) =>
      `<tr${h.epoch === m.epoch ? ' class="cur"' : ""}>${num(String(h.epoch))}<td>${h.start}</td>${num(jetText(h.emissionPack))}${num(jetText(h.carriedInPack))}${num(jetText(h.fTotalPack))}${num(jetText(h.distributedPack))}${num(jetText(h.undistributedPack))}${num(String(h.services))}</tr>`,
  );
  return `<table id="history-table"><thead><tr><th class="n">epoch</th><th>start</th><th class="n">emission (Jet)</th><th class="n">carried in (Jet)</th><th class="n">f_total (Jet)</th><th class="n">distributed (Jet)</th><th class="n">undistributed (Jet)</th><th class="n">services</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`;
}

/** The whole report page: one self-contained HTML document. */
export function renderReportHtml(m: ReportModel): string {
  const cur = m.current;
  const src =
    m.source === "input"
      ? `metrics replayed from the input file (epochs 1…${m.epoch})`
      : "schedule only (no metrics: nothing distributed, everything carries over)";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>JetPack report — ${epochHeading(m)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>JetPack — ${epochHeading(m)}</h1>
<p class="sub">Epoch ${m.epoch} starts ${cur.start} (UTC) · ${src} · amounts in Jet, 6 decimals (1 Jet = 1,000,000 Pack)</p>
</header>

<section id="emission">
${emissionChart(m)}
<div class="cards">
${card(`emission of epoch ${m.epoch}${m.tail ? " (tail: none)" : ""}`, jetText(cur.emissionPack) + " Jet", "card-emission")}
${card(`carried in from epoch ${m.epoch - 1}`, jetText(cur.carriedInPack) + " Jet", "card-carried")}
${card(`f_total(${m.epoch}) = emission + carried in`, jetText(cur.fTotalPack) + " Jet", "card-ftotal")}
${card(`distributed in epoch ${m.epoch} (${cur.services} services)`, jetText(cur.distributedPack) + " Jet", "card-distributed")}
${card("undistributed (carries over)", jetText(cur.undistributedPack) + " Jet", "card-undistributed")}
${card(`emitted in epochs 1…${m.epoch}`, jetText(m.emittedToDatePack) + " Jet", "card-emitted")}
${card(`distributed in epochs 1…${m.epoch}`, jetText(m.distributedToDatePack) + " Jet", "card-distributed-total")}
${card(m.epoch >= EPOCHS ? "still to emit: schedule complete" : `still to emit (epochs ${m.epoch + 1}…${EPOCHS})`, jetText(m.remainingPack) + " Jet", "card-remaining")}
${card("A = 10^9 / Σ 1/ln(t+1)", groupDigits(m.aJet.replace(/(\.\d{10})\d*$/, "$1")) + "… Jet", "card-a")}
</div>
</section>

<section id="levels">
<h2>Epoch ${m.epoch}: levels</h2>
<div class="row">
${levelChart(m)}
${levelTable(m)}
</div>
</section>

<section id="allocation">
<h2>Epoch ${m.epoch}: allocation</h2>
<p class="note">S_n = min(⌊f_total · P_n / P⌋, cap of the level). Rank by score (ties share the average rank); percentile = (1 − (rank − 1)/N) × 100. Hover a score or percentile for its exact fraction.</p>
${allocationTable(m)}
</section>

<section id="carry-over">
<h2>Carry-over, epochs 1…${m.epoch}</h2>
<p class="note">f_total(1) = emission(1); f_total(t) = emission(t) + undistributed(t − 1).</p>
${carryOverChart(m)}
${distributedChart(m)}
${historyTable(m)}
</section>

<footer>Generated by <code>jetpack report --epoch ${m.epoch}</code>. The exact figures (Pack, fractions as n/d) are in report-epoch-${m.epoch}.json.</footer>
</main>
</body>
</html>
`;
}
