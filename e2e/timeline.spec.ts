/**
 * The timeline against real servers with libraries of their own (the shared
 * server of playwright.config.ts stays empty for upload.spec.ts): a seeded
 * 20,000-asset library for navigation, a few real photos for thumbnails, and
 * a seeded 1,000,000-asset library for the scale limits. Seeded rows have no
 * files, so their thumbnails answer 404 and their tiles keep the placeholder.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { MONTH_NAMES as MONTHS } from "../src/features/timeline/naive-date";
import { type RunningServer, seededDataDir, startServer, uploadFixture } from "./support/seeded-server";

/** "July 2019" → "2019-07". */
function monthKey(label: string): string {
  const [name, year] = label.trim().split(" ");
  return `${year}-${String(MONTHS.indexOf(name as (typeof MONTHS)[number]) + 1).padStart(2, "0")}`;
}

const scroller = (page: Page) => page.locator("[data-timeline-scroller]");
/**
 * The grid shows as soon as the months on screen are counted; the others are
 * estimated until their day counts arrive, and the exact layout then moves
 * scrollTop (the content on screen stays). Tests that compare positions wait for it.
 */
const layoutComplete = (page: Page) => expect(scroller(page)).toHaveAttribute("data-layout", "complete");

/** The day (`data-day`) of whatever is at the top edge of the timeline's viewport. */
async function topDay(page: Page): Promise<string | null> {
  return scroller(page).evaluate((el) => {
    const box = el.getBoundingClientRect();
    for (const dy of [2, 6, 12, 20, 30, 45]) {
      const hit = document.elementFromPoint(box.left + 40, box.top + dy)?.closest("[data-day]");
      if (hit) return hit.getAttribute("data-day");
    }
    return null;
  });
}

/** The tile under the middle of the timeline's viewport. */
async function tileInView(page: Page) {
  const id = await scroller(page).evaluate((el) => {
    const box = el.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 3, box.top + box.height / 2);
    return hit?.closest("[data-asset-id]")?.getAttribute("data-asset-id") ?? null;
  });
  if (!id) throw new Error("no loaded tile in the middle of the screen");
  return page.locator(`[data-asset-id="${id}"]`);
}

async function monthsOf(url: string): Promise<string[]> {
  const months: string[] = [];
  let cursor = "";
  for (;;) {
    const res = await fetch(`${url}/api/assets/counts?group_by=month&limit=200${cursor}`);
    const page = (await res.json()) as { data: { time_bucket: string }[]; has_more: boolean };
    months.push(...page.data.map((b) => b.time_bucket.slice(0, 7)));
    if (!page.has_more) return months;
    cursor = `&starting_after_bucket=${encodeURIComponent(page.data.at(-1)?.time_bucket ?? "")}`;
  }
}

async function totalAssets(url: string): Promise<number> {
  const res = await fetch(`${url}/api/assets/counts?group_by=year&limit=200`);
  return ((await res.json()) as { data: { count: number }[] }).data.reduce((sum, b) => sum + b.count, 0);
}

async function oldestAssetId(url: string): Promise<string> {
  const res = await fetch(`${url}/api/assets?order=asc&limit=1`);
  return ((await res.json()) as { data: { id: string }[] }).data[0].id;
}

const focusedIndex = (page: Page) =>
  page.evaluate(() => Number((document.activeElement as HTMLElement | null)?.dataset.index ?? -1));

