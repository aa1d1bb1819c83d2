// Why: the simulation report and the chain report are one kind of page: the same stylesheet,
// figure cards and level table, so an operator reads both the same way.
// How: pure string building; the CSS is inline (the page stays self-contained).
import { LEVEL_PERCENTILE_FLOORS } from "../economics/scoring.js";
import { type LevelBucket } from "./model.js";
import { COLORS, jetText } from "./svg.js";

export function percentileBand(level: number): string {
  const floors = LEVEL_PERCENTILE_FLOORS;
  if (level === 1) return `p &gt; ${floors[0]}`;
  if (level > floors.length) return `p ≤ ${floors[floors.length - 1]}`;
  return `${floors[level - 1]} &lt; p ≤ ${floors[level - 2]}`;
}

export const num = (text: string) => `<td class="n">${text}</td>`;

export function levelTable(m: { readonly levels: readonly LevelBucket[] }): string {
  const rows = m.levels.map((l) => `<tr><td><span class="sw" style="background:${COLORS.levels[l.level - 1]}"></span>${l.level}</td><td>${percentileBand(l.level)}</td>${num(jetText(l.capPack))}${num(String(l.count))}${num(jetText(l.allocatedPack))}</tr>`);
  return `<table id="level-table"><thead><tr><th>level</th><th>percentile</th><th class="n">cap (Jet)</th><th class="n">services</th><th class="n">allocated (Jet)</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`;
}

export function card(label: string, value: string, id: string): string {
  return `<div class="card" id="${id}"><div class="k">${label}</div><div class="v">${value}</div></div>`;
}

export const CSS = `
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
svg .tick.zoom-n{fill:${COLORS.marker};font-weight:bold}
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
