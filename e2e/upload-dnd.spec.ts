import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, type Request } from "@playwright/test";
import {
  dragFilesOver,
  dropDragged,
  dropFiles,
  dropPathsFromDisk,
  FIXTURE_PHOTOS,
  fixtureFile,
  fixturePath,
  listAssets,
  pasteFiles,
  type TestServer,
  test,
  throttleUpload,
} from "./upload-support";

const panel = (page: Page) => page.getByRole("region", { name: "Uploads" });
const row = (page: Page, name: string) => panel(page).getByRole("listitem").filter({ hasText: name });
/** The row of the file at this path inside a dropped folder (its name carries the path as a tooltip). */
const rowAt = (page: Page, path: string) =>
  panel(page)
    .getByRole("listitem")
    .filter({ has: page.getByTitle(path, { exact: true }) });

/** The POSTs of uploads and of existence checks the page sends from now on. */
function watchRequests(page: Page) {
  const uploads: Request[] = [];
  const existChecks: Request[] = [];
  page.on("request", (request) => {
    if (request.method() !== "POST") return;
    const path = new URL(request.url()).pathname;
    if (path === "/api/assets") uploads.push(request);
    if (path === "/api/assets/exist") existChecks.push(request);
  });
  return { uploads, existChecks };
}

/** What the server says about a file it refuses, so the checks follow its wording instead of copying it. */
async function serverReason(server: TestServer, name: string): Promise<string[]> {
  const form = new FormData();
  const now = new Date().toISOString();
  form.append("device_id", "e2e-probe");
  form.append("device_asset_id", `${name}-probe`);
  form.append("file_created_at", now);
  form.append("file_modified_at", now);
  form.append("asset_data", new Blob([readFileSync(fixturePath(name))]), name);
  const response = await fetch(`${server.url}/api/assets`, { method: "POST", body: form });
  expect(response.status).toBe(422);
  const { detail } = (await response.json()) as { detail: string | { msg: string }[] };
  return typeof detail === "string" ? [detail] : detail.map((issue) => issue.msg);
}

/**
 * Every asset has a tile (`data-asset-id`) somewhere on the page. The timeline
 * renders only what is near the viewport, so each try scrolls through it from
 * the top, collecting the tiles it passes. From the top every time: an asset
 * whose counts arrive while the grid is scrolled lands above the screen
 * (what is on screen stays put), and a scroll that only went down would miss it.
 */
async function expectTilesShown(page: Page, ids: string[]) {
  const scroller = page.locator("[data-timeline-scroller]");
  await page.mouse.move(300, 300);
  await expect
    .poll(
      async () => {
        const seen = new Set<string>();
        await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
        for (let step = 0; step < 50; step++) {
          await page.evaluate(
            () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
          );
          const present = await page
            .locator("[data-asset-id]")
            .evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute("data-asset-id")));
          for (const id of present) if (id && ids.includes(id)) seen.add(id);
          const atBottom = await scroller.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1);
          if (seen.size === ids.length || atBottom) break;
          await page.mouse.wheel(0, 400);
        }
        return [...seen].sort();
      },
      { timeout: 30_000 },
    )
    .toEqual([...ids].sort());
}

/** Canon's photo followed by zeros up to `size` bytes: a valid JPEG (readers stop at its end) that takes a while to send. */
function paddedPhoto(name: string, size: number) {
  const photo = readFileSync(fixturePath("canon-tokyo.jpg"));
  const bytes = Buffer.concat([photo, Buffer.alloc(size - photo.length)]);
  return {
    file: fixtureFile("canon-tokyo.jpg", { name, padTo: size }),
    checksum: createHash("sha256").update(bytes).digest("base64"),
  };
}

