/**
 * `npm run bench:upload` — upload numbers, measured in Chromium against the
 * real server (built app from dist/, or UPLOAD_E2E_DIST):
 *
 *  1. hashing throughput of the production hash worker on a 1 GB file on disk;
 *  2. peak tab memory while a 2 GB file is hashed and uploaded through the app
 *     (JS heap from the DevTools protocol, and the renderer processes' RSS);
 *  3. 1,000 distinct small JPEGs: time from the drop until the uploads are
 *     done, the API lists them all, and the timeline counts them all;
 *  4. 10,000 dropped files: time until the panel shows, and the longest task
 *     on the main thread meanwhile. A task's duration is wall-clock time: on a
 *     busy machine the main thread also waits for a core in the middle of a
 *     task. So the tasks are also read from a Chrome trace, which gives each
 *     one's CPU time on the main thread (what the page's own code costs).
 *
 * Every line ends with the load average (1, 5 and 15 minutes) and the number
 * of cores, since other work on the machine lengthens tasks and slows uploads.
 *
 * Options: --hash-gb=1 --upload-gb=2 --photos=1000 --drop=10000, and
 * --only=hash,memory,photos,drop. Temporary files are deleted at the end.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  createReadStream,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type CDPSession, chromium, type Page } from "@playwright/test";
import sharp from "sharp";
import {
  dragFilesOver,
  dropDragged,
  fixturePath,
  listAssets,
  repoRoot,
  startTestServer,
  type TestServer,
} from "../e2e/upload-support";

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value = "true"] = arg.replace(/^--/, "").split("=");
    return [key, value] as const;
  }),
);
const HASH_GB = Number(args.get("hash-gb") ?? 1);
const UPLOAD_GB = Number(args.get("upload-gb") ?? 2);
const PHOTOS = Number(args.get("photos") ?? 1000);
const DROP = Number(args.get("drop") ?? 10_000);
const only = new Set((args.get("only") ?? "hash,memory,photos,drop").split(","));

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const fmtMB = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const work = mkdtempSync(join(tmpdir(), "gumleaf-upload-bench-"));
const results: string[] = [];
const load = () =>
  `load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(", ")} on ${availableParallelism()} cores`;
const report = (line: string) => {
  const withLoad = `${line} [${load()}]`;
  console.log(withLoad);
  results.push(withLoad);
};

/** Writes `size` bytes of incompressible data (a random megabyte, repeated with a counter) to a new file. */
function writeRandomFile(path: string, size: number) {
  const block = randomBytes(MB);
  const fd = openSync(path, "w");
  try {
    for (let written = 0, n = 0; written < size; n++) {
      block.writeUInt32LE(n, 0);
      const length = Math.min(MB, size - written);
      writeSync(fd, block, 0, length);
      written += length;
    }
  } finally {
    closeSync(fd);
  }
}

/** A real JPEG followed by random bytes up to `size` (JPEG readers stop at the image's end). */
function writePaddedJpeg(path: string, size: number) {
  const photo = readFileSync(fixturePath("canon-tokyo.jpg"));
  const fd = openSync(path, "w");
  try {
    writeSync(fd, photo);
    const block = randomBytes(MB);
    for (let written = photo.length, n = 0; written < size; n++) {
      block.writeUInt32LE(n, 0);
      const length = Math.min(MB, size - written);
      writeSync(fd, block, 0, length);
      written += length;
    }
  } finally {
    closeSync(fd);
  }
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 8 * MB })) hash.update(chunk as Buffer);
  return hash.digest("base64");
}

function hashWorkerUrl(): string {
  const dist = process.env.UPLOAD_E2E_DIST ?? join(repoRoot, "dist");
  const worker = readdirSync(join(dist, "assets")).find((f) => /^hash-worker-.*\.js$/.test(f));
  if (!worker) throw new Error(`No hash worker in ${dist}/assets: run \`npx vite build\` first.`);
  return `/assets/${worker}`;
}

async function newPage(browser: Browser, server: TestServer): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  return page;
}

