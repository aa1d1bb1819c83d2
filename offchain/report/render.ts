// Why: operators publish a human-readable page per epoch next to the exact JSON: the emission
// curve with the epoch marked, who got what and why (levels, caps), and where the undistributed
// Jet went (carry-over). It must open anywhere, offline, from a file: one self-contained HTML
// document — inline CSS, inline SVG, no scripts, no external resources.
//
// How: pure string building from a ReportModel (model.ts). Amounts are formatted from bigint
// Pack (Jet with 6 decimals, digits grouped); fractions from Rational. Floating point appears
// only in SVG coordinates, computed from the exact values for drawing. Every piece of text
// that comes from the input (service ids) is HTML-escaped.
import { groupDigits, rankText } from "../cli/format.js";
import { EPOCHS, PACK_PER_JET, epochStartDate, formatJet } from "../economics/emission.js";
import { LEVEL_PERCENTILE_FLOORS } from "../economics/scoring.js";
import { type HistoryRow, type ReportModel } from "./model.js";

/** Colours shared by the charts and the CSS (tests look for some of them in screenshots). */
export const COLORS = Object.freeze({
  page: "#ffffff",
  ink: "#1b2430",
  muted: "#5b6878",
  grid: "#dfe5ec",
  plot: "#f5f7fa",
  curve: "#1f5fae",
  scheduleFill: "#d6e4f5",
  emittedFill: "#8db8e8",
  marker: "#d62828",
  distributed: "#2a9d8f",
  undistributed: "#f4a259",
  levels: ["#1b4965", "#2a6f97", "#468faf", "#61a5c2", "#89c2d9", "#a9d6e5", "#c0a3d9", "#d88fb5", "#e76f51"],
});

/** HTML-escapes text for element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Pack → "3,479,788.700063" (6 decimals, grouped). */
export function jetText(pack: bigint): string {
  return groupDigits(formatJet(pack));
}

/** A drawing coordinate (1 decimal). */
function c(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}

/** v / top as a float in [0, 1] for drawing (top > 0). */
function frac(v: bigint, top: bigint): number {
  return Number((v * 1_000_000n) / top) / 1_000_000;
}

interface Scale {
  readonly top: bigint;
  readonly step: bigint;
}

/** A round axis: step = 1, 2 or 5 × 10^k units, top = the first multiple of step ≥ max, ≤ maxTicks steps. */
export function niceScale(max: bigint, maxTicks = 7): Scale {
  if (max <= 0n) return { top: 1n, step: 1n };
  for (let pow = 1n; ; pow *= 10n) {
    for (const m of [1n, 2n, 5n]) {
      const step = m * pow;
      const n = (max + step - 1n) / step;
      if (n <= BigInt(maxTicks)) return { top: n * step, step };
    }
  }
}

/** Axis label of a Pack tick: whole Jet grouped ("3,500,000"), else 6 decimals. */
function jetTick(pack: bigint): string {
  return pack % PACK_PER_JET === 0n ? groupDigits((pack / PACK_PER_JET).toString()) : jetText(pack);
}

