/**
 * Queries of the asset viewer. The detail lives under `assetQueries.detail(id)`'s
 * key (`["assets","detail",id]`), fetched in full shape (metadata, file data,
 * variants) so that a PATCH answer can be written over it as it is.
 * The neighbours hang under the detail's key, so invalidating an asset's
 * detail also refreshes which assets are next to it.
 */
import { queryOptions } from "@tanstack/react-query";
import { ApiError } from "../../api/client";
import { getAssetDetail } from "../../api/get-asset";
import { assetQueries, listAssets } from "../../api/list-assets";

export type Direction = "older" | "newer";

export const viewerQueries = {
  detail: (id: string) =>
    queryOptions({
      queryKey: assetQueries.detail(id).queryKey,
      queryFn: ({ signal }) => getAssetDetail(id, { signal }),
    }),
  /**
   * The asset next to `id` in the timeline (newest first): `older` is the next
   * one down, `newer` the one before. Null at either end.
   */
  adjacent: (id: string, direction: Direction) =>
    queryOptions({
      queryKey: [...assetQueries.detail(id).queryKey, "adjacent", direction] as const,
      queryFn: async ({ signal }) => {
        try {
          const page = await listAssets({
            filters: { order: direction === "older" ? "desc" : "asc" },
            startingAfterId: id,
            limit: 1,
            signal,
          });
          return page.data[0]?.id ?? null;
        } catch (error) {
          // A cursor the listing doesn't hold (a trashed or deleted asset) has no neighbours.
          if (error instanceof ApiError && error.status === 422) return null;
          throw error;
        }
      },
      staleTime: 10_000,
    }),
};
