/**
 * Pure helpers that take trashed assets out of cached query data: the
 * timeline's segments (`{ assets: Asset[] }`) and infinite list pages
 * (`{ pages: [{ data: Asset[] }] }`). The same object comes back when nothing
 * changed, so React Query notifies nobody for caches that do not hold them.
 */
import type { Asset } from "../../api/schemas";

function without(list: Asset[], ids: ReadonlySet<string>): Asset[] {
  return list.some((a) => ids.has(a.id)) ? list.filter((a) => !ids.has(a.id)) : list;
}

export function removeAssets<T>(data: T, ids: ReadonlySet<string>): T {
  if (typeof data !== "object" || data === null) return data;
  if (Array.isArray((data as { assets?: unknown }).assets)) {
    const segment = data as T & { assets: Asset[] };
    const assets = without(segment.assets, ids);
    return assets === segment.assets ? data : { ...segment, assets };
  }
  const pages = (data as { pages?: unknown }).pages;
  if (Array.isArray(pages) && pages.every((p) => Array.isArray((p as { data?: unknown })?.data))) {
    let changed = false;
    const next = (pages as { data: Asset[] }[]).map((page) => {
      const list = without(page.data, ids);
      if (list === page.data) return page;
      changed = true;
      return { ...page, data: list };
    });
    return changed ? { ...data, pages: next } : data;
  }
  return data;
}
