import { describe, expect, it } from "vitest";
import {
  assetAtOffset,
  buildLayout,
  columnsFor,
  DEFAULT_LAYOUT_CONFIG,
  dayAtOffset,
  dayOfAsset,
  findDay,
  itemsInRange,
  type LayoutConfig,
  locateAsset,
  monthAtOffset,
  navigate,
  rowsInDay,
  rowTop,
} from "./layout";
import { addDays } from "./naive-date";

const config: LayoutConfig = {
  width: 700,
  targetTileSize: 96,
  gap: 4,
  dayHeaderHeight: 40,
  monthHeaderHeight: 50,
  dayGap: 10,
  paddingTop: 8,
  paddingBottom: 20,
};

/** Days newest first, `count` each. */
function library(entries: [string, number][]) {
  return { days: entries.map(([d]) => d), counts: entries.map(([, n]) => n) };
}

/** `n` consecutive days ending at `newest`, newest first, with counts from `countOf(i)`. */
function daysBack(newest: string, n: number, countOf: (i: number) => number) {
  const days: string[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    days.push(addDays(newest, -i));
    counts.push(countOf(i));
  }
  return { days, counts };
}

describe("columnsFor", () => {
  it("fits whole columns of about the target size", () => {
    expect(columnsFor(700, 96, 4)).toBe(7);
    expect(columnsFor(100, 96, 4)).toBe(1);
    expect(columnsFor(0, 96, 4)).toBe(1);
    expect(columnsFor(1170, 168, 4)).toBe(7);
  });
});

describe("buildLayout", () => {
  const lib = library([
    ["2024-07-04", 10],
    ["2024-07-01", 7],
    ["2024-06-30", 1],
  ]);
  const layout = buildLayout(lib.days, lib.counts, config);

  it("stretches tiles so the columns fill the width exactly", () => {
    expect(layout.columns).toBe(7);
    expect(layout.tileSize * 7 + 4 * 6).toBeCloseTo(700, 6);
    expect(layout.rowHeight).toBeCloseTo(layout.tileSize + 4, 9);
  });

  it("stacks day blocks: header (+ month header on a month's first day), rows, gap", () => {
    const rh = layout.rowHeight;
    expect(layout.dayTop[0]).toBe(8);
    expect(layout.headerHeight[0]).toBe(90); // July starts: month header + day header
    expect(layout.dayTop[1]).toBeCloseTo(8 + 90 + 2 * rh + 10, 6); // 10 assets = 2 rows of 7
    expect(layout.headerHeight[1]).toBe(40);
    expect(layout.dayTop[2]).toBeCloseTo(layout.dayTop[1] + 40 + rh + 10, 6);
    expect(layout.headerHeight[2]).toBe(90); // June starts
    expect(layout.totalHeight).toBeCloseTo(layout.dayTop[3] + 20, 6);
    expect(layout.assetCount).toBe(18);
    expect([...layout.assetStart]).toEqual([0, 10, 17, 18]);
  });

  it("records month blocks with their first day, top and asset range", () => {
    expect(layout.months.map((m) => m.month)).toEqual(["2024-07", "2024-06"]);
    expect(layout.months[0]).toMatchObject({ firstDay: 0, lastDay: 1, top: 8, firstAsset: 0, assetCount: 17 });
    expect(layout.months[1]).toMatchObject({ firstDay: 2, lastDay: 2, firstAsset: 17, assetCount: 1 });
    expect(layout.months[1].top).toBe(layout.dayTop[2]);
    expect([...layout.dayMonth]).toEqual([0, 0, 1]);
  });

  it("handles an empty library", () => {
    const empty = buildLayout([], [], config);
    expect(empty.dayCount).toBe(0);
    expect(empty.totalHeight).toBe(28);
    expect(itemsInRange(empty, 0, 1000)).toEqual([]);
    expect(dayAtOffset(empty, 10)).toBe(-1);
  });
});

