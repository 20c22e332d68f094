/**
 * `npm run bench:edit` (tsx bench/edit-bench.ts): the asset drawer's numbers.
 *
 * 1. Initial JavaScript of the app shell: the gzip size of every script in the
 *    built index.html's initial module graph (the entry plus its
 *    `modulepreload` links), and a check that maplibre-gl is in a separate,
 *    lazily loaded chunk. Target: under 200 KB.
 * 2. Commit → paint for a rating change: in headless Chromium against the real
 *    server, the digit keys 1–5 are pressed ~30 times in the open drawer; for
 *    each, from the keydown's timestamp to the animation frame in which the
 *    star's new state is on screen (a MutationObserver sees the change, the
 *    next requestAnimationFrame is the frame that paints it). Target: within
 *    one frame, under 16 ms: every change painted by the first frame after its
 *    key. (The key → frame time itself also counts the wait for the next
 *    vsync, up to 16.7 ms at 60 Hz, which no code can shorten; it is printed.)
 *
 * Builds the app first (skip with --no-build). Starts its own server on a free
 * port over a temporary data folder. Exits non-zero when the bench itself
 * breaks; a missed target is reported as FAIL.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { emptyDataDir, startServer } from "../e2e/support/seeded-server";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const DIST = join(ROOT, "dist");
const EDITS = Number(process.env.BENCH_EDITS ?? 30);
const SHELL_TARGET_KB = 200;
const FRAME_TARGET_MS = 16;

// ---------------------------------------------------------------------------
// Bundle size.

interface ShellSize {
  files: { file: string; raw: number; gzip: number }[];
  totalGzip: number;
  maplibreInitial: string[];
  maplibreLazy: string[];
}

function measureShell(): ShellSize {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) urls.add(m[1]);
  if (urls.size === 0) throw new Error("dist/index.html has no module script: run `vite build` first");
  const files = [...urls].map((url) => {
    const bytes = readFileSync(join(DIST, url.replace(/^\//, "")));
    return { file: url, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  // A chunk holds maplibre-gl when its source map lists the package's files (or it is the worker itself).
  const isMaplibre = (name: string) => {
    if (/^maplibre-gl-worker/.test(name)) return true;
    const map = join(DIST, "assets", `${name}.map`);
    if (!existsSync(map)) return /MapLibre GL JS/.test(readFileSync(join(DIST, "assets", name), "utf8"));
    const { sources = [] } = JSON.parse(readFileSync(map, "utf8")) as { sources?: string[] };
    return sources.some((source) => source.includes("node_modules/maplibre-gl/"));
  };
  const initial = new Set(files.map((f) => f.file.replace(/^\/?assets\//, "")));
  const maplibreInitial = files.filter((f) => isMaplibre(f.file.replace(/^\/?assets\//, "")));
  const maplibreLazy = readdirSync(join(DIST, "assets"))
    .filter((name) => /\.m?js$/.test(name) && !initial.has(name))
    .filter(isMaplibre);
  return {
    files,
    totalGzip: files.reduce((sum, f) => sum + f.gzip, 0),
    maplibreInitial: maplibreInitial.map((f) => f.file),
    maplibreLazy,
  };
}

// ---------------------------------------------------------------------------
// Server.

async function uploadFixture(url: string, name: string): Promise<string> {
  const form = new FormData();
  form.append("device_id", "edit-bench");
  form.append("device_asset_id", name);
  form.append("file_created_at", "2020-01-01T00:00:00+00:00");
  form.append("file_modified_at", "2020-01-01T00:00:00+00:00");
  form.append("asset_data", new Blob([readFileSync(join(ROOT, "e2e/fixtures/photos", name))]), name);
  const response = await fetch(`${url}/api/assets`, { method: "POST", body: form });
  if (!response.ok) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

// ---------------------------------------------------------------------------
// Commit → paint.

interface Sample {
  /** The key's timestamp → the viewer's handler starts (the main thread was busy). */
  inputDelay: number;
  /** Handler start → the star's new state is in the DOM (our work: mutate, cache writes, React render). */
  processing: number;
  /** The key's timestamp → the animation frame that paints the new state. */
  frame: number;
  /** Frames that began between the key and the DOM change (0 = painted by the first frame after the key). */
  framesLate: number;
}

/** Records one Sample per rating change in `window.__bench.samples`. */
const INSTRUMENT = `(() => {
  const bench = { pending: null, frame: 0, samples: [] };
  window.__bench = bench;
  const tick = () => { bench.frame += 1; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  // Capture phase on window: runs before the viewer's own handler.
  window.addEventListener("keydown", (e) => {
    if (/^[0-5]$/.test(e.key)) {
      bench.pending = { key: e.key, ts: e.timeStamp, start: performance.now(), frame: bench.frame };
    }
  }, true);
  const root = document.querySelector("[role='radiogroup'][aria-label='Rating']");
  if (!root) throw new Error("no rating group");
  new MutationObserver(() => {
    const pending = bench.pending;
    if (!pending) return;
    const checked = root.querySelector("[data-checked]");
    if (!checked || checked.dataset.rating !== pending.key) return;
    bench.pending = null;
    const changed = performance.now();
    const framesLate = bench.frame - pending.frame;
    // The next animation frame is the one that paints the change.
    requestAnimationFrame(() => {
      bench.samples.push({
        inputDelay: pending.start - pending.ts,
        processing: changed - pending.start,
        frame: performance.now() - pending.ts,
        framesLate,
      });
    });
  }).observe(root, { subtree: true, attributes: true, attributeFilter: ["data-checked"] });
})()`;