/** Resident memory (bytes) of each renderer process, from /proc, using the PIDs the browser reports. */
async function rendererRss(browserCdp: CDPSession): Promise<number[]> {
  const { processInfo } = (await browserCdp.send("SystemInfo.getProcessInfo")) as {
    processInfo: Array<{ type: string; id: number }>;
  };
  const sizes: number[] = [];
  for (const info of processInfo) {
    if (info.type !== "renderer") continue;
    try {
      const status = readFileSync(`/proc/${info.id}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      sizes.push(kb * 1024);
    } catch {
      // The process has gone.
    }
  }
  return sizes;
}

// ── 1. hashing throughput ──────────────────────────────────────────────────

async function benchHash(browser: Browser, server: TestServer) {
  const path = join(work, "hash-1gb.bin");
  const size = Math.round(HASH_GB * GB);
  writeRandomFile(path, size);
  const expected = await sha256File(path);
  const page = await newPage(browser, server);
  await page.evaluate(() => {
    const input = document.createElement("input");
    input.type = "file";
    input.id = "bench-file";
    document.body.append(input);
  });
  await page.setInputFiles("#bench-file", path);
  const runs: Array<{ ms: number; checksum: string }> = [];
  for (let run = 0; run < 3; run++) {
    runs.push(
      await page.evaluate(async (url) => {
        const file = (document.getElementById("bench-file") as HTMLInputElement).files?.[0] as File;
        const worker = new Worker(url, { type: "module" });
        const started = performance.now();
        const checksum = await new Promise<string>((resolve, reject) => {
          worker.onmessage = (event: MessageEvent<{ type: string; checksum?: string; message?: string }>) => {
            if (event.data.type === "done") resolve(event.data.checksum as string);
            if (event.data.type === "error") reject(new Error(event.data.message));
          };
          worker.postMessage({ type: "hash", jobId: 1, file });
        });
        const ms = performance.now() - started;
        worker.terminate();
        return { ms, checksum };
      }, hashWorkerUrl()),
    );
  }
  await page.context().close();
  rmSync(path, { force: true });
  for (const run of runs)
    if (run.checksum !== expected) throw new Error("The worker's checksum differs from node:crypto's");
  const best = Math.min(...runs.map((r) => r.ms));
  const mbps = size / MB / (best / 1000);
  report(
    `hash   worker SHA-256 of a ${fmtMB(size)} file: ${mbps.toFixed(0)} MB/s (best of 3: ${runs.map((r) => seconds(r.ms)).join(", ")}; checksum matches node:crypto)`,
  );
}

// ── 2. memory while uploading a big file ──────────────────────────────────

async function benchMemory(browser: Browser, server: TestServer) {
  const path = join(work, "big-upload.jpg");
  const size = Math.round(UPLOAD_GB * GB);
  writePaddedJpeg(path, size);
  const page = await newPage(browser, server);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const browserCdp = await browser.newBrowserCDPSession();
  const heap = async () => {
    const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
    return metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0;
  };
  await page.waitForTimeout(1000);
  const heapBefore = await heap();
  const rssBefore = (await rendererRss(browserCdp)).reduce((a, b) => a + b, 0);
  let heapPeak = heapBefore;
  let rssPeak = rssBefore;
  /** Peak renderer RSS by the file's state (hashing, uploading…), to tell the phases apart. */
  const rssByPhase = new Map<string, number>();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      heapPeak = Math.max(heapPeak, await heap());
      const rss = (await rendererRss(browserCdp)).reduce((a, b) => a + b, 0);
      rssPeak = Math.max(rssPeak, rss);
      const phase = await page
        .locator("[data-upload-status]")
        .first()
        .getAttribute("data-upload-status", { timeout: 100 })
        .catch(() => null);
      if (phase) rssByPhase.set(phase, Math.max(rssByPhase.get(phase) ?? 0, rss));
      await new Promise((r) => setTimeout(r, 200));
    }
  })();

  const started = Date.now();
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("banner").getByRole("button", { name: "Upload", exact: true }).click();
  await (await chooser).setFiles(path);
  const row = page.getByRole("region", { name: "Uploads" }).getByRole("listitem").filter({ hasText: "big-upload.jpg" });
  await row.getByText("Added").waitFor({ timeout: 30 * 60_000 });
  const elapsed = Date.now() - started;
  sampling = false;
  await sampler;
  await page.context().close();
  rmSync(path, { force: true });
  report(
    `memory ${fmtMB(size)} file hashed + uploaded in ${seconds(elapsed)} (${(size / MB / (elapsed / 1000)).toFixed(0)} MB/s end to end): ` +
      `JS heap ${fmtMB(heapBefore)} → peak ${fmtMB(heapPeak)} (+${fmtMB(heapPeak - heapBefore)}); ` +
      `renderer RSS ${fmtMB(rssBefore)} → peak ${fmtMB(rssPeak)} (+${fmtMB(rssPeak - rssBefore)}; ` +
      `${[...rssByPhase].map(([phase, rss]) => `${phase} +${fmtMB(rss - rssBefore)}`).join(", ")})`,
  );
}

// ── 3. 1,000 small photos ─────────────────────────────────────────────────

async function makePhotos(count: number) {
  const photos: { name: string; base64: string }[] = [];
  for (let i = 0; i < count; i++) {
    // Random noise over a colour: distinct bytes (plain colours collapse into
    // identical JPEGs, which the queue rightly reports as duplicates).
    const buffer = await sharp({
      create: {
        width: 160,
        height: 120,
        channels: 3,
        background: { r: i % 256, g: (i * 7) % 256, b: 255 - (i % 256) },
        noise: { type: "gaussian", mean: 128, sigma: 20 },
      },
    })
      .jpeg({ quality: 80 })
      .toBuffer();
    photos.push({ name: `bench-${String(i).padStart(4, "0")}.jpg`, base64: buffer.toString("base64") });
  }
  return photos;
}

/** Records main-thread long tasks (> 50 ms) from now on. */
async function watchLongTasks(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: "longtask", buffered: false });
  });
}
const longTasks = (page: Page) =>
  page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice());

interface TracedTask {
  /** Wall-clock duration, ms. */
  wall: number;
  /** Time the renderer's main thread was on a core during it, ms. */
  cpu: number;
  /** Where Chromium posted the task from ("DOMTimer" for a setTimeout, "ScheduledActionSendBeginMainFrame" for a frame…). */
  source: string;
}

/** The renderer main thread's tasks in a Chrome trace recorded with the "toplevel" category. */
function mainThreadTasks(tracePath: string): TracedTask[] {
  const { traceEvents } = JSON.parse(readFileSync(tracePath, "utf8")) as {
    traceEvents: Array<{
      name: string;
      ph: string;
      pid: number;
      tid: number;
      dur?: number;
      tdur?: number;
      args?: { name?: string; src_func?: string };
    }>;
  };
  const main = new Set<string>();
  for (const e of traceEvents) {
    if (e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain") main.add(`${e.pid}:${e.tid}`);
  }
  return traceEvents
    .filter((e) => e.ph === "X" && e.name === "ThreadControllerImpl::RunTask" && main.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? 0) / 1000, source: e.args?.src_func ?? "?" }));
}

/**
 * Records the page's main-thread tasks until the returned function is called,
 * which says which tasks took over 50 ms of wall-clock time and how much of
 * that the main thread spent on a core, and its CPU time in all.
 */
async function traceTasks(browser: Browser, page: Page, name: string): Promise<() => Promise<string>> {
  const tracePath = join(work, `${name}-trace.json`);
  await browser.startTracing(page, { path: tracePath, categories: ["toplevel"] });
  return async () => {
    await browser.stopTracing();
    const traced = mainThreadTasks(tracePath);
    rmSync(tracePath, { force: true });
    const long = traced.filter((t) => t.wall > 50).sort((a, b) => b.wall - a.wall);
    const busiest = traced.reduce<TracedTask | null>((max, t) => (max === null || t.cpu > max.cpu ? t : max), null);
    const fmt = (t: TracedTask) => `${t.wall.toFixed(0)} ms (${t.cpu.toFixed(0)} ms CPU, ${t.source})`;
    return (
      `traced tasks over 50 ms, wall (main-thread CPU, posted from): ${long.slice(0, 5).map(fmt).join(", ") || "none"}` +
      `${long.length > 5 ? ` and ${long.length - 5} more` : ""}; most main-thread CPU in one task ${busiest ? `${busiest.cpu.toFixed(0)} ms (${busiest.source})` : "n/a"}, ` +
      `in all ${seconds(traced.reduce((sum, t) => sum + t.cpu, 0))}`
    );
  };
}

async function benchPhotos(browser: Browser, server: TestServer) {
  const photos = await makePhotos(PHOTOS);
  const page = await newPage(browser, server);
  // The files are made in the page and dragged over it before the clock starts.
  await dragFilesOver(page, photos);
  await watchLongTasks(page);
  const stopTrace = await traceTasks(browser, page, "photos");
  const summary = page.getByTestId("upload-summary");
  const started = Date.now();
  await dropDragged(page);
  await summary.waitFor();
  const panelShown = Date.now() - started;
  await page.waitForFunction(
    (n) => document.querySelector("[data-testid=upload-summary]")?.textContent === `Done: ${n.toLocaleString()} added`,
    PHOTOS,
    { timeout: 10 * 60_000, polling: 100 },
  );
  const uploadsDone = Date.now() - started;
  let listed = 0;
  while (listed < PHOTOS) listed = (await listAssets(server.url)).length;
  const apiListed = Date.now() - started;
  // All are from today (no EXIF date; the file time is now): the day heading counts them.
  const counted = await page
    .waitForFunction((label) => document.body.textContent?.includes(label), `${PHOTOS.toLocaleString("en")} items`, {
      timeout: 60_000,
      polling: 100,
    })
    .then(() => Date.now() - started)
    .catch(() => null);
  const tiles = await page.locator("[data-asset-id]").count();
  const tasks = await longTasks(page);
  const traced = await stopTrace();
  await page.context().close();
  report(
    `photos ${PHOTOS} distinct small JPEGs dropped: panel in ${seconds(panelShown)}, all uploaded in ${seconds(uploadsDone)} ` +
      `(${(PHOTOS / (uploadsDone / 1000)).toFixed(0)} files/s), API lists all at ${seconds(apiListed)}, ` +
      `timeline counts all at ${counted === null ? 'n/a (no "N items" heading seen)' : seconds(counted)} (${tiles} tiles rendered); ` +
      `long tasks: ${tasks.length}, longest ${Math.max(0, ...tasks).toFixed(0)} ms; ${traced}`,
  );
}

// ── 4. 10,000 dropped files ───────────────────────────────────────────────

async function benchDrop(browser: Browser, server: TestServer) {
  const page = await newPage(browser, server);
  // The files are made in the page, in a task of their own (sending 10,000
  // files over the protocol would measure the protocol).
  await page.evaluate((count) => {
    const dt = new DataTransfer();
    for (let i = 0; i < count; i++) dt.items.add(new File([`file ${i} ${Math.random()}`], `IMG_${i}.jpg`));
    (window as unknown as { __benchDrop: DataTransfer }).__benchDrop = dt;
  }, DROP);
  await watchLongTasks(page);
  const stopTrace = await traceTasks(browser, page, "drop");
  const shownAfter = await page.evaluate(async () => {
    const dt = (window as unknown as { __benchDrop: DataTransfer }).__benchDrop;
    const started = performance.now();
    document.body.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: dt }));
    // (No named functions in here: the bundler's helpers do not exist in the page.)
    while (!document.querySelector("[data-testid=upload-summary]")) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return performance.now() - started;
  });
  await page
    .getByTestId("upload-summary")
    .filter({ hasText: `of ${DROP.toLocaleString("en")} files` })
    .waitFor();
  const listed = Date.now();
  // Let it work (hash, check, upload) for a while, scrolling the list, then stop.
  const list = page.getByRole("list", { name: "Files" });
  for (let i = 0; i < 10; i++) {
    await list.hover();
    await page.mouse.wheel(0, 3000);
    await page.waitForTimeout(500);
  }
  const tasks = await longTasks(page);
  const traced = await stopTrace();
  const done = await page.getByTestId("upload-summary").textContent();
  await page.getByRole("button", { name: "Cancel all" }).click();
  await page.context().close();
  report(
    `drop   ${DROP.toLocaleString("en")} files: panel shown ${shownAfter.toFixed(0)} ms after the drop; from the drop through ` +
      `${seconds(Date.now() - listed)} of hashing, uploading and scrolling the list ("${done}"): ` +
      `${tasks.length} long tasks, longest ${Math.max(0, ...tasks).toFixed(0)} ms; ${traced}`,
  );
}

// ── run ───────────────────────────────────────────────────────────────────

const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => {
  try {
    readFileSync(p);
    return true;
  } catch {
    return false;
  }
});
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
const server = await startTestServer();
try {
  console.log(`upload bench: ${server.url}, temp files in ${work} [${load()}]`);
  if (only.has("hash")) await benchHash(browser, server);
  if (only.has("memory")) await benchMemory(browser, server);
  if (only.has("photos")) await benchPhotos(browser, server);
  if (only.has("drop")) await benchDrop(browser, server);
} finally {
  await browser.close();
  await server.dispose();
  rmSync(work, { recursive: true, force: true });
}
console.log(`\nSummary\n${results.map((r) => `  ${r}`).join("\n")}`);