describe("lookups", () => {
  const lib = library([
    ["2024-07-04", 10],
    ["2024-07-01", 7],
    ["2024-06-30", 1],
  ]);
  const layout = buildLayout(lib.days, lib.counts, config);

  it("finds the day at an offset by binary search", () => {
    expect(dayAtOffset(layout, 0)).toBe(0);
    expect(dayAtOffset(layout, layout.dayTop[1] - 0.01)).toBe(0);
    expect(dayAtOffset(layout, layout.dayTop[1])).toBe(1);
    expect(dayAtOffset(layout, layout.dayTop[2] + 5)).toBe(2);
    expect(dayAtOffset(layout, 1e12)).toBe(2);
    expect(monthAtOffset(layout, layout.dayTop[1] + 1)).toBe(0);
    expect(monthAtOffset(layout, layout.dayTop[2] + 1)).toBe(1);
  });

  it("locates an asset: day, row, column, row top", () => {
    expect(locateAsset(layout, 0)).toEqual({ day: 0, index: 0, row: 0, column: 0, top: rowTop(layout, 0, 0) });
    expect(locateAsset(layout, 9)).toMatchObject({ day: 0, index: 9, row: 1, column: 2 });
    expect(locateAsset(layout, 10)).toMatchObject({ day: 1, index: 0, row: 0, column: 0 });
    expect(locateAsset(layout, 17)).toMatchObject({ day: 2, index: 0 });
    expect(dayOfAsset(layout, 16)).toBe(1);
  });

  it("lists the headers and rows that intersect a range, with their tops", () => {
    const all = itemsInRange(layout, 0, layout.totalHeight);
    expect(all.map((i) => (i.kind === "header" ? `h${i.day}` : `r${i.day}.${i.row}:${i.count}`))).toEqual([
      "h0",
      "r0.0:7",
      "r0.1:3",
      "h1",
      "r1.0:7",
      "h2",
      "r2.0:1",
    ]);
    const firstRowOfDay1 = all[4];
    expect(firstRowOfDay1).toMatchObject({ kind: "row", firstAsset: 10, top: rowTop(layout, 1, 0) });
    // A range inside day 0's second row only.
    const inside = itemsInRange(layout, rowTop(layout, 0, 1) + 1, rowTop(layout, 0, 1) + 2);
    expect(inside).toHaveLength(1);
    expect(inside[0]).toMatchObject({ kind: "row", day: 0, row: 1 });
  });

  it("finds the asset at an offset in a column (headers count as the first row, short rows clamp)", () => {
    expect(assetAtOffset(layout, 0, 3)).toBe(3);
    expect(assetAtOffset(layout, rowTop(layout, 0, 1) + 1, 6)).toBe(9); // row of 3: last asset
    expect(assetAtOffset(layout, layout.dayTop[1] + 1, 2)).toBe(12);
  });

  it("finds the day for a URL position: exact day, newest day of a month, or the next older day", () => {
    expect(findDay(layout, "2024-07-01")).toBe(1);
    expect(findDay(layout, "2024-07")).toBe(0);
    expect(findDay(layout, "2024-06")).toBe(2);
    expect(findDay(layout, "2024-07-03")).toBe(1); // no photos that day: the next older one
    expect(findDay(layout, "2030-01-01")).toBe(0);
    expect(findDay(layout, "1999-01")).toBe(2);
  });
});

