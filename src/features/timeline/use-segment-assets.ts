import { type UseQueryResult, useQueries, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { assetQueries } from "../../api/list-assets";
import type { Asset } from "../../api/schemas";
import { dayOfAsset, type TimelineLayout } from "./layout";
import { assetInPart, type SegmentData, segmentQueryKey, segmentQueryOptions } from "./segment-queries";
import { pageForIndex, partId, partsForRange, type SegmentIndex, type SegmentPart } from "./segments";

/**
 * The combined page results. A class instance, not a plain object: react-query
 * structurally shares plain combine results, which would deep-compare every
 * loaded asset each time one page changes.
 */
class PageResults {
  constructor(
    readonly data: readonly (SegmentData | undefined)[],
    readonly failed: boolean,
  ) {}
}

function combinePages(list: readonly UseQueryResult<SegmentData>[]): PageResults {
  return new PageResults(
    list.map((r) => r.data),
    list.some((r) => r.isError && r.data === undefined),
  );
}

/** A range of global asset indexes, inclusive; empty when `last < first`. */
export interface AssetRange {
  first: number;
  last: number;
}

export interface SegmentAssets {
  /** The loaded asset at a global index, or undefined while its page is not here. */
  getAsset: (index: number) => Asset | undefined;
  /** Some page near the screen failed to load (after retries). */
  failed: boolean;
  retry: () => Promise<void>;
}

/**
 * The asset pages for what is on screen. Pages of `rendered` are observed
 * (cached ones show at once), but only the pages of `active` — the settled
 * position plus a margin — are fetched: a fling does not start requests for
 * what it flies past, and a page that leaves both ranges is no longer
 * observed, so react-query aborts its request and drops it after
 * `SEGMENT_GC_MS`.
 */
export function useSegmentAssets(
  layout: TimelineLayout,
  index: SegmentIndex,
  rendered: AssetRange,
  visible: AssetRange,
  active: AssetRange,
): SegmentAssets {
  const client = useQueryClient();
  const { parts, visibleIds, prefetchIds } = useMemo(() => {
    // What is on screen first (the browser has 6 connections, thumbnails need them too), then the margins.
    const visibleParts = partsForRange(
      index.segments,
      Math.max(visible.first, active.first),
      Math.min(visible.last, active.last),
    );
    const visibleIds = new Set(visibleParts.map((p) => p.id));
    const byId = new Map<string, SegmentPart>();
    for (const part of visibleParts) byId.set(part.id, part);
    const prefetchIds = new Set<string>();
    for (const part of partsForRange(index.segments, active.first, active.last)) {
      if (!byId.has(part.id)) {
        byId.set(part.id, part);
        prefetchIds.add(part.id);
      }
    }
    for (const part of partsForRange(index.segments, rendered.first, rendered.last)) {
      if (!byId.has(part.id)) byId.set(part.id, part);
    }
    return { parts: [...byId.values()], visibleIds, prefetchIds };
  }, [index, rendered.first, rendered.last, visible.first, visible.last, active.first, active.last]);

  const visibleLoaded = parts.every(
    (part) => !visibleIds.has(part.id) || client.getQueryData(segmentQueryKey(part)) !== undefined,
  );
  const results = useQueries({
    queries: parts.map((part) => ({
      ...segmentQueryOptions(client, part),
      enabled: visibleIds.has(part.id) || (visibleLoaded && prefetchIds.has(part.id)),
    })),
    combine: combinePages,
  });

  const loaded = useMemo(() => {
    const map = new Map<string, SegmentData>();
    parts.forEach((part, i) => {
      const data = results.data[i];
      if (data) map.set(part.id, data);
    });
    return map;
  }, [parts, results.data]);

  const getAsset = useCallback(
    (g: number): Asset | undefined => {
      const day = dayOfAsset(layout, g);
      if (day < 0) return undefined;
      const segment = index.segments[index.daySegment[day]];
      if (!segment) return undefined;
      const inDay = g - layout.assetStart[day];
      const ref = segment.paged ? pageForIndex(segment.count, inDay) : null;
      const id = partId(segment, ref);
      const data = loaded.get(id);
      return data ? assetInPart(data, { id, segment, ref }, layout.days[day], inDay) : undefined;
    },
    [layout, index, loaded],
  );

  const retry = useCallback(
    () =>
      client.refetchQueries({
        queryKey: assetQueries.timelineSegments(),
        predicate: (q) => q.state.status === "error",
      }),
    [client],
  );

  return { getAsset, failed: results.failed, retry };
}
