/**
 * One change applied to many assets through `POST /api/assets/bulk-update`,
 * optimistically: every cached value that holds one of them (details,
 * timeline segments, library pages) gets the change at once; if the server
 * refuses, the whole batch is rolled back in the caches and a toast says
 * what failed. Chunks of 200 go one after the other with progress. Each
 * chunk is atomic on the server; chunks sent before a refusal stay saved
 * (the toast says how many), and the invalidation afterwards shows the truth.
 */
import {
  type MutationOptions,
  type QueryClient,
  type QueryKey,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { useState } from "react";
// The single-edit cache writers: the same rules for a batch as for one edit.
import { applyBodyToAsset, holdsAsset, mapCachedAsset } from "../../api/asset-cache";
import { type BulkUpdate, BulkUpdateError, bulkUpdateAssets } from "../../api/bulk-update-assets";
import { assetQueries } from "../../api/list-assets";
import type { UpdateAssetBody } from "../../api/schemas";
import { toast } from "../../components/ui/toast";
import { formatCount, formatCountOf } from "../../lib/format";

export interface BulkVariables {
  updates: readonly BulkUpdate[];
  /** For the messages: "rating", "description", "location", "capture time". */
  what: string;
}

interface BulkContext {
  snapshot: (readonly [QueryKey, unknown])[];
}

export function bulkUpdateMutation(
  client: QueryClient,
  onProgress?: (done: number, total: number) => void,
): MutationOptions<void, Error, BulkVariables, BulkContext> {
  return {
    mutationKey: [...assetQueries.all(), "bulk-update"],
    mutationFn: ({ updates }) => bulkUpdateAssets(updates, { onProgress }),
    onMutate: ({ updates }) => {
      const byId = new Map<string, UpdateAssetBody>(updates.map((u) => [u.id, u.change]));
      const queries = client
        .getQueryCache()
        .findAll({ queryKey: assetQueries.all() })
        .filter((query) => [...byId.keys()].some((id) => holdsAsset(query.state.data, id)));
      const snapshot = queries.map((query) => [query.queryKey, query.state.data] as const);
      for (const query of queries) {
        if (query.state.fetchStatus === "fetching")
          void client.cancelQueries({ queryKey: query.queryKey, exact: true });
        let data = query.state.data;
        for (const [id, body] of byId) data = mapCachedAsset(data, id, (asset) => applyBodyToAsset(asset, body));
        if (data !== query.state.data) client.setQueryData(query.queryKey, data);
      }
      return { snapshot };
    },
    onError: (error, { updates, what }, context) => {
      for (const [key, data] of context?.snapshot ?? []) client.setQueryData(key, data);
      const saved = error instanceof BulkUpdateError ? error.saved : 0;
      toast({
        id: "bulk-update",
        kind: "error",
        title: `Couldn't change the ${what} of ${formatCountOf(updates.length, "item")}`,
        message: saved > 0 ? `${error.message} (${formatCount(saved)} were saved before the error.)` : error.message,
      });
    },
    onSuccess: (_data, { updates, what }) => {
      toast({ id: "bulk-update", kind: "success", title: `Changed the ${what} of ${formatCount(updates.length)}` });
    },
    // A batch rewrites many rows (and may move them in the timeline): refetch every asset query.
    onSettled: () => client.invalidateQueries({ queryKey: assetQueries.all() }),
  };
}

/** The bulk mutation and its progress (`done` of `total` updates sent). */
export function useBulkUpdate() {
  const client = useQueryClient();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const mutation = useMutation({
    ...bulkUpdateMutation(client, (done, total) => setProgress({ done, total })),
  });
  return { ...mutation, progress: mutation.isPending ? progress : null };
}
