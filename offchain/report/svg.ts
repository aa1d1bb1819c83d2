// Why: the report's charts share one small SVG vocabulary — colours, exact-to-drawing scaling,
// round axes, legends — so every chart (and the zoom of the emission chart) looks alike.
// How: pure string building; amounts stay bigint Pack and only SVG coordinates are floats,
// computed from the exact values for drawing. Text from the input is HTML-escaped.
import { groupDigits } from "../cli/format.js";
import { PACK_PER_JET, formatJet } from "../economics/emission.js";

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
export function c(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}

/** v / top as a float in [0, 1] for drawing (top > 0). */
export function frac(v: bigint, top: bigint): number {
  return Number((v * 1_000_000n) / top) / 1_000_000;
}

export interface Scale {
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
export function jetTick(pack: bigint): string {
  return pack % PACK_PER_JET === 0n ? groupDigits((pack / PACK_PER_JET).toString()) : jetText(pack);
}

export interface Frame {
  readonly w: number;
  readonly h: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export const pw = (f: Frame) => f.w - f.left - f.right;
export const ph = (f: Frame) => f.h - f.top - f.bottom;

/** Plot background, horizontal grid with labels, axes and axis titles. */
export function axes(f: Frame, scale: Scale, tickLabel: (v: bigint) => string, xTitle: string, yTitle: string): string {
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
export function legend(x: number, y: number, items: readonly (readonly ["box" | "line", string, string])[]): string {
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
