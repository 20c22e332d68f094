/**
 * Helpers for the upload specs and bench/upload-bench.ts: a private Gumleaf
 * server per test (fresh data folder, its own port, restartable), and drops
 * and pastes built from real File objects inside the page.
 *
 * Browsers do not let a script build folder entries (`webkitGetAsEntry`
 * returns null for a script-made DataTransfer), so `dropFiles` carries loose
 * files. `dropPathsFromDisk` drops real files and folders from disk through
 * Chromium's DevTools protocol instead, as a drag from a file manager does:
 * there the folder arrives as a directory entry and the app walks it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { test as base, type Page } from "@playwright/test";
import { freePort } from "./support/seeded-server";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const fixturePath = (name: string) => join(repoRoot, "e2e", "fixtures", "photos", name);

/** The photos in e2e/fixtures that the server accepts. */
export const FIXTURE_PHOTOS = [
  "canon-tokyo.jpg",
  "iphone-golden-gate.jpg",
  "kathmandu.jpg",
  "naive-time.jpg",
  "no-metadata.png",
  "paris.heic",
  "sydney-summer.jpg",
];

/** Playwright's `test` where each test gets its own server and empty library (`baseURL` points at it). */
export const test = base.extend<{ server: TestServer }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures name their dependencies by destructuring.
  server: async ({}, use) => {
    const server = await startTestServer();
    await use(server);
    await server.dispose();
  },
  baseURL: async ({ server }, use) => use(server.url),
});

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the process (SIGKILL when `crash`, like a power cut; SIGTERM otherwise). */
  stop(options?: { crash?: boolean }): Promise<void>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
  /** Stops it and deletes its data folder. */
  dispose(): Promise<void>;
}

/**
 * Starts `server/main.ts` on a free port with an empty data folder. It serves
 * the built app from `dist/` (run `npx vite build` first), or from
 * `UPLOAD_E2E_DIST` when set (a private build, so a run does not depend on
 * what others last built into dist/).
 */
export async function startTestServer({ port: wantedPort }: { port?: number } = {}): Promise<TestServer> {
  const port = wantedPort ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), "gumleaf-upload-e2e-"));
  let cwd = repoRoot;
  const privateDist = process.env.UPLOAD_E2E_DIST;
  if (privateDist) {
    // The server serves `./dist` from its working directory.
    symlinkSync(resolve(privateDist), join(dataDir, "dist"), "dir");
    cwd = dataDir;
  }
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = "";

  const start = async () => {
    log = "";
    child = spawn(
      process.execPath,
      [
        "--import",
        pathToFileURL(join(repoRoot, "node_modules/tsx/dist/loader.mjs")).href,
        join(repoRoot, "server/main.ts"),
      ],
      {
        cwd,
        env: {
          ...process.env,
          PORT: String(port),
          DATA_DIR: join(dataDir, "data"),
          LOG_LEVEL: "warn",
          // Empty values override a developer's .env: tests never reach a hosted library or need a key.
          GUMNUT_BASE_URL: "",
          GUMNUT_API_KEY: "",
          GUMLEAF_API_KEY: "",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`The test server exited: ${log}`);
      try {
        const response = await fetch(`${url}/api/server/ping`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`The test server did not start in 30 s: ${log}`);
  };

  const stop = async ({ crash = false } = {}) => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((r) => running.once("exit", () => r()));
    running.kill(crash ? "SIGKILL" : "SIGTERM");
    await exited;
  };

  await start();
  return {
    url,
    port,
    dataDir,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A file to drop: bytes from the test process, or `padTo` bytes made in the page (cheap for big files). */
export interface DropFile {
  name: string;
  /** Base64 of the bytes sent from the test. */
  base64?: string;
  /** Append zero bytes in the page until the file is this large (a JPEG ignores what follows its end). */
  padTo?: number;
  lastModified?: number;
  type?: string;
}

export function fixtureFile(name: string, extra: Partial<DropFile> = {}): DropFile {
  return { name, base64: readFileSync(fixturePath(name)).toString("base64"), ...extra };
}

/** Builds `window.__uploadTestFiles` in the page: real File objects (so the page, not the test, holds the bytes). */
async function makeFilesInPage(page: Page, files: DropFile[]) {
  await page.evaluate((specs) => {
    const made = specs.map((spec) => {
      const parts: BlobPart[] = [];
      let size = 0;
      if (spec.base64) {
        const binary = atob(spec.base64);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        parts.push(bytes);
        size = bytes.length;
      }
      if (spec.padTo && spec.padTo > size) parts.push(new Uint8Array(spec.padTo - size));
      return new File(parts, spec.name, {
        type: spec.type ?? "",
        lastModified: spec.lastModified ?? Date.now(),
      });
    });
    (window as unknown as { __uploadTestFiles: File[] }).__uploadTestFiles = made;
  }, files);
}

/** Starts a drag of these files over the page (dragenter + dragover on the body): the overlay shows. */
export async function dragFilesOver(page: Page, files: DropFile[]) {
  await makeFilesInPage(page, files);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    for (const file of (window as unknown as { __uploadTestFiles: File[] }).__uploadTestFiles) dt.items.add(file);
    (window as unknown as { __uploadTestDrag: DataTransfer }).__uploadTestDrag = dt;
    const init = { bubbles: true, cancelable: true, dataTransfer: dt };
    document.body.dispatchEvent(new DragEvent("dragenter", init));
    document.body.dispatchEvent(new DragEvent("dragover", init));
  });
}

/** Drops what `dragFilesOver` started dragging. */
export async function dropDragged(page: Page) {
  await page.evaluate(() => {
    const dt = (window as unknown as { __uploadTestDrag: DataTransfer }).__uploadTestDrag;
    document.body.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: dt }));
  });
}

