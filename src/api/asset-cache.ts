/**
 * Pure helpers that write an edit into cached query data: the asset detail,
 * the timeline's cached segments (`{ assets: Asset[] }` under
 * `assetQueries.timelineSegments()`, the contract with the timeline), and
 * the library's infinite list pages (`{ pages: [{ data: Asset[] }] }`).
 * Each returns the same object when nothing changed, so React Query does not
 * notify anyone for caches that do not hold the asset.
 */
import type { Asset, Metadata, UpdateAssetBody } from "./schemas";

/** A cached page of timeline tiles (the timeline's contract). */
export interface TimelineSegment {
  assets: Asset[];
}

/** Place fields that reverse geocoding derives from the coordinates. */
const PLACE_FIELDS = [
  "city",
  "state",
  "country",
  "country_code",
  "sublocation",
  "place_name",
  "timezone",
  "display_label",
] as const satisfies readonly (keyof Metadata)[];

const touches = (body: UpdateAssetBody, key: keyof UpdateAssetBody) =>
  Object.hasOwn(body, key) && body[key] !== undefined;

/** True when the body changes the coordinates (so the place names are about to change). */
export function touchesLocation(body: UpdateAssetBody): boolean {
  return touches(body, "latitude") || touches(body, "longitude");
}

/** True when the body changes the capture time (so the asset moves in the timeline). */
export function touchesCaptureTime(body: UpdateAssetBody): boolean {
  return touches(body, "original_datetime");
}

/**
 * The asset as it will be once the server has applied `body`, as far as the
 * client can know. A cleared field falls back to the file's value, which only
 * the server knows: it shows as empty until the answer arrives. Assets
 * without metadata (lean timeline tiles) get only the top-level changes.
 */
export function applyBodyToAsset(asset: Asset, body: UpdateAssetBody): Asset {
  const capture = touchesCaptureTime(body) ? (body.original_datetime ?? null) : undefined;
  // A lean tile shows nothing a rating, description or location edit changes: keep it as it is,
  // so the timeline doesn't re-render for it.
  if (!asset.metadata && typeof capture !== "string") return asset;
  const next: Asset = { ...asset };
  if (typeof capture === "string") next.local_datetime = capture;
  if (asset.metadata) {
    const metadata: Metadata = { ...asset.metadata };
    if (touches(body, "description")) metadata.description = body.description ?? null;
    if (touches(body, "rating")) metadata.rating = body.rating ?? null;
    if (capture !== undefined) metadata.original_datetime = capture;
    if (touchesLocation(body)) {
      metadata.latitude = body.latitude ?? null;
      metadata.longitude = body.longitude ?? null;
      for (const field of PLACE_FIELDS) metadata[field] = null;
    }
    next.metadata = metadata;
  }
  return next;
}

/**
 * The server's answer written over a cached copy. The detail takes the whole
 * asset; a timeline tile keeps its own (lean) shape and signed URLs, so its
 * image does not reload, and takes only the fields an edit can change.
 * `keepPlace`: the PATCH answer still carries the old place names while
 * geocoding runs (§3.4), so the cached (cleared) ones are kept.
 */
export function mergeServerAsset(cached: Asset, server: Asset, { keepPlace = false } = {}): Asset {
  const lean = cached.metadata === null;
  let metadata = lean ? null : server.metadata;
  if (metadata && keepPlace && cached.metadata) {
    metadata = { ...metadata };
    for (const field of PLACE_FIELDS) metadata[field] = cached.metadata[field] ?? null;
  }
  if (lean) {
    return {
      ...cached,
      local_datetime: server.local_datetime,
      updated_at: server.updated_at,
      description: server.description,
      thumbhash: server.thumbhash ?? cached.thumbhash,
    };
  }
  return { ...server, metadata };
}

function isAsset(data: unknown): data is Asset {
  return (
    typeof data === "object" && data !== null && typeof (data as Asset).id === "string" && "local_datetime" in data
  );
}

function isSegment(data: unknown): data is TimelineSegment {
  return typeof data === "object" && data !== null && Array.isArray((data as TimelineSegment).assets);
}

interface PagesData {
  pages: { data: Asset[] }[];
  pageParams: unknown[];
}

function isPages(data: unknown): data is PagesData {
  return (
    typeof data === "object" &&
    data !== null &&
    Array.isArray((data as PagesData).pages) &&
    (data as PagesData).pages.every((p) => typeof p === "object" && p !== null && Array.isArray(p.data))
  );
}

function mapList(list: Asset[], id: string, fn: (asset: Asset) => Asset): Asset[] {
  const index = list.findIndex((a) => a.id === id);
  if (index === -1) return list;
  const updated = fn(list[index]);
  if (updated === list[index]) return list;
  const copy = list.slice();
  copy[index] = updated;
  return copy;
}

/**
 * Applies `fn` to asset `id` wherever it is in one cached value (a detail, a
 * timeline segment, or infinite list pages). Returns `data` itself when the
 * asset is not there.
 */
export function mapCachedAsset<T>(data: T, id: string, fn: (asset: Asset) => Asset): T {
  if (isSegment(data)) {
    const assets = mapList(data.assets, id, fn);
    return assets === data.assets ? data : { ...data, assets };
  }
  if (isPages(data)) {
    let changed = false;
    const pages = data.pages.map((page) => {
      const list = mapList(page.data, id, fn);
      if (list === page.data) return page;
      changed = true;
      return { ...page, data: list };
    });
    return changed ? { ...data, pages } : data;
  }
  if (isAsset(data) && data.id === id) return fn(data) as T;
  return data;
}

/** True when a cached value (detail, segment or list pages) holds asset `id`. */
export function holdsAsset(data: unknown, id: string): boolean {
  if (isSegment(data)) return data.assets.some((a) => a.id === id);
  if (isPages(data)) return data.pages.some((p) => p.data.some((a) => a.id === id));
  return isAsset(data) && data.id === id;
}
