/**
 * The HTML page: self-contained (no scripts, no external resources), the emission curve as an
 * SVG path through all 2,776 epochs with epoch N marked on it, the level bars, the tables with
 * Jet at 6 decimals, and every input string escaped.
 */
import { describe, expect, it } from "vitest";
import { EPOCHS, scheduleTable } from "../../offchain/economics/emission.js";
import { SPEC_TWO_EPOCH_SCENARIO } from "../../offchain/economics/examples.js";
import { MAX_TAIL_EPOCH, buildReportModel } from "../../offchain/report/model.js";
import { escapeHtml, jetText, niceScale, renderReportHtml } from "../../offchain/report/render.js";
import { syntheticMetrics } from "./helpers.js";

/** The d attribute of the element with this id. */
function pathD(html: string, id: string): string {
  const m = new RegExp(`<path id="${id}" d="([^"]+)"`).exec(html);
  expect(m, `path#${id}`).not.toBeNull();
  return m![1]!;
}

/** [x, y] pairs of an "Mx,yLx,y…" path. */
function points(d: string): [number, number][] {
  return d
    .replace(/Z$/, "")
    .split(/[ML]/)
    .filter(Boolean)
    .map((p) => p.split(",").map(Number) as [number, number]);
}

/** The body of the element <tag id="id" …>…</tag>. */
function element(html: string, tag: string, id: string): string {
  const start = html.indexOf(`<${tag} id="${id}"`);
  expect(start, `${tag}#${id}`).toBeGreaterThanOrEqual(0);
  const end = html.indexOf(`</${tag}>`, start);
  return html.slice(start, end + tag.length + 3);
}

