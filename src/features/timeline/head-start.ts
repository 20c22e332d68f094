/**
 * The top of the timeline, known before the layout is: the newest day counts
 * and the newest page of assets need no window, so they are asked for while
 * the app's script loads (src/early-start.ts, src/api/early-requests.ts),
 * alongside the month counts every timeline needs.
 *
 * When the layout then asks for its first chunk of day counts and its first
 * segment of assets, both are cut from these answers, if they hold the whole
 * of it. Otherwise (a chunk or a segment longer than the answer) the usual
 * windowed request is made. Runtime imports are pure modules only: this runs
 * before React and zod are evaluated.
 */
import type { AssetPage, CountBucket, CountsPage } from "../../api/schemas";
import { monthFirstDay, monthLastDay } from "./naive-date";
import type { SegmentData } from "./segment-queries";
import { SEGMENT_SIZE, type SegmentPart } from "./segments";
import type { MonthChunk } from "./use-timeline-days";

/** What `getAssetCounts({ groupBy: "month" })` and its `order: "asc"` twin request (see allMonthsFromBothEnds). */
export const MONTHS_PATHS = [
  "/api/assets/counts?group_by=month&limit=200",
  "/api/assets/counts?group_by=month&limit=200&order=asc",
] as const;
/** The newest 200 days with assets. */
export const HEAD_DAYS_PATH = "/api/assets/counts?group_by=day&limit=200";
/** The newest 200 assets. */
export const HEAD_PAGE_PATH = `/api/assets?limit=${SEGMENT_SIZE}&order=desc`;

/** The requests worth starting before the app renders, for a page opened at `pathname` + `search`. */
export function earlyTimelinePaths(pathname: string, search: string): string[] {
  if (pathname !== "/") return [];
  // A deep link (`?at=`) opens elsewhere than the top: only the months are known to be needed.
  if (new URLSearchParams(search).has("at")) return [...MONTHS_PATHS];
  return [...MONTHS_PATHS, HEAD_DAYS_PATH, HEAD_PAGE_PATH];
}

/**
 * The day buckets of the newest chunk of months, cut from the newest days of
 * the library; null when the answer may stop inside the chunk.
 */
export function headDaysOfChunk(head: CountsPage, chunk: MonthChunk): CountBucket[] | null {
  const first = monthFirstDay(chunk.oldest);
  const last = monthLastDay(chunk.newest);
  const days = head.data.filter((b) => {
    const day = b.time_bucket.slice(0, 10);
    return day >= first && day <= last;
  });
  const oldest = head.data.at(-1)?.time_bucket.slice(0, 10);
  const reachesPast = oldest !== undefined && oldest < first;
  // The days must add up to the chunk's months: otherwise they were counted on another state of the library.
  const total = days.reduce((sum, b) => sum + b.count, 0);
  const expected = chunk.months.reduce((sum, m) => sum + m.count, 0);
  const newer = head.data.some((b) => b.time_bucket.slice(0, 10) > last);
  return (reachesPast || !head.has_more) && !newer && total === expected ? days : null;
}

/**
 * The first part of the library (the segment or page that starts at its
 * newest asset), cut from the newest page of assets; null for any other part,
 * or when the page may stop inside it.
 */
export function headPartOf(head: AssetPage, part: SegmentPart): SegmentData | null {
  const { segment, ref } = part;
  if (segment.start !== 0) return null;
  const dayOf = (i: number) => head.data[i].local_datetime.slice(0, 10);
  if (head.data.length > 0 && dayOf(0) > segment.newest) return null;
  if (ref !== null) {
    // The newest page of a big day: the page itself, when all of it is that day.
    if (ref.dir !== "desc" || ref.page !== 0 || head.data.length < SEGMENT_SIZE) return null;
    return head.data.every((_, i) => dayOf(i) === segment.newest) ? { assets: head.data } : null;
  }
  const assets = head.data.filter((_, i) => dayOf(i) >= segment.oldest && dayOf(i) <= segment.newest);
  const reachesPast = head.data.length > 0 && dayOf(head.data.length - 1) < segment.oldest;
  // As many as the day counts say: otherwise the page was read on another state of the library.
  return (reachesPast || !head.has_more) && assets.length === segment.count ? { assets } : null;
}
