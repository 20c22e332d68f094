/**
 * Trash and selection against the real server and the built app (run `vite build` first).
 *
 * Starts its own server on a free port over a temporary data folder, uploads
 * fixtures through the API, and restores every asset before each test, so
 * tests don't depend on each other's order. Permanent deletion uses assets
 * uploaded by that test alone.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { shiftCaptureTime } from "../src/features/selection/time-shift";
import { emptyDataDir, type RunningServer, startServer } from "./support/seeded-server";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const fixture = (name: string) => join(ROOT, "e2e/fixtures/photos", name);
const SHOTS = "/tmp/shots";

interface Asset {
  id: string;
  original_file_name: string;
  local_datetime: string;
  trashed_at: string | null;
  processing_state?: string;
  metadata: {
    rating?: number | null;
    description?: string | null;
    latitude?: number | null;
    longitude?: number | null;
    original_datetime?: string | null;
  } | null;
}

let server: RunningServer | undefined;
let dataDir = "";
let base = "";
const ids: Record<string, string> = {};
const NAMES = ["canon-tokyo.jpg", "sydney-summer.jpg", "kathmandu.jpg", "naive-time.jpg"];

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${base}${path}`, init);
  if (!response.ok) throw new Error(`${init?.method ?? "GET"} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const post = (path: string, body: unknown) =>
  api<unknown>(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const getAsset = (id: string) => api<Asset>(`/api/assets/${id}?include=metadata`);

async function upload(name: string, deviceAssetId = name): Promise<Asset> {
  const form = new FormData();
  form.append("device_id", "e2e-trash-selection");
  form.append("device_asset_id", deviceAssetId);
  form.append("file_created_at", "2020-01-01T00:00:00+00:00");
  form.append("file_modified_at", "2020-01-01T00:00:00+00:00");
  form.append("asset_data", new Blob([readFileSync(fixture(name))]), name);
  return api<Asset>("/api/assets", { method: "POST", body: form });
}

/** Every stored original of an asset (`originals/<shard>/<id>.<ext>`). */
function originalsOf(id: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.startsWith(id)) found.push(path);
    }
  };
  walk(join(dataDir, "originals"));
  return found;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  // Not the default 90: the Trash page must say this server's own setting.
  server = await startServer(emptyDataDir(), { env: { TRASH_RETENTION_DAYS: "30" } });
  dataDir = server.dataDir;
  base = server.url;
  for (const name of NAMES) ids[name] = (await upload(name)).id;
  for (const id of Object.values(ids)) {
    await expect.poll(async () => (await getAsset(id)).processing_state, { timeout: 30_000 }).toBe("ready");
  }
});

test.afterAll(async () => {
  await server?.stop();
});

test.beforeEach(async () => {
  await post("/api/assets/restore", { ids: Object.values(ids) });
  await post("/api/assets/bulk-update", {
    updates: Object.values(ids).map((id) => ({
      id,
      change: { rating: null, description: null, latitude: null, longitude: null, original_datetime: null },
    })),
  });
});

/** The library's ids as the timeline orders them (newest first). */
async function timelineOrder(): Promise<Asset[]> {
  return (await api<{ data: Asset[] }>("/api/assets?limit=200")).data;
}

const tile = (page: Page, id: string) => page.locator(`[data-timeline-scroller] [data-asset-id="${id}"]`);

test("Delete on a tile moves it to the trash, and Undo brings it back", async ({ page }) => {
  const id = ids["kathmandu.jpg"];
  await page.goto(base);
  await expect(tile(page, id)).toBeVisible();
  await tile(page, id).focus();
  await page.keyboard.press("Delete");

  await expect(tile(page, id)).toHaveCount(0);
  const toast = page.getByRole("status").filter({ hasText: "Moved 1 to trash" });
  await expect(toast).toBeVisible();
  await expect.poll(async () => (await getAsset(id)).trashed_at).not.toBeNull();

  await toast.getByRole("button", { name: "Undo" }).click();
  await expect.poll(async () => (await getAsset(id)).trashed_at).toBeNull();
  await expect(tile(page, id)).toBeVisible();
});

test("a trashed asset shows in the Trash and Restore puts it back in the library", async ({ page }) => {
  const id = ids["sydney-summer.jpg"];
  await page.goto(base);
  await tile(page, id).focus();
  await page.keyboard.press("Delete");
  await expect(tile(page, id)).toHaveCount(0);
  await expect.poll(async () => (await getAsset(id)).trashed_at).not.toBeNull();

  await page.getByRole("link", { name: "Trash" }).click();
  await expect(page).toHaveURL(`${base}/trash`);
  await expect(page.getByText("Items in the trash are deleted for good after 30 days.")).toBeVisible();
  const item = page.getByRole("list", { name: "Trashed items" }).locator(`[data-asset-id="${id}"]`);
  await expect(item).toBeVisible();
  await page.screenshot({ path: join(SHOTS, "sel-trash.png") });
  await item.getByRole("button", { name: "Restore" }).click();
  await expect(item).toHaveCount(0);
  await expect.poll(async () => (await getAsset(id)).trashed_at).toBeNull();

  await page.getByRole("link", { name: "← Library" }).click();
  await expect(tile(page, id)).toBeVisible();
});

