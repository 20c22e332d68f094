import { useInfiniteQuery } from "@tanstack/react-query";
import { type ReactNode, useMemo } from "react";
import { assetQueries } from "../../api/list-assets";
import type { Asset, AssetPage } from "../../api/schemas";
import { AssetGrid } from "./asset-grid";
import { isAssetPending } from "./asset-state";
import { EmptyLibrary, LibraryError, LibrarySkeleton } from "./library-states";

/** While any loaded asset is still being processed, the list is refetched this often. */
const PENDING_POLL_MS = 1000;

function anyPending(pages: readonly AssetPage[] | undefined): boolean {
  return pages?.some((page) => page.data.some(isAssetPending)) ?? false;
}

export function LibraryPage() {
  const query = useInfiniteQuery({
    ...assetQueries.list(),
    refetchInterval: (q) => (anyPending(q.state.data?.pages) ? PENDING_POLL_MS : false),
  });

  const assets = useMemo(() => {
    // Pages are cursor-based, but an upload between two page loads can repeat
    // an asset at a page boundary; React keys must stay unique.
    const seen = new Set<string>();
    const list: Asset[] = [];
    for (const page of query.data?.pages ?? []) {
      for (const asset of page.data) {
        if (!seen.has(asset.id)) {
          seen.add(asset.id);
          list.push(asset);
        }
      }
    }
    return list;
  }, [query.data]);

  let body: ReactNode;
  if (query.isPending) {
    body = <LibrarySkeleton />;
  } else if (query.isError && query.data === undefined) {
    body = <LibraryError error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  } else if (assets.length === 0) {
    body = <EmptyLibrary />;
  } else {
    body = (
      <AssetGrid
        assets={assets}
        hasMore={query.hasNextPage}
        isLoadingMore={query.isFetchingNextPage}
        loadMoreError={query.isFetchNextPageError ? query.error.message : null}
        onLoadMore={() => {
          if (!query.isFetchingNextPage) void query.fetchNextPage();
        }}
      />
    );
  }

  const count = assets.length;
  return (
    <section aria-labelledby="library-heading" aria-busy={query.isPending}>
      <div className="mb-4 flex items-baseline justify-between gap-4">
        <h1 id="library-heading" className="text-xl font-semibold tracking-tight">
          Library
        </h1>
        {count > 0 && (
          <p className="text-sm text-neutral-500 dark:text-neutral-400">
            {count.toLocaleString()}
            {query.hasNextPage ? "+" : ""} {count === 1 ? "item" : "items"}, newest first
          </p>
        )}
      </div>
      {body}
    </section>
  );
}
