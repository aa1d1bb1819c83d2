/**
 * The emission chart's zoom: on the linear 1…2776 axis epochs 1–20 are squeezed against the
 * y-axis, so the chart also shows the 20 epochs around N, one bar each. Epoch N (even 1 or 2)
 * is marked well away from the zoom's axis; the panel covers neither the curve nor the main
 * marker; a tail epoch has no zoom.
 */
import { describe, expect, it } from "vitest";
import { EPOCHS, scheduleTable } from "../../offchain/economics/emission.js";
import { buildReportModel } from "../../offchain/report/model.js";
import { emissionChart } from "../../offchain/report/render.js";
import { ZOOM_EPOCHS, ZOOM_SIZE, zoomWindow } from "../../offchain/report/zoom.js";

function attr(el: string, name: string): number {
  const m = new RegExp(`\\s${name}="([-\\d.]+)"`).exec(el);
  expect(m, name).not.toBeNull();
  return Number(m![1]);
}

function zoomOf(svg: string): string {
  const start = svg.indexOf('<g id="emission-zoom"');
  expect(start).toBeGreaterThanOrEqual(0);
  return svg.slice(start, svg.indexOf("</g>", start) + 4);
}

describe("emission chart zoom", () => {
  it("the window: 20 epochs inside 1…2776, N the 6th when possible", () => {
    expect(zoomWindow(1)).toEqual({ lo: 1, hi: 20 });
    expect(zoomWindow(2)).toEqual({ lo: 1, hi: 20 });
    expect(zoomWindow(6)).toEqual({ lo: 1, hi: 20 });
    expect(zoomWindow(100)).toEqual({ lo: 95, hi: 114 });
    expect(zoomWindow(EPOCHS)).toEqual({ lo: EPOCHS - 19, hi: EPOCHS });
    for (const n of [1, 7, 400, 2770, EPOCHS]) {
      const { lo, hi } = zoomWindow(n);
      expect(hi - lo + 1).toBe(ZOOM_EPOCHS);
      expect(n >= lo && n <= hi).toBe(true);
    }
  });

  for (const n of [1, 2, 3, 20, 400, 1500, 2000, EPOCHS]) {
    it(`epoch ${n}: marked away from the zoom's axis, exact bar heights, no overlap with the curve or the main marker`, () => {
      const svg = emissionChart(buildReportModel({ epoch: n }));
      const zoom = zoomOf(svg);
      const axisX = attr(/<line id="zoom-axis"[^>]*>/.exec(zoom)![0], "x1");
      const marker = /<circle id="zoom-marker"[^>]*>/.exec(zoom)![0];
      const bars = [...zoom.matchAll(/<rect class="zoom-bar"[^>]*>/g)].map((b) => b[0]);
      expect(bars).toHaveLength(ZOOM_EPOCHS);
      const band = (attr(bars[1]!, "x") - attr(bars[0]!, "x"));
      const { lo } = zoomWindow(n);
      // the marker sits in the middle of epoch N's band: at least half a band (> 8 px) off the axis
      expect(attr(marker, "cx") - axisX).toBeCloseTo((n - lo + 0.5) * band, 0);
      expect(attr(marker, "cx") - axisX).toBeGreaterThan(8);
      expect(zoom).toContain(`class="tick zoom-n">${n}</text>`);
      // bar heights proportional to the exact emission
      const table = scheduleTable();
      const h = (i: number) => attr(bars[i]!, "height");
      expect(h(1) / h(0)).toBeCloseTo(Number(table[lo]!) / Number(table[lo - 1]!), 2);
      expect(bars[n - lo]).toContain('fill="#d62828"');
      // the panel: inside the plot, above the curve, clear of the main marker's line
      const box = /<rect x="([\d.]+)" y="([\d.]+)" width="(\d+)" height="(\d+)"/.exec(zoom)!;
      const [bx, by] = [Number(box[1]), Number(box[2])];
      expect([Number(box[3]), Number(box[4])]).toEqual([ZOOM_SIZE.w, ZOOM_SIZE.h]);
      expect(bx).toBeGreaterThanOrEqual(104);
      expect(bx + ZOOM_SIZE.w).toBeLessThanOrEqual(1120 - 28);
      expect(by).toBeGreaterThanOrEqual(40);
      const curve = /<path id="emission-curve" d="M([^"]+)"/.exec(svg)![1]!.split("L").map((p) => p.split(",").map(Number));
      for (const [x, y] of curve) if (x! >= bx && x! <= bx + ZOOM_SIZE.w) expect(y!).toBeGreaterThan(by + ZOOM_SIZE.h);
      const mainX = attr(/<g id="epoch-marker"[^]*?<line[^>]*>/.exec(svg)![0], "x1");
      expect(mainX < bx || mainX > bx + ZOOM_SIZE.w).toBe(true);
    });
  }

  it("a tail epoch has no zoom (its marker is at the right edge)", () => {
    expect(emissionChart(buildReportModel({ epoch: EPOCHS + 3 }))).not.toContain("emission-zoom");
  });
});
