/**
 * `npm run bench:timeline`: the timeline at 1,000,000 assets, in Chromium,
 * against the real server. Prints each number of issue 3 against its target.
 *
 * Three libraries, all from the cached seeded database of bench/seed.ts:
 * - `placeholders`: as seeded; the rows point at variant files that do not
 *   exist, so thumbnails answer 404 and tiles keep their ThumbHash;
 * - `images`: a copy where every row shares one of four real variant sets
 *   (made here from e2e/fixtures with sharp) and their real ThumbHashes, so
 *   thumbnails load and paint for real. Cached under bench/.data too;
 * - `bigday`: the placeholders library with 100,000 of its assets moved onto
 *   one day (the issue: such a day must not freeze the page). Cached too.
 *
 * Measured in the page: first thumbnail painted after navigation; during a
 * scripted fling of wheel events and scrubber jumps, long tasks
 * (PerformanceObserver) and frame times (requestAnimationFrame deltas); the
 * number of DOM elements, sampled all along; the JS heap (CDP
 * Performance.getMetrics); and the time from a scrubber click to the target
 * month's tiles (placeholders) or thumbnails (images). In the big day: long
 * tasks and frames while flinging through it and when the scrollbar lands in
 * its middle, and the requests that landing takes.
 *
 * Chromium is driven over a bare DevTools connection (bare-chromium.ts), not
 * through Playwright: Playwright reports every request of the page over
 * DevTools, and that cost late frames of its own when a jump starts some 50
 * thumbnail requests at once. The app's frames are measured, not the tool's.
 *
 * Usage: npx tsx bench/timeline-bench.ts [--count 1000000] [--only images|placeholders|bigday] [--jumps 5]
 *        npx tsx bench/timeline-bench.ts --serve images   (just start that library's server, to look around)
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import sharp from "sharp";
import { rgbaToThumbHash } from "thumbhash";
import { type RunningServer, startServer } from "../e2e/support/seeded-server";
import { MONTH_NAMES } from "../src/features/timeline/naive-date";
import { type BareBrowser, type BarePage, launchBareChromium } from "./bare-chromium";
import { CACHE_DIR, ensureSeededDb } from "./seed";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const VIEWPORT = { width: 1280, height: 800 };
const IMAGE_VERSION = 1;

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const COUNT = Number(arg("count") ?? 1_000_000);
const ONLY = arg("only");
const SERVE = arg("serve");
/** Where on the rail (0 = top, the newest month) the scrubber jumps click, in this order. */
const JUMP_POINTS = [0.62, 0.3, 0.85, 0.15, 0.45, 0.7, 0.05, 0.95];
const JUMPS = Math.min(JUMP_POINTS.length, Number(arg("jumps") ?? 5));

// ---------------------------------------------------------------------------
// Libraries

/** Four real variant sets and their ThumbHashes, under `dataDir/variants/bench/`. */
async function writeSharedVariants(dataDir: string): Promise<{ json: string; thumbhash: string }[]> {
  const photos = ["canon-tokyo.jpg", "iphone-golden-gate.jpg", "kathmandu.jpg", "sydney-summer.jpg"];
  const sets: { json: string; thumbhash: string }[] = [];
  for (const [i, name] of photos.entries()) {
    const source = join(ROOT, "e2e/fixtures/photos", name);
    const dir = join(dataDir, "variants/bench", String(i));
    mkdirSync(dir, { recursive: true });
    const variants: Record<string, { path: string; mimetype: string; width: number; height: number }> = {};
    for (const [variant, edge] of [
      ["thumbnail", 360],
      ["small", 720],
      ["preview", 1440],
      ["fullsize", 2048],
    ] as const) {
      const info = await sharp(source)
        .rotate()
        .resize(edge, edge, { fit: "inside", withoutEnlargement: true })
        .webp({ quality: 80 })
        .toFile(join(dir, `${variant}.webp`));
      variants[variant] = {
        path: `variants/bench/${i}/${variant}.webp`,
        mimetype: "image/webp",
        width: info.width,
        height: info.height,
      };
    }
    const { data, info } = await sharp(source)
      .rotate()
      .resize(100, 100, { fit: "inside" })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const hash = Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString("base64");
    sets.push({ json: JSON.stringify(variants), thumbhash: hash });
  }
  return sets;
}

