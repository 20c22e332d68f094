import { describe, expect, it } from "vitest";
import { microsToNaive, naiveToMicros, readFrom, seekPosition } from "./day-seek";
import { dayWindow } from "./naive-date";
import { pageRange } from "./segments";

interface Row {
  id: string;
  local: string;
}

/**
 * One day of `n` assets the way the server orders them: newest first by
 * wall-clock time, ties by id descending. `times` gives each asset's
 * microsecond of the day.
 */
function makeDay(day: string, times: number[]): Row[] {
  const start = naiveToMicros(`${day}T00:00:00`);
  const rows = times.map((t, i) => ({ id: `asset_${String(i).padStart(7, "0")}`, local: microsToNaive(start + t) }));
  return rows.sort((a, b) => (a.local === b.local ? (a.id < b.id ? 1 : -1) : a.local < b.local ? 1 : -1));
}

/** The list and counts endpoints over `rows`, with exclusive naive bounds (§3.3, §3.6), counting requests. */
function fakeApi(rows: Row[], pageSize = 200) {
  const calls = { counts: 0, list: 0 };
  return {
    calls,
    countBefore: async (before: string) => {
      calls.counts++;
      return rows.filter((r) => r.local < before).length;
    },
    list: async (before: string, startingAfterId: string | undefined) => {
      calls.list++;
      const eligible = rows.filter((r) => r.local < before);
      const start = startingAfterId === undefined ? 0 : eligible.findIndex((r) => r.id === startingAfterId) + 1;
      const data = eligible.slice(start, start + pageSize);
      return { data, has_more: start + pageSize < eligible.length };
    },
  };
}

/** A cheap deterministic PRNG for the spread of capture times. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

const DAY = "2024-01-22";
const DAY_US = 86_400_000_000;
const window = dayWindow(DAY, DAY);

describe("naive time arithmetic", () => {
  it("round-trips microseconds, before 1970 too", () => {
    for (const naive of ["2024-01-22T13:45:07.123456", "1965-03-01T00:00:00.000001", "1969-12-31T23:59:59.999999"]) {
      expect(microsToNaive(naiveToMicros(naive))).toBe(naive);
    }
    expect(naiveToMicros("2024-01-22T00:00:01")).toBe(naiveToMicros("2024-01-22T00:00:00") + 1_000_000);
  });
});

describe("seekPosition + readFrom", () => {
  it("reads any page from the middle of a 100,000-photo day in a handful of requests", async () => {
    const rand = random(7);
    // Spread like a real event: most photos in a few busy hours.
    const times = Array.from({ length: 100_000 }, () => {
      const busy = rand() < 0.8;
      const t = busy ? (14 + rand() * 3) * 3_600_000_000 : rand() * DAY_US;
      return Math.floor(t / 1_000_000) * 1_000_000; // whole seconds: plenty of ties
    });
    const rows = makeDay(DAY, times);
    for (const ref of [
      { dir: "desc" as const, page: 0 },
      { dir: "desc" as const, page: 123 },
      { dir: "desc" as const, page: 249 },
      { dir: "asc" as const, page: 77 },
      { dir: "asc" as const, page: 0 },
    ]) {
      const api = fakeApi(rows);
      const { from, to } = pageRange(rows.length, ref);
      const seek = await seekPosition(window, rows.length, from, 199, api.countBefore);
      const page = await readFrom(seek, from, to, api.list);
      expect(page.map((r) => r.id)).toEqual(rows.slice(from, to).map((r) => r.id));
      // Walking from the nearest end would take up to 125 list calls in a row.
      expect(api.calls.counts + api.calls.list).toBeLessThanOrEqual(10);
    }
  });

  it("still reads the right positions when a burst of more photos than a page shares one instant", async () => {
    const times = [
      ...Array.from({ length: 3000 }, (_, i) => i * 10_000_000),
      ...Array.from({ length: 900 }, () => 50_000 * 1_000_000), // 900 photos at the same microsecond
      ...Array.from({ length: 3000 }, (_, i) => 60_000 * 1_000_000 + i * 5_000_000),
    ];
    const rows = makeDay(DAY, times);
    const burstStart = rows.findIndex((r) => r.local.startsWith(`${DAY}T13:53:20`));
    expect(burstStart).toBeGreaterThan(0);
    for (const from of [burstStart + 300, burstStart + 600, burstStart - 50]) {
      const api = fakeApi(rows);
      const seek = await seekPosition(window, rows.length, from, 199, api.countBefore);
      const page = await readFrom(seek, from, from + 200, api.list);
      expect(page.map((r) => r.id)).toEqual(rows.slice(from, from + 200).map((r) => r.id));
    }
  });

  it("the newest page needs no count at all", async () => {
    const rows = makeDay(
      DAY,
      Array.from({ length: 1000 }, (_, i) => i * 60_000_000),
    );
    const api = fakeApi(rows);
    const seek = await seekPosition(window, rows.length, 0, 100, api.countBefore);
    expect(seek).toEqual({ before: window.before, newer: 0, requests: 0 });
    expect((await readFrom(seek, 0, 200, api.list)).map((r) => r.id)).toEqual(rows.slice(0, 200).map((r) => r.id));
  });
});
