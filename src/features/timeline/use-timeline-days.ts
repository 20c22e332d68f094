import {
  matchQuery,
  type QueryClient,
  type QueryFunctionContext,
  type UseQueryResult,
  useQueries,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { takeEarly } from "../../api/client";
import { assetCountsQueries, getAllAssetCounts, getAssetCounts } from "../../api/get-asset-counts";
import { assetQueries } from "../../api/list-assets";
import { type CountBucket, countsPageSchema } from "../../api/schemas";
import { whenIdle } from "../../lib/idle";
import { HEAD_DAYS_PATH, headDaysOfChunk } from "./head-start";
import { daysInMonth, dayWindow, monthFirstDay, monthLastDay } from "./naive-date";

/** Every non-empty day of the library, newest first. */
export interface TimelineDays {
  days: readonly string[];
  counts: Int32Array;
  /**
   * While day counts are still loading, each month they are missing for is
   * one entry (`YYYY-MM-01` standing for the whole month, from the month
   * counts), flagged 1 here; null once every day is known.
   */
  estimated: Uint8Array | null;
}

/**
 * Day-count requests in flight at once. The browser allows 6 connections per
 * host; the grid shows once the chunk on screen is in, and its pages and
 * thumbnails must not queue behind the counts of the rest of the library.
 */
const MAX_IN_FLIGHT = 4;
/**
 * The day counts of the other chunks wait until the first page of assets is
 * in and the browser has an idle moment: at 1,000,000 assets they are some 45
 * requests, each a fetch, a parse and a render, and the first screen's page
 * and thumbnails used to queue behind them (first thumbnail, paired runs of
 * 14 loads at 1M: mean 1,171 ms before, 1,009 ms after). They are asked for anyway after
 * REST_WAITS_AT_MOST_MS, whatever the pages do.
 */
const REST_WAITS_AT_MOST_MS = 2000;
/** Once the first page is in, how long the browser may stay busy before the rest is asked for all the same. */
const REST_IDLE_TIMEOUT_MS = 1000;
/** The counts endpoint returns at most 200 buckets per page. */
const MAX_DAYS_PER_CHUNK = 200;

export interface MonthChunk {
  /** `YYYY-MM`, newest month of the chunk. */
  newest: string;
  oldest: string;
  /** The chunk's months with their asset counts, newest first. */
  months: { month: string; count: number }[];
}

/**
 * Splits the library's months (newest first) into runs of consecutive months
 * spanning at most `maxDays` calendar days, so one `group_by=day` page of 200
 * buckets always holds a whole chunk.
 */
export function chunkMonths(
  months: readonly { month: string; count: number }[],
  maxDays: number = MAX_DAYS_PER_CHUNK,
): MonthChunk[] {
  const chunks: MonthChunk[] = [];
  let current: MonthChunk | null = null;
  let days = 0;
  for (const entry of months) {
    const length = daysInMonth(entry.month);
    if (current !== null && days + length <= maxDays) {
      current.oldest = entry.month;
      current.months.push(entry);
      days += length;
    } else {
      current = { newest: entry.month, oldest: entry.month, months: [entry] };
      chunks.push(current);
      days = length;
    }
  }
  return chunks;
}

/** The chunk holding `at`'s month, or the first one older than it; 0 without `at`. */
export function chunkFor(chunks: readonly MonthChunk[], at: string | null): number {
  if (at === null || chunks.length === 0) return 0;
  const month = at.slice(0, 7);
  const i = chunks.findIndex((chunk) => chunk.oldest <= month);
  return i < 0 ? chunks.length - 1 : i;
}

/** The naive bounds of a chunk's whole calendar days. */
export function chunkWindow(chunk: MonthChunk): { after: string; before: string } {
  return dayWindow(monthLastDay(chunk.newest), monthFirstDay(chunk.oldest));
}

/** The newest chunk's day buckets from the newest days asked for while the app loaded, when those hold all of it. */
async function newestChunkFromHead(chunk: MonthChunk): Promise<CountBucket[] | null> {
  const head = await takeEarly(HEAD_DAYS_PATH, countsPageSchema);
  return head && headDaysOfChunk(head, chunk);
}

function createLimiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
const limiter = createLimiter(MAX_IN_FLIGHT);

/**
 * Every month bucket, newest first, like `getAllAssetCounts` but in one round
 * trip for libraries of fewer than 400 months (33 years): the newest 200 and the
 * oldest 200 are asked for at once, and only a longer library pages on.
 */
export async function allMonthsFromBothEnds({ signal }: { signal?: AbortSignal }): Promise<CountBucket[]> {
  const [newest, oldest] = await Promise.all([
    getAssetCounts({ groupBy: "month" }, { signal }),
    getAssetCounts({ groupBy: "month", order: "asc" }, { signal }),
  ]);
  if (!newest.has_more) return newest.data;
  const lastNewest = newest.data.at(-1)?.time_bucket ?? "";
  const oldestDesc = oldest.data.toReversed();
  // The two ends meet (or overlap): join them without repeating a month.
  if (!oldest.has_more || (oldestDesc[0]?.time_bucket ?? "") >= lastNewest) {
    return [...newest.data, ...oldestDesc.filter((b) => b.time_bucket < lastNewest)];
  }
  const middle = await getAllAssetCounts({ groupBy: "month" }, { signal, startingAfterBucket: lastNewest });
  return [...newest.data, ...middle];
}

/** Day buckets of the loaded chunks; a whole-month estimate for each month of the others. */
export function mergeDays(chunks: readonly MonthChunk[], pages: readonly (CountBucket[] | undefined)[]): TimelineDays {
  let total = 0;
  chunks.forEach((chunk, i) => {
    total += pages[i]?.length ?? chunk.months.length;
  });
  const days: string[] = new Array(total);
  const counts = new Int32Array(total);
  const estimated = new Uint8Array(total);
  let complete = true;
  let k = 0;
  chunks.forEach((chunk, i) => {
    const page = pages[i];
    if (page) {
      for (const bucket of page) {
        days[k] = bucket.time_bucket.slice(0, 10);
        counts[k] = bucket.count;
        k++;
      }
    } else {
      complete = false;
      for (const { month, count } of chunk.months) {
        days[k] = `${month}-01`;
        counts[k] = count;
        estimated[k] = 1;
        k++;
      }
    }
  });
  return { days, counts, estimated: complete ? null : estimated };
}

/**
 * Calls `go` at the first idle moment after a page of timeline assets has
 * arrived (or is cached already), or after REST_WAITS_AT_MOST_MS in any case.
 * `go` may run twice (idle and fallback in the same moment): it only sets a flag.
 * Returns a function that cancels.
 */
function whenFirstPageIn(client: QueryClient, go: () => void): () => void {
  const pages = { queryKey: assetQueries.timelineSegments() };
  const cache = client.getQueryCache();
  let cancelIdle: (() => void) | undefined;
  const afterFirstPage = () => {
    cancelIdle ??= whenIdle(go, { timeout: REST_IDLE_TIMEOUT_MS, fallbackMs: 200 });
  };
  const fallback = setTimeout(go, REST_WAITS_AT_MOST_MS);
  const unsubscribe = cache.subscribe((event) => {
    if (event.type === "updated" && event.action.type === "success" && matchQuery(pages, event.query)) afterFirstPage();
  });
  if (cache.findAll(pages).some((query) => query.state.data !== undefined)) afterFirstPage();
  return () => {
    unsubscribe();
    clearTimeout(fallback);
    cancelIdle?.();
  };
}

function sameDays(a: TimelineDays, b: TimelineDays): boolean {
  if (a.days.length !== b.days.length || (a.estimated === null) !== (b.estimated === null)) return false;
  for (let i = 0; i < a.days.length; i++) {
    if (a.days[i] !== b.days[i] || a.counts[i] !== b.counts[i]) return false;
    if (a.estimated && b.estimated && a.estimated[i] !== b.estimated[i]) return false;
  }
  return true;
}

/** Not a plain object, so that react-query does not deep-compare thousands of buckets on every change. */
class ChunkResults {
  constructor(
    readonly data: readonly (CountBucket[] | undefined)[],
    readonly pending: boolean,
    readonly error: Error | null,
    readonly fetching: boolean,
  ) {}
}

function combineChunks(results: readonly UseQueryResult<CountBucket[]>[]): ChunkResults {
  return new ChunkResults(
    results.map((r) => r.data),
    results.some((r) => r.data === undefined && !r.isError),
    results.find((r) => r.data === undefined && r.isError)?.error ?? null,
    results.some((r) => r.isFetching),
  );
}

export type TimelineDaysState =
  | { status: "pending" }
  | { status: "error"; error: Error; retrying: boolean }
  | { status: "success"; data: TimelineDays; refreshing: boolean };

/**
 * The library's day counts: month counts first (one round trip up to 33
 * years), then the day counts of the chunk that will be on screen (`focusAt`,
 * from the URL), then, once the first page of assets is in and the browser is
 * idle, those of every other chunk (MAX_IN_FLIGHT at a time).
 *
 * The grid shows as soon as that chunk is in: months whose days are still
 * loading are estimated from the month counts (`estimated`), and the view
 * keeps its anchor when the exact layout replaces them a moment later. Once
 * complete, a refresh (an upload, an edit) keeps showing the last complete
 * answer until the new one is complete too. Returns the same `TimelineDays`
 * object while the numbers do not change.
 */
export function useTimelineDays(focusAt: string | null): TimelineDaysState & { retry: () => Promise<void> } {
  const client = useQueryClient();
  const months = useQuery({ ...assetCountsQueries.buckets({ groupBy: "month" }), queryFn: allMonthsFromBothEnds });
  const chunks = useMemo(
    () => chunkMonths((months.data ?? []).map((b) => ({ month: b.time_bucket.slice(0, 7), count: b.count }))),
    [months.data],
  );
  // The chunk on screen is asked for first (the limiter serves requests in order).
  const focus = useMemo(() => chunkFor(chunks, focusAt), [chunks, focusAt]);
  const order = useMemo(
    () => (chunks.length === 0 ? [] : [focus, ...chunks.keys()].filter((c, i) => i === 0 || c !== focus)),
    [chunks, focus],
  );
  const [restAllowed, setRestAllowed] = useState(false);
  const dayQueries = useQueries({
    queries: order.map((c, i) => {
      const params = { groupBy: "day" as const, ...chunkWindow(chunks[c]) };
      return {
        ...assetCountsQueries.buckets(params),
        queryFn: async ({ signal }: QueryFunctionContext) =>
          (c === 0 ? await newestChunkFromHead(chunks[0]) : null) ??
          limiter(() => getAllAssetCounts(params, { signal })),
        enabled: i === 0 || restAllowed,
      };
    }),
    combine: combineChunks,
  });
  const focusIn = dayQueries.data[0] !== undefined;
  useEffect(() => {
    if (restAllowed || !focusIn) return;
    return whenFirstPageIn(client, () => setRestAllowed(true));
  }, [client, restAllowed, focusIn]);

  const complete = useRef<TimelineDays | null>(null);
  const previous = useRef<TimelineDays | null>(null);
  const monthsIn = months.data !== undefined;
  const merged = useMemo(() => {
    // Before the month counts, there are no chunks yet: that is not an empty library.
    if (!monthsIn) return complete.current ?? previous.current;
    if (dayQueries.error) return complete.current ?? previous.current;
    const pages: (CountBucket[] | undefined)[] = new Array(chunks.length);
    order.forEach((c, i) => {
      pages[c] = dayQueries.data[i];
    });
    const allIn = !dayQueries.pending;
    // First load: show once the focused chunk is in. Later refreshes: the last complete answer until complete again.
    if (!allIn && (complete.current !== null || (chunks.length > 0 && pages[focus] === undefined))) {
      return complete.current ?? previous.current;
    }
    // Between the first partial answer and the complete one, nothing on screen would change: keep it.
    if (!allIn && previous.current !== null && previous.current.estimated !== null) return previous.current;
    const next = mergeDays(chunks, pages);
    if (previous.current && sameDays(previous.current, next)) return previous.current;
    return next;
  }, [monthsIn, dayQueries, chunks, order, focus]);
  previous.current = merged;
  if (merged !== null && merged.estimated === null) complete.current = merged;

  const retry = useCallback(
    () => client.refetchQueries({ queryKey: assetCountsQueries.all(), predicate: (q) => q.state.status === "error" }),
    [client],
  );

  const fetching = months.isFetching || dayQueries.fetching;
  let state: TimelineDaysState;
  // A chunk that failed (after retries) leaves its months estimated: say so rather than show guesses.
  const failed = dayQueries.error !== null && (merged === null || merged.estimated !== null);
  if (merged !== null && months.data && !failed) state = { status: "success", data: merged, refreshing: fetching };
  else if (months.error && !months.data) state = { status: "error", error: months.error, retrying: fetching };
  else if (dayQueries.error) state = { status: "error", error: dayQueries.error, retrying: fetching };
  else state = { status: "pending" };
  return { ...state, retry };
}