/** The day that holds 100,000 assets in the `bigday` library, and how many. */
const BIG_DAY = "2010-06-15";
const BIG_DAY_COUNT = 100_000;
const BIG_DAY_VERSION = 1;

/**
 * The seeded database with 100,000 of its assets (taken from 2009–2012, where
 * there are some 150,000) moved onto one day, keeping their times of day, and
 * made naive so that no UTC time contradicts the new date. The day-count
 * trigger keeps the counts right. Cached next to the seeded file.
 */
function bigDayDb(seededFile: string): string {
  const cached = seededFile.replace(/\.db$/, `-bigday-v${BIG_DAY_VERSION}.db`);
  if (existsSync(cached)) return cached;
  console.log(`  moving ${BIG_DAY_COUNT.toLocaleString("en")} assets onto ${BIG_DAY} (once; cached)…`);
  const started = performance.now();
  const tmp = `${cached}.tmp-${process.pid}`;
  copyFileSync(seededFile, tmp);
  const db = new Database(tmp);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  const moved = db
    .prepare(
      `UPDATE assets SET local_dt = @day || substr(local_dt, 11), local_offset = NULL, local_utc = NULL
       WHERE rowid IN (SELECT rowid FROM assets WHERE local_dt >= '2009-01-01' AND local_dt < '2013-01-01'
                       ORDER BY local_dt LIMIT @count)`,
    )
    .run({ day: BIG_DAY, count: BIG_DAY_COUNT }).changes;
  db.close();
  if (moved !== BIG_DAY_COUNT) throw new Error(`moved ${moved} assets onto ${BIG_DAY}, not ${BIG_DAY_COUNT}`);
  renameSync(tmp, cached);
  console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return cached;
}

