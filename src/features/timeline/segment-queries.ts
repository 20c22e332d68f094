/**
 * The timeline's asset pages. Contract with the rest of the app: every
 * cached page is a query whose key starts with
 * `assetQueries.timelineSegments()` (`["assets", "timeline", "segment", …]`)
 * and whose data is `{ assets: Asset[] }`, newest first, as parsed by
 * `assetPageSchema`. Optimistic edits may be written into them with
 * `setQueriesData`; a change that moves an asset invalidates
 * `["assets", "timeline"]`.
 */
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { apiFetch, queryString, takeEarly } from "../../api/client";
import { getAsset } from "../../api/get-asset";
import { getAssetCounts } from "../../api/get-asset-counts";
import { assetQueries } from "../../api/list-assets";
import { type Asset, type AssetPage, assetPageSchema } from "../../api/schemas";
import { isAssetPending } from "./asset-state";
import { readFrom, seekPosition } from "./day-seek";
import { HEAD_PAGE_PATH, headPartOf } from "./head-start";
import { pageRange, partId, SEGMENT_SIZE, type SegmentPart, segmentWindow } from "./segments";

export interface SegmentData {
  assets: Asset[];
}

/** Pages nobody shows are dropped this soon: far pages must not pile up in memory. */
export const SEGMENT_GC_MS = 15_000;
/** While an asset of a page is still being processed, the page is re-read this often. */
const PENDING_POLL_MS = 1000;

/** `GET /api/assets` (§3.3) over an exclusive naive wall-clock window. */
function listWindow(
  window: { after: string; before: string },
  opts: { order: "asc" | "desc"; startingAfterId?: string; signal?: AbortSignal },
): Promise<AssetPage> {
  const qs = queryString({
    local_datetime_after: window.after,
    local_datetime_before: window.before,
    limit: SEGMENT_SIZE,
    order: opts.order,
    starting_after_id: opts.startingAfterId,
  });
  return apiFetch(`/api/assets${qs}`, { schema: assetPageSchema, signal: opts.signal });
}

export function segmentQueryKey(part: SegmentPart) {
  const { segment, ref } = part;
  const base = [...assetQueries.timelineSegments(), segment.newest, segment.oldest] as const;
  return ref === null ? base : ([...base, ref.dir, ref.page] as const);
}

/** The id after which the next page in the same direction starts. Asc pages are stored newest first. */
function cursorOf(data: SegmentData, dir: "asc" | "desc"): string | undefined {
  return dir === "desc" ? data.assets.at(-1)?.id : data.assets[0]?.id;
}

async function fetchPart(client: QueryClient, part: SegmentPart, signal: AbortSignal): Promise<SegmentData> {
  // The library's first part, from the newest page asked for while the app loaded, when that holds all of it.
  const head = part.segment.start === 0 ? await takeEarly(HEAD_PAGE_PATH, assetPageSchema) : null;
  const first = head && headPartOf(head, part);
  if (first) return first;
  const window = segmentWindow(part.segment);
  const { ref } = part;
  if (ref === null) {
    const page = await listWindow(window, { order: "desc", signal });
    return { assets: page.data };
  }
  let cursor: string | undefined;
  if (ref.page > 0) {
    // Pages of a big day chain by cursor when the previous one is here (scrolling through the day)…
    const previousRef = { dir: ref.dir, page: ref.page - 1 };
    const previous = client.getQueryData<SegmentData>(
      segmentQueryKey({ id: partId(part.segment, previousRef), segment: part.segment, ref: previousRef }),
    );
    if (previous === undefined) return seekPart(part, signal); // …and are sought by time otherwise.
    cursor = cursorOf(previous, ref.dir);
    if (cursor === undefined) return { assets: [] };
  }
  const page = await listWindow(window, { order: ref.dir, startingAfterId: cursor, signal });
  return { assets: ref.dir === "asc" ? page.data.toReversed() : page.data };
}

/** A page in the middle of a big day, found by time (day-seek.ts) instead of walking from an end. */
async function seekPart(part: SegmentPart, signal: AbortSignal): Promise<SegmentData> {
  const { segment, ref } = part;
  if (ref === null) throw new Error("only pages of a big day are sought");
  const window = segmentWindow(segment);
  const { from, to } = pageRange(segment.count, ref);
  const seek = await seekPosition(window, segment.count, from, SEGMENT_SIZE - 1, async (before) => {
    const counts = await getAssetCounts({ groupBy: "day", after: window.after, before }, { signal });
    return counts.data.reduce((sum, bucket) => sum + bucket.count, 0);
  });
  const assets = await readFrom(seek, from, to, (before, startingAfterId) =>
    listWindow({ after: window.after, before }, { order: "desc", startingAfterId, signal }),
  );
  return { assets };
}

export function segmentQueryOptions(client: QueryClient, part: SegmentPart) {
  return queryOptions({
    queryKey: segmentQueryKey(part),
    queryFn: ({ signal }): Promise<SegmentData> => fetchPart(client, part, signal),
    gcTime: SEGMENT_GC_MS,
    refetchInterval: (query) => (query.state.data?.assets.some(isAssetPending) ? PENDING_POLL_MS : false),
  });
}

/**
 * One asset with every rung of `asset_urls`: only panoramas need it (their
 * `small` rung), so the list stays lean for everything else.
 */
export function assetVariantsQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...assetQueries.timeline(), "variants", id] as const,
    queryFn: ({ signal }) => getAsset(id, { include: ["variants"], signal }),
    gcTime: SEGMENT_GC_MS,
    staleTime: 5 * 60_000,
  });
}

const byDayCache = new WeakMap<SegmentData, Map<string, Asset[]>>();

/** A segment's assets grouped by wall-clock day (cached per data object). */
function assetsByDay(data: SegmentData): Map<string, Asset[]> {
  let map = byDayCache.get(data);
  if (!map) {
    map = new Map();
    for (const asset of data.assets) {
      const day = asset.local_datetime.slice(0, 10);
      let list = map.get(day);
      if (!list) {
        list = [];
        map.set(day, list);
      }
      list.push(asset);
    }
    byDayCache.set(data, map);
  }
  return map;
}

/**
 * The asset at position `index` of `day` within a loaded part. Whole segments
 * are matched by day (so a count that is briefly out of date only shifts
 * tiles within that day); pages of a big day by position.
 */
export function assetInPart(data: SegmentData, part: SegmentPart, day: string, index: number): Asset | undefined {
  if (part.ref === null) return assetsByDay(data).get(day)?.[index];
  if (part.ref.dir === "desc") return data.assets[index - part.ref.page * SEGMENT_SIZE];
  const to = pageRange(part.segment.count, part.ref).to;
  return data.assets[index - (to - data.assets.length)];
}
