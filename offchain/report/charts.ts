// Why: the report page's charts — the emission curve over all 2,776 epochs with epoch N
// marked (and a zoom of the epochs around N, so an early epoch is not squeezed against the
// y-axis), the services per level, and the carry-over history — drawn the same way whether
// the figures come from a simulation file or from the chain.
// How: pure SVG string building from a ChartModel (the fields of a report model the charts
// read); amounts are exact bigint Pack, only coordinates are floats.
import { EPOCHS, epochStartDate } from "../economics/emission.js";
import { type HistoryRow, type LevelBucket } from "./model.js";
import { COLORS, type Frame, axes, c, escapeHtml, frac, jetText, jetTick, legend, niceScale, ph, pw } from "./svg.js";
import { emissionZoom } from "./zoom.js";

/** What the charts read of a report (simulation or chain). */
export interface ChartModel {
  readonly epoch: number;
  readonly tail: boolean;
  readonly genesisMs: number;
  /** emission(t) in Pack for t = 1…2776 (index t − 1). */
  readonly schedule: readonly bigint[];
  readonly emittedToDatePack: bigint;
  readonly remainingPack: bigint;
  /** The epoch-N row of the history. */
  readonly current: HistoryRow;
  /** Epochs 1…N. */
  readonly history: readonly HistoryRow[];
  readonly levels: readonly LevelBucket[];
  readonly distributedToDatePack: bigint;
}

/** X tick epochs for the whole schedule. */
const SCHEDULE_TICKS = [1, 500, 1000, 1500, 2000, 2500, EPOCHS];

/** "epoch 12 of 2776", or for a tail epoch (N > 2776) what it does. */
export function epochHeading(m: ChartModel): string {
  return m.tail ? `epoch ${m.epoch} (tail epoch: no emission, carry-over only)` : `epoch ${m.epoch} of ${EPOCHS}`;
}

/**
 * The emission curve over all 2,776 epochs, epochs 1…N shaded, epoch N marked (a tail epoch: at
 * the right edge, emission 0, an arrow), and a zoom panel of the epochs around N (zoom.ts).
 */
export function emissionChart(m: ChartModel): string {
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
  // the zoom of the epochs around N (not for a tail epoch: its marker is at the right edge)
  const zoom = m.tail ? "" : "\n" + emissionZoom(m.schedule, n, { x: mx < 620 ? 630 : 170, y: f.top + 12 });
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
</g>${zoom}
${legend(f.left + 8, 24, [
  ["line", COLORS.curve, "emission per epoch"],
  ["box", COLORS.emittedFill, `emitted in epochs 1…${shown}: ${jetText(m.emittedToDatePack)} Jet`],
  ["box", COLORS.scheduleFill, `still to emit: ${jetText(m.remainingPack)} Jet`],
  ["line", COLORS.marker, m.tail ? `epoch ${n} (tail)` : `epoch ${n}`],
])}
</svg>`;
}

/** Bars: services per level 1…9 in epoch N. */
export function levelChart(m: ChartModel): string {
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
export function carryOverChart(m: ChartModel): string {
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
export function distributedChart(m: ChartModel): string {
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