/** A data folder whose database is a copy of `file`, optionally rewritten to point at real images. */
async function prepareDataDir(kind: "placeholders" | "images" | "bigday"): Promise<string> {
  const seeded = ensureSeededDb(COUNT, { log: (m) => console.log(m) });
  const dataDir = join(tmpdir(), `gumleaf-bench-timeline-${kind}-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  if (kind === "placeholders" || kind === "bigday") {
    copyFileSync(kind === "bigday" ? bigDayDb(seeded.file) : seeded.file, join(dataDir, "gumleaf.db"));
    return dataDir;
  }
  const sets = await writeSharedVariants(dataDir);
  const cached = seeded.file.replace(/\.db$/, `-images-v${IMAGE_VERSION}.db`);
  if (!existsSync(cached)) {
    console.log("  pointing every seeded row at one of four real variant sets (once; cached)…");
    const started = performance.now();
    const tmp = `${cached}.tmp-${process.pid}`;
    copyFileSync(seeded.file, tmp);
    const db = new Database(tmp);
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    const update = db.prepare(
      `UPDATE assets SET
         variants_json = CASE rowid % 4 WHEN 0 THEN @v0 WHEN 1 THEN @v1 WHEN 2 THEN @v2 ELSE @v3 END,
         thumbhash = CASE rowid % 4 WHEN 0 THEN @h0 WHEN 1 THEN @h1 WHEN 2 THEN @h2 ELSE @h3 END`,
    );
    update.run({
      v0: sets[0].json,
      v1: sets[1].json,
      v2: sets[2].json,
      v3: sets[3].json,
      h0: sets[0].thumbhash,
      h1: sets[1].thumbhash,
      h2: sets[2].thumbhash,
      h3: sets[3].thumbhash,
    });
    db.close();
    renameSync(tmp, cached);
    console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  copyFileSync(cached, join(dataDir, "gumleaf.db"));
  return dataDir;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------
// In-page recorders

/**
 * Installed before the app loads: long tasks, frames, DOM size. In-page code
 * is kept as source text: tsx would otherwise wrap its functions in helpers
 * that do not exist in the page.
 */
const RECORDERS = `(() => {
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  const frames = [];
  let last = 0;
  let maxDom = 0;
  const frame = (t) => {
    if (last > 0) frames.push(t - last);
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  setInterval(() => { maxDom = Math.max(maxDom, document.querySelectorAll("*").length); }, 50);
  window.__bench = {
    longTasks,
    frames,
    maxDom: () => Math.max(maxDom, document.querySelectorAll("*").length),
    mark: () => ({ longTasks: longTasks.length, frames: frames.length, t: performance.now() }),
  };
})();`;

interface Recorded {
  longTasks: { start: number; duration: number }[];
  frames: number[];
}

interface Jump extends Recorded {
  month: string;
  /** From the click to the month's thumbnails (or tiles) shown. */
  ms: number;
}

async function windowSince(page: BarePage, mark: { longTasks: number; frames: number }): Promise<Recorded> {
  return (await page.evaluate(
    `({ longTasks: window.__bench.longTasks.slice(${mark.longTasks}), frames: window.__bench.frames.slice(${mark.frames}) })`,
  )) as Recorded;
}

async function mark(page: BarePage): Promise<{ longTasks: number; frames: number; t: number }> {
  return (await page.evaluate("window.__bench.mark()")) as { longTasks: number; frames: number; t: number };
}

/** Share of frames (rAF deltas) that came at the next vsync, in %. */
function onTimeShare(frames: number[]): number {
  return frames.length === 0 ? Number.NaN : Math.round((frames.filter((f) => f < 20).length / frames.length) * 100);
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** The first frame on which the predicate holds, as performance.now() in the page. */
async function waitInPage(page: BarePage, predicate: string, timeout = 30_000): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve, reject) => {
    const started = performance.now();
    const tick = () => {
      if (${predicate}) resolve(performance.now());
      else if (performance.now() - started > ${timeout}) reject(new Error("timed out waiting in the page"));
      else requestAnimationFrame(tick);
    };
    tick();
  })`);
}

const ANY_THUMBNAIL_PAINTED = `[...document.querySelectorAll("[data-asset-id] img")].some((img) => img.complete && img.naturalWidth > 0 && getComputedStyle(img).opacity !== "0")`;
const ANY_TILE_WITH_PLACEHOLDER = `[...document.querySelectorAll("[data-asset-id]")].some((t) => t.style.backgroundImage.startsWith('url("data:'))`;

/** Wheel events as a trackpad sends them in a fling, fast then slowing down (some 25,000 px), and the settling after. */
async function wheelFling(page: BarePage): Promise<Recorded> {
  await page.mouse.move(500, 450);
  const flingMark = await mark(page);
  for (let i = 0; i < 90; i++) {
    const delta = Math.max(8, Math.round(900 * 0.965 ** i));
    await page.mouse.wheel(0, delta);
    await sleep(12);
  }
  await sleep(1200); // settle: the final position's pages load
  return windowSince(page, flingMark);
}

const maxOf = (tasks: { duration: number }[]) => Math.round(Math.max(0, ...tasks.map((t) => t.duration)));

// ---------------------------------------------------------------------------
// The run

interface Result {
  kind: string;
  firstPaintMs: number;
  fling: { maxLongTask: number; longTasks: number; p95Frame: number; frames: number; onTime: number };
  steady: { maxLongTask: number; p95Frame: number; frames: number; onTime: number };
  jump: {
    count: number;
    /** The slowest jump's time to its month shown, and that month. */
    ms: number;
    month: string;
    /** Each jump: month, time to shown, share of its frames on time. */
    each: string;
    maxLongTask: number;
    p95Frame: number;
    frames: number;
    onTime: number;
  };
  maxDom: number;
  heapMb: number;
  loadLongTasks: number[];
  countsDoneMs: number;
  slowestRequest: string;
  /** First paint of a second visit, in a new browser context, once the server has served the first. */
  firstPaintAgainMs: number;
}

/**
 * The first paint of a second visit: a new browser context (no HTTP cache),
 * on a server whose SQLite pages are warm from the first. For information:
 * the target is held to the first visit. (This used to hold back
 * `/api/users/me`, from when that request summed a million file sizes; it
 * reads one row since the library_usage table, and the faster number it
 * printed came from the warm server, not from the held-back request.)
 */
async function firstPaintAgain(
  browser: BareBrowser,
  server: RunningServer,
  kind: "placeholders" | "images",
): Promise<number> {
  const page = await browser.newPage(VIEWPORT);
  await page.goto(server.url);
  const ms = await waitInPage(page, kind === "images" ? ANY_THUMBNAIL_PAINTED : ANY_TILE_WITH_PLACEHOLDER);
  await page.close();
  return Math.round(ms);
}

async function measure(browser: BareBrowser, server: RunningServer, kind: "placeholders" | "images"): Promise<Result> {
  const page = await browser.newPage(VIEWPORT);
  await page.addInitScript(RECORDERS);
  await page.send("Performance.enable");

  // 1. First thumbnails after navigation (performance.now() counts from navigation start).
  await page.goto(server.url);
  const firstPaintMs = await waitInPage(page, kind === "images" ? ANY_THUMBNAIL_PAINTED : ANY_TILE_WITH_PLACEHOLDER);
  await sleep(1500);
  const loadLongTasks = ((await page.evaluate("window.__bench.longTasks.map((t) => t.duration)")) as number[]).map(
    Math.round,
  );
  // Requests of the page load, to tell the timeline's own path from what else the app asks the server for.
  const loadRequests = (await page.evaluate(
    `performance.getEntriesByType("resource").filter((r) => r.name.includes("/api/") && !r.name.includes("/thumbnail")).map((r) => ({ path: r.name.replace(location.origin, "").split("?")[0], start: Math.round(r.startTime), end: Math.round(r.responseEnd) }))`,
  )) as { path: string; start: number; end: number }[];
  const slowest = [...loadRequests].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, 2);
  const countsDone = Math.max(...loadRequests.filter((r) => r.path.endsWith("/counts")).map((r) => r.end));

  // 2. A fling: wheel events as a trackpad sends them, fast then slowing down.
  const fling = await wheelFling(page);

  // 2b. For information: a steady scroll at 4,000 px/s for 5 s, generated inside the browser
  // (Input.synthesizeScrollGesture, as Chromium's own smoothness benchmarks do), so no
  // round trip through this script paces the events.
  const steadyMark = await mark(page);
  await page.send("Input.synthesizeScrollGesture", {
    x: 500,
    y: 450,
    yDistance: -20_000,
    speed: 4000,
    gestureSourceType: "mouse",
  });
  const steady = await windowSince(page, steadyMark);
  await sleep(1200);

  // 3. Scrubber jumps, each to the month under the pointer at a point of the rail. One jump
  // gives some 65 frames, so its p95 is its 4th-worst frame: one run's verdict swung between
  // 16.8 and 50 ms on the same code. The frames of JUMPS jumps are pooled for the p95.
  const RAIL = `document.querySelector('[role="slider"][aria-label="Jump to month"]')`;
  const box = (await page.evaluate(
    `(() => { const r = ${RAIL}?.getBoundingClientRect(); return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null; })()`,
  )) as { x: number; y: number; width: number; height: number } | null;
  if (!box) throw new Error("no scrubber");
  const jumps: Jump[] = [];
  for (const at of JUMP_POINTS.slice(0, JUMPS)) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * at);
    await sleep(300);
    await page.evaluate(
      `document.addEventListener("pointerdown", () => { window.__jumpAt = performance.now(); }, { capture: true, once: true })`,
    );
    const jumpMark = await mark(page);
    await page.mouse.down();
    await page.mouse.up();
    const valueText = ((await page.evaluate(`${RAIL}?.getAttribute("aria-valuetext")`)) as string | null) ?? "";
    const [monthName, year] = valueText.split(" ");
    const month = `${year}-${String(MONTH_NAMES.indexOf(monthName as (typeof MONTH_NAMES)[number]) + 1).padStart(2, "0")}`;
    const target =
      kind === "images"
        ? `[...document.querySelectorAll('[data-day^="${month}"] [data-asset-id] img')].filter((img) => img.complete && img.naturalWidth > 0 && getComputedStyle(img).opacity !== "0").length >= 7`
        : `[...document.querySelectorAll('[data-day^="${month}"] [data-asset-id]')].filter((t) => t.style.backgroundImage.startsWith('url("data:')).length >= 7`;
    const shownAt = await waitInPage(page, target, 10_000);
    const jumpAt = (await page.evaluate("window.__jumpAt")) as number;
    await sleep(1000);
    const recorded = await windowSince(page, jumpMark);
    jumps.push({ month, ms: Math.round(shownAt - jumpAt), ...recorded });
  }
  const jumpFrames = jumps.flatMap((j) => j.frames);
  const jumpTasks = jumps.flatMap((j) => j.longTasks);
  const slowestJump = jumps.reduce((a, b) => (b.ms > a.ms ? b : a));

  const maxDom = (await page.evaluate("window.__bench.maxDom()")) as number;
  const metrics = (await page.send("Performance.getMetrics")).metrics;
  const heap = metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? Number.NaN;
  await page.close();

  return {
    kind,
    firstPaintMs: Math.round(firstPaintMs),
    fling: {
      maxLongTask: maxOf(fling.longTasks),
      longTasks: fling.longTasks.length,
      p95Frame: Math.round(percentile(fling.frames, 0.95) * 10) / 10,
      frames: fling.frames.length,
      onTime: onTimeShare(fling.frames),
    },
    steady: {
      maxLongTask: maxOf(steady.longTasks),
      p95Frame: Math.round(percentile(steady.frames, 0.95) * 10) / 10,
      frames: steady.frames.length,
      onTime: onTimeShare(steady.frames),
    },
    jump: {
      count: jumps.length,
      ms: slowestJump.ms,
      month: slowestJump.month,
      each: jumps.map((j) => `${j.month} ${j.ms} ms, ${onTimeShare(j.frames)}%`).join("; "),
      maxLongTask: maxOf(jumpTasks),
      p95Frame: Math.round(percentile(jumpFrames, 0.95) * 10) / 10,
      frames: jumpFrames.length,
      onTime: onTimeShare(jumpFrames),
    },
    maxDom,
    heapMb: Math.round((heap / 1024 / 1024) * 10) / 10,
    loadLongTasks,
    countsDoneMs: countsDone,
    slowestRequest: slowest.map((r) => `${r.path} ${r.end - r.start} ms (from ${r.start} ms)`).join("; ") || "none",
    firstPaintAgainMs: await firstPaintAgain(browser, server, kind),
  };
}