/** One self-contained document: inline CSS and SVG, no scripts, nothing external, tags closed. */
function expectSelfContained(html: string, svgs = 4): void {
  expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
  expect(html).toContain('<meta charset="utf-8">');
  expect(html).toMatch(/<style>[^]*<\/style>/);
  expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(|\son[a-z]+=|src=|href=/i);
  // the only URL is the SVG namespace
  expect(html.match(/https?:\/\/[^"\s<]+/g)!.every((u) => u === "http://www.w3.org/2000/svg")).toBe(true);
  expect(html.match(/<svg /g)).toHaveLength(svgs); // emission, levels, carry-over, distributed
  for (const tag of ["svg", "g", "table", "section", "text", "title"]) {
    expect(html.match(new RegExp(`<${tag}[ >]`, "g"))?.length, `<${tag}> opened as often as closed`).toBe(html.match(new RegExp(`</${tag}>`, "g"))?.length);
  }
  expect(html.trimEnd().endsWith("</html>")).toBe(true);
}

describe("report HTML", () => {
  const epoch = 2;
  const m = buildReportModel({ epoch, metrics: { epochs: SPEC_TWO_EPOCH_SCENARIO } });
  const html = renderReportHtml(m);

  it("is one self-contained document: inline CSS and SVG, no scripts, nothing external", () => {
    expectSelfContained(html);
    expect(html).not.toContain("tail epoch");
  });

  it("draws the emission curve through all 2,776 epochs, decreasing", () => {
    const svg = element(html, "svg", "emission-chart");
    expect(svg).toContain("Jet per epoch"); // y axis label
    expect(svg).toMatch(/>epoch \(1 epoch = 5 days/); // x axis label
    for (const t of [1, 500, 1000, 2500, 2776]) expect(svg).toContain(`class="tick">${t}</text>`);
    expect(svg).toContain('class="tick">3,500,000</text>');
    const pts = points(pathD(svg, "emission-curve"));
    expect(pts).toHaveLength(EPOCHS);
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i]![0]).toBeGreaterThan(pts[i - 1]![0]); // x: epoch grows
      expect(pts[i]![1]).toBeGreaterThanOrEqual(pts[i - 1]![1]); // y (downwards): emission shrinks
    }
    // y is proportional to the exact emission (0 at the baseline), to drawing precision
    const base = 40 + (430 - 40 - 62);
    const top = 3_500_000_000_000; // the axis top, 3,500,000 Jet in Pack
    const table = scheduleTable();
    for (const t of [1, 2, 3, 100, 2776]) expect(pts[t - 1]![1]).toBeCloseTo(base - (Number(table[t - 1]!) / top) * (430 - 40 - 62), 0);
  });

  it("marks epoch N on the curve", () => {
    const svg = element(html, "svg", "emission-chart");
    const marker = element(svg, "g", "epoch-marker");
    const pts = points(pathD(svg, "emission-curve"));
    const [x, y] = pts[epoch - 1]!;
    expect(marker).toContain(`<circle cx="${x}" cy="${y}"`);
    expect(marker).toContain(`x1="${x}"`);
    expect(marker).toContain(`epoch ${epoch} · 2025-01-06 · 2,195,502.227011 Jet`);
    // the shaded area ends at epoch N
    const area = points(pathD(svg, "emitted-area"));
    expect(area.at(-1)![0]).toBe(x);
    expect(area).toHaveLength(epoch + 2); // baseline at epoch 1, the curve at epochs 1…N, baseline at epoch N
  });

  it("shows the level distribution and the allocation table", () => {
    const bars = element(html, "svg", "level-chart");
    expect(bars.match(/<rect class="bar"/g)).toHaveLength(9);
    expect(bars).toContain("level 1: 1 service(s)");
    expect(bars).toContain("level 2: 0 service(s)");
    const alloc = element(html, "table", "allocation-table");
    for (const h of ["service", "score", "rank", "percentile", "level", "cap (Jet)", "allocation (Jet)"]) expect(alloc).toContain(`>${h}</th>`);
    const rows = alloc.match(/<tbody>[^]*<\/tbody>/)![0].match(/<tr/g);
    expect(rows).toHaveLength(3);
    expect(alloc).toMatch(/<td>A<\/td><td class="n" title="2\/5">0\.400000<\/td><td class="n">1<\/td><td class="n" title="100\/1">100\.00%<\/td><td class="n">1<\/td><td class="n">30,000\.000000<\/td><td class="n">30,000\.000000<\/td>/);
    expect(alloc).toContain('title="200/3">66.67%');
    expect(alloc).toContain("52,000.000000");
  });

  it("shows the carry-over history of epochs 1…N", () => {
    const hist = element(html, "table", "history-table");
    expect(hist.match(/<tbody>[^]*<\/tbody>/)![0].match(/<tr/g)).toHaveLength(epoch);
    // epoch 1: emission, carried in 0, f_total, distributed, undistributed; epoch 2 highlighted
    expect(hist).toContain("3,479,788.700063</td><td class=\"n\">0.000000</td><td class=\"n\">3,479,788.700063</td><td class=\"n\">52,000.000000</td><td class=\"n\">3,427,788.700063");
    expect(hist).toMatch(/<tr class="cur"><td class="n">2<\/td><td>2025-01-06<\/td><td class="n">2,195,502\.227011<\/td><td class="n">3,427,788\.700063<\/td><td class="n">5,623,290\.927074<\/td><td class="n">52,000\.000000<\/td><td class="n">5,571,290\.927074<\/td>/);
    expect(html).toContain('<svg id="carry-chart"');
    expect(html).toContain('<svg id="distributed-chart"');
  });

  it("formats Jet with 6 decimals and escapes service ids", () => {
    expect(jetText(1n)).toBe("0.000001");
    expect(jetText(3_479_788_700_063n)).toBe("3,479,788.700063");
    const evil = '<img src=x onerror="alert(1)">&\'';
    const page = renderReportHtml(
      buildReportModel({ epoch: 1, metrics: { epochs: [{ services: [{ id: evil, m1: 1n, m2: 1n, m3: 1n }] }] } }),
    );
    expect(page).not.toContain("<img");
    expect(page).toContain(escapeHtml(evil));
    expect(escapeHtml(evil)).toBe("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;");
  });

  it("renders the first and the last epoch and a schedule-only report", () => {
    for (const n of [1, EPOCHS]) {
      const page = renderReportHtml(buildReportModel({ epoch: n }));
      const svg = element(page, "svg", "emission-chart");
      const pts = points(pathD(svg, "emission-curve"));
      expect(element(svg, "g", "epoch-marker")).toContain(`<circle cx="${pts[n - 1]![0]}" cy="${pts[n - 1]![1]}"`);
      expect(page).toContain("schedule only");
      expect(page).toContain("No service metrics for epoch");
      expect(element(page, "table", "history-table").match(/<tr class="cur">/g)).toHaveLength(1);
    }
  });

  it("is deterministic and independent of the page size of the data", () => {
    const big = buildReportModel({ epoch: 40, metrics: syntheticMetrics(40, 30, 9) });
    expect(renderReportHtml(big)).toBe(renderReportHtml(big));
    expect(element(renderReportHtml(big), "table", "allocation-table").match(/<tbody>[^]*<\/tbody>/)![0].match(/<tr/g)).toHaveLength(30);
  });
});

describe("report HTML: a tail epoch (after 2776)", () => {
  const n = EPOCHS + 4;
  const m = buildReportModel({ epoch: n, metrics: syntheticMetrics(n, 6, 3) });
  const html = renderReportHtml(m);

  it("is one self-contained, well-formed document like any other report", () => {
    expectSelfContained(html);
  });

  it("says in the title and heading that the epoch emits nothing and carries over only", () => {
    expect(html).toContain(`<title>JetPack report — epoch ${n} (tail epoch: no emission, carry-over only)</title>`);
    expect(html).toContain(`<h1>JetPack — epoch ${n} (tail epoch: no emission, carry-over only)</h1>`);
    expect(html).toContain(`<div class="card" id="card-emission"><div class="k">emission of epoch ${n} (tail: none)</div><div class="v">0.000000 Jet</div></div>`);
    expect(html).toContain('<div class="card" id="card-remaining"><div class="k">still to emit: schedule complete</div><div class="v">0.000000 Jet</div></div>');
  });

  it("keeps the curve on epochs 1…2776 and marks epoch N at its right edge, on the baseline", () => {
    const svg = element(html, "svg", "emission-chart");
    const pts = points(pathD(svg, "emission-curve"));
    expect(pts).toHaveLength(EPOCHS);
    const area = points(pathD(svg, "emitted-area"));
    expect(area).toHaveLength(EPOCHS + 2); // all of the schedule is emitted
    const base = 40 + (430 - 40 - 62);
    const marker = element(svg, "g", "epoch-marker");
    expect(marker).toContain(`<circle cx="${pts[EPOCHS - 1]![0]}" cy="${base}"`);
    expect(marker).toContain(`epoch ${n} · ${m.current.start} · tail epoch after 2776: 0 Jet emitted →`);
    expect(marker).toContain('id="tail-arrow"');
    // nothing is drawn off the chart
    for (const [, v] of marker.matchAll(/\b(?:x|x1|x2|cx)="([-\d.]+)"/g)) expect(Number(v)).toBeLessThanOrEqual(1120);
    for (const [x] of points(/ d="([^"]+)"/.exec(marker)![1]!)) expect(x).toBeLessThanOrEqual(1120);
    expect(svg).toContain(`epoch ${n} (tail)`);
  });

  it("shows the carry-over flowing into the tail: history 1…N, where emission ended marked", () => {
    const hist = element(html, "table", "history-table");
    expect(hist.match(/<tbody>[^]*<\/tbody>/)![0].match(/<tr/g)).toHaveLength(n);
    expect(hist.match(/<tr class="cur"><td class="n">(\d+)</)![1]).toBe(String(n));
    expect(element(html, "svg", "carry-chart")).toContain(`end of emission (epoch ${EPOCHS}); tail epochs: carry-over only`);
    expect(element(html, "table", "allocation-table").match(/<tbody>[^]*<\/tbody>/)![0].match(/<tr/g)).toHaveLength(6);
  });

  it("renders the last tail epoch without metrics", () => {
    const page = renderReportHtml(buildReportModel({ epoch: MAX_TAIL_EPOCH }));
    expectSelfContained(page);
    expect(page).toContain(`<h1>JetPack — epoch ${MAX_TAIL_EPOCH} (tail epoch: no emission, carry-over only)</h1>`);
    expect(page).toContain("No service metrics for epoch");
  });
});

describe("niceScale", () => {
  it("picks 1, 2, 5 × 10^k steps with the top ≥ the maximum", () => {
    expect(niceScale(0n)).toEqual({ top: 1n, step: 1n });
    expect(niceScale(3n, 5)).toEqual({ top: 3n, step: 1n });
    expect(niceScale(8n, 5)).toEqual({ top: 8n, step: 2n });
    expect(niceScale(11n, 5)).toEqual({ top: 15n, step: 5n });
    expect(niceScale(3_479_788_700_063n, 7)).toEqual({ top: 3_500_000_000_000n, step: 500_000_000_000n });
    for (const v of [1n, 7n, 99n, 101n, 123_456_789n]) {
      const s = niceScale(v, 6);
      expect(s.top).toBeGreaterThanOrEqual(v);
      expect(s.top / s.step).toBeLessThanOrEqual(6n);
      expect(s.top % s.step).toBe(0n);
    }
  });
});
