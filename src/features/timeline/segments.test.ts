import { describe, expect, it } from "vitest";
import { addDays, dayWindow, formatDayLabel, formatMonthLabel } from "./naive-date";
import { buildSegments, pageForIndex, pageRange, partsForRange, segmentOfAsset, segmentWindow } from "./segments";
import { parseAt, withAt } from "./url-position";
import { chunkFor, chunkMonths, chunkWindow } from "./use-timeline-days";

describe("buildSegments", () => {
  const days = ["2024-08-02", "2024-08-01", "2024-07-31", "2024-07-30", "2024-07-29", "2024-07-28", "2024-07-27"];
  const counts = [150, 40, 30, 500, 199, 1, 10];
  const { segments, daySegment } = buildSegments(days, counts);

  it("groups consecutive days of one month up to 200 assets; a bigger day is paged on its own", () => {
    expect(segments.map((s) => [s.newest, s.oldest, s.count, s.paged])).toEqual([
      ["2024-08-02", "2024-08-01", 190, false],
      ["2024-07-31", "2024-07-31", 30, false], // August ends: no segment crosses a month
      ["2024-07-30", "2024-07-30", 500, true],
      ["2024-07-29", "2024-07-28", 200, false],
      ["2024-07-27", "2024-07-27", 10, false],
    ]);
    expect(segments.map((s) => s.start)).toEqual([0, 190, 220, 720, 920]);
    expect([...daySegment]).toEqual([0, 0, 1, 2, 3, 3, 4]);
    expect(segmentOfAsset(segments, 0)).toBe(0);
    expect(segmentOfAsset(segments, 219)).toBe(1);
    expect(segmentOfAsset(segments, 720)).toBe(3);
    expect(segmentOfAsset(segments, 929)).toBe(4);
  });

  it("selects a segment's whole days with exclusive naive bounds", () => {
    expect(segmentWindow(segments[0])).toEqual({ after: "2024-07-31T23:59:59.999999", before: "2024-08-03T00:00:00" });
    expect(dayWindow("2024-12-31", "2024-01-01")).toEqual({
      after: "2023-12-31T23:59:59.999999",
      before: "2025-01-01T00:00:00",
    });
  });

  it("pages a big day from both ends", () => {
    expect(pageForIndex(500, 0)).toEqual({ dir: "desc", page: 0 });
    expect(pageForIndex(500, 249)).toEqual({ dir: "desc", page: 1 });
    expect(pageForIndex(500, 250)).toEqual({ dir: "asc", page: 1 });
    expect(pageForIndex(500, 499)).toEqual({ dir: "asc", page: 0 });
    expect(pageRange(500, { dir: "desc", page: 1 })).toEqual({ from: 200, to: 400 });
    expect(pageRange(500, { dir: "asc", page: 0 })).toEqual({ from: 300, to: 500 });
    expect(pageRange(500, { dir: "asc", page: 1 })).toEqual({ from: 100, to: 300 });
  });

  it("lists the parts needed for an asset range, each once", () => {
    expect(partsForRange(segments, 0, 10).map((p) => p.id)).toEqual(["2024-08-02_2024-08-01"]);
    expect(partsForRange(segments, 180, 230).map((p) => p.id)).toEqual([
      "2024-08-02_2024-08-01",
      "2024-07-31_2024-07-31",
      "2024-07-30:desc0",
    ]);
    // The whole big day: desc 0, desc 1, then asc pages for the second half.
    expect(partsForRange(segments, 220, 719).map((p) => p.id)).toEqual([
      "2024-07-30:desc0",
      "2024-07-30:desc1",
      "2024-07-30:asc1",
      "2024-07-30:asc0",
    ]);
    expect(partsForRange(segments, 925, 5000).map((p) => p.id)).toEqual(["2024-07-27_2024-07-27"]);
    expect(partsForRange(segments, 10, 5)).toEqual([]);
  });
});