interface BigDayResult {
  firstTileMs: number;
  loadLongTasks: number[];
  fling: { maxLongTask: number; p95Frame: number; frames: number; onTime: number };
  drag: {
    ms: number;
    requests: number;
    landedOn: number;
    maxLongTask: number;
    p95Frame: number;
    frames: number;
    onTime: number;
  };
  maxDom: number;
}

/** The tile at the middle of the screen shows an asset of the big day, with its placeholder. */
const CENTER_TILE_OF_BIG_DAY = `(() => {
  const tile = document.elementFromPoint(innerWidth / 2 - 40, innerHeight / 2)?.closest("[data-asset-id]");
  return !!tile && tile.closest("[data-day]")?.dataset.day === "${BIG_DAY}" && tile.style.backgroundImage.startsWith('url("data:');
})()`;

/**
 * One day of 100,000 assets: the issue asks for no task over 50 ms while
 * laying out or scrolling it. Opened by deep link at its top, flung through,
 * then the scrollbar dragged into its middle (a single scroll of 600,000 px:
 * some 3,200 rows down, where no page is cached and the page is sought by
 * time, see day-seek.ts).
 */
async function measureBigDay(browser: BareBrowser, server: RunningServer): Promise<BigDayResult> {
  const page = await browser.newPage(VIEWPORT);
  await page.addInitScript(RECORDERS);
  await page.goto(`${server.url}/?at=${BIG_DAY}`);
  const firstTileMs = await waitInPage(page, CENTER_TILE_OF_BIG_DAY);
  await sleep(1500);
  const loadLongTasks = ((await page.evaluate("window.__bench.longTasks.map((t) => t.duration)")) as number[]).map(
    Math.round,
  );

  const fling = await wheelFling(page);

  // The timing buffer (250 entries) is full of thumbnail requests by now.
  await page.evaluate("performance.clearResourceTimings()");
  const dragMark = await mark(page);
  await page.evaluate(`document.querySelector("[data-timeline-scroller]").scrollTop += 600000`);
  const shownAt = await waitInPage(page, CENTER_TILE_OF_BIG_DAY, 10_000);
  const requests = (await page.evaluate(
    `performance.getEntriesByType("resource").filter((r) => r.startTime >= ${dragMark.t} && r.startTime <= ${shownAt}).map((r) => new URL(r.name).pathname).filter((p) => p === "/api/assets" || p === "/api/assets/counts").length`,
  )) as number;
  const landedOn = Number(
    await page.evaluate(
      `document.elementFromPoint(innerWidth / 2 - 40, innerHeight / 2).closest("[data-asset-id]").dataset.index`,
    ),
  );
  await sleep(1000);
  const drag = await windowSince(page, dragMark);
  const maxDom = (await page.evaluate("window.__bench.maxDom()")) as number;
  await page.close();
  const summary = (r: Recorded) => ({
    maxLongTask: maxOf(r.longTasks),
    p95Frame: Math.round(percentile(r.frames, 0.95) * 10) / 10,
    frames: r.frames.length,
    onTime: onTimeShare(r.frames),
  });
  return {
    firstTileMs: Math.round(firstTileMs),
    loadLongTasks,
    fling: summary(fling),
    drag: { ms: Math.round(shownAt - dragMark.t), requests, landedOn, ...summary(drag) },
    maxDom,
  };
}

