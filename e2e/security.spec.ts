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
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { emptyDataDir, type RunningServer, startServer } from "./support/seeded-server";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const KEY = "e2e-local-api-key-7d41c9a0b2";
const EVIL = "<img src=x onerror=alert(1)>";
const EVIL_FILE = `${EVIL}.jpg`;

/**
 * Records every CSP violation and every JavaScript dialog (an alert() from injected HTML would be one).
 * Violations are read from the console and from `securitypolicyviolation` events: a blocked
 * eval that the page catches (a library probing for `new Function`) logs nothing, but is
 * still reported to the server's report-uri, if it has one.
 */
async function watch(page: Page) {
  const violations: string[] = [];
  const dialogs: string[] = [];
  await page.exposeFunction("__cspViolation", (text: string) => violations.push(text));
  await page.addInitScript({
    content: `document.addEventListener("securitypolicyviolation", (e) => window.__cspViolation(e.violatedDirective + " blocked " + e.blockedURI + " in " + e.sourceFile + ":" + e.lineNumber));`,
  });
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

let local: RunningServer;
const others: RunningServer[] = [];
const auth = { authorization: `Bearer ${KEY}` };

test.beforeAll(async () => {
  test.setTimeout(180_000);
  if (!existsSync(join(ROOT, "dist/index.html"))) {
    execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
  }
  // The local library requires a key: the browser gets in through the app's session.
  local = await startServer(emptyDataDir(), { env: { GUMLEAF_API_KEY: KEY } });
});

test.afterAll(async () => {
  for (const server of [...others, local]) await server?.stop();
});

test("file names and descriptions that contain HTML are shown as text, under the CSP", async ({ page, request }) => {
  const seen = await watch(page);
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
  const seen = await watch(page);
  const hosted = await startServer(emptyDataDir(), { env: { GUMNUT_BASE_URL: local.url, GUMNUT_API_KEY: KEY } });
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

  const wrongKey = await startServer(emptyDataDir(), {
    env: { GUMNUT_BASE_URL: local.url, GUMNUT_API_KEY: "not-the-key-at-all-00000" },
  });
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
