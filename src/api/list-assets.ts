import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { apiFetch, queryString } from "./client";
import { getAssetDetail } from "./get-asset";
import { type AssetPage, assetPageSchema } from "./schemas";

/** The list parameters that select *which* assets (§3.3); paging is handled by the query. */
export interface AssetListFilters {
  state?: "live" | "trashed" | "all";
  order?: "asc" | "desc";
}

/** The API's maximum page size (§1.6). */
export const ASSET_PAGE_SIZE = 200;

/** `GET /api/assets` (§3.3): one cursor page, newest first unless `order` says otherwise. */
export function listAssets({
  filters = {},
  startingAfterId,
  limit = ASSET_PAGE_SIZE,
  signal,
}: {
  filters?: AssetListFilters;
  startingAfterId?: string;
  limit?: number;
  signal?: AbortSignal;
}): Promise<AssetPage> {
  const qs = queryString({
    limit,
    starting_after_id: startingAfterId,
    state: filters.state,
    order: filters.order,
  });
  return apiFetch(`/api/assets${qs}`, { schema: assetPageSchema, signal });
}

/**
 * Query keys and options for assets: `all → lists() → list(filters) → details() → detail(id)`.
 * Invalidate `assetQueries.lists()` after anything that adds, removes or moves an asset.
 */
export const assetQueries = {
  all: () => ["assets"] as const,
  lists: () => [...assetQueries.all(), "list"] as const,
  list: (filters: AssetListFilters = {}) =>
    infiniteQueryOptions({
      queryKey: [...assetQueries.lists(), filters] as const,
      queryFn: ({ pageParam, signal }) => listAssets({ filters, startingAfterId: pageParam, signal }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last: AssetPage) => (last.has_more ? last.data.at(-1)?.id : undefined),
    }),
  details: () => [...assetQueries.all(), "detail"] as const,
  detail: (id: string) =>
    queryOptions({
      queryKey: [...assetQueries.details(), id] as const,
      queryFn: ({ signal }) => getAssetDetail(id, { signal }),
    }),
  /**
   * The timeline's caches (src/features/timeline). Every cached timeline page
   * is a query under `timelineSegments()` whose data is `{ assets: Asset[] }`:
   * write optimistic edits into them with `setQueriesData`, and invalidate
   * `timeline()` after a change that moves an asset (a new capture time).
   */
  timeline: () => [...assetQueries.all(), "timeline"] as const,
  timelineSegments: () => [...assetQueries.timeline(), "segment"] as const,
};