test("dropping photos shows the overlay, each file's progress, and the new tiles without a reload", async ({
  page,
  server,
}) => {
  await page.goto("/");
  // Gone if the page reloads (the timeline's own URL updates while scrolling are not reloads).
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });

  await dragFilesOver(
    page,
    FIXTURE_PHOTOS.map((name) => fixtureFile(name)),
  );
  await expect(page.getByTestId("upload-drop-overlay")).toBeVisible();
  await expect(page.getByTestId("upload-drop-overlay")).toContainText("Drop to upload");

  // Slow the network so the progress of a file can be seen.
  await throttleUpload(page, 30_000);
  await dropDragged(page);
  await expect(page.getByTestId("upload-drop-overlay")).toBeHidden();

  await expect(panel(page)).toBeVisible();
  const uploading = panel(page)
    .getByRole("progressbar", { name: /^Uploading / })
    .first();
  await expect(uploading).toBeVisible();
  await expect(uploading).toHaveAttribute("aria-valuenow", /\d+/);
  await expect(page.getByTestId("upload-detail")).toContainText(/ of .* · .*\/s · .* left/);

  for (const name of FIXTURE_PHOTOS) await expect(row(page, name)).toContainText("Added", { timeout: 30_000 });
  await expect(page.getByTestId("upload-summary")).toHaveText(`Done: ${FIXTURE_PHOTOS.length} added`);

  // Every new asset is a tile on the page, with no reload.
  const assets = await listAssets(server.url);
  expect(assets.map((a) => a.original_file_name).sort()).toEqual([...FIXTURE_PHOTOS].sort());
  await expectTilesShown(
    page,
    assets.map((a) => a.id),
  );
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // The panel folds into a badge and opens again.
  await panel(page).getByRole("button", { name: "Minimize uploads" }).click();
  await expect(panel(page)).toBeHidden();
  const badge = page.getByRole("button", { name: `Show uploads, 7 / 7 done` });
  await expect(badge).toBeFocused();
  await badge.click();
  await expect(panel(page)).toBeVisible();
});

test("dropping the same photos again reports them as already in the library and sends none of them", async ({
  page,
  server,
}) => {
  const files = FIXTURE_PHOTOS.map((name) => fixtureFile(name));
  await page.goto("/");
  await dropFiles(page, files);
  for (const name of FIXTURE_PHOTOS) await expect(row(page, name)).toContainText("Added");
  const idByName = new Map((await listAssets(server.url)).map((a) => [a.original_file_name, a.id]));

  await page.reload();
  const sent = watchRequests(page);
  await dropFiles(page, files);

  for (const name of FIXTURE_PHOTOS) {
    const link = row(page, name).getByRole("link", { name: "Already in library" });
    await expect(link).toHaveAttribute("href", `/asset/${idByName.get(name)}`);
  }
  await expect(page.getByTestId("upload-summary")).toHaveText(`Done: ${FIXTURE_PHOTOS.length} already in library`);
  expect(sent.existChecks.length).toBeGreaterThan(0);
  expect(sent.uploads, "no file was sent again").toHaveLength(0);
  expect(await listAssets(server.url)).toHaveLength(FIXTURE_PHOTOS.length);

  // A duplicate links to the asset that is already there.
  await row(page, "kathmandu.jpg").getByRole("link", { name: "Already in library" }).click();
  await expect(page).toHaveURL(new RegExp(`/asset/${idByName.get("kathmandu.jpg")}$`));
});