test("Empty trash, after a confirmation, deletes the files from disk", async ({ page }) => {
  const extra = await upload("no-metadata.png", "empty-trash-victim");
  await expect.poll(async () => (await getAsset(extra.id)).processing_state, { timeout: 30_000 }).toBe("ready");
  expect(originalsOf(extra.id)).toHaveLength(1);
  await post("/api/assets/trash", { ids: [extra.id] });

  await page.goto(`${base}/trash`);
  await expect(page.locator(`[data-asset-id="${extra.id}"]`)).toBeVisible();
  await page.getByRole("button", { name: "Empty trash" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Empty the trash?" });
  await expect(dialog).toBeVisible();
  // Cancel first: nothing happens.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  expect(originalsOf(extra.id)).toHaveLength(1);

  await page.getByRole("button", { name: "Empty trash" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Empty trash" }).click();
  await expect(page.getByText("The trash is empty.")).toBeVisible();
  await expect.poll(() => originalsOf(extra.id)).toHaveLength(0);
  await expect(fetch(`${base}/api/assets/${extra.id}`).then((r) => r.status)).resolves.toBe(404);
  // The library's assets were live, so they are untouched.
  for (const id of Object.values(ids)) expect(originalsOf(id)).toHaveLength(1);
});

test("in the Trash, a selection is restored and an item is deleted permanently", async ({ page }) => {
  const keep = await upload("iphone-golden-gate.jpg", "trash-view-keep");
  const gone = await upload("no-metadata.png", "trash-view-gone");
  for (const a of [keep, gone]) {
    await expect.poll(async () => (await getAsset(a.id)).processing_state, { timeout: 30_000 }).toBe("ready");
  }
  await post("/api/assets/trash", { ids: [keep.id, gone.id] });

  await page.goto(`${base}/trash`);
  const list = page.getByRole("list", { name: "Trashed items" });
  await list.getByRole("checkbox", { name: "Select iphone-golden-gate.jpg" }).check();
  await page.getByRole("button", { name: "Restore selected" }).click();
  await expect.poll(async () => (await getAsset(keep.id)).trashed_at).toBeNull();
  await expect(list.locator(`[data-asset-id="${keep.id}"]`)).toHaveCount(0);

  await list.getByRole("button", { name: "Delete no-metadata.png permanently" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete permanently" }).click();
  await expect(list.locator(`[data-asset-id="${gone.id}"]`)).toHaveCount(0);
  await expect.poll(() => fetch(`${base}/api/assets/${gone.id}`).then((r) => r.status)).toBe(404);
  expect(originalsOf(gone.id)).toHaveLength(0);

  await api(`/api/assets/${keep.id}`, { method: "DELETE" });
});

test.describe("selection", () => {
  test("Shift-click selects a range across days, and the bar sets their rating", async ({ page }) => {
    const order = await timelineOrder();
    expect(new Set(order.slice(0, 3).map((a) => a.local_datetime.slice(0, 10))).size).toBeGreaterThan(1);
    const [first, , third, fourth] = order;
    await page.goto(base);
    await expect(tile(page, first.id)).toBeVisible();

    await tile(page, first.id).hover();
    await tile(page, first.id).locator("[data-select-check]").click();
    await expect(tile(page, first.id)).toHaveAttribute("aria-pressed", "true");
    await tile(page, third.id).click({ modifiers: ["Shift"] });
    const bar = page.getByRole("region", { name: "Selection" });
    await expect(bar).toContainText("3 selected");
    for (const a of order.slice(0, 3)) await expect(tile(page, a.id)).toHaveAttribute("aria-pressed", "true");
    await expect(tile(page, fourth.id)).toHaveAttribute("aria-pressed", "false");
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SHOTS, "sel-bar.png") });

    await bar.getByRole("combobox", { name: "Set rating" }).selectOption("3");
    for (const a of order.slice(0, 3)) {
      await expect.poll(async () => (await getAsset(a.id)).metadata?.rating).toBe(3);
    }
    expect((await getAsset(fourth.id)).metadata?.rating).not.toBe(3);
    // The toast that says so sits above the bar, not over its count.
    const done = page.getByRole("status").filter({ hasText: "Changed the rating of 3" });
    await expect(done).toBeVisible();
    const [toastBox, barBox] = [await done.boundingBox(), await bar.boundingBox()];
    expect(toastBox && barBox && toastBox.y + toastBox.height <= barBox.y).toBe(true);

    // A plain click while selecting toggles instead of opening; Esc clears.
    await tile(page, fourth.id).click();
    await expect(bar).toContainText("4 selected");
    await expect(page).not.toHaveURL(/\/asset\//);
    await page.keyboard.press("Escape");
    await expect(bar).toHaveCount(0);
  });

  test("a day from its header, all with Ctrl+A, and Delete trashes the selection with Undo", async ({ page }) => {
    const order = await timelineOrder();
    await page.goto(base);
    await expect(tile(page, order[0].id)).toBeVisible();
    const day = order[0].local_datetime.slice(0, 10);
    await page
      .locator(`[data-day="${day}"]`)
      .getByRole("button", { name: /^Select day/ })
      .click();
    const bar = page.getByRole("region", { name: "Selection" });
    const sameDay = order.filter((a) => a.local_datetime.startsWith(day)).length;
    await expect(bar).toContainText(`${sameDay} selected`);

    await tile(page, order[0].id).focus();
    await page.keyboard.press("ControlOrMeta+a");
    await expect(bar).toContainText(`${order.length} selected`);

    await page.keyboard.press("Delete");
    await expect(page.getByRole("status").filter({ hasText: `Moved ${order.length} to trash` })).toBeVisible();
    await expect(bar).toHaveCount(0);
    for (const a of order) await expect.poll(async () => (await getAsset(a.id)).trashed_at).not.toBeNull();
    await page.getByRole("button", { name: "Undo" }).click();
    for (const a of order) await expect.poll(async () => (await getAsset(a.id)).trashed_at).toBeNull();
    await expect(tile(page, order[0].id)).toBeVisible();
  });
});

test.describe("bulk edits", () => {
  test("a refused batch rolls back and says so", async ({ page }) => {
    await page.route("**/api/assets/bulk-update", (route) =>
      route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ detail: "Disk full" }) }),
    );
    const id = ids["kathmandu.jpg"];
    await page.goto(base);
    await tile(page, id).click({ modifiers: ["ControlOrMeta"] });
    const bar = page.getByRole("region", { name: "Selection" });
    await bar.getByRole("combobox", { name: "Set rating" }).selectOption("5");
    await expect(page.getByRole("alert").filter({ hasText: "Couldn't change the rating of 1 item" })).toContainText(
      "Disk full",
    );
    expect((await getAsset(id)).metadata?.rating ?? null).not.toBe(5);
    // The selection stays, so the user can try again.
    await expect(bar).toContainText("1 selected");
  });

  const pick = async (page: Page, names: string[]) => {
    await page.goto(base);
    for (const name of names) {
      await expect(tile(page, ids[name])).toBeVisible();
      await tile(page, ids[name]).click({ modifiers: ["ControlOrMeta"] });
    }
    const bar = page.getByRole("region", { name: "Selection" });
    await expect(bar).toContainText(`${names.length} selected`);
    return bar;
  };

  test("a location is set on the whole selection, then removed (the files' own come back)", async ({ page }) => {
    const names = ["canon-tokyo.jpg", "naive-time.jpg"];
    const before = await Promise.all(names.map(async (n) => (await getAsset(ids[n])).metadata));
    const bar = await pick(page, names);

    await bar.getByRole("button", { name: "Location…" }).click();
    await bar.getByRole("textbox", { name: "Coordinates for the selection" }).fill("48.8584, 2.2945");
    await bar.getByRole("button", { name: "Set location" }).click();
    for (const n of names) {
      await expect.poll(async () => (await getAsset(ids[n])).metadata?.latitude).toBeCloseTo(48.8584, 4);
      expect((await getAsset(ids[n])).metadata?.longitude).toBeCloseTo(2.2945, 4);
    }

    await bar.getByRole("button", { name: "Location…" }).click();
    await bar.getByRole("button", { name: "Remove location" }).click();
    for (const [i, n] of names.entries()) {
      await expect
        .poll(async () => (await getAsset(ids[n])).metadata?.latitude ?? null)
        .toBe(before[i]?.latitude ?? null);
    }
  });

  test("a time shift moves each capture time and keeps each asset's own offset", async ({ page }) => {
    const names = ["canon-tokyo.jpg", "sydney-summer.jpg", "naive-time.jpg"];
    const before = await Promise.all(names.map(async (n) => (await getAsset(ids[n])).local_datetime));
    const bar = await pick(page, names);

    await bar.getByRole("button", { name: "Time…" }).click();
    await bar.getByRole("spinbutton", { name: "Shift hours" }).fill("2");
    await bar.getByRole("spinbutton", { name: "Shift minutes" }).fill("-30");
    await bar.getByRole("button", { name: "Shift times" }).click();
    for (const [i, n] of names.entries()) {
      const expected = shiftCaptureTime(before[i], 90 * 60_000);
      await expect.poll(async () => (await getAsset(ids[n])).local_datetime).toBe(expected);
    }
    // Offsets as they were (a naive time stays naive).
    const suffix = (t: string) => /([+-]\d{2}:\d{2}|Z)$/.exec(t)?.[1] ?? "naive";
    for (const [i, n] of names.entries()) {
      expect(suffix((await getAsset(ids[n])).local_datetime)).toBe(suffix(before[i]));
    }
  });
});