interface Frame {
  readonly w: number;
  readonly h: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

const pw = (f: Frame) => f.w - f.left - f.right;
const ph = (f: Frame) => f.h - f.top - f.bottom;

/** Plot background, horizontal grid with labels, axes and axis titles. */
function axes(f: Frame, scale: Scale, tickLabel: (v: bigint) => string, xTitle: string, yTitle: string): string {
  const out: string[] = [`<rect x="${f.left}" y="${f.top}" width="${pw(f)}" height="${ph(f)}" fill="${COLORS.plot}"/>`];
  for (let v = 0n; v <= scale.top; v += scale.step) {
    const y = f.top + ph(f) - frac(v, scale.top) * ph(f);
    out.push(`<line x1="${f.left}" y1="${c(y)}" x2="${f.left + pw(f)}" y2="${c(y)}" stroke="${COLORS.grid}"/>`);
    out.push(`<text x="${f.left - 8}" y="${c(y + 4)}" text-anchor="end" class="tick">${tickLabel(v)}</text>`);
  }
  const base = f.top + ph(f);
  out.push(`<line x1="${f.left}" y1="${base}" x2="${f.left + pw(f)}" y2="${base}" stroke="${COLORS.ink}"/>`);
  out.push(`<line x1="${f.left}" y1="${f.top}" x2="${f.left}" y2="${base}" stroke="${COLORS.ink}"/>`);
  out.push(`<text x="${c(f.left + pw(f) / 2)}" y="${f.h - 8}" text-anchor="middle" class="axis">${escapeHtml(xTitle)}</text>`);
  const yMid = c(f.top + ph(f) / 2);
  out.push(`<text x="16" y="${yMid}" text-anchor="middle" class="axis" transform="rotate(-90 16 ${yMid})">${escapeHtml(yTitle)}</text>`);
  return out.join("\n");
}

/** A legend row: [swatch kind, colour, label]. */
function legend(x: number, y: number, items: readonly (readonly ["box" | "line", string, string])[]): string {
  const out: string[] = [];
  let cx = x;
  for (const [kind, color, label] of items) {
    out.push(
      kind === "box"
        ? `<rect x="${cx}" y="${y - 10}" width="14" height="12" fill="${color}"/>`
        : `<line x1="${cx}" y1="${y - 4}" x2="${cx + 14}" y2="${y - 4}" stroke="${color}" stroke-width="2.5"/>`,
    );
    out.push(`<text x="${cx + 20}" y="${y}" class="legend">${escapeHtml(label)}</text>`);
    cx += 34 + label.length * 7;
  }
  return out.join("\n");
}

/** X tick epochs for the whole schedule. */
const SCHEDULE_TICKS = [1, 500, 1000, 1500, 2000, 2500, EPOCHS];

/** "epoch 12 of 2776", or for a tail epoch (N > 2776) what it does. */
export function epochHeading(m: ReportModel): string {
  return m.tail ? `epoch ${m.epoch} (tail epoch: no emission, carry-over only)` : `epoch ${m.epoch} of ${EPOCHS}`;
}

/** The emission curve over all 2,776 epochs, epochs 1…N shaded, epoch N marked (a tail epoch: at the right edge, emission 0, an arrow). */
export function emissionChart(m: ReportModel): string {
  const f: Frame = { w: 1120, h: 430, left: 104, right: 28, top: 40, bottom: 62 };
  const scale = niceScale(m.schedule[0]!, 7);
  const x = (t: number) => f.left + ((t - 1) / (EPOCHS - 1)) * pw(f);
  const base = f.top + ph(f);
  const y = (p: bigint) => base - frac(p, scale.top) * ph(f);
  const pts = m.schedule.map((p, i) => `${c(x(i + 1))},${c(y(p))}`);
  const curve = "M" + pts.join("L");
  const area = (n: number) => `M${c(x(1))},${base}L${pts.slice(0, n).join("L")}L${c(x(n))},${base}Z`;
  const n = m.epoch;
  const shown = Math.min(n, EPOCHS); // the last scheduled epoch shaded and marked
  const em = m.tail ? 0n : m.schedule[n - 1]!;
  const mx = x(shown);
  const my = y(em);
  const label = `epoch ${n} · ${m.current.start} · ${m.tail ? `tail epoch after ${EPOCHS}: 0 Jet emitted →` : `${jetText(em)} Jet`}`;
  const right = mx < f.left + pw(f) * 0.6;
  const lx = right ? mx + 10 : mx - 10;
  const ly = m.tail ? base - ph(f) * 0.3 : Math.max(f.top + 24, Math.min(my - 14, base - 30)); // tail: well above the curve's end
  const arrow = m.tail ? `\n<path id="tail-arrow" d="M${c(mx + 4)},${c(base - 22)}L${c(mx + 16)},${c(base - 16)}L${c(mx + 4)},${c(base - 10)}Z" fill="${COLORS.marker}"/>` : "";
  const xTicks = SCHEDULE_TICKS.map((t) => {
    const tx = c(x(t));
    return (
      `<line x1="${tx}" y1="${base}" x2="${tx}" y2="${base + 5}" stroke="${COLORS.ink}"/>` +
      `<text x="${tx}" y="${base + 19}" text-anchor="middle" class="tick">${t}</text>` +
      `<text x="${tx}" y="${base + 33}" text-anchor="middle" class="tick sub">${epochStartDate(t, m.genesisMs).slice(0, 4)}</text>`
    );
  }).join("\n");
  return `<svg id="emission-chart" xmlns="http://www.w3.org/2000/svg" width="${f.w}" height="${f.h}" viewBox="0 0 ${f.w} ${f.h}" role="img" aria-labelledby="emission-title">
<title id="emission-title">Emission per epoch (Jet) over all ${EPOCHS} epochs; ${m.tail ? `tail epoch ${n} (after the schedule) marked at the right edge` : `epoch ${n} marked`}</title>
${axes(f, scale, jetTick, "epoch (1 epoch = 5 days; year of the epoch's start below)", "Jet per epoch")}
<path d="${area(EPOCHS)}" fill="${COLORS.scheduleFill}"/>
<path id="emitted-area" d="${area(shown)}" fill="${COLORS.emittedFill}"/>
<path id="emission-curve" d="${curve}" fill="none" stroke="${COLORS.curve}" stroke-width="2.5" stroke-linejoin="round"/>
${xTicks}
<g id="epoch-marker"${m.tail ? ' class="tail"' : ""}>
<line x1="${c(mx)}" y1="${f.top}" x2="${c(mx)}" y2="${base}" stroke="${COLORS.marker}" stroke-width="2" stroke-dasharray="6 4"/>
<circle cx="${c(mx)}" cy="${c(my)}" r="6.5" fill="${COLORS.marker}" stroke="${COLORS.page}" stroke-width="2"/>
<text x="${c(lx)}" y="${c(ly)}" text-anchor="${right ? "start" : "end"}" class="marker">${escapeHtml(label)}</text>${arrow}
</g>
${legend(f.left + 8, 24, [
  ["line", COLORS.curve, "emission per epoch"],
  ["box", COLORS.emittedFill, `emitted in epochs 1…${shown}: ${jetText(m.emittedToDatePack)} Jet`],
  ["box", COLORS.scheduleFill, `still to emit: ${jetText(m.remainingPack)} Jet`],
  ["line", COLORS.marker, m.tail ? `epoch ${n} (tail)` : `epoch ${n}`],
])}
</svg>`;
}

/** Bars: services per level 1…9 in epoch N. */
export function levelChart(m: ReportModel): string {
  const f: Frame = { w: 520, h: 300, left: 60, right: 16, top: 30, bottom: 56 };
  const counts = m.levels.map((l) => BigInt(l.count));
  const scale = niceScale(counts.reduce((a, b) => (b > a ? b : a), 0n), 5);
  const base = f.top + ph(f);
  const band = pw(f) / m.levels.length;
  const bars = m.levels
    .map((l, i) => {
      const h = frac(BigInt(l.count), scale.top) * ph(f);
      const bx = f.left + i * band + band * 0.18;
      const cx = f.left + i * band + band / 2;
      return (
        `<rect class="bar" x="${c(bx)}" y="${c(base - h)}" width="${c(band * 0.64)}" height="${c(h)}" fill="${COLORS.levels[i]}"><title>level ${l.level}: ${l.count} service(s)</title></rect>` +
        `<text x="${c(cx)}" y="${c(base - h - 5)}" text-anchor="middle" class="count">${l.count}</text>` +
        `<text x="${c(cx)}" y="${base + 18}" text-anchor="middle" class="tick">${l.level}</text>`
      );
    })
    .join("\n");
  return `<svg id="level-chart" xmlns="http://www.w3.org/2000/svg" width="${f.w}" height="${f.h}" viewBox="0 0 ${f.w} ${f.h}" role="img" aria-labelledby="level-title">
<title id="level-title">Services per level in epoch ${m.epoch}</title>
${axes(f, scale, (v) => v.toString(), "level (1 = top percentiles, highest cap)", "services")}
${bars}
</svg>`;
}

/** Epoch ticks for 1…N: about 8 labels at 1, 2, 5 × 10^k steps. */
function historyTicks(n: number): number[] {
  const { step } = niceScale(BigInt(n), 8);
  const s = Number(step);
  const ticks = [1];
  for (let t = s; t <= n; t += s) if (t > 1) ticks.push(t);
  if (ticks[ticks.length - 1] !== n && n - ticks[ticks.length - 1]! >= s / 2) ticks.push(n);
  return ticks;
}

/** Tick marks and labels under the bands of epochs 1…n (band of epoch t: x(t − 1)…x(t)). */
function epochTicks(n: number, x: (t: number) => number, base: number): string {
  return historyTicks(n)
    .map((t) => {
      const tx = c(x(t - 0.5));
      return `<line x1="${tx}" y1="${base}" x2="${tx}" y2="${base + 5}" stroke="${COLORS.ink}"/><text x="${tx}" y="${base + 19}" text-anchor="middle" class="tick">${t}</text>`;
    })
    .join("\n");
}

/** Stacked steps per epoch 1…N: distributed + undistributed = f_total, emission as a line. */
export function carryOverChart(m: ReportModel): string {
  const f: Frame = { w: 1120, h: 320, left: 104, right: 28, top: 40, bottom: 52 };
  const hist = m.history;
  const n = hist.length;
  const scale = niceScale(hist.reduce((a, h) => (h.fTotalPack > a ? h.fTotalPack : a), 0n), 6);
  const base = f.top + ph(f);
  const x = (t: number) => f.left + (t / n) * pw(f); // epoch t spans x(t − 1)…x(t)
  const y = (p: bigint) => base - frac(p, scale.top) * ph(f);
  const steps = (pick: (h: HistoryRow) => bigint) => hist.map((h) => `L${c(x(h.epoch - 1))},${c(y(pick(h)))}L${c(x(h.epoch))},${c(y(pick(h)))}`).join("");
  const area = (pick: (h: HistoryRow) => bigint) => `M${c(x(0))},${base}${steps(pick)}L${c(x(n))},${base}Z`;
  const emission = "M" + steps((h) => h.emissionPack).slice(1);
  const ticks = epochTicks(n, x, base);
  // a tail report marks where emission ended (label on the roomier side of the line)
  const [end, after] = [x(EPOCHS), x(EPOCHS) < f.left + pw(f) / 2];
  const scheduleEnd = m.tail
    ? `\n<g id="schedule-end"><line x1="${c(end)}" y1="${f.top}" x2="${c(end)}" y2="${base}" stroke="${COLORS.marker}" stroke-width="1.5" stroke-dasharray="5 4"/><text x="${c(after ? end + 6 : end - 6)}" y="${f.top + 16}" text-anchor="${after ? "start" : "end"}" class="marker">end of emission (epoch ${EPOCHS}); tail epochs: carry-over only</text></g>`
    : "";
  return `<svg id="carry-chart" xmlns="http://www.w3.org/2000/svg" width="${f.w}" height="${f.h}" viewBox="0 0 ${f.w} ${f.h}" role="img" aria-labelledby="carry-title">
<title id="carry-title">f_total per epoch 1…${n}, split into distributed and undistributed (carried over); emission as a line</title>
${axes(f, scale, jetTick, "epoch", "Jet")}
<path d="${area((h) => h.fTotalPack)}" fill="${COLORS.undistributed}"/>
<path d="${area((h) => h.distributedPack)}" fill="${COLORS.distributed}"/>
<path d="${emission}" fill="none" stroke="${COLORS.curve}" stroke-width="2"/>${scheduleEnd}
${ticks}
${legend(f.left + 8, 24, [
  ["box", COLORS.distributed, "distributed"],
  ["box", COLORS.undistributed, "undistributed (carried into the next epoch)"],
  ["line", COLORS.curve, "emission"],
])}
</svg>`;
}

/** Distributed per epoch 1…N on its own scale (next to f_total it is usually too small to see). */
export function distributedChart(m: ReportModel): string {
  const f: Frame = { w: 1120, h: 230, left: 104, right: 28, top: 36, bottom: 46 };
  const hist = m.history;
  const n = hist.length;
  const scale = niceScale(hist.reduce((a, h) => (h.distributedPack > a ? h.distributedPack : a), 0n), 4);
  const base = f.top + ph(f);
  const x = (t: number) => f.left + (t / n) * pw(f);
  const y = (p: bigint) => base - frac(p, scale.top) * ph(f);
  const steps = hist.map((h) => `L${c(x(h.epoch - 1))},${c(y(h.distributedPack))}L${c(x(h.epoch))},${c(y(h.distributedPack))}`).join("");
  const ticks = epochTicks(n, x, base);
  return `<svg id="distributed-chart" xmlns="http://www.w3.org/2000/svg" width="${f.w}" height="${f.h}" viewBox="0 0 ${f.w} ${f.h}" role="img" aria-labelledby="distributed-title">
<title id="distributed-title">Jet distributed per epoch 1…${n}</title>
${axes(f, scale, jetTick, "epoch", "Jet")}
<path d="M${c(x(0))},${base}${steps}L${c(x(n))},${base}Z" fill="${COLORS.distributed}"/>
${ticks}
${legend(f.left + 8, 22, [["box", COLORS.distributed, `distributed per epoch (own scale); epochs 1…${n}: ${jetText(m.distributedToDatePack)} Jet`]])}
</svg>`;
}

function percentileBand(level: number): string {
  const floors = LEVEL_PERCENTILE_FLOORS;
  if (level === 1) return `p &gt; ${floors[0]}`;
  if (level > floors.length) return `p ≤ ${floors[floors.length - 1]}`;
  return `${floors[level - 1]} &lt; p ≤ ${floors[level - 2]}`;
}

const num = (text: string) => `<td class="n">${text}</td>`;

function levelTable(m: ReportModel): string {
  const rows = m.levels.map((l) => `<tr><td><span class="sw" style="background:${COLORS.levels[l.level - 1]}"></span>${l.level}</td><td>${percentileBand(l.level)}</td>${num(jetText(l.capPack))}${num(String(l.count))}${num(jetText(l.allocatedPack))}</tr>`);
  return `<table id="level-table"><thead><tr><th>level</th><th>percentile</th><th class="n">cap (Jet)</th><th class="n">services</th><th class="n">allocated (Jet)</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`;
}

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

function card(label: string, value: string, id: string): string {
  return `<div class="card" id="${id}"><div class="k">${label}</div><div class="v">${value}</div></div>`;
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:${COLORS.page};color:${COLORS.ink};font:14px/1.45 "Liberation Sans","DejaVu Sans",Arial,Helvetica,sans-serif}
main{max-width:1160px;margin:0 auto;padding:16px 20px 40px}
header{height:64px;overflow:hidden}
h1{font-size:22px;margin:0 0 2px}
h2{font-size:17px;margin:28px 0 8px;border-bottom:2px solid ${COLORS.grid};padding-bottom:4px}
.sub,.note{color:${COLORS.muted}}
header .sub{margin:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
svg{display:block;max-width:100%;height:auto}
svg text{fill:${COLORS.ink};font-family:inherit}
svg .tick{font-size:12px;fill:${COLORS.muted}}
svg .tick.sub{font-size:11px}
svg .axis{font-size:13px;font-weight:bold}
svg .legend{font-size:12.5px}
svg .count{font-size:12px;font-weight:bold}
svg .marker{font-size:13.5px;font-weight:bold;fill:${COLORS.marker};paint-order:stroke;stroke:${COLORS.page};stroke-width:4px}
.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:8px;margin-top:12px}
.card{border:1px solid ${COLORS.grid};border-radius:6px;padding:6px 12px}
.card .k{font-size:12px;color:${COLORS.muted}}
.card .v{font-size:16px;font-weight:bold;font-variant-numeric:tabular-nums}
.row{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}
.row>table{flex:1;min-width:420px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:13px}
th,td{padding:3px 8px;border-bottom:1px solid ${COLORS.grid};text-align:left}
th{background:${COLORS.plot}}
.n{text-align:right;white-space:nowrap}
tr.cur td{background:#fff1cc;font-weight:bold}
tr.capped td:last-child{color:${COLORS.distributed};font-weight:bold}
tfoot td{font-weight:bold;border-top:2px solid ${COLORS.grid}}
.sw{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px}
code{font-family:"DejaVu Sans Mono","Liberation Mono",monospace;font-size:12.5px}
footer{margin-top:28px;font-size:12px;color:${COLORS.muted}}
`;

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