function reportBigDay(r: BigDayResult): void {
  const row = (name: string, value: string, target: string, ok: boolean) =>
    console.log(`  ${ok ? "ok  " : "MISS"} ${name.padEnd(46)} ${value.padStart(12)}   target ${target}`);
  console.log(
    `\nbig day (${BIG_DAY_COUNT.toLocaleString("en")} assets on ${BIG_DAY}, ${COUNT.toLocaleString("en")} in all)`,
  );
  console.log(
    `  (opened at ?at=${BIG_DAY}: its first tile after ${r.firstTileMs} ms; long tasks while loading, for information: ${r.loadLongTasks.join(", ") || "none"} ms)`,
  );
  row(
    "fling through the day: longest long task",
    r.fling.maxLongTask ? `${r.fling.maxLongTask} ms` : "none",
    "none > 50 ms",
    r.fling.maxLongTask <= 50,
  );
  console.log(`  (fling: frame p95 ${r.fling.p95Frame} ms, ${r.fling.onTime}% of ${r.fling.frames} frames on time)`);
  row(
    "scrollbar to its middle: longest long task",
    r.drag.maxLongTask ? `${r.drag.maxLongTask} ms` : "none",
    "none > 50 ms",
    r.drag.maxLongTask <= 50,
  );
  console.log(
    `  (scrollbar: landed on asset #${r.drag.landedOn.toLocaleString("en")}, its tiles shown after ${r.drag.ms} ms, ${r.drag.requests} API requests; frame p95 ${r.drag.p95Frame} ms, ${r.drag.onTime}% of ${r.drag.frames} frames on time)`,
  );
  row("DOM elements, max sampled", String(r.maxDom), "< 3000", r.maxDom < 3000);
}