describe("chunkMonths", () => {
  it("keeps each chunk within 200 calendar days, so one counts page holds it", () => {
    const months = ["2024-12", "2024-11", "2024-10", "2024-09", "2024-08", "2024-07", "2024-06", "2023-02"].map(
      (month) => ({ month, count: 5 }),
    );
    const chunks = chunkMonths(months);
    expect(chunks.map(({ newest, oldest, months }) => [newest, oldest, months.length])).toEqual([
      ["2024-12", "2024-07", 6], // 31+30+31+30+31+31 = 184 days
      ["2024-06", "2023-02", 2], // 30 + 28
    ]);
    expect(chunkFor(chunks, "2024-08-15")).toBe(0);
    expect(chunkFor(chunks, "2024-06")).toBe(1);
    expect(chunkFor(chunks, "2023-05")).toBe(1); // no photos then: the next older chunk
    expect(chunkFor(chunks, "1990-01")).toBe(1);
    expect(chunkFor(chunks, null)).toBe(0);
    expect(chunkWindow(chunks[0])).toEqual({ after: "2024-06-30T23:59:59.999999", before: "2025-01-01T00:00:00" });
    expect(chunkMonths([])).toEqual([]);
  });
});

describe("naive dates", () => {
  it("labels days and months from the digits", () => {
    expect(formatDayLabel("2024-07-04")).toBe("Thu, 4 Jul 2024");
    expect(formatDayLabel("2000-02-29")).toBe("Tue, 29 Feb 2000");
    expect(formatMonthLabel("2019-07")).toBe("July 2019");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("1969-12-31", 1)).toBe("1970-01-01");
  });

  it("reads and writes the URL position", () => {
    expect(parseAt("?at=2019-07")).toBe("2019-07");
    expect(parseAt("?at=2019-07-04")).toBe("2019-07-04");
    expect(parseAt("?at=2019-13")).toBeNull();
    expect(parseAt("?at=2019-02-30")).toBeNull();
    expect(parseAt("")).toBeNull();
    expect(withAt("?x=1", "2019-07-04")).toBe("?x=1&at=2019-07-04");
    expect(withAt("?at=2019-07-04", null)).toBe("");
  });
});

describe("SlotAllocator", () => {
  it("keeps the slots of items that stay and gives freed slots to new ones", async () => {
    const { SlotAllocator } = await import("./slots");
    const slots = new SlotAllocator();
    expect(slots.assign(["a", "b", "c"])).toEqual([0, 1, 2]);
    expect(slots.assign(["b", "c", "d"])).toEqual([1, 2, 0]);
    expect(slots.assign(["x", "y"])).toEqual([0, 1]);
    expect(slots.assign(["y", "z", "w", "v"])).toEqual([1, 0, 2, 3]);
  });
});

describe("mergeDays", () => {
  it("uses the loaded chunks' days and one whole-month estimate per month of the others", async () => {
    const { mergeDays } = await import("./use-timeline-days");
    const chunks = chunkMonths([
      { month: "2024-12", count: 7 },
      { month: "2024-06", count: 3 },
      { month: "2024-05", count: 9 },
    ]);
    expect(chunks).toHaveLength(1);
    const partial = mergeDays(chunks, [undefined]);
    expect(partial.days).toEqual(["2024-12-01", "2024-06-01", "2024-05-01"]);
    expect([...partial.counts]).toEqual([7, 3, 9]);
    expect([...(partial.estimated ?? [])]).toEqual([1, 1, 1]);
    const page = [
      { time_bucket: "2024-12-24T00:00:00", count: 7 },
      { time_bucket: "2024-06-02T00:00:00", count: 3 },
      { time_bucket: "2024-05-30T00:00:00", count: 4 },
      { time_bucket: "2024-05-01T00:00:00", count: 5 },
    ];
    const full = mergeDays(chunks, [page]);
    expect(full.days).toEqual(["2024-12-24", "2024-06-02", "2024-05-30", "2024-05-01"]);
    expect(full.estimated).toBeNull();
    // Estimated months get no segment: nothing is fetched for them.
    const { daySegment } = buildSegments(partial.days, partial.counts, 200, partial.estimated);
    expect([...daySegment]).toEqual([-1, -1, -1]);
  });
});
