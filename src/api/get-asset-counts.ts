import { queryOptions } from "@tanstack/react-query";
import { apiFetch, queryString } from "./client";
import { assetQueries } from "./list-assets";
import { type CountBucket, type CountsPage, countsPageSchema, type GroupBy } from "./schemas";

/** The counts endpoint's maximum page size (§3.6). */
export const COUNTS_PAGE_SIZE = 200;

/** Which buckets: the grouping and the naive, exclusive wall-clock bounds (§3.6 accepts no offsets). */
export interface AssetCountsParams {
  groupBy: GroupBy;
  /** Naive ISO 8601, exclusive, e.g. `2024-06-30T23:59:59.999999`. */
  after?: string;
  /** Naive ISO 8601, exclusive, e.g. `2024-08-01T00:00:00`. */
  before?: string;
  order?: "asc" | "desc";
}

/** `GET /api/assets/counts` (§3.6): one page of time buckets, newest first unless `order` says otherwise. */
export function getAssetCounts(
  params: AssetCountsParams,
  {
    startingAfterBucket,
    limit = COUNTS_PAGE_SIZE,
    signal,
  }: { startingAfterBucket?: string; limit?: number; signal?: AbortSignal } = {},
): Promise<CountsPage> {
  const qs = queryString({
    group_by: params.groupBy,
    limit,
    order: params.order,
    local_datetime_after: params.after,
    local_datetime_before: params.before,
    starting_after_bucket: startingAfterBucket,
  });
  return apiFetch(`/api/assets/counts${qs}`, { schema: countsPageSchema, signal });
}

/** Every bucket matching `params`, following the `starting_after_bucket` cursor page by page. */
export async function getAllAssetCounts(
  params: AssetCountsParams,
  { signal, startingAfterBucket }: { signal?: AbortSignal; startingAfterBucket?: string } = {},
): Promise<CountBucket[]> {
  const buckets: CountBucket[] = [];
  let cursor: string | undefined = startingAfterBucket;
  for (;;) {
    const page = await getAssetCounts(params, { startingAfterBucket: cursor, signal });
    buckets.push(...page.data);
    const last = page.data.at(-1);
    if (!page.has_more || last === undefined) return buckets;
    cursor = last.time_bucket;
  }
}

/**
 * Counts queries live under `["assets", "timeline", "counts", params]`, so an
 * upload (which invalidates `["assets"]`) or a capture-time edit (which
 * invalidates `["assets", "timeline"]`) refreshes them.
 */
export const assetCountsQueries = {
  all: () => [...assetQueries.timeline(), "counts"] as const,
  buckets: (params: AssetCountsParams) =>
    queryOptions({
      queryKey: [...assetCountsQueries.all(), params] as const,
      queryFn: ({ signal }) => getAllAssetCounts(params, { signal }),
    }),
};