test.describe("a seeded library of 20,000 assets", () => {
  let server: RunningServer;
  let months: string[];

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startServer(seededDataDir(20_000).dataDir);
    months = await monthsOf(server.url);
  });
  test.afterAll(async () => server?.stop());

  test("a deep link opens at that month, with its header at the top", async ({ page }) => {
    const month = months[Math.floor(months.length / 2)];
    await page.goto(`${server.url}/?at=${month}`);
    await layoutComplete(page);
    const label = `${MONTHS[Number(month.slice(5)) - 1]} ${Number(month.slice(0, 4))}`;
    const heading = page.getByRole("heading", { level: 2, name: label });
    await expect(heading).toBeVisible();
    const [headingBox, viewBox] = await Promise.all([heading.boundingBox(), scroller(page).boundingBox()]);
    expect(headingBox && viewBox && headingBox.y - viewBox.y).toBeLessThan(40);
    expect((await topDay(page))?.slice(0, 7)).toBe(month);
    // Its tiles load (placeholders: the seeded files do not exist).
    await expect(page.locator(`[data-day^="${month}"] [data-asset-id]`).first()).toBeVisible();
    expect(new URL(page.url()).searchParams.get("at")).toBe(month);
  });

  test("scrolling writes the position into the URL; opening an asset and going Back restores it", async ({ page }) => {
    await page.goto(server.url);
    await layoutComplete(page);
    await expect(page.locator("[data-asset-id]").first()).toBeVisible();
    await page.mouse.move(400, 400);
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 900);
    // Settled: the URL names the day at the top.
    await expect
      .poll(async () => {
        const at = new URL(page.url()).searchParams.get("at");
        return at !== null && at === (await topDay(page));
      })
      .toBe(true);
    const at = new URL(page.url()).searchParams.get("at");
    const before = await topDay(page);
    const scrollTop = await scroller(page).evaluate((el) => el.scrollTop);

    const tile = await tileInView(page);
    const id = await tile.getAttribute("data-asset-id");
    await tile.click();
    await expect(page).toHaveURL(`${server.url}/asset/${id}?at=${at}`);

    await page.goBack();
    await expect(page).toHaveURL(`${server.url}/?at=${at}`);
    expect(await topDay(page)).toBe(before);
    expect(await scroller(page).evaluate((el) => el.scrollTop)).toBe(scrollTop);

    // A reload lands on the same day.
    await page.reload();
    await layoutComplete(page);
    await expect(page.locator("[data-asset-id]").first()).toBeVisible();
    await expect.poll(() => topDay(page)).toBe(at);
  });

  for (const timezoneId of ["Pacific/Kiritimati", "America/Adak"]) {
    test.describe(`in ${timezoneId}`, () => {
      test.use({ timezoneId });

      test("the scrubber lands on the month under the pointer", async ({ page }) => {
        await page.goto(server.url);
        await layoutComplete(page);
        const rail = page.getByRole("slider", { name: "Jump to month" });
        await expect(page.locator("[data-asset-id]").first()).toBeVisible();
        const box = await rail.boundingBox();
        if (!box) throw new Error("no scrubber");
        for (const fraction of [0.2, 0.45, 0.7]) {
          const x = box.x + box.width / 2;
          const y = box.y + box.height * fraction;
          await page.mouse.move(x, y);
          const tooltip = page.getByTestId("scrubber-tooltip");
          await expect(tooltip).toBeVisible();
          const label = (await tooltip.textContent()) ?? "";
          await page.mouse.down();
          await page.mouse.up();
          await expect(rail).toHaveAttribute("aria-valuetext", label);
          await expect.poll(() => topDay(page).then((d) => d?.slice(0, 7))).toBe(monthKey(label));
          await expect(page.getByRole("heading", { level: 2, name: label })).toBeVisible();
        }
        // Keyboard on the rail: one month older.
        await rail.focus();
        const current = monthKey((await rail.getAttribute("aria-valuetext")) ?? "");
        await page.keyboard.press("ArrowDown");
        const next = months[months.indexOf(current) + 1];
        await expect.poll(() => topDay(page).then((d) => d?.slice(0, 7))).toBe(next);
      });
    });
  }

  test("an upload lands in the right place without moving what is on screen", async ({ page }) => {
    // An old month, so that the new photo lands above the screen and the layout grows there.
    const month = months[months.length - 12];
    await page.goto(`${server.url}/?at=${month}`);
    await layoutComplete(page);
    const label = `${MONTHS[Number(month.slice(5)) - 1]} ${Number(month.slice(0, 4))}`;
    const heading = page.getByRole("heading", { level: 2, name: label });
    await expect(heading).toBeVisible();
    const before = await heading.boundingBox();
    const dayBefore = await topDay(page);

    const name = "iphone-golden-gate.jpg";
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("banner").getByRole("button", { name: "Upload", exact: true }).click();
    await (await chooser).setFiles(fileURLToPath(new URL(`./fixtures/photos/${name}`, import.meta.url)));
    const row = page.getByRole("region", { name: "Uploads" }).getByRole("listitem").filter({ hasText: name });
    await expect(row).toContainText("Added");
    const id = (await row.getByRole("link", { name: "View" }).getAttribute("href"))?.split("/").pop() ?? "";
    const asset = (await (await fetch(`${server.url}/api/assets/${id}`)).json()) as { local_datetime: string };
    const day = asset.local_datetime.slice(0, 10);
    expect(day > month).toBe(true);

    // The app refetched the counts and rebuilt the layout; what is on screen did not move.
    await page.waitForLoadState("networkidle");
    expect(await topDay(page)).toBe(dayBefore);
    const after = await heading.boundingBox();
    expect(Math.abs((after?.y ?? 0) - (before?.y ?? 0))).toBeLessThan(2);

    // And the new photo is in its day, without a reload (Back/Forward-style navigation).
    await page.evaluate((at) => {
      history.pushState(null, "", `/?at=${at}`);
      dispatchEvent(new PopStateEvent("popstate"));
    }, day);
    await expect(page.locator(`[data-day="${day}"] [data-asset-id="${id}"]`)).toBeVisible();
  });

  test("while the counts load, the page shows a skeleton and never claims the library is empty", async ({ page }) => {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __states: string[] }).__states = seen;
      new MutationObserver(() => {
        const state = document.getElementById("empty-heading")
          ? "empty"
          : document.querySelector("[data-timeline-scroller]")
            ? "grid"
            : document.querySelector("[role=status]")
              ? "skeleton"
              : null;
        if (state && seen.at(-1) !== state) seen.push(state);
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(server.url);
    await layoutComplete(page);
    await expect(page.locator("[data-asset-id]").first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __states: string[] }).__states)).toEqual([
      "skeleton",
      "grid",
    ]);
  });

  test("the first screen's page is asked for before the day counts of the rest of the library", async ({ page }) => {
    // What the browser asked for, in order: a page of assets, or one chunk's day counts.
    const asked: ("page" | "days")[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname === "/api/assets") asked.push("page");
      if (url.pathname === "/api/assets/counts" && url.searchParams.get("group_by") === "day") asked.push("days");
    });
    const month = months[Math.floor(months.length / 2)];
    await page.goto(`${server.url}/?at=${month}`);
    await layoutComplete(page);
    await expect(page.locator(`[data-day^="${month}"] [data-asset-id]`).first()).toBeVisible();
    const firstPage = asked.indexOf("page");
    expect(firstPage).toBeGreaterThan(0);
    // Only the chunk on screen before it; every other chunk after it, and the layout completes.
    expect(asked.slice(0, firstPage)).toEqual(["days"]);
    expect(asked.filter((what) => what === "days").length).toBeGreaterThan(2);
  });

  test("at the top, the first screen comes from the requests made while the app loaded", async ({ page }) => {
    const asked: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith("/api/") && !url.pathname.endsWith("/thumbnail"))
        asked.push(url.pathname + url.search);
    });
    const newest = (
      (await (await fetch(`${server.url}/api/assets?limit=1`)).json()) as {
        data: { id: string; local_datetime: string }[];
      }
    ).data[0];
    await page.goto(server.url);
    // The newest asset is the first tile, in place.
    await expect(page.locator("[data-asset-id]").first()).toHaveAttribute("data-asset-id", newest.id);
    // Asked for first, before the app's own first request (its connection status):
    expect(asked.slice(0, 4).sort()).toEqual(
      [
        "/api/assets/counts?group_by=month&limit=200",
        "/api/assets/counts?group_by=month&limit=200&order=asc",
        "/api/assets/counts?group_by=day&limit=200",
        "/api/assets?limit=200&order=desc",
      ].sort(),
    );
    await layoutComplete(page);
    const windowed = asked
      .map((url) => new URL(url, server.url))
      .filter((url) => url.searchParams.has("local_datetime_before"));
    // The rest of the library's day counts and pages are windowed, as usual…
    expect(windowed.length).toBeGreaterThan(0);
    // …but none of them is the newest chunk of days or the newest segment (the only windows that end after the
    // newest day): those were cut from the answers above, not asked for again.
    const newestDay = `${newest.local_datetime.slice(0, 10)}T00:00:00`;
    expect(
      windowed
        .filter((url) => (url.searchParams.get("local_datetime_before") ?? "") > newestDay)
        .map((url) => url.search),
    ).toEqual([]);
  });

  test("a click on a tile whose day header is off screen opens that tile, without moving the grid", async ({
    page,
  }) => {
    await page.goto(`${server.url}/?at=${months[Math.floor(months.length / 3)]}`);
    await layoutComplete(page);
    await expect(page.locator("[data-asset-id]").first()).toBeVisible();
    // The first tile of a day, scrolled to the very top: its day header is just above the screen.
    const id = await page.evaluate(() => {
      const scrollerEl = document.querySelector("[data-timeline-scroller]") as HTMLElement;
      const header = [...document.querySelectorAll("h3")]
        .map((h) => h.closest("[data-day]") as HTMLElement)
        .find((h) => h.getBoundingClientRect().top > 250);
      const day = header?.dataset.day;
      const first = [...document.querySelectorAll(`[data-day="${day}"] [data-asset-id]`)].sort(
        (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
      )[0];
      scrollerEl.scrollTop += first.getBoundingClientRect().top - scrollerEl.getBoundingClientRect().top;
      return first.getAttribute("data-asset-id");
    });
    const tile = page.locator(`[data-asset-id="${id}"]`);
    await expect(tile).toBeInViewport();
    const scrollTop = await scroller(page).evaluate((el) => el.scrollTop);
    await tile.click();
    await expect(page).toHaveURL(new RegExp(`/asset/${id}`));
    expect(await scroller(page).evaluate((el) => el.scrollTop)).toBe(scrollTop);
  });

  test("thumbnails are asked for on screen and a quarter screen around it; the rest of the overscan shows placeholders", async ({
    page,
  }) => {
    await page.goto(`${server.url}/?at=${months[Math.floor(months.length / 2)]}`);
    await layoutComplete(page);
    const tiles = () =>
      scroller(page).evaluate((el) => {
        const view = el.getBoundingClientRect();
        return [...el.querySelectorAll<HTMLElement>("[data-asset-id]")].map((tile) => {
          const box = tile.getBoundingClientRect();
          const beyond = Math.max(view.top - box.bottom, box.top - view.bottom, 0);
          return { beyond, img: tile.querySelector("img") !== null, viewport: view.height };
        });
      });
    await expect.poll(async () => (await tiles()).filter((t) => t.beyond === 0 && !t.img).length).toBe(0);
    const all = await tiles();
    const vh = all[0].viewport;
    const far = all.filter((t) => t.beyond > vh * 0.25 + 200);
    expect(far.length, "rows rendered beyond the image margin").toBeGreaterThan(0);
    expect(far.filter((t) => t.img)).toEqual([]);
    // Scrolled a screen on, what came near asks for its thumbnail.
    await page.mouse.move(400, 400);
    await page.mouse.wheel(0, vh);
    await expect.poll(async () => (await tiles()).filter((t) => t.beyond === 0 && !t.img).length).toBe(0);
  });

  test("thumbnails still on their way when their tiles leave the screen are cancelled", async ({ page }) => {
    // A network that never answers thumbnails: every request stays open until the page gives it up.
    const asked: string[] = [];
    await page.route("**/api/assets/*/thumbnail?**", (route) => {
      asked.push(route.request().url());
    });
    const cancelled = new Set<string>();
    page.on("requestfailed", (request) => {
      if (request.url().includes("/thumbnail")) cancelled.add(request.url());
    });
    await page.goto(`${server.url}/?at=${months[Math.floor(months.length / 2)]}`);
    await layoutComplete(page);
    await expect.poll(() => asked.length).toBeGreaterThan(10);
    const before = [...asked];
    // The oldest asset: nothing of the first screen stays near it.
    await scroller(page).focus();
    await page.keyboard.press("End");
    await expect.poll(() => before.filter((url) => !cancelled.has(url))).toEqual([]);
    // The new screen asks for its own.
    await expect.poll(() => asked.length).toBeGreaterThan(before.length);
  });

  test("arrow keys move between tiles, Enter opens, Home and End reach both ends", async ({ page }) => {
    await page.goto(server.url);
    await layoutComplete(page);
    const first = page.locator('[data-index="0"]');
    await expect(first).toHaveAttribute("data-asset-id", /.+/);
    await first.focus();
    await page.keyboard.press("ArrowRight");
    expect(await focusedIndex(page)).toBe(1);
    await page.keyboard.press("ArrowLeft");
    expect(await focusedIndex(page)).toBe(0);

    // Down keeps the column (or clamps to a short row), crossing into the next day.
    const start = await page.locator(":focus").boundingBox();
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowDown");
    const moved = await page.locator(":focus").boundingBox();
    expect(moved && start && moved.y).toBeGreaterThan(start?.y ?? 0);
    const downIndex = await focusedIndex(page);
    expect(downIndex).toBeGreaterThan(5);
    await page.keyboard.press("ArrowUp");
    expect(await focusedIndex(page)).toBeLessThan(downIndex);

    // A screen down and back.
    const beforePage = await focusedIndex(page);
    await page.keyboard.press("PageDown");
    expect(await focusedIndex(page)).toBeGreaterThan(beforePage);
    await page.keyboard.press("PageUp");
    expect(await focusedIndex(page)).toBeLessThan(beforePage + 1);

    // Enter opens the focused asset.
    const focused = page.locator(":focus");
    await expect(focused).toHaveAttribute("data-asset-id", /.+/);
    const id = await focused.getAttribute("data-asset-id");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/asset/${id}\\?at=`));
    await page.goBack();
    // Back closes the asset; the focus is on its tile again.
    await expect(page.locator(":focus")).toHaveAttribute("data-asset-id", id ?? "");

    await page.keyboard.press("End");
    const oldest = await oldestAssetId(server.url);
    await expect(page.locator(":focus")).toHaveAttribute("data-asset-id", oldest);
    expect(await focusedIndex(page)).toBe((await totalAssets(server.url)) - 1);
    await page.keyboard.press("Home");
    expect(await focusedIndex(page)).toBe(0);
    await expect(page.locator(":focus")).toBeInViewport();
  });
});

test.describe("real photos", () => {
  let server: RunningServer;
  const photos = ["canon-tokyo.jpg", "iphone-golden-gate.jpg", "kathmandu.jpg", "sydney-summer.jpg"];
  let panoramaId = "";
  let brokenId = "";

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    server = await startServer(mkdtempSync(join(tmpdir(), "gumleaf-e2e-photos-")));
    for (const name of photos) {
      await uploadFixture(server.url, fileURLToPath(new URL(`./fixtures/photos/${name}`, import.meta.url)), name);
    }
    // A 5:1 panorama (no EXIF: it is dated by its upload) and a file whose processing fails.
    const { default: sharp } = await import("sharp");
    const panorama = join(server.dataDir, "panorama.jpg");
    await sharp({ create: { width: 3000, height: 600, channels: 3, background: { r: 40, g: 120, b: 200 } } })
      .jpeg()
      .toFile(panorama);
    panoramaId = await uploadFixture(server.url, panorama, "panorama.jpg");
    brokenId = await uploadFixture(
      server.url,
      fileURLToPath(new URL("./fixtures/photos/truncated.jpg", import.meta.url)),
      "truncated.jpg",
    );
    await expect
      .poll(
        async () => {
          const res = await fetch(`${server.url}/api/assets?limit=50`);
          const { data } = (await res.json()) as { data: { processing_state?: string }[] };
          return data.length === photos.length + 2 && data.every((a) => a.processing_state !== "pending");
        },
        { timeout: 60_000 },
      )
      .toBe(true);
  });
  test.afterAll(async () => server?.stop());

  test("every tile shows its ThumbHash at once, then the thumbnail fades in over it", async ({ page }) => {
    // Hold the thumbnails back, to see what a slow network shows first.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/api/assets/*/thumbnail?**", async (route) => {
      await released;
      await route.continue();
    });
    // A window tall enough for the whole library: only rows near the screen ask for thumbnails.
    await page.goto(server.url);
    await layoutComplete(page);
    const contentHeight = await scroller(page).evaluate((el) => el.scrollHeight);
    await page.setViewportSize({ width: 1280, height: contentHeight + 120 });
    await page.reload();
    await layoutComplete(page);
    await expect(page.locator("[data-asset-id]")).toHaveCount(photos.length + 2);
    const tiles = page.locator(`[data-asset-id]:not([data-asset-id="${brokenId}"])`);
    for (const tile of await tiles.all()) {
      await expect(tile).toHaveCSS("background-image", /url\("data:image\/png;base64,/);
      const img = tile.locator("img");
      await expect(img).toHaveCSS("opacity", "0");
    }
    release();
    for (const tile of await tiles.all()) {
      const img = tile.locator("img");
      await expect
        .poll(() => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0)))
        .toBeGreaterThan(0);
      await expect(img).toHaveCSS("opacity", "1");
      // The grid was still when it arrived: it faded in (while scrolling it would appear at once).
      await expect(img).toHaveAttribute("data-shown", "fade");
    }
  });

  test("a panorama uses the sharper `small` rung; a file that failed to process says so", async ({ page }) => {
    await page.goto(server.url);
    await layoutComplete(page);
    const panorama = page.locator(`[data-asset-id="${panoramaId}"] img`);
    await expect(panorama).toHaveAttribute("src", /size=small/);
    await expect.poll(() => panorama.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(720);
    const other = page.locator(`[data-asset-id]:not([data-asset-id="${panoramaId}"]) img`).first();
    await expect(other).toHaveAttribute("src", /size=thumbnail/);

    const broken = page.locator(`[data-asset-id="${brokenId}"]`);
    await expect(broken).toContainText("Can't display this file");
    await expect(broken).toHaveAccessibleName(/truncated\.jpg, .*can't display this file/);
    await expect(broken.locator("img")).toHaveCount(0);
  });
});

test.describe("a library of 1,000,000 assets", () => {
  let server: RunningServer;

  test.beforeAll(async () => {
    // Seeding takes about a minute the first time; bench/.data keeps the database for later runs.
    test.setTimeout(300_000);
    server = await startServer(seededDataDir(1_000_000).dataDir);
  });
  test.afterAll(async () => server?.stop());

  test("the scrollbar's bottom and the End key both reach the oldest asset", async ({ page }) => {
    test.setTimeout(90_000);
    const oldest = await oldestAssetId(server.url);
    await page.goto(server.url);
    await layoutComplete(page);
    await expect(page.locator("[data-asset-id]").first()).toBeVisible();
    const { scrollHeight } = await scroller(page).evaluate((el) => ({ scrollHeight: el.scrollHeight }));
    expect(scrollHeight).toBeLessThanOrEqual(15_000_000);

    // Drag the scrollbar to its very end (as a person does, the browser sets scrollTop).
    await scroller(page).evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const tile = page.locator(`[data-asset-id="${oldest}"]`);
    await expect(tile).toBeInViewport();

    await scroller(page).evaluate((el) => {
      el.scrollTop = 0;
    });
    const first = page.locator('[data-index="0"]');
    await expect(first).toHaveAttribute("data-asset-id", /.+/);
    await first.focus();
    await page.keyboard.press("End");
    await expect(page.locator(":focus")).toHaveAttribute("data-asset-id", oldest);
    expect(await focusedIndex(page)).toBe(999_999);
    await expect(page.locator(":focus")).toBeInViewport();
    // The DOM stays small at a million.
    expect(await page.evaluate(() => document.querySelectorAll("*").length)).toBeLessThan(3000);
  });

  test("Ctrl+A selects page by page, the bar says so and can stop it; Esc drops it", async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(server.url);
    await expect(page.locator("[data-asset-id]").first()).toBeVisible();
    const bar = page.getByRole("region", { name: "Selection" });
    const selected = async () =>
      Number(/([\d,]+) selected/.exec((await bar.textContent()) ?? "")?.[1].replace(/,/g, ""));

    await page.keyboard.press("ControlOrMeta+a");
    // A million is 5,000 pages: the count grows while they come, and the bar says it is still selecting.
    await expect(bar).toContainText("Selecting everything…");
    await expect.poll(selected).toBeGreaterThan(0);
    const early = await selected();
    await expect.poll(selected).toBeGreaterThan(early);
    await bar.getByRole("button", { name: "Stop" }).click();
    await expect(bar).not.toContainText("Selecting");
    const kept = await selected();
    expect(kept).toBeGreaterThan(early);
    expect(kept).toBeLessThan(1_000_000);
    // Stopped means stopped: nothing joins afterwards.
    await page.waitForTimeout(1000);
    expect(await selected()).toBe(kept);

    // Esc while it reads clears the selection, and the pages still coming do not bring it back.
    await page.keyboard.press("Escape");
    await expect(bar).toHaveCount(0);
    await page.keyboard.press("ControlOrMeta+a");
    await expect(bar).toContainText("Selecting everything…");
    await page.keyboard.press("Escape");
    await expect(bar).toHaveCount(0);
    await page.waitForTimeout(1000);
    await expect(bar).toHaveCount(0);
  });

  test("the wheel moves the grid 1:1 under the compressed scrollbar, and Back still finds the place", async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await page.goto(`${server.url}/?at=2013-05`);
    await layoutComplete(page);
    await expect(page.locator("[data-asset-id]").first()).toBeAttached();
    // A tile low on the screen (still whole after the scroll, so a click does not scroll it into view).
    const pick = () =>
      page.evaluate(() => {
        const tiles = [...document.querySelectorAll("[data-asset-id]")];
        const low = tiles.find((t) => {
          const r = t.getBoundingClientRect();
          return r.top > 400 && r.bottom < window.innerHeight;
        });
        return low?.getAttribute("data-asset-id");
      });
    await expect.poll(pick).toBeTruthy();
    const id = await pick();
    const same = page.locator(`[data-asset-id="${id}"]`);
    const before = (await same.boundingBox())?.y ?? Number.NaN;
    const scrollBefore = await scroller(page).evaluate((el) => el.scrollTop);
    await page.mouse.move(400, 500);
    await page.mouse.wheel(0, 300);
    // The browser scrolls natively (smoothly): the tile ends up exactly 300 px higher, not 300 × the ratio.
    await expect
      .poll(async () => Math.round(before - ((await same.boundingBox())?.y ?? 0)), { timeout: 5000 })
      .toBe(300);
    expect(await scroller(page).evaluate((el) => el.scrollTop)).toBeCloseTo(scrollBefore + 300, 0);
    await expect(page).toHaveURL(/at=2013-0[45]/);
    const after = (await same.boundingBox())?.y ?? Number.NaN;
    await same.click();
    await expect(page).toHaveURL(/\/asset\//);
    await page.goBack();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect.poll(async () => Math.round((await same.boundingBox())?.y ?? 0)).toBe(Math.round(after));
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`the browser scrolls the grid on its compositor without repainting it (${colorScheme})`, async ({ page }) => {
      // Chromium scrolls a box without an opaque background by repainting what it shows on every frame
      // (an "impl-side invalidation") when it keeps LCD text, as it does without a GPU: a full raster per
      // frame, and main frames held back behind it. The scroller's own background prevents that.
      // Only page.evaluate here: once a Playwright locator has run, its injected script is in the page and
      // Chromium composites this box either way (traced; why is not known), which would hide the fault.
      await page.emulateMedia({ colorScheme });
      await page.goto(`${server.url}/?at=2019-07`);
      const box = await page.evaluate(
        () =>
          new Promise<{ x: number; y: number; width: number; height: number; top: number }>((resolve) => {
            const poll = () => {
              const el = document.querySelector<HTMLElement>('[data-timeline-scroller][data-layout="complete"]');
              if (!el?.querySelector("[data-asset-id]")) return void requestAnimationFrame(poll);
              const r = el.getBoundingClientRect();
              resolve({ x: r.x, y: r.y, width: r.width, height: r.height, top: el.scrollTop });
            };
            poll();
          }),
      );
      const scrollTop = () => page.evaluate(() => document.querySelector("[data-timeline-scroller]")?.scrollTop ?? 0);

      const cdp = await page.context().newCDPSession(page);
      const events: { name: string }[] = [];
      cdp.on("Tracing.dataCollected", ({ value }) => events.push(...(value as { name: string }[])));
      const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
      await cdp.send("Tracing.start", {
        traceConfig: { includedCategories: ["cc", "input"], excludedCategories: ["*"] },
        transferMode: "ReportEvents",
      });
      await cdp.send("Input.synthesizeScrollGesture", {
        x: box.x + box.width / 2,
        y: box.y + box.height / 2,
        yDistance: -2000,
        speed: 4000,
        gestureSourceType: "mouse",
      });
      await cdp.send("Tracing.end");
      await complete;

      expect(await scrollTop()).toBeGreaterThan(box.top + 1000);
      const count = (name: string) => events.filter((e) => e.name === name).length;
      expect(count("ScrollTree::ScrollBy"), "the compositor moved the scroller").toBeGreaterThan(10);
      expect(count("ProxyImpl::ScheduledActionPerformImplSideInvalidation"), "repaints for scrolling").toBe(0);
    });
  }
});
