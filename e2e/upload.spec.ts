import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/photos/${name}`, import.meta.url));

/** Picks files the way a person does: the Upload button opens the browser's file chooser. */
async function chooseFiles(page: Page, buttonName: string, files: string[]) {
  const chooserPromise = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: buttonName, exact: true }).click();
  const chooser = await chooserPromise;
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles(files);
}

function uploadRow(page: Page, fileName: string) {
  return page.getByRole("region", { name: "Uploads" }).getByRole("listitem").filter({ hasText: fileName });
}

test("a photo uploaded into the empty library appears as a tile", async ({ page, request }) => {
  // This spec expects the fresh data folder playwright.config.ts makes for the run.
  const before = await request.get("/api/assets?limit=1");
  expect(before.status()).toBe(200);
  expect((await before.json()).data, "upload.spec.ts needs an empty library").toEqual([]);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Your library is empty" })).toBeVisible();

  await chooseFiles(page, "Upload photos", [fixture("canon-tokyo.jpg")]);

  const row = uploadRow(page, "canon-tokyo.jpg");
  await expect(row).toContainText("Added");
  await expect(row.getByRole("button", { name: /retry/i })).toHaveCount(0);

  const listed = await request.get("/api/assets");
  const asset = (await listed.json()).data.find(
    (a: { original_file_name: string }) => a.original_file_name === "canon-tokyo.jpg",
  );
  expect(asset, "the uploaded asset is listed by the API").toBeTruthy();

  const tile = page.getByRole("list", { name: "Library" }).getByRole("listitem", { name: /canon-tokyo\.jpg/ });
  await expect(tile).toHaveAttribute("data-asset-id", asset.id);
  await expect(page.getByRole("heading", { name: "Your library is empty" })).toBeHidden();

  // The thumbnail is made in the background; the page polls until it exists and then loads it.
  const image = tile.getByRole("img", { name: "canon-tokyo.jpg" });
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)).catch(() => 0))
    .toBeGreaterThan(0);
  await expect(image).toHaveCSS("opacity", "1");

  await tile.focus();
  await expect(tile).toBeFocused();
});

test("a file the server cannot read is rejected with the server's reason", async ({ page, request }) => {
  // Ask the server what it says about this file, so the check follows its wording instead of copying it.
  const now = new Date().toISOString();
  const probe = await request.post("/api/assets", {
    multipart: {
      asset_data: {
        name: "not-an-image.jpg",
        mimeType: "image/jpeg",
        buffer: readFileSync(fixture("not-an-image.jpg")),
      },
      device_id: "e2e-probe",
      device_asset_id: "not-an-image-probe",
      file_created_at: now,
      file_modified_at: now,
    },
  });
  expect(probe.status()).toBe(422);
  const { detail } = (await probe.json()) as { detail: string | { msg: string }[] };
  const reasons = typeof detail === "string" ? [detail] : detail.map((issue) => issue.msg);
  expect(reasons.length).toBeGreaterThan(0);

  await page.goto("/");
  await chooseFiles(page, "Upload", [fixture("not-an-image.jpg")]);

  const row = uploadRow(page, "not-an-image.jpg");
  await expect(row).toContainText("Rejected:");
  for (const reason of reasons) await expect(row).toContainText(reason);
  // Sending the same bytes again cannot help, so there is nothing to retry.
  await expect(row.getByRole("button", { name: /retry/i })).toHaveCount(0);
  await expect(page.getByRole("listitem", { name: /not-an-image\.jpg/ })).toHaveCount(0);
});
