/**
 * The asset drawer against the real server and the built app (run `vite build` first).
 *
 * This spec starts its own server on a free port over a temporary data folder
 * (the shared one from playwright.config.ts must stay empty for upload.spec.ts),
 * uploads fixtures through the API, and puts each asset back to its file
 * values before every test, so tests don't depend on each other's order.
 * The network is faked only to inject faults.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Page, type Route, test } from "@playwright/test";
import { emptyDataDir, type RunningServer, startServer } from "./support/seeded-server";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const fixture = (name: string) => join(ROOT, "e2e/fixtures/photos", name);

interface Asset {
  id: string;
  original_file_name: string;
  local_datetime: string;
  processing_state?: string;
  metadata: {
    description?: string | null;
    rating?: number | null;
    latitude?: number | null;
    longitude?: number | null;
    display_label?: string | null;
    original_datetime?: string | null;
    updated_at: string;
  } | null;
}

let server: RunningServer | undefined;
let base = "";
const ids: Record<string, string> = {};

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${base}${path}`, init);
  if (!response.ok) throw new Error(`${init?.method ?? "GET"} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const getAsset = (id: string) => api<Asset>(`/api/assets/${id}?include=metadata`);

async function upload(name: string): Promise<Asset> {
  const form = new FormData();
  form.append("device_id", "e2e-asset-drawer");
  form.append("device_asset_id", name);
  form.append("file_created_at", "2020-01-01T00:00:00+00:00");
  form.append("file_modified_at", "2020-01-01T00:00:00+00:00");
  form.append("asset_data", new Blob([readFileSync(fixture(name))]), name);
  return api<Asset>("/api/assets", { method: "POST", body: form });
}

/** Removes every user override (the file's values show again) and waits for the place to be named again. */
async function resetAsset(id: string): Promise<void> {
  const before = await api<Asset>(`/api/assets/${id}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ description: null, rating: null, original_datetime: null, latitude: null, longitude: null }),
  });
  const since = Date.parse(before.metadata?.updated_at ?? "");
  await expect
    .poll(async () => Date.parse((await getAsset(id)).metadata?.updated_at ?? ""), { timeout: 15_000 })
    .toBeGreaterThan(since);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startServer(emptyDataDir());
  base = server.url;
  for (const name of ["canon-tokyo.jpg", "sydney-summer.jpg", "kathmandu.jpg", "no-metadata.png", "naive-time.jpg"]) {
    ids[name] = (await upload(name)).id;
  }
  // Wait for the renditions, so the viewer's images load.
  for (const id of Object.values(ids)) {
    await expect.poll(async () => (await getAsset(id)).processing_state, { timeout: 30_000 }).toBe("ready");
  }
});

test.afterAll(async () => {
  await server?.stop();
});

test.beforeEach(async () => {
  for (const name of ["canon-tokyo.jpg", "no-metadata.png"]) await resetAsset(ids[name]);
});

const viewer = (page: Page) => page.getByRole("dialog");
const description = (page: Page) => viewer(page).getByRole("textbox", { name: "Description" });
const star = (page: Page, label: string) =>
  viewer(page).getByRole("radiogroup", { name: "Rating" }).getByRole("radio", { name: label, exact: true });
const captureTime = (page: Page) => viewer(page).getByTestId("capture-time");
const placeLabel = (page: Page) => viewer(page).getByTestId("place-label");
const coordinates = (page: Page) => viewer(page).getByRole("textbox", { name: "Coordinates" });

async function open(page: Page, name: string) {
  await page.goto(`${base}/asset/${ids[name]}`);
  await expect(viewer(page)).toBeVisible();
  await expect(viewer(page)).toHaveAccessibleName(name);
  // Editors appear once the full detail (metadata) has loaded.
  await expect(description(page)).toBeVisible();
}

test("a deep link opens the photo with what the file says", async ({ page }) => {
  await open(page, "canon-tokyo.jpg");
  const dialog = viewer(page);
  await expect(dialog).toHaveAttribute("aria-modal", "true");
  await expect(captureTime(page)).toHaveText("Sun, 2 Apr 2023, 14:03:05 (UTC+09:00)");
  await expect(dialog).toContainText("Canon EOS R5");
  await expect(dialog).toContainText("RF24-70mm F2.8 L IS USM");
  await expect(dialog).toContainText("f/2.8 · 1/250 s · ISO 200 · 35 mm");
  await expect(dialog).toContainText("1600 × 1067");
  await expect(dialog).toContainText("30 KB");
  await expect(placeLabel(page)).toHaveText("Tokyo, Japan");
  await expect(description(page)).toHaveValue("Tokyo Tower at noon");
  await expect(star(page, "4 stars")).toBeChecked();

  const photo = dialog.getByRole("img", { name: "canon-tokyo.jpg" });
  await expect
    .poll(() => photo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
    .toBeGreaterThan(0);
  expect(await photo.getAttribute("src")).toContain("size=preview");

  // Zoom swaps in the full-size rendition.
  await dialog.getByRole("button", { name: "Show full size" }).click();
  await expect(dialog.locator("img[src*='size=fullsize']")).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(dialog.getByRole("button", { name: "Show full size" })).toBeVisible();
  await expect(dialog).toBeVisible();
});

test("an asset that does not exist says so", async ({ page }) => {
  await page.goto(`${base}/asset/asset_doesNotExist0000000000`);
  await expect(viewer(page).getByText("This asset no longer exists")).toBeVisible();
  await viewer(page).getByRole("button", { name: "Back to the library" }).click();
  await expect(page).toHaveURL(`${base}/`);
});

test.describe("description", () => {
  test("saves on blur and on Ctrl+Enter, Esc restores, clearing brings back the file's caption", async ({ page }) => {
    const id = ids["canon-tokyo.jpg"];
    await open(page, "canon-tokyo.jpg");

    await description(page).fill("Tower at dusk");
    await description(page).blur();
    await expect.poll(async () => (await getAsset(id)).metadata?.description).toBe("Tower at dusk");

    await description(page).fill("Tower at night");
    await description(page).press("Control+Enter");
    await expect.poll(async () => (await getAsset(id)).metadata?.description).toBe("Tower at night");

    await description(page).fill("Not this");
    await description(page).press("Escape");
    await expect(description(page)).toHaveValue("Tower at night");
    await expect(viewer(page)).toBeVisible();

    await page.reload();
    await expect(description(page)).toHaveValue("Tower at night");

    await description(page).fill("");
    await description(page).blur();
    await expect(description(page)).toHaveValue("Tokyo Tower at noon");
    expect((await getAsset(id)).metadata?.description).toBe("Tokyo Tower at noon");
  });
});

test.describe("rating", () => {
  test("a click and a key both rate, and it is kept", async ({ page }) => {
    const id = ids["canon-tokyo.jpg"];
    await open(page, "canon-tokyo.jpg");

    await star(page, "2 stars").click();
    await expect(star(page, "2 stars")).toBeChecked();
    await expect.poll(async () => (await getAsset(id)).metadata?.rating).toBe(2);

    await viewer(page).getByRole("heading", { name: "canon-tokyo.jpg" }).click();
    await page.keyboard.press("3");
    await expect(star(page, "3 stars")).toBeChecked();
    await expect.poll(async () => (await getAsset(id)).metadata?.rating).toBe(3);

    await page.reload();
    await expect(star(page, "3 stars")).toBeChecked();

    // Typing a digit into a field is typing, not rating.
    await description(page).click();
    await page.keyboard.type("5");
    await expect(star(page, "3 stars")).toBeChecked();
    await description(page).press("Escape");
  });
});

test.describe("location", () => {
  test("pasted coordinates are saved and the place is named without a reload", async ({ page }) => {
    const id = ids["canon-tokyo.jpg"];
    await open(page, "canon-tokyo.jpg");
    await expect(placeLabel(page)).toHaveText("Tokyo, Japan");

    await coordinates(page).fill("48.8584, 2.2945");
    await coordinates(page).press("Enter");
    await expect(placeLabel(page)).toContainText("France", { timeout: 20_000 });
    const saved = await getAsset(id);
    expect(saved.metadata?.latitude).toBeCloseTo(48.8584, 4);
    expect(saved.metadata?.longitude).toBeCloseTo(2.2945, 4);

    await page.reload();
    await expect(placeLabel(page)).toContainText("France");
    await expect(coordinates(page)).toHaveValue("48.8584, 2.2945");

    // Removing the override lets the file's own GPS (Tokyo) show again.
    await viewer(page).getByRole("button", { name: "Remove location" }).click();
    await expect(placeLabel(page)).toHaveText("Tokyo, Japan", { timeout: 20_000 });
    await expect(coordinates(page)).toHaveValue("35.658581, 139.745433");
  });

  test("bad coordinates are refused before anything is sent", async ({ page }) => {
    await open(page, "canon-tokyo.jpg");
    let patches = 0;
    page.on("request", (r) => {
      if (r.method() === "PATCH") patches += 1;
    });
    await coordinates(page).fill("91, 10");
    await coordinates(page).press("Enter");
    await expect(viewer(page).getByRole("alert")).toHaveText("Latitude must be between −90 and 90.");
    await coordinates(page).fill("Paris");
    await coordinates(page).press("Enter");
    await expect(viewer(page).getByRole("alert")).toContainText("Enter latitude and longitude");
    expect(patches).toBe(0);
  });

  test("the map sets the location with a click, and a photo without GPS has none after removal", async ({ page }) => {
    const id = ids["no-metadata.png"];
    await open(page, "no-metadata.png");
    await expect(placeLabel(page)).toHaveText("No location");
    const map = viewer(page).getByTestId("location-map");
    await map.scrollIntoViewIfNeeded();
    await expect(map.locator("[data-map-ready]")).toBeVisible({ timeout: 20_000 });

    const box = await map.boundingBox();
    if (!box) throw new Error("the map has no box");
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(viewer(page).getByTestId("map-pin")).toBeVisible();
    await expect.poll(async () => (await getAsset(id)).metadata?.latitude ?? null).not.toBeNull();
    await expect(placeLabel(page)).not.toHaveText(/Finding|No location/, { timeout: 20_000 });

    await viewer(page).getByRole("button", { name: "Remove location" }).click();
    await expect(placeLabel(page)).toHaveText("No location", { timeout: 20_000 });
    await expect(viewer(page).getByTestId("map-pin")).toHaveCount(0);
    expect((await getAsset(id)).metadata?.latitude ?? null).toBeNull();
  });
});

test.describe("capture time", () => {
  test("editing the time keeps the offset, a zone gives its offset, clearing restores the file's time", async ({
    page,
  }) => {
    const id = ids["canon-tokyo.jpg"];
    await open(page, "canon-tokyo.jpg");

    await viewer(page).getByRole("button", { name: "Edit date and time" }).click();
    const form = viewer(page).getByRole("form", { name: "Edit date and time" });
    await form.getByLabel("Time", { exact: true }).fill("15:30:00");
    await expect(form).toContainText("Will be saved as Sun, 2 Apr 2023, 15:30:00 (UTC+09:00)");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(captureTime(page)).toHaveText("Sun, 2 Apr 2023, 15:30:00 (UTC+09:00)");
    await expect.poll(async () => (await getAsset(id)).metadata?.original_datetime).toBe("2023-04-02T15:30:00+09:00");

    await viewer(page).getByRole("button", { name: "Edit date and time" }).click();
    const zone = form.getByLabel("Time zone");
    await expect(zone.locator("option[value='zone:Asia/Kathmandu']")).toHaveText("Asia/Kathmandu (UTC+05:45)");
    await expect(zone.locator("option[value='zone:Etc/GMT+5']")).toHaveText("Etc/GMT+5 (UTC−05:00), behind UTC");
    await zone.selectOption("zone:Asia/Kathmandu");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(captureTime(page)).toHaveText("Sun, 2 Apr 2023, 15:30:00 (UTC+05:45)");
    await expect.poll(async () => (await getAsset(id)).local_datetime).toBe("2023-04-02T15:30:00+05:45");

    await page.reload();
    await expect(captureTime(page)).toHaveText("Sun, 2 Apr 2023, 15:30:00 (UTC+05:45)");

    await viewer(page).getByRole("button", { name: "Edit date and time" }).click();
    await form.getByRole("button", { name: "Use the file's date" }).click();
    await expect(captureTime(page)).toHaveText("Sun, 2 Apr 2023, 14:03:05 (UTC+09:00)");
    expect((await getAsset(id)).metadata?.original_datetime).toBe("2023-04-02T14:03:05+09:00");
  });

  test("a naive time stays naive, and a DST gap is explained", async ({ page }) => {
    await open(page, "naive-time.jpg");
    await expect(captureTime(page)).toHaveText("Tue, 24 Dec 2019, 18:00:00 (no time zone)");
    await viewer(page).getByRole("button", { name: "Edit date and time" }).click();
    const form = viewer(page).getByRole("form", { name: "Edit date and time" });
    await form.getByLabel("Date").fill("2023-03-12");
    await form.getByLabel("Time", { exact: true }).fill("02:30:00");
    await expect(form).toContainText("Will be saved as Sun, 12 Mar 2023, 02:30:00 (no time zone)");
    await form.getByLabel("Time zone").selectOption("zone:America/New_York");
    await expect(form.getByRole("status")).toContainText("02:30 didn't exist in America/New York");
    await expect(form).toContainText("(UTC−04:00)");
    await form.getByRole("button", { name: "Cancel" }).click();
    await expect(captureTime(page)).toHaveText("Tue, 24 Dec 2019, 18:00:00 (no time zone)");
  });
});

test.describe("when the server refuses", () => {
  /** Holds PATCH requests until `release` is called, then answers with `status` and `body`. */
  function holdPatches(status: number, body: unknown) {
    let release!: () => void;
    const released = new Promise<void>((done) => {
      release = done;
    });
    const handler = async (route: Route) => {
      if (route.request().method() !== "PATCH") return route.continue();
      await released;
      return route.fulfill({ status, contentType: "application/json", body: JSON.stringify(body) });
    };
    return { handler, release };
  }

  test("a 500 rolls back the drawer and the tile, says so, and keeps the input", async ({ page }) => {
    const id = ids["canon-tokyo.jpg"];
    await open(page, "canon-tokyo.jpg");
    const hold = holdPatches(500, { detail: "Disk on fire" });
    await page.route("**/api/assets/*", hold.handler);

    // Capture time: the drawer and the timeline tile (behind the viewer) change at once, then roll back.
    const tile = page.locator(`[data-asset-id="${id}"]`).first();
    await expect(tile).toBeAttached();
    const tileLabel = await tile.getAttribute("aria-label");
    expect(tileLabel).toContain("14:03");
    await viewer(page).getByRole("button", { name: "Edit date and time" }).click();
    const form = viewer(page).getByRole("form", { name: "Edit date and time" });
    await form.getByLabel("Time", { exact: true }).fill("09:15:00");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(captureTime(page)).toHaveText("Sun, 2 Apr 2023, 09:15:00 (UTC+09:00)");
    await expect(tile).toHaveAttribute("aria-label", /09:15/);
    hold.release();
    await expect(captureTime(page)).toHaveText("Sun, 2 Apr 2023, 14:03:05 (UTC+09:00)");
    await expect(tile).toHaveAttribute("aria-label", tileLabel ?? "");
    const toast = page.getByRole("alert").filter({ hasText: "Couldn't save the capture time" });
    await expect(toast).toContainText("Disk on fire. Your change is kept — try again.");
    // The form opens again with what the user entered.
    await expect(form.getByLabel("Time", { exact: true })).toHaveValue("09:15:00");
    await toast.getByRole("button", { name: "Dismiss notification" }).click();
    await expect(toast).toHaveCount(0);
    await form.getByRole("button", { name: "Cancel" }).click();

    // Rating: back to 4 stars, with the refused value offered again.
    await star(page, "1 star").click();
    await expect(star(page, "4 stars")).toBeChecked();
    await expect(page.getByRole("alert").filter({ hasText: "Couldn't save the rating" })).toContainText("Disk on fire");
    await expect(viewer(page)).toContainText("1 star wasn't saved.");

    // Description: the text stays in the field, marked unsaved.
    await description(page).fill("My words");
    await description(page).blur();
    await expect(page.getByRole("alert").filter({ hasText: "Couldn't save the description" })).toBeVisible();
    await expect(description(page)).toHaveValue("My words");
    await expect(viewer(page)).toContainText("Not saved.");

    const stored = await getAsset(id);
    expect(stored.metadata?.rating).toBe(4);
    expect(stored.metadata?.description).toBe("Tokyo Tower at noon");
    expect(stored.local_datetime).toBe("2023-04-02T14:03:05+09:00");

    // Once the server answers again, the kept input is saved with one click.
    await page.unroute("**/api/assets/*", hold.handler);
    await viewer(page)
      .getByRole("region", { name: "Rating", exact: true })
      .getByRole("button", { name: "Try again" })
      .click();
    await expect.poll(async () => (await getAsset(id)).metadata?.rating).toBe(1);
  });

  test("a 422 shows the server's reason and keeps the coordinates typed", async ({ page }) => {
    await open(page, "canon-tokyo.jpg");
    const hold = holdPatches(422, {
      detail: [{ loc: ["body", "latitude"], msg: "Input should be less than or equal to 90", type: "less_than_equal" }],
    });
    await page.route("**/api/assets/*", hold.handler);
    await coordinates(page).fill("48.8584, 2.2945");
    await coordinates(page).press("Enter");
    await expect(placeLabel(page)).toHaveText("Finding the place name…");
    hold.release();
    await expect(placeLabel(page)).toHaveText("Tokyo, Japan");
    await expect(page.getByRole("alert").filter({ hasText: "Couldn't save the location" })).toContainText(
      "latitude: Input should be less than or equal to 90",
    );
    await expect(coordinates(page)).toHaveValue("48.8584, 2.2945");
  });
});

test.describe("keyboard", () => {
  test("← and → move between assets, Esc closes; typing is left alone", async ({ page }) => {
    const start = ids["canon-tokyo.jpg"];
    const older = (await api<{ data: Asset[] }>(`/api/assets?limit=1&starting_after_id=${start}`)).data[0];
    await open(page, "canon-tokyo.jpg");

    await page.keyboard.press("ArrowRight");
    await expect(page).toHaveURL(`${base}/asset/${older.id}`);
    await expect(viewer(page)).toHaveAccessibleName(older.original_file_name);

    await page.keyboard.press("ArrowLeft");
    await expect(page).toHaveURL(`${base}/asset/${start}`);
    await expect(description(page)).toBeVisible();

    await description(page).click();
    await page.keyboard.press("ArrowRight");
    await expect(page).toHaveURL(`${base}/asset/${start}`);

    await viewer(page).getByRole("heading", { name: "canon-tokyo.jpg" }).click();
    await page.keyboard.press("Escape");
    await expect(viewer(page)).toHaveCount(0);
    // A deep link has no library behind it in history: closing goes to the library.
    await expect(page).toHaveURL(`${base}/`);
  });

  test("opened from the library, Esc goes back and focus returns to the tile", async ({ page }) => {
    const id = ids["canon-tokyo.jpg"];
    await page.goto(`${base}/`);
    const tile = page.locator(`[data-asset-id="${id}"]`).first();
    await tile.waitFor({ timeout: 15_000 });
    await tile.click();
    await expect(page).toHaveURL(new RegExp(`/asset/${id}`));
    await expect(viewer(page)).toHaveAccessibleName("canon-tokyo.jpg");
    await page.keyboard.press("Escape");
    await expect(viewer(page)).toHaveCount(0);
    await expect(page).not.toHaveURL(/\/asset\//);
    await expect(tile).toBeFocused();

    // Browser Back closes it too.
    await tile.click();
    await expect(viewer(page)).toBeVisible();
    await page.goBack();
    await expect(viewer(page)).toHaveCount(0);
  });
});