/** Drags files onto the page and drops them, as a person does from a file manager. */
export async function dropFiles(page: Page, files: DropFile[]) {
  await dragFilesOver(page, files);
  await dropDragged(page);
}

/** Pastes files (e.g. a copied screenshot) into the page. */
export async function pasteFiles(page: Page, files: DropFile[]) {
  await makeFilesInPage(page, files);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    for (const file of (window as unknown as { __uploadTestFiles: File[] }).__uploadTestFiles) dt.items.add(file);
    document.body.dispatchEvent(new ClipboardEvent("paste", { bubbles: true, cancelable: true, clipboardData: dt }));
  });
}

/**
 * Drags files or folders from disk over the page and drops them, through
 * `Input.dispatchDragEvent` (Chromium only). The browser hands the page a real
 * drag: `dataTransfer.items[i].webkitGetAsEntry()` is a directory entry for a
 * folder, walkable with `createReader()`, which a script-built DataTransfer
 * cannot give. Paths must be absolute.
 */
export async function dropPathsFromDisk(page: Page, paths: string[], at = { x: 200, y: 200 }) {
  const cdp = await page.context().newCDPSession(page);
  try {
    // dragOperationsMask 1 = copy, what a file manager offers.
    const data = { items: [], files: paths, dragOperationsMask: 1 };
    await cdp.send("Input.dispatchDragEvent", { type: "dragEnter", ...at, data });
    await cdp.send("Input.dispatchDragEvent", { type: "dragOver", ...at, data });
    // Chromium drops only once the page has answered a dragover with "copy";
    // on a busy machine that answer can come after the drop is sent, and the
    // drop then turns into a dragleave. The overlay shows once the page has
    // answered, and a file manager keeps sending dragovers anyway.
    await page.getByTestId("upload-drop-overlay").waitFor();
    await cdp.send("Input.dispatchDragEvent", { type: "dragOver", ...at, data });
    await cdp.send("Input.dispatchDragEvent", { type: "drop", ...at, data });
  } finally {
    await cdp.detach();
  }
}

/** Limits the page's upload bandwidth (bytes/s) through the DevTools protocol, so progress can be watched. */
export async function throttleUpload(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
  return cdp;
}

export interface ListedAsset {
  id: string;
  original_file_name: string;
}

/** Every asset the server lists (live ones), newest first. */
export async function listAssets(baseUrl: string): Promise<ListedAsset[]> {
  const all: ListedAsset[] = [];
  let after: string | undefined;
  for (;;) {
    const qs = new URLSearchParams({ limit: "200" });
    if (after) qs.set("starting_after_id", after);
    const response = await fetch(`${baseUrl}/api/assets?${qs}`);
    if (!response.ok) throw new Error(`GET /api/assets: ${response.status}`);
    const page = (await response.json()) as { data: ListedAsset[]; has_more: boolean };
    all.push(...page.data);
    if (!page.has_more || page.data.length === 0) return all;
    after = page.data.at(-1)?.id;
  }
}