describe("keyboard navigation", () => {
  // 7 columns: day 0 has rows [0..6] [7..9]; day 1 has [10..16]; day 2 has [17].
  const lib = library([
    ["2024-07-04", 10],
    ["2024-07-01", 7],
    ["2024-06-30", 1],
  ]);
  const layout = buildLayout(lib.days, lib.counts, config);
  const go = (from: number, key: Parameters<typeof navigate>[2]) => navigate(layout, from, key, 300);

  it("moves by one across day boundaries", () => {
    expect(go(9, "right")).toBe(10);
    expect(go(10, "left")).toBe(9);
    expect(go(0, "left")).toBe(0);
    expect(go(17, "right")).toBe(17);
  });

  it("moves by a row keeping the column, clamping on short rows", () => {
    expect(go(5, "down")).toBe(9); // row 1 of day 0 is short
    expect(go(2, "down")).toBe(9);
    expect(go(1, "down")).toBe(8);
    expect(go(8, "down")).toBe(11); // into day 1, column 1
    expect(go(16, "down")).toBe(17); // day 2 has one asset
    expect(go(17, "down")).toBe(17);
    expect(go(11, "up")).toBe(8); // last row of day 0, column 1
    expect(go(16, "up")).toBe(9); // column 6 clamps to the short row's end
    expect(go(3, "up")).toBe(3);
  });

  it("goes to either end and by a screen", () => {
    expect(go(8, "home")).toBe(0);
    expect(go(0, "end")).toBe(17);
    expect(go(0, "pageDown")).toBeGreaterThan(0);
    expect(go(17, "pageUp")).toBeLessThan(17);
  });
});

describe("scale", () => {
  it("lays out a day of 100,000 assets without materialising its rows", () => {
    const lib = library([
      ["2024-07-05", 3],
      ["2024-07-04", 100_000],
      ["2024-07-03", 5],
    ]);
    const layout = buildLayout(lib.days, lib.counts, { ...DEFAULT_LAYOUT_CONFIG, width: 1170 });
    expect(layout.columns).toBe(7);
    expect(rowsInDay(layout, 1)).toBe(Math.ceil(100_000 / 7));
    // The middle of the day: only the rows there.
    const mid = rowTop(layout, 1, 7000);
    const items = itemsInRange(layout, mid, mid + 800);
    expect(items.every((i) => i.kind === "row" && i.day === 1)).toBe(true);
    expect(items.length).toBeLessThanOrEqual(6);
    expect(items[0]).toMatchObject({ row: 7000, firstAsset: 3 + 7000 * 7 });
    // The day's last row holds 100000 - 14285 * 7 = 5 assets.
    const lastRow = rowTop(layout, 1, rowsInDay(layout, 1) - 1);
    const end = itemsInRange(layout, lastRow, lastRow + 1)[0];
    expect(end).toMatchObject({ kind: "row", count: 100_000 - 14_285 * 7 });
    expect(navigate(layout, 3 + 50_000, "end", 800)).toBe(100_007);
  });

  it("builds 2,000,000 assets (9,000 days, ≈300k rows) quickly and finds the last row", () => {
    // ~25 years of days with a skewed distribution summing to exactly 2,000,000.
    const n = 9000;
    const raw = Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % 400));
    const sum = raw.reduce((a, b) => a + b, 0);
    let acc = 0;
    let prev = 0;
    const counts = raw.map((r) => {
      acc += r;
      const target = Math.round((acc / sum) * 2_000_000);
      const c = Math.max(1, target - prev);
      prev += c;
      return c;
    });
    counts[n - 1] += 2_000_000 - counts.reduce((a, b) => a + b, 0);
    const { days } = daysBack("2025-06-30", n, () => 0);

    const started = performance.now();
    const layout = buildLayout(days, counts, { ...DEFAULT_LAYOUT_CONFIG, width: 1170 });
    const ms = performance.now() - started;
    console.log(`buildLayout: 2,000,000 assets, ${n} days, ${layout.months.length} months in ${ms.toFixed(2)} ms`);

    expect(layout.assetCount).toBe(2_000_000);
    const rows = counts.reduce((s, c) => s + Math.ceil(c / layout.columns), 0);
    expect(rows).toBeGreaterThan(280_000);
    const bottom = layout.totalHeight;
    const lastItems = itemsInRange(layout, bottom - 900, bottom);
    const last = lastItems.at(-1);
    expect(last).toMatchObject({ kind: "row", day: n - 1 });
    if (last?.kind === "row") expect(last.firstAsset + last.count - 1).toBe(1_999_999);

    const lookups = performance.now();
    for (let i = 0; i < 10_000; i++) locateAsset(layout, (i * 199_999) % 2_000_000);
    console.log(`10,000 asset lookups in ${(performance.now() - lookups).toFixed(2)} ms`);
  });
});