function report(r: Result): void {
  const row = (name: string, value: string, target: string, ok: boolean) =>
    console.log(`  ${ok ? "ok  " : "MISS"} ${name.padEnd(46)} ${value.padStart(12)}   target ${target}`);
  console.log(`\n${r.kind} (${COUNT.toLocaleString("en")} assets, ${VIEWPORT.width}×${VIEWPORT.height})`);
  row(
    r.kind === "images" ? "first thumbnail painted after navigation" : "first tile (placeholder) after navigation",
    `${r.firstPaintMs} ms`,
    "< 1500 ms",
    r.firstPaintMs < 1500,
  );
  row(
    "fling: longest long task",
    r.fling.longTasks ? `${r.fling.maxLongTask} ms` : "none",
    "none > 50 ms",
    r.fling.maxLongTask <= 50,
  );
  row("fling: frame time p95", `${r.fling.p95Frame} ms`, "< 20 ms", r.fling.p95Frame < 20);
  console.log(
    `  (fling: ${r.fling.onTime}% of ${r.fling.frames} frames on time; steady 4,000 px/s scroll: frame p95 ${r.steady.p95Frame} ms, ${r.steady.onTime}% of ${r.steady.frames} frames on time, longest long task ${r.steady.maxLongTask || "none"})`,
  );
  row(
    `scrubber jump: longest long task`,
    r.jump.maxLongTask ? `${r.jump.maxLongTask} ms` : "none",
    "none > 50 ms",
    r.jump.maxLongTask <= 50,
  );
  row("scrubber jump: frame time p95", `${r.jump.p95Frame} ms`, "< 20 ms", r.jump.p95Frame < 20);
  console.log(
    `  (${r.jump.count} jumps: ${r.jump.onTime}% of ${r.jump.frames} frames on time, each from the click to 1 s after its month was shown)`,
  );
  console.log(`  (each jump: ${r.jump.each})`);
  row(
    `slowest jump → ${r.jump.month} ${r.kind === "images" ? "thumbnails" : "tiles"} shown`,
    `${r.jump.ms} ms`,
    "< 500 ms",
    r.jump.ms < 500,
  );
  row("DOM elements, max sampled", String(r.maxDom), "< 3000", r.maxDom < 3000);
  row("JS heap used", `${r.heapMb} MB`, "< 200 MB", r.heapMb < 200);
  console.log(`  (long tasks while loading, for information: ${r.loadLongTasks.join(", ") || "none"} ms)`);
  console.log(
    `  (all day counts in after ${r.countsDoneMs} ms; slowest API requests of the load: ${r.slowestRequest})`,
  );
  console.log(
    `  (first ${r.kind === "images" ? "thumbnail" : "tile"} on a second visit, server warm: ${r.firstPaintAgainMs} ms)`,
  );
}

