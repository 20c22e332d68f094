import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { fixturePath, listAssets, test } from "./upload-support";

/** Picks files the way a person does: a button opens the browser's file chooser. */
async function choose(page: Page, buttonName: string, files: string | string[]) {
  const chooserPromise = page.waitForEvent("filechooser");
  await page.getByRole("banner").getByRole("button", { name: buttonName, exact: true }).click();
  const chooser = await chooserPromise;
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles(files);
}

function uploadRow(page: Page, fileName: string) {
  return page.getByRole("region", { name: "Uploads" }).getByRole("listitem").filter({ hasText: fileName });
}

test("a photo picked with the Upload button appears as a tile", async ({ page, server }) => {
  await page.goto("/");
  await choose(page, "Upload", [fixturePath("canon-tokyo.jpg")]);

  const row = uploadRow(page, "canon-tokyo.jpg");
  await expect(row).toContainText("Added");
  await expect(row.getByRole("button", { name: /retry/i })).toHaveCount(0);

  const [asset] = await listAssets(server.url);
  expect(asset.original_file_name).toBe("canon-tokyo.jpg");
  await expect(row.getByRole("link", { name: "View" })).toHaveAttribute("href", `/asset/${asset.id}`);

  // The thumbnail is made in the background; the page shows it once it exists.
  const tile = page.locator(`[data-asset-id="${asset.id}"]`).first();
  await expect(tile).toBeVisible();
  const image = tile.getByRole("img").first();
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)).catch(() => 0))
    .toBeGreaterThan(0);
});

test("a folder picked with the folder button is uploaded whole, with honest file fields", async ({ page, server }) => {
  // Trip/ with a nested folder, a hidden file (skipped silently) and an empty file (listed as skipped).
  const root = mkdtempSync(join(tmpdir(), "gumleaf-folder-"));
  const trip = join(root, "Trip");
  mkdirSync(join(trip, "day 2"), { recursive: true });
  copyFileSync(fixturePath("canon-tokyo.jpg"), join(trip, "canon-tokyo.jpg"));
  copyFileSync(fixturePath("no-metadata.png"), join(trip, "day 2", "no-metadata.png"));
  writeFileSync(join(trip, ".DS_Store"), "hidden");
  writeFileSync(join(trip, "day 2", "empty.jpg"), "");
  const modified = new Date("2021-06-05T04:03:02.000Z");
  utimesSync(join(trip, "day 2", "no-metadata.png"), modified, modified);

  try {
    await page.goto("/");
    await choose(page, "Upload a folder", trip);

    await expect(uploadRow(page, "canon-tokyo.jpg")).toContainText("Added");
    await expect(uploadRow(page, "no-metadata.png")).toContainText("Added");
    await expect(uploadRow(page, "empty.jpg")).toContainText("Skipped: Empty file (0 bytes)");
    await expect(uploadRow(page, ".DS_Store")).toHaveCount(0);

    const png = (await listAssets(server.url)).find((a) => a.original_file_name === "no-metadata.png");
    const response = await fetch(`${server.url}/api/assets/${png?.id}?include=file_data`);
    const { file_data: fileData, local_datetime: localDatetime } = (await response.json()) as {
      file_data: { device_id: string; device_asset_id: string; file_created_at: string; file_modified_at: string };
      local_datetime: string;
    };
    expect(fileData.device_id).toMatch(/^gumleaf-web-[0-9a-f-]{36}$/);
    expect(fileData.device_asset_id).toBe(`Trip/day 2/no-metadata.png-${42_744}-${modified.getTime()}`);
    // The browser knows only the last-modified time: it is sent for both, in local time with its offset.
    expect(Date.parse(fileData.file_modified_at)).toBe(modified.getTime());
    expect(fileData.file_created_at).toBe(fileData.file_modified_at);
    expect(fileData.file_modified_at).toMatch(/[+-]\d\d:\d\d$/);
    // With no date inside the PNG, the server falls back to that time.
    expect(Date.parse(localDatetime)).toBe(modified.getTime());
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("the device id stays the same across uploads from this browser", async ({ page, server }) => {
  await page.goto("/");
  await choose(page, "Upload", [fixturePath("kathmandu.jpg")]);
  await expect(uploadRow(page, "kathmandu.jpg")).toContainText("Added");
  await page.reload();
  await choose(page, "Upload", [fixturePath("sydney-summer.jpg")]);
  await expect(uploadRow(page, "sydney-summer.jpg")).toContainText("Added");

  const ids = await Promise.all(
    (await listAssets(server.url)).map(async (asset) => {
      const response = await fetch(`${server.url}/api/assets/${asset.id}?include=file_data`);
      return ((await response.json()) as { file_data: { device_id: string } }).file_data.device_id;
    }),
  );
  expect(new Set(ids).size).toBe(1);
});
