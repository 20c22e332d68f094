/**
 * Reading a page from the middle of a very big day without walking to it.
 *
 * Pages of a day with more than 200 assets chain by cursor from either end
 * (segments.ts). Scrolling through the day, the previous page is cached and
 * gives the cursor. Landing in its middle (a jump, the scrollbar), walking
 * from the nearest end would cost up to count / 400 requests in a row —
 * 125 for a day of 100,000 photos. Instead, the page's first position is
 * *sought by time*: the counts endpoint (§3.6) says how many of the day's
 * assets are older than a wall-clock time T, so interpolating on that count
 * finds a T with the page's first position just after it in a few requests,
 * and one or two list calls (`local_datetime_before = T`, newest first) read
 * the page. Both endpoints compare naive bounds with the same wall-clock
 * `local_datetime` and exclude the bound, so the count and the list agree
 * even when many photos share one timestamp (bursts).
 */

/** Naive wall-clock ISO (`2024-01-22T13:45:00.123456`) → microseconds, read as if UTC (arithmetic only). */
export function naiveToMicros(naive: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(naive);
  if (!m) throw new RangeError(`Not a naive date-time: ${naive}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return ms * 1000 + Number((m[7] ?? "").padEnd(6, "0"));
}

export function microsToNaive(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString().slice(0, 19);
  const msOfSecond = ((ms % 1000) + 1000) % 1000; // pre-1970 too
  const fraction = String(msOfSecond * 1000 + (micros - ms * 1000)).padStart(6, "0");
  return `${iso}.${fraction}`;
}

export interface SeekResult {
  /** The bound to list before. */
  before: string;
  /** How many of the window's assets are at or after it: the position (0 = newest) of the first asset listed. */
  newer: number;
  /** Counts requests made. */
  requests: number;
}

/**
 * A time T inside the exclusive window `(after, before)` such that the number
 * of assets at or after T is at most `from` and at least `from − tolerance`.
 * `countBefore(T)` is the number of the window's assets before T. When ties
 * make that impossible (more than `tolerance` photos at one instant), the
 * closest T with fewer newer assets is returned: the caller reads on from
 * there with the list cursor.
 */
export async function seekPosition(
  window: { after: string; before: string },
  total: number,
  from: number,
  tolerance: number,
  countBefore: (before: string) => Promise<number>,
  maxRequests = 40,
): Promise<SeekResult> {
  // Invariants: newer(lo) > from ≥ newer(hi), where newer(t) = total − countBefore(t).
  let lo = naiveToMicros(window.after) + 1;
  let hi = naiveToMicros(window.before);
  let newerLo = total;
  let newerHi = 0;
  let requests = 0;
  if (from <= tolerance || total <= from) return { before: window.before, newer: 0, requests };
  const target = from - tolerance / 2;
  let bisect = false;
  while (hi - lo > 1 && requests < maxRequests) {
    // Interpolate on the count (photos spread over a day), bisecting every other step so that clusters converge too.
    let t = bisect
      ? Math.floor((lo + hi) / 2)
      : Math.floor(lo + ((hi - lo) * (newerLo - target)) / Math.max(1, newerLo - newerHi));
    t = Math.min(hi - 1, Math.max(lo + 1, t));
    bisect = !bisect;
    const before = microsToNaive(t);
    const newer = total - (await countBefore(before));
    requests++;
    if (newer > from) {
      lo = t;
      newerLo = newer;
    } else if (newer < from - tolerance) {
      hi = t;
      newerHi = newer;
    } else {
      return { before, newer, requests };
    }
  }
  return { before: microsToNaive(hi), newer: newerHi, requests };
}

export interface ListPage<T> {
  data: T[];
  has_more: boolean;
}

/**
 * Positions `[from, to)` (0 = newest) of the window, read newest first from
 * the sought bound: the first list call starts at position `seek.newer`.
 */
export async function readFrom<T extends { id: string }>(
  seek: SeekResult,
  from: number,
  to: number,
  list: (before: string, startingAfterId: string | undefined) => Promise<ListPage<T>>,
): Promise<T[]> {
  const read: T[] = [];
  let position = seek.newer;
  let cursor: string | undefined;
  while (position < to) {
    const page = await list(seek.before, cursor);
    for (const asset of page.data) {
      if (position >= from && position < to) read.push(asset);
      position++;
    }
    cursor = page.data.at(-1)?.id;
    if (!page.has_more || cursor === undefined) break;
  }
  return read;
}
