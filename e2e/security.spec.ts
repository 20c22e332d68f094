/**
 * Security in the browser, against real servers and the built app (`vite build` first):
 *
 * - file names and descriptions that contain HTML are shown as text, never run;
 * - the app works under its Content-Security-Policy (no violation while it
 *   uploads, lists, shows thumbnails and opens an asset);
 * - with GUMLEAF_API_KEY set, a browser on this computer is signed in by the app;
 * - the header says which library the app is connected to, and says so clearly
 *   when Gumnut refuses the key (a forwarding server with a wrong key).
 *
 * It starts its own servers (`server/main.ts` on free ports, temporary data
 * folders): the shared one from playwright.config.ts must stay empty for
 * upload.spec.ts.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const KEY = "e2e-local-api-key-7d41c9a0b2";
const EVIL = "<img src=x onerror=alert(1)>";
const EVIL_FILE = `${EVIL}.jpg`;

interface Running {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** `server/main.ts` on a free port; `env` decides the mode (a .env file in the repo is overridden). */
async function startGumleaf(env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), "gumleaf-e2e-security-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(ROOT, "server/main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      GUMLEAF_API_KEY: "",
      GUMNUT_BASE_URL: "",
      GUMNUT_API_KEY: "",
      ...env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error("A Gumleaf server exited during start-up");
    // The shell answers even when /api is forwarded to an upstream that refuses us.
    const up = await fetch(`${url}/favicon.svg`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error("A Gumleaf server did not answer within 60 s");
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    async stop() {
      if (!exited) {
        const done = new Promise<void>((r) => child.once("exit", () => r()));
        child.kill("SIGTERM");
        await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
        if (!exited) child.kill("SIGKILL");
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Records every CSP violation and every JavaScript dialog (an alert() from injected HTML would be one). */
function watch(page: Page) {
  const violations: string[] = [];
  const dialogs: string[] = [];
  page.on("console", (msg) => {
    if (/Content[- ]Security[- ]Policy/i.test(msg.text())) violations.push(msg.text());
  });
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { violations, dialogs };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

let local: Running;
const others: Running[] = [];
const auth = { authorization: `Bearer ${KEY}` };

test.beforeAll(async () => {
  test.setTimeout(180_000);
  if (!existsSync(join(ROOT, "dist/index.html"))) {
    execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
  }
  // The local library requires a key: the browser gets in through the app's session.
  local = await startGumleaf({ GUMLEAF_API_KEY: KEY });
});

test.afterAll(async () => {
  for (const server of [...others, local]) await server?.stop();
});

test("file names and descriptions that contain HTML are shown as text, under the CSP", async ({ page, request }) => {
  const seen = watch(page);
  const shell = await page.goto(`${local.url}/`);
  expect(shell?.headers()["content-security-policy"]).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(page.getByText("Local library")).toBeVisible();

  // Upload through the app, as a person does, a photo whose name is HTML.
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await (await chooser).setFiles({
    name: EVIL_FILE,
    mimeType: "image/jpeg",
    buffer: readFileSync(join(ROOT, "e2e/fixtures/photos/kathmandu.jpg")),
  });
  const findAsset = async () => {
    const res = await request.get(`${local.url}/api/assets`, { headers: auth });
    const list = (await res.json()) as { data: { id: string; original_file_name: string }[] };
    return list.data.find((a) => a.original_file_name === EVIL_FILE)?.id;
  };
  await expect.poll(findAsset, { timeout: 30_000 }).toBeTruthy();
  const id = (await findAsset()) as string;
  // The upload panel lists it by its name, literally.
  await expect(page.getByText(EVIL_FILE, { exact: true }).first()).toBeVisible();

  const patched = await request.patch(`${local.url}/api/assets/${id}`, { headers: auth, data: { description: EVIL } });
  expect(patched.status()).toBe(200);

  // The library: the tile is named by the file name, and its thumbnail loads under the CSP.
  await page.goto(`${local.url}/`);
  const tile = page.locator(`[data-asset-id="${id}"]`);
  await expect(tile).toHaveAccessibleName(new RegExp(escapeRe(EVIL_FILE)));
  const thumb = tile.getByRole("img", { name: EVIL_FILE });
  await expect
    .poll(() => thumb.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)).catch(() => 0), {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);

  // The asset itself: named by the file name, the description in its field as typed.
  await page.goto(`${local.url}/asset/${id}`);
  const viewer = page.getByRole("dialog");
  await expect(viewer).toHaveAccessibleName(new RegExp(escapeRe(EVIL_FILE)));
  await expect(viewer.getByRole("textbox", { name: "Description" })).toHaveValue(EVIL);

  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(seen.dialogs).toEqual([]);
  expect(seen.violations).toEqual([]);
});

test("the header names a hosted Gumnut library, and says clearly when it refuses the key", async ({ page }) => {
  const seen = watch(page);
  const hosted = await startGumleaf({ GUMNUT_BASE_URL: local.url, GUMNUT_API_KEY: KEY });
  others.push(hosted);
  await page.goto(`${hosted.url}/`);
  // users/me comes from the upstream (a local library, whose owner is called "Local library").
  await expect(page.getByText("Gumnut · Local library")).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  // The upstream's signed thumbnail URLs load through this server.
  const thumb = page.getByRole("img", { name: EVIL_FILE });
  await expect
    .poll(() => thumb.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)).catch(() => 0), {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);

  const wrongKey = await startGumleaf({ GUMNUT_BASE_URL: local.url, GUMNUT_API_KEY: "not-the-key-at-all-00000" });
  others.push(wrongKey);
  await page.goto(`${wrongKey.url}/`);
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: "Gumnut rejected the API key (401). Check GUMNUT_API_KEY in .env and restart." }),
  ).toBeVisible();
  await expect(page.getByText("Gumnut: key rejected")).toBeVisible();
  expect(seen.violations).toEqual([]);
});