async function measureEdits(url: string, id: string): Promise<Sample[]> {
  const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  const browser = await chromium.launch({
    executablePath: systemChromium,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${url}/asset/${id}`);
    const group = page.getByRole("radiogroup", { name: "Rating" });
    await group.waitFor();
    // Let the map and images settle, so the numbers are about the edit.
    await page.waitForTimeout(3000);
    await page.getByRole("dialog").getByRole("heading", { level: 2 }).click();

    // Plain JavaScript in a string: tsx would otherwise wrap named functions in helpers the page doesn't have.
    await page.evaluate(INSTRUMENT);

    for (let i = 0; i < EDITS; i++) {
      const rating = (i % 5) + 1;
      await page.keyboard.press(String(rating));
      await page.waitForFunction(
        (n) => (window as unknown as { __bench: { samples: unknown[] } }).__bench.samples.length >= n,
        i + 1,
        { timeout: 5000 },
      );
      // One edit at a time, like a person: let the PATCH settle before the next key.
      await page.waitForTimeout(120);
    }
    return await page.evaluate(() => (window as unknown as { __bench: { samples: Sample[] } }).__bench.samples);
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? "ok  " : "FAIL");

async function main() {
  if (!process.argv.includes("--no-build")) {
    console.log("building the app (vite build)…");
    execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
  }

  const shell = measureShell();
  console.log("\nInitial JavaScript of the app shell (index.html's module graph):");
  for (const f of shell.files)
    console.log(`  ${f.file.padEnd(40)} ${kb(f.raw).padStart(10)} raw  ${kb(f.gzip).padStart(9)} gzip`);
  const shellOk = shell.totalGzip < SHELL_TARGET_KB * 1024;
  const mapOk = shell.maplibreInitial.length === 0 && shell.maplibreLazy.length > 0;
  console.log(`  ${verdict(shellOk)} total ${kb(shell.totalGzip)} gzip (target < ${SHELL_TARGET_KB} KB)`);
  console.log(
    `  ${verdict(mapOk)} maplibre-gl: ${shell.maplibreInitial.length === 0 ? "not in the initial graph" : `IN ${shell.maplibreInitial.join(", ")}`}; lazy chunk ${shell.maplibreLazy.join(", ") || "not found"}`,
  );

  const server = await startServer(emptyDataDir());
  let samples: Sample[];
  try {
    const id = await uploadFixture(server.url, "canon-tokyo.jpg");
    samples = await measureEdits(server.url, id);
  } finally {
    await server.stop();
  }

  const stat = (pick: (s: Sample) => number) => {
    const values = samples.map(pick);
    return `p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}  max ${ms(Math.max(...values))}`;
  };
  const frameP95 = percentile(
    samples.map((s) => s.frame),
    95,
  );
  const nextFrame = samples.filter((s) => s.framesLate === 0).length;
  console.log(`\nCommit → paint, rating by key, ${samples.length} edits (headless Chromium, software GL):`);
  console.log(`  input delay (key → handler):       ${stat((s) => s.inputDelay)}`);
  console.log(`  processing (handler → DOM):        ${stat((s) => s.processing)}`);
  console.log(`  key → frame that paints it:        ${stat((s) => s.frame)}`);
  console.log(`  painted by the first frame after the key: ${nextFrame} of ${samples.length}`);
  // Nothing is painted before the next vsync, so a key that lands just after a frame began waits up to 16.7 ms
  // (60 Hz) whatever the code does; a busy machine delays the frame further. The verdict: every change is in
  // the first frame after its key, and the typical (p50) key → paint is under the target. p95 is printed as is.
  const frameP50 = percentile(
    samples.map((s) => s.frame),
    50,
  );
  const withinOneFrame = nextFrame === samples.length && frameP50 < FRAME_TARGET_MS;
  console.log(
    `  ${verdict(withinOneFrame)} within one frame: ${nextFrame}/${samples.length} in the first frame after the key, p50 ${ms(frameP50)} (target < ${FRAME_TARGET_MS} ms; p95 ${ms(frameP95)})`,
  );

  const results = [shellOk, mapOk, withinOneFrame];
  console.log(
    `  (load average now: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(", ")} on ${cpus().length} cores)`,
  );
  const failed = results.filter((ok) => !ok).length;
  console.log(`\n${results.length - failed} passed, ${failed} failed`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
