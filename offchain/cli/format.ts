// Why: human-readable output (without --json) should be scannable: aligned columns, Jet with
// thousands separators. JSON output is separate and exact (Pack as decimal strings).
// How: string padding only; numbers are formatted from bigint/Rational, never via floats.
import { formatJet } from "../economics/emission.js";
import { type Rational } from "../economics/rational.js";
import { type ServiceAllocation } from "../economics/allocation.js";

/** 1234567.890000 → "1,234,567.890000". */
export function groupDigits(decimal: string): string {
  const [w, f] = decimal.split(".");
  const neg = w!.startsWith("-");
  const digits = neg ? w!.slice(1) : w!;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}${grouped}${f === undefined ? "" : "." + f}`;
}

/** Pack → "3,479,788.700063". */
export function jet(pack: bigint): string {
  return groupDigits(formatJet(pack));
}

/** A rank as a JSON number (ranks are integers or halves, both exact in a JS number). */
export function rankNumber(rank: Rational): number {
  if (rank.den !== 1n && rank.den !== 2n) throw new Error(`rank ${rank} is not a half-integer`);
  return rank.den === 1n ? Number(rank.num) : Number(rank.num) / 2;
}

/** Rank for tables: "3" or "2.5". */
export function rankText(rank: Rational): string {
  return rank.den === 1n ? rank.num.toString() : rank.toFixed(1);
}

export type Align = "left" | "right";

/** Aligned text table with a header underline. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (align[c] === "right" ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}

/** JSON form of one service's allocation (Pack as strings, fractions as "n/d"). */
export function allocationJson(s: ServiceAllocation) {
  return {
    id: s.id,
    score: s.score.toString(),
    rank: rankNumber(s.rank),
    percentile: s.percentile.toString(),
    level: s.level,
    capPack: s.capPack.toString(),
    allocationPack: s.allocationPack.toString(),
  };
}

/** Table of services, best rank first (ties in input order). */
export function allocationTable(services: readonly ServiceAllocation[]): string {
  const sorted = services
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.rank.compare(b.s.rank) || a.i - b.i)
    .map(({ s }) => s);
  return table(
    ["service", "score", "rank", "percentile", "level", "cap (Jet)", "allocation (Jet)"],
    sorted.map((s) => [s.id, s.score.toFixed(6), rankText(s.rank), s.percentile.toFixed(2) + "%", String(s.level), jet(s.capPack), jet(s.allocationPack)]),
    ["left", "right", "right", "right", "right", "right", "right"],
  );
}

/** Stable JSON text with a trailing newline. */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}
