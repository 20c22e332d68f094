/**
 * How the timeline's assets are fetched: in *segments* of consecutive days,
 * each loaded with ONE list call over its day window (pure, no I/O).
 *
 * - Consecutive days of one month are grouped while their total stays ≤ 200
 *   (the list endpoint's page size). A segment never crosses a month, so a
 *   new photo only regroups the segments of its own month and the rest of the
 *   cache stays valid.
 * - A day with more than 200 assets is a *paged* segment: its pages chain by
 *   cursor inside the day window, from the newest end (`desc`) for the first
 *   half of the day and from the oldest end (`asc`) for the second half, so
 *   no position is more than count / 400 pages from a starting point.
 */
import { dayWindow } from "./naive-date";

export const SEGMENT_SIZE = 200;

export interface Segment {
  index: number;
  /** Layout index of the segment's newest day. */
  firstDay: number;
  /** Layout index of its oldest day. */
  lastDay: number;
  newest: string;
  oldest: string;
  /** Global index of the segment's first (newest) asset. */
  start: number;
  count: number;
  /** One day with more than `SEGMENT_SIZE` assets, fetched in pages. */
  paged: boolean;
}

export interface PageRef {
  dir: "desc" | "asc";
  page: number;
}

/** A fetchable unit: a whole segment, or one page of a paged segment. */
export interface SegmentPart {
  id: string;
  segment: Segment;
  ref: PageRef | null;
}

export interface SegmentIndex {
  segments: readonly Segment[];
  /** The segment of each layout day. */
  daySegment: Int32Array;
}

/** Estimated days (`estimated[d] === 1`, a month whose days are not known yet) get no segment (-1). */
export function buildSegments(
  days: readonly string[],
  counts: ArrayLike<number>,
  size: number = SEGMENT_SIZE,
  estimated: ArrayLike<number> | null = null,
): SegmentIndex {
  const segments: Segment[] = [];
  const daySegment = new Int32Array(days.length);
  let start = 0;
  let current: Segment | null = null;
  for (let d = 0; d < days.length; d++) {
    const count = counts[d];
    const day = days[d];
    if (estimated?.[d]) {
      daySegment[d] = -1;
      current = null;
      start += count;
      continue;
    }
    const fits =
      current !== null &&
      !current.paged &&
      count <= size &&
      current.count + count <= size &&
      current.newest.slice(0, 7) === day.slice(0, 7);
    if (current !== null && fits) {
      current.lastDay = d;
      current.oldest = day;
      current.count += count;
    } else {
      current = {
        index: segments.length,
        firstDay: d,
        lastDay: d,
        newest: day,
        oldest: day,
        start,
        count,
        paged: count > size,
      };
      segments.push(current);
    }
    daySegment[d] = current.index;
    start += count;
  }
  return { segments, daySegment };
}

/** The segment holding global asset index `index` (binary search on starts). */
export function segmentOfAsset(segments: readonly Segment[], index: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (segments[mid].start <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The page of a paged day that holds position `index` (0 = the day's newest asset). */
export function pageForIndex(count: number, index: number, size: number = SEGMENT_SIZE): PageRef {
  if (index < count / 2) return { dir: "desc", page: Math.floor(index / size) };
  return { dir: "asc", page: Math.floor((count - 1 - index) / size) };
}

/** Positions `[from, to)` of the day that a full page covers. */
export function pageRange(count: number, ref: PageRef, size: number = SEGMENT_SIZE): { from: number; to: number } {
  if (ref.dir === "desc") return { from: ref.page * size, to: Math.min(count, (ref.page + 1) * size) };
  return { from: Math.max(0, count - (ref.page + 1) * size), to: count - ref.page * size };
}

export function partId(segment: Segment, ref: PageRef | null): string {
  return ref === null ? `${segment.newest}_${segment.oldest}` : `${segment.newest}:${ref.dir}${ref.page}`;
}

/** Every part needed to show global assets `[first, last]`, in order, without duplicates. */
export function partsForRange(
  segments: readonly Segment[],
  first: number,
  last: number,
  size: number = SEGMENT_SIZE,
): SegmentPart[] {
  const parts: SegmentPart[] = [];
  if (segments.length === 0 || last < first) return parts;
  for (let s = segmentOfAsset(segments, Math.max(0, first)); s < segments.length; s++) {
    const segment = segments[s];
    if (segment.start > last) break;
    if (!segment.paged) {
      parts.push({ id: partId(segment, null), segment, ref: null });
      continue;
    }
    const hi = Math.min(last, segment.start + segment.count - 1) - segment.start;
    for (let i = Math.max(first, segment.start) - segment.start; i <= hi; ) {
      const ref = pageForIndex(segment.count, i, size);
      parts.push({ id: partId(segment, ref), segment, ref });
      // Positions past the middle belong to the asc pages, whatever a desc page also holds.
      const { to } = pageRange(segment.count, ref, size);
      i = ref.dir === "desc" ? Math.min(to, Math.ceil(segment.count / 2)) : to;
    }
  }
  return parts;
}

/** The list call's exclusive naive bounds for a segment: its whole days. */
export function segmentWindow(segment: Segment): { after: string; before: string } {
  return dayWindow(segment.newest, segment.oldest);
}
