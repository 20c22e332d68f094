/**
 * The Trash (`/trash`): trashed assets, most recently trashed first (the
 * server orders `state=trashed` by trash time), 200 a page. Each can be
 * restored or deleted permanently; "Empty trash" deletes them all, files
 * included, after a confirmation.
 */
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "wouter";
import { errorMessage } from "../../api/client";
import { assetQueries } from "../../api/list-assets";
import type { Asset } from "../../api/schemas";
import { deleteAssets, emptyTrash, restoreAssets } from "../../api/trash-assets";
import { Button } from "../../components/ui/button";
import { toast } from "../../components/ui/toast";
import { formatCount } from "../../lib/format";
import { ConfirmDialog } from "./confirm-dialog";

type Confirm = { kind: "empty" } | { kind: "delete"; assets: Asset[] } | null;

/**
 * `retentionDays`: how long the server keeps trashed items, when it says so
 * (the local server does; a hosted library's own rule is not known here).
 */
export function TrashPage({ retentionDays }: { retentionDays?: number }) {
  const client = useQueryClient();
  const list = useInfiniteQuery(assetQueries.list({ state: "trashed" }));
  const assets = list.data?.pages.flatMap((p) => p.data) ?? [];
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  // Only what is still in the trash stays picked.
  const selected = assets.filter((a) => picked.has(a.id));
  const togglePicked = (id: string) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const settle = () => client.invalidateQueries({ queryKey: assetQueries.all() });
  const restore = useMutation({
    mutationFn: (ids: string[]) => restoreAssets(ids),
    onSuccess: (_, ids) => toast({ kind: "success", title: `Restored ${formatCount(ids.length)}` }),
    onError: (error) => toast({ kind: "error", title: "Couldn't restore", message: errorMessage(error) }),
    onSettled: settle,
  });
  const remove = useMutation({
    mutationFn: (ids: string[]) => deleteAssets(ids),
    onSuccess: (_, ids) => toast({ kind: "success", title: `Deleted ${formatCount(ids.length)} permanently` }),
    onError: (error) => toast({ kind: "error", title: "Couldn't delete", message: errorMessage(error) }),
    onSettled: settle,
  });
  const empty = useMutation({
    mutationFn: () => emptyTrash(),
    onSuccess: () => toast({ kind: "success", title: "Trash emptied" }),
    onError: (error) => toast({ kind: "error", title: "Couldn't empty the trash", message: errorMessage(error) }),
    onSettled: settle,
  });

  return (
    <section aria-labelledby="trash-title" className="mx-auto max-w-screen-2xl px-4 py-5 sm:px-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Link href="/" className="text-sm text-emerald-800 hover:underline dark:text-emerald-400">
            ← Library
          </Link>
          <h1 id="trash-title" className="text-xl font-semibold tracking-tight">
            Trash
          </h1>
          <p className="text-sm text-neutral-600 dark:text-neutral-400">
            {retentionDays === undefined
              ? "Items in the trash can be restored until they are deleted for good."
              : `Items in the trash are deleted for good after ${retentionDays} ${retentionDays === 1 ? "day" : "days"}.`}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {selected.length > 0 && (
            <>
              <span className="text-sm font-medium tabular-nums">{selected.length} selected</span>
              <Button
                disabled={restore.isPending}
                onClick={() =>
                  restore.mutate(
                    selected.map((a) => a.id),
                    { onSuccess: () => setPicked(new Set()) },
                  )
                }
              >
                Restore selected
              </Button>
              <Button onClick={() => setConfirm({ kind: "delete", assets: selected })}>
                Delete selected permanently
              </Button>
            </>
          )}
          <Button disabled={assets.length === 0 || empty.isPending} onClick={() => setConfirm({ kind: "empty" })}>
            Empty trash
          </Button>
        </div>
      </div>

      {list.status === "pending" && <p className="mt-6 text-sm text-neutral-500">Loading…</p>}
      {list.status === "error" && (
        <div role="alert" className="mt-6 flex items-center gap-3 text-sm text-red-700 dark:text-red-400">
          Couldn't load the trash: {errorMessage(list.error)}
          <Button size="sm" onClick={() => void list.refetch()}>
            Retry
          </Button>
        </div>
      )}
      {list.status === "success" && assets.length === 0 && (
        <p className="mt-10 text-center text-neutral-600 dark:text-neutral-400">The trash is empty.</p>
      )}

      <ul aria-label="Trashed items" className="mt-5 grid grid-cols-[repeat(auto-fill,minmax(10rem,1fr))] gap-3">
        {assets.map((asset) => (
          <li
            key={asset.id}
            data-asset-id={asset.id}
            aria-label={asset.original_file_name}
            className="overflow-hidden rounded-lg border border-neutral-200 bg-white dark:border-neutral-800 dark:bg-neutral-900"
          >
            <div className="relative aspect-square bg-neutral-200 dark:bg-neutral-800">
              <input
                type="checkbox"
                aria-label={`Select ${asset.original_file_name}`}
                checked={picked.has(asset.id)}
                onChange={() => togglePicked(asset.id)}
                className="absolute top-2 left-2 z-10 size-5 accent-emerald-600"
              />
              {asset.asset_urls?.thumbnail?.url && (
                <img
                  src={asset.asset_urls.thumbnail.url}
                  alt=""
                  loading="lazy"
                  className="size-full object-cover opacity-80"
                />
              )}
            </div>
            <div className="p-2">
              <p className="truncate text-xs font-medium" title={asset.original_file_name}>
                {asset.original_file_name}
              </p>
              <div className="mt-1.5 flex flex-wrap gap-1">
                <Button size="sm" disabled={restore.isPending} onClick={() => restore.mutate([asset.id])}>
                  Restore
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Delete ${asset.original_file_name} permanently`}
                  onClick={() => setConfirm({ kind: "delete", assets: [asset] })}
                >
                  Delete permanently
                </Button>
              </div>
            </div>
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <div className="mt-5 flex justify-center">
          <Button disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            Load more
          </Button>
        </div>
      )}

      {confirm?.kind === "empty" && (
        <ConfirmDialog
          title="Empty the trash?"
          message="Every item in the trash, and its files, will be deleted permanently. This cannot be undone."
          confirmLabel="Empty trash"
          busy={empty.isPending}
          onCancel={() => setConfirm(null)}
          onConfirm={() => empty.mutate(undefined, { onSettled: () => setConfirm(null) })}
        />
      )}
      {confirm?.kind === "delete" && (
        <ConfirmDialog
          title="Delete permanently?"
          message={`${confirm.assets.length === 1 ? confirm.assets[0].original_file_name : `${formatCount(confirm.assets.length)} items`} and their files will be deleted. This cannot be undone.`}
          confirmLabel="Delete permanently"
          busy={remove.isPending}
          onCancel={() => setConfirm(null)}
          onConfirm={() =>
            remove.mutate(
              confirm.assets.map((a) => a.id),
              { onSettled: () => setConfirm(null) },
            )
          }
        />
      )}
    </section>
  );
}
