/**
 * Moving assets to the trash from the library, optimistically: the tiles
 * leave every cached timeline segment and library page at once, a toast says
 * "Moved N to trash" with Undo (which restores them), and a refusal puts the
 * caches back and says what failed. Everything under `["assets"]` is
 * invalidated when it settles (counts, segments, the trash list).
 */
import {
  type MutationOptions,
  type QueryClient,
  type QueryKey,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { errorMessage } from "../../api/client";
import { assetQueries } from "../../api/list-assets";
import { restoreAssets, trashAssets } from "../../api/trash-assets";
import { toast } from "../../components/ui/toast";
import { formatCount, formatCountOf } from "../../lib/format";
import { removeAssets } from "./trash-cache";

export const trashMutationKey = () => [...assetQueries.all(), "trash"] as const;

/** Restores `ids` (the Undo of a trash) and refreshes every asset query. */
export async function undoTrash(client: QueryClient, ids: readonly string[]): Promise<void> {
  try {
    await restoreAssets(ids);
    toast({ id: "trash", kind: "success", title: `Restored ${formatCountOf(ids.length, "item")}` });
  } catch (error) {
    toast({
      id: "trash",
      kind: "error",
      title: `Couldn't restore ${formatCountOf(ids.length, "item")}`,
      message: errorMessage(error),
    });
  }
  await client.invalidateQueries({ queryKey: assetQueries.all() });
}

interface TrashContext {
  snapshot: (readonly [QueryKey, unknown])[];
}

export function trashAssetsMutation(
  client: QueryClient,
): MutationOptions<void, Error, readonly string[], TrashContext> {
  return {
    mutationKey: trashMutationKey(),
    mutationFn: (ids) => trashAssets(ids),
    onMutate: (ids) => {
      const set = new Set(ids);
      const queries = client
        .getQueryCache()
        .findAll({ queryKey: assetQueries.all() })
        .filter((query) => removeAssets(query.state.data, set) !== query.state.data);
      const snapshot = queries.map((query) => [query.queryKey, query.state.data] as const);
      for (const query of queries) {
        if (query.state.fetchStatus === "fetching")
          void client.cancelQueries({ queryKey: query.queryKey, exact: true });
        client.setQueryData(query.queryKey, removeAssets(query.state.data, set));
      }
      return { snapshot };
    },
    onError: (error, ids, context) => {
      for (const [key, data] of context?.snapshot ?? []) client.setQueryData(key, data);
      toast({
        id: "trash",
        kind: "error",
        title: `Couldn't move ${formatCountOf(ids.length, "item")} to trash`,
        message: errorMessage(error),
      });
    },
    onSuccess: (_data, ids) => {
      toast({
        id: "trash",
        kind: "success",
        title: `Moved ${formatCount(ids.length)} to trash`,
        duration: 8000,
        action: { label: "Undo", onClick: () => void undoTrash(client, ids) },
      });
    },
    onSettled: () => client.invalidateQueries({ queryKey: assetQueries.all() }),
  };
}

export function useTrashAssets() {
  const client = useQueryClient();
  return useMutation(trashAssetsMutation(client));
}
