/**
 * The report page as a browser draws it: headless Debian chromium takes a screenshot of
 * report-epoch-N.html, and the PNG (decoded by ./png.ts, no image dependency) must show the
 * emission chart — most of the chart region differs from the page background and the chart's
 * colours (curve, fills, marker) are there — and the level bars.
 *
 * Setup: chromium is installed with apt-get when /usr/bin/chromium is missing (CI runs
 * `npm ci && npm test` as root on a fresh machine). The setup never skips: if the install
 * fails, the error is kept and the test fails with it.
 * JETPACK_SCREENSHOT_OUT=FILE keeps a copy of the screenshot (to look at it).
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COLORS } from "../../offchain/report/render.js";
import { cli } from "../cli/helpers.js";
import { metricsFile, syntheticMetrics } from "./helpers.js";
import { type Image, decodePng, hexColor, near, rgbAt } from "./png.js";

const CHROMIUM = "/usr/bin/chromium";
const INSTALL_TIMEOUT_MS = 20 * 60_000;
const dirs: string[] = [];
let setupError: Error | undefined;

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, {
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    encoding: "utf8",
    timeout: INSTALL_TIMEOUT_MS / 2,
    maxBuffer: 256 << 20,
  });
  if (r.error) throw new Error(`${cmd} ${args.join(" ")}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status ?? r.signal}:\n${(r.stderr || r.stdout).slice(-2000)}`);
}

/** Installs Debian's chromium unless it is already there. */
function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const lock = ["-o", "DPkg::Lock::Timeout=600"];
  run("apt-get", [...lock, "update"]);
  run("apt-get", [...lock, "install", "-y", "chromium"]);
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get install chromium succeeded but ${CHROMIUM} does not exist`);
}

beforeAll(() => {
  try {
    ensureChromium();
  } catch (e) {
    setupError = e instanceof Error ? e : new Error(String(e));
  }
}, INSTALL_TIMEOUT_MS);

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** chromium --headless --screenshot of a file; resolves with the PNG bytes. */
function screenshot(htmlFile: string, png: string): Promise<Buffer> {
  const profile = mkdtempSync(join(tmpdir(), "jetpack-chromium-"));
  dirs.push(profile);
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    `--user-data-dir=${profile}`,
    `--screenshot=${png}`,
    "--window-size=1200,1600",
    pathToFileURL(htmlFile).href,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(CHROMIUM, args, { stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`chromium did not finish in 120 s:\n${log.slice(-2000)}`));
    }, 120_000);
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (!existsSync(png)) return reject(new Error(`chromium exited with ${code} and wrote no screenshot:\n${log.slice(-2000)}`));
      resolve(readFileSync(png));
    });
  });
}

interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The most frequent colour of the image (the page background). */
function dominantColor(img: Image): number {
  const counts = new Map<number, number>();
  for (let y = 0; y < img.height; y += 2) for (let x = 0; x < img.width; x += 2) {
    const c = rgbAt(img, x, y);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

function pixels(img: Image, r: Region, fn: (c: number) => void): void {
  for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) fn(rgbAt(img, x, y));
}

function countNear(img: Image, r: Region, color: string, tol = 10): number {
  const target = hexColor(color);
  let n = 0;
  pixels(img, r, (c) => void (near(c, target, tol) && n++));
  return n;
}

describe("report screenshot (headless chromium)", () => {
  it(
    "shows the emission chart, the epoch marker and the level bars",
    async () => {
      if (setupError) throw setupError; // never skip: a failed install fails the test
      expect(existsSync(CHROMIUM)).toBe(true);

      const dir = mkdtempSync(join(tmpdir(), "jetpack-report-shot-"));
      dirs.push(dir);
      const epoch = 400;
      writeFileSync(join(dir, "metrics.json"), JSON.stringify(metricsFile(syntheticMetrics(epoch, 40, 7))));
      const o = await cli(["report", "--epoch", String(epoch), "--out", join(dir, "out"), "--input", join(dir, "metrics.json")]);
      expect(o.stderr).toBe("");
      expect(o.code).toBe(0);

      const pngFile = join(dir, "shot.png");
      const img = decodePng(await screenshot(join(dir, "out", `report-epoch-${epoch}.html`), pngFile));
      if (process.env.JETPACK_SCREENSHOT_OUT) copyFileSync(pngFile, process.env.JETPACK_SCREENSHOT_OUT);
      expect([img.width, img.height]).toEqual([1200, 1600]);

      const background = dominantColor(img);
      expect(background).toBe(hexColor(COLORS.page));

      // The emission chart's plot area: the page's top padding (16 px) and the fixed 64 px header,
      // then the 1120 × 430 SVG at x = 40 (1160 px page centred in 1200, 20 px padding); its plot
      // spans x 104…1092, y 40…368 inside the SVG. Keep a margin.
      const plot: Region = { x0: 40 + 110, y0: 80 + 48, x1: 40 + 1085, y1: 80 + 362 };
      let differ = 0;
      let total = 0;
      const distinct = new Set<number>();
      pixels(img, plot, (c) => {
        total++;
        if (c !== background) differ++;
        distinct.add(c & 0xf0f0f0); // 4 bits per channel: ignore anti-aliasing shades
      });
      expect(differ / total).toBeGreaterThan(0.5);
      expect(distinct.size).toBeGreaterThanOrEqual(6);

      // the chart's own colours, each over a visible area
      expect(countNear(img, plot, COLORS.scheduleFill)).toBeGreaterThan(2000); // area under the curve
      expect(countNear(img, plot, COLORS.emittedFill)).toBeGreaterThan(2000); // epochs 1…400
      expect(countNear(img, plot, COLORS.curve, 24)).toBeGreaterThan(500); // the curve (2.5 px)
      expect(countNear(img, plot, COLORS.marker, 24)).toBeGreaterThan(150); // marker line and dot

      // the level bars further down the page: several level colours present
      const page: Region = { x0: 0, y0: 0, x1: img.width, y1: img.height };
      const levelColours = COLORS.levels.filter((col) => countNear(img, page, col, 4) > 200);
      expect(levelColours.length).toBeGreaterThanOrEqual(4);
    },
    300_000,
  );
});
