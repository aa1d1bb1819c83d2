// Why: on the emission chart's linear axis over 2,776 epochs one epoch is 0.36 px wide, so
// epochs 1…20 — the first 100 days, when operators look most — are squeezed against the
// y-axis and the marker of epoch 2 sits on it. The zoom panel inside the chart shows the
// ZOOM_EPOCHS epochs around N as bars, one band per epoch, so epoch N (even epoch 1 or 2)
// stands clearly away from the axis; the main curve keeps its honest linear scale.
// How: pure SVG string building. The panel goes into the chart's empty upper area: on the
// right when the main marker is in the left half, else on the left (the curve is below
// ~0.3 of the plot height beyond epoch ~180, so the panel never covers it). Bars are exact
// emission(t) (bigint Pack) scaled to a round axis; epochs before N are shaded as emitted,
// epoch N is drawn in the marker colour with a dot and a dashed line.
import { EPOCHS } from "../economics/emission.js";
import { COLORS, type Frame, c, escapeHtml, frac, jetText, jetTick, niceScale, ph, pw } from "./svg.js";

/** Epochs the zoom panel shows. */
export const ZOOM_EPOCHS = 20;

/** The zoom's epochs lo…hi: ZOOM_EPOCHS epochs, N the 6th when possible, inside 1…2776. */
export function zoomWindow(n: number): { lo: number; hi: number } {
  const hi = Math.min(EPOCHS, Math.max(1, n - 5) + ZOOM_EPOCHS - 1);
  return { lo: Math.max(1, hi - ZOOM_EPOCHS + 1), hi };
}

/** The panel's frame inside the emission chart: top-left corner and size. */
export interface ZoomBox {
  readonly x: number;
  readonly y: number;
}

export const ZOOM_SIZE = Object.freeze({ w: 440, h: 180 });

/** Labelled epochs under the bars: N first, then lo, hi and multiples of 5, none closer than 2 bands. */
function zoomLabels(lo: number, hi: number, n: number): number[] {
  const wanted = [n, lo, hi];
  for (let t = lo; t <= hi; t++) if (t % 5 === 0) wanted.push(t);
  const out: number[] = [];
  for (const t of wanted) if (t >= lo && t <= hi && out.every((u) => Math.abs(u - t) >= 2)) out.push(t);
  return out.sort((a, b) => a - b);
}

/**
 * The zoom panel `<g id="emission-zoom">` (no nested groups): emission of epochs lo…hi as bars,
 * epoch N's bar in the marker colour with `circle#zoom-marker` on top of it and its emission
 * in the panel's title row.
 */
export function emissionZoom(schedule: readonly bigint[], n: number, box: ZoomBox): string {
  const { lo, hi } = zoomWindow(n);
  const f: Frame = { w: ZOOM_SIZE.w, h: ZOOM_SIZE.h, left: 78, right: 12, top: 30, bottom: 30 };
  const px = box.x + f.left;
  const base = box.y + f.top + ph(f);
  const band = pw(f) / (hi - lo + 1);
  let max = 0n;
  for (let t = lo; t <= hi; t++) if (schedule[t - 1]! > max) max = schedule[t - 1]!;
  const scale = niceScale(max, 3);
  const y = (p: bigint) => base - frac(p, scale.top) * ph(f);
  const mid = (t: number) => px + (t - lo + 0.5) * band;
  const out: string[] = [
    `<g id="emission-zoom" data-epochs="${lo}-${hi}">`,
    `<rect x="${box.x}" y="${box.y}" width="${f.w}" height="${f.h}" rx="4" fill="${COLORS.page}" stroke="${COLORS.muted}" stroke-width="1"/>`,
    `<rect x="${px}" y="${box.y + f.top}" width="${pw(f)}" height="${ph(f)}" fill="${COLORS.plot}"/>`,
    `<text x="${box.x + 10}" y="${box.y + 18}" class="legend">zoom: epochs ${lo}…${hi}</text>`,
  ];
  for (let v = 0n; v <= scale.top; v += scale.step) {
    const gy = c(y(v));
    out.push(`<line x1="${px}" y1="${gy}" x2="${px + pw(f)}" y2="${gy}" stroke="${COLORS.grid}"/>`);
    out.push(`<text x="${px - 6}" y="${c(y(v) + 4)}" text-anchor="end" class="tick">${jetTick(v)}</text>`);
  }
  for (let t = lo; t <= hi; t++) {
    const e = schedule[t - 1]!;
    const fill = t === n ? COLORS.marker : t < n ? COLORS.emittedFill : COLORS.scheduleFill;
    out.push(
      `<rect class="zoom-bar" x="${c(px + (t - lo) * band + band * 0.15)}" y="${c(y(e))}" width="${c(band * 0.7)}" height="${c(base - y(e))}" fill="${fill}"><title>epoch ${t}: ${jetText(e)} Jet</title></rect>`,
    );
  }
  for (const t of zoomLabels(lo, hi, n)) {
    out.push(`<text x="${c(mid(t))}" y="${base + 16}" text-anchor="middle" class="tick${t === n ? " zoom-n" : ""}">${t}</text>`);
  }
  out.push(`<line x1="${px}" y1="${base}" x2="${px + pw(f)}" y2="${base}" stroke="${COLORS.ink}"/>`);
  out.push(`<line id="zoom-axis" x1="${px}" y1="${box.y + f.top}" x2="${px}" y2="${base}" stroke="${COLORS.ink}"/>`);
  if (n >= lo && n <= hi) {
    const e = schedule[n - 1]!;
    const mx = mid(n);
    out.push(`<line x1="${c(mx)}" y1="${box.y + f.top}" x2="${c(mx)}" y2="${base}" stroke="${COLORS.marker}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
    out.push(`<circle id="zoom-marker" cx="${c(mx)}" cy="${c(y(e))}" r="5" fill="${COLORS.marker}" stroke="${COLORS.page}" stroke-width="2"/>`);
    out.push(`<text x="${box.x + f.w - 10}" y="${box.y + 19}" text-anchor="end" class="marker">${escapeHtml(`epoch ${n}: ${jetText(e)} Jet`)}</text>`);
  }
  out.push("</g>");
  return out.join("\n");
}
