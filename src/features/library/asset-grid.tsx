import type { Asset } from "../../api/schemas";
import { Button } from "../../components/ui/button";
import { AssetTile } from "./asset-tile";
import { useLoadMore } from "./use-load-more";

export const gridClasses = "grid grid-cols-[repeat(auto-fill,minmax(8.5rem,1fr))] gap-1 sm:gap-1.5";

interface AssetGridProps {
  assets: readonly Asset[];
  hasMore: boolean;
  isLoadingMore: boolean;
  loadMoreError: string | null;
  onLoadMore: () => void;
}

export function AssetGrid({ assets, hasMore, isLoadingMore, loadMoreError, onLoadMore }: AssetGridProps) {
  // Stop observing while a page is loading or after a failure, so a broken
  // server is not asked again and again; the button retries on demand.
  const sentinel = useLoadMore<HTMLDivElement>(onLoadMore, hasMore && !isLoadingMore && loadMoreError === null);

  return (
    <>
      {/* biome-ignore lint/a11y/noRedundantRoles: Safari drops list semantics from a list styled without markers. */}
      <ul role="list" aria-label="Library" className={gridClasses}>
        {assets.map((asset) => (
          <AssetTile key={asset.id} asset={asset} />
        ))}
      </ul>
      {hasMore && (
        <div ref={sentinel} className="flex flex-col items-center gap-2 py-8">
          {loadMoreError !== null && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              Couldn't load more photos: {loadMoreError}
            </p>
          )}
          <Button onClick={onLoadMore} disabled={isLoadingMore} aria-busy={isLoadingMore}>
            {isLoadingMore ? "Loading more…" : loadMoreError !== null ? "Try again" : "Load more"}
          </Button>
        </div>
      )}
    </>
  );
}