async function main(): Promise<void> {
  if (SERVE === "images" || SERVE === "placeholders" || SERVE === "bigday") {
    const server = await startServer(await prepareDataDir(SERVE));
    console.log(`${SERVE} library of ${COUNT.toLocaleString("en")} assets at ${server.url}/ (Ctrl-C stops it)`);
    process.on("SIGINT", () => void server.stop().then(() => process.exit(0)));
    process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
    return;
  }
  console.log("Building the app (vite build)…");
  const build = spawnSync("npx", ["vite", "build", "--logLevel", "error"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error("vite build failed");
  mkdirSync(CACHE_DIR, { recursive: true });

  const browser = await launchBareChromium();
  const kinds = (["placeholders", "images"] as const).filter((k) => !ONLY || ONLY === k);
  const results: Result[] = [];
  let bigDay: BigDayResult | null = null;
  try {
    for (const kind of kinds) {
      console.log(`\nPreparing the ${kind} library…`);
      const server = await startServer(await prepareDataDir(kind));
      try {
        // Warm the server's page cache the way a running server would be.
        await fetch(`${server.url}/api/assets/counts?group_by=month&limit=200`);
        results.push(await measure(browser, server, kind));
      } finally {
        await server.stop();
      }
    }
    // 100,000 assets for one day are taken from 2009–2012, which the 1,000,000-asset seed has.
    if ((!ONLY || ONLY === "bigday") && COUNT < 1_000_000) console.log("\n(big day skipped: it needs --count 1000000)");
    else if (!ONLY || ONLY === "bigday") {
      console.log("\nPreparing the bigday library…");
      const server = await startServer(await prepareDataDir("bigday"));
      try {
        await fetch(`${server.url}/api/assets/counts?group_by=month&limit=200`);
        bigDay = await measureBigDay(browser, server);
      } finally {
        await server.stop();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(
    `\nTimeline benchmark — ${new Date().toISOString()}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  for (const r of results) report(r);
  if (bigDay) reportBigDay(bigDay);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