test("a folder dropped from disk is walked into its nested folders, a copy inside it is sent once, and dropped again nothing is sent", async ({
  page,
  server,
}) => {
  // Trip/ with photos two folders deep, a hidden file (never listed) and a copy of
  // one photo under another name in a nested folder (the same bytes twice in one drop).
  const root = mkdtempSync(join(tmpdir(), "gumleaf-dnd-folder-"));
  const trip = join(root, "Trip");
  mkdirSync(join(trip, "day 2", "evening"), { recursive: true });
  const photos: Array<[path: string, fixture: string]> = [
    ["Trip/canon-tokyo.jpg", "canon-tokyo.jpg"],
    ["Trip/day 2/kathmandu.jpg", "kathmandu.jpg"],
    ["Trip/day 2/evening/no-metadata.png", "no-metadata.png"],
  ];
  for (const [path, fixture] of photos) copyFileSync(fixturePath(fixture), join(root, path));
  copyFileSync(fixturePath("canon-tokyo.jpg"), join(trip, "day 2", "evening", "tokyo copy.jpg"));
  writeFileSync(join(trip, ".DS_Store"), "hidden");

  try {
    await page.goto("/");
    const sent = watchRequests(page);
    // Slow the network so the progress of a file can be seen.
    await throttleUpload(page, 30_000);
    await dropPathsFromDisk(page, [trip]);

    await expect(panel(page)).toBeVisible();
    await expect(
      panel(page)
        .getByRole("progressbar", { name: /^Uploading / })
        .first(),
    ).toHaveAttribute("aria-valuenow", /\d+/);
    // The copy is hashed long before the original is sent: it waits for it instead of being sent too.
    const copy = rowAt(page, "Trip/day 2/evening/tokyo copy.jpg");
    await expect(copy).toContainText("Same as Trip/canon-tokyo.jpg: waits for it");

    // Every file is listed with its path inside the dropped folder, nested ones included.
    for (const [path] of photos) await expect(rowAt(page, path)).toContainText("Added", { timeout: 30_000 });
    await expect(page.getByTestId("upload-summary")).toHaveText("Done: 3 added, 1 already in library");
    await expect(panel(page).getByRole("listitem")).toHaveCount(4);
    await expect(row(page, ".DS_Store")).toHaveCount(0);

    const assets = await listAssets(server.url);
    expect(assets.map((a) => a.original_file_name).sort()).toEqual(photos.map(([, fixture]) => fixture).sort());
    const canonId = assets.find((a) => a.original_file_name === "canon-tokyo.jpg")?.id;
    await expect(copy.getByRole("link", { name: "Same as Trip/canon-tokyo.jpg" })).toHaveAttribute(
      "href",
      `/asset/${canonId}`,
    );
    expect(sent.uploads, "each distinct photo sent once, the copy never").toHaveLength(photos.length);
    await expectTilesShown(
      page,
      assets.map((a) => a.id),
    );

    // The same folder again, in a new page: the library already holds every file, so none is sent.
    await page.reload();
    const again = watchRequests(page);
    await dropPathsFromDisk(page, [trip]);
    await expect(page.getByTestId("upload-summary")).toHaveText("Done: 4 already in library");
    for (const [path, fixture] of photos) {
      await expect(rowAt(page, path).getByRole("link", { name: "Already in library" })).toHaveAttribute(
        "href",
        `/asset/${assets.find((a) => a.original_file_name === fixture)?.id}`,
      );
    }
    await expect(copy).toContainText("Same as Trip/canon-tokyo.jpg");
    expect(again.existChecks.length).toBeGreaterThan(0);
    expect(again.uploads, "no file was sent again").toHaveLength(0);
    expect(await listAssets(server.url)).toHaveLength(photos.length);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a file that is not a photo is rejected with the server's reason while the others are added", async ({
  page,
  server,
}) => {
  const reasons = await serverReason(server, "not-an-image.jpg");
  await page.goto("/");
  await dropFiles(page, [
    fixtureFile("canon-tokyo.jpg"),
    fixtureFile("not-an-image.jpg"),
    { name: "empty.jpg" },
    fixtureFile("kathmandu.jpg"),
  ]);

  const rejected = row(page, "not-an-image.jpg");
  await expect(rejected).toContainText("Rejected:");
  for (const reason of reasons) await expect(rejected).toContainText(reason);
  // The same bytes would be refused again: nothing to retry.
  await expect(rejected.getByRole("button", { name: /retry/i })).toHaveCount(0);
  await expect(row(page, "empty.jpg")).toContainText("Skipped: Empty file (0 bytes)");
  await expect(row(page, "canon-tokyo.jpg")).toContainText("Added");
  await expect(row(page, "kathmandu.jpg")).toContainText("Added");
  await expect(page.getByTestId("upload-summary")).toHaveText("Done: 2 added, 1 rejected, 1 skipped");

  // The problems can be listed on their own.
  await panel(page).getByRole("button", { name: "Problems 2" }).click();
  await expect(panel(page).getByRole("listitem")).toHaveCount(2);
  expect((await listAssets(server.url)).map((a) => a.original_file_name).sort()).toEqual([
    "canon-tokyo.jpg",
    "kathmandu.jpg",
  ]);
});

