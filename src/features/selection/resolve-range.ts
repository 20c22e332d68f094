/**
 * Which assets lie between two tiles, pages loaded or not. The timeline is
 * the list of live assets by `local_datetime`, newest first (the order
 * `GET /api/assets` gives), so the ids between tile A and tile B are those
 * of the list over the wall-clock window [older, newer] — read page by page
 * with the cursor — from the first endpoint met to the other. The window is
 * widened by 1 ms each side (the bounds are exclusive); endpoints decide
 * where the run starts and stops, so assets at the same instant are cut in
 * the same order as the grid shows them.
 */
import { apiFetch, queryString } from "../../api/client";
import { ASSET_PAGE_SIZE } from "../../api/list-assets";
import { assetPageSchema } from "../../api/schemas";
import { epochMsToWall, parseCaptureTime, wallToEpochMs } from "../../lib/capture-time";

/** The ids of `ordered` from one endpoint to the other, inclusive (either can come first). */
export function idsBetween(ordered: readonly string[], a: string, b: string): string[] {
  const i = ordered.indexOf(a);
  const j = ordered.indexOf(b);
  if (i === -1 || j === -1) return [];
  return ordered.slice(Math.min(i, j), Math.max(i, j) + 1);
}

/** The wall-clock epoch of a `local_datetime` (its offset, if any, is not applied: the timeline is by wall clock). */
function wallMs(localDatetime: string): number {
  const t = parseCaptureTime(localDatetime);
  if (!t) throw new RangeError(`Not a date-time: ${localDatetime}`);
  return wallToEpochMs(t.wall);
}

/** The exclusive (naive) window that holds every wall clock from the older reading to the newer one. */
export function windowAround(x: string, y: string): { after: string; before: string } {
  const [older, newer] = wallMs(x) <= wallMs(y) ? [wallMs(x), wallMs(y)] : [wallMs(y), wallMs(x)];
  return {
    after: epochMsToWall(older - 1),
    before: epochMsToWall(newer + 1),
  };
}

/**
 * The live asset ids of an exclusive wall-clock window (or the whole library), newest first,
 * a page at a time as they come (a whole library of a million is 5,000 pages).
 */
export async function* idPages(
  window?: { after: string; before: string },
  signal?: AbortSignal,
): AsyncGenerator<string[]> {
  let cursor: string | undefined;
  for (;;) {
    const qs = queryString({
      local_datetime_after: window?.after,
      local_datetime_before: window?.before,
      limit: ASSET_PAGE_SIZE,
      order: "desc",
      starting_after_id: cursor,
    });
    const page = await apiFetch(`/api/assets${qs}`, { schema: assetPageSchema, signal });
    yield page.data.map((asset) => asset.id);
    cursor = page.data.at(-1)?.id;
    if (!page.has_more || cursor === undefined) return;
  }
}

/** Every live asset id in an exclusive wall-clock window (or the whole library), newest first. */
export async function listIds(window?: { after: string; before: string }, signal?: AbortSignal): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of idPages(window, signal)) ids.push(...page);
  return ids;
}

export interface RangeEnd {
  id: string;
  localDatetime: string;
}

/** The ids from `a` to `b` as the timeline orders them, both included. */
export async function resolveRange(a: RangeEnd, b: RangeEnd, signal?: AbortSignal): Promise<string[]> {
  if (a.id === b.id) return [a.id];
  const ids = await listIds(windowAround(a.localDatetime, b.localDatetime), signal);
  const between = idsBetween(ids, a.id, b.id);
  // An endpoint that left the library meanwhile: at least keep the two ends.
  return between.length > 0 ? between : [a.id, b.id];
}

/** The exclusive window of one wall-clock day (`YYYY-MM-DD`). */
export function dayWindow(day: string): { after: string; before: string } {
  const start = wallToEpochMs(`${day}T00:00:00`);
  return { after: epochMsToWall(start - 1), before: epochMsToWall(start + 86_400_000) };
}