test("a file cancelled mid-upload stops, is listed as cancelled, and never reaches the library", async ({
  page,
  server,
}) => {
  const big = paddedPhoto("big-cancel.jpg", 24_000_000);
  await page.goto("/");
  await throttleUpload(page, 3_000_000);
  await dropFiles(page, [big.file, fixtureFile("sydney-summer.jpg")]);

  const bar = row(page, "big-cancel.jpg").getByRole("progressbar");
  await expect.poll(async () => Number(await bar.getAttribute("aria-valuenow").catch(() => "0"))).toBeGreaterThan(5);
  await row(page, "big-cancel.jpg").getByRole("button", { name: "Cancel big-cancel.jpg" }).click();
  await expect(row(page, "big-cancel.jpg")).toContainText("Cancelled");
  await expect(row(page, "sydney-summer.jpg")).toContainText("Added");

  // The server has no asset with those bytes, now or a moment later.
  const exists = async () => {
    const response = await fetch(`${server.url}/api/assets/exist`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ checksums: [big.checksum] }),
    });
    return ((await response.json()) as { assets: unknown[] }).assets.length;
  };
  await expect.poll(exists, { intervals: [250, 500, 1000], timeout: 3000 }).toBe(0);
  expect((await listAssets(server.url)).map((a) => a.original_file_name)).toEqual(["sydney-summer.jpg"]);
});

test("an upload survives a server restart: it is retried and lands once", async ({ page, server }) => {
  const big = paddedPhoto("big-restart.jpg", 16_000_000);
  await page.goto("/");
  await throttleUpload(page, 3_000_000);
  await dropFiles(page, [big.file]);

  const bar = row(page, "big-restart.jpg").getByRole("progressbar");
  await expect.poll(async () => Number(await bar.getAttribute("aria-valuenow").catch(() => "0"))).toBeGreaterThan(10);
  await server.stop({ crash: true });
  await expect(row(page, "big-restart.jpg")).toContainText(/Retrying/);
  await server.start();

  await expect(row(page, "big-restart.jpg")).toContainText("Added", { timeout: 45_000 });
  const assets = await listAssets(server.url);
  expect(assets.map((a) => a.original_file_name)).toEqual(["big-restart.jpg"]);
});

test("pasting an image uploads it", async ({ page, server }) => {
  await page.goto("/");
  await pasteFiles(page, [fixtureFile("sydney-summer.jpg", { name: "image.jpg", type: "image/jpeg" })]);
  await expect(row(page, "image.jpg")).toContainText("Added");
  const [asset] = await listAssets(server.url);
  await expect(page.locator(`[data-asset-id="${asset.id}"]`).first()).toBeVisible();
});

test("leaving the page while an upload is in progress asks first", async ({ page }) => {
  await page.goto("/");
  // Hold the upload so it stays in progress.
  await page.route("**/api/assets", (route) => (route.request().method() === "POST" ? undefined : route.fallback()));
  await dropFiles(page, [fixtureFile("kathmandu.jpg")]);
  await expect(row(page, "kathmandu.jpg").getByRole("progressbar")).toBeVisible();

  // Browsers only ask after the person has interacted with the page.
  await page.getByRole("heading", { name: "Uploads" }).click();
  const dialog = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const shown = await dialog;
  expect(shown.type()).toBe("beforeunload");
  // Leave anyway, so the page is really closed before the context is torn down.
  const closed = page.waitForEvent("close");
  await shown.accept();
  await closed;
});
