/**
 * `/asset/<id>`: the photo over a dark backdrop with the details drawer
 * beside it (below it on narrow screens).
 *
 * - A modal dialog (`role="dialog"`, `aria-modal`, labelled by the file name)
 *   rendered into <body>; the app behind it is `inert`, so focus and screen
 *   readers stay inside. Focus returns to the asset's tile on close.
 * - Keys: Esc closes (a field being edited takes Esc to restore itself, a
 *   zoomed photo to zoom out); ← / → go to the newer / older asset; 0–5 rate;
 *   none of these while typing in a field.
 * - Closing goes back in history when the viewer was opened from the
 *   library, and to `/` for a deep link; ← / → replace the entry, so Back
 *   always closes.
 * - While the detail loads, a tile's cached copy (thumbhash, name, date) shows
 *   at once; editing waits for the full detail.
 */
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type CSSProperties,
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { createPortal } from "react-dom";
import { useLocation } from "wouter";
import { holdsAsset, mapCachedAsset } from "../../api/asset-cache";
import { ApiError } from "../../api/client";
import { assetQueries } from "../../api/list-assets";
import type { Asset, UpdateAssetBody } from "../../api/schemas";
import { buildUpdateBody } from "../../api/update-asset";
import { Button, focusRing } from "../../components/ui/button";
import { cx } from "../../components/ui/cx";
import { BrokenImageIcon, CloseIcon, RetryIcon } from "../../components/ui/icons";
import { whenIdle } from "../../lib/idle";
import { isTypingTarget } from "../../lib/typing-target";
import { isVideoAsset, PhotoStage } from "./photo-stage";
import { type Direction, viewerQueries } from "./queries";
import { commitNow, useUpdateAsset } from "./use-update-asset";
import { ChevronLeftIcon, ChevronRightIcon, ZoomInIcon, ZoomOutIcon } from "./viewer-icons";

/**
 * The drawer (editors, datetime and coordinate parsing, react-hook-form) is
 * its own chunk, kept out of the app's initial JavaScript and fetched when the
 * browser is idle, so the first open does not wait for it.
 */
const loadDrawer = () => import("./asset-drawer");
const AssetDrawer = lazy(() => loadDrawer().then((m) => ({ default: m.AssetDrawer })));
if (typeof window !== "undefined") whenIdle(() => void loadDrawer().catch(() => undefined), { fallbackMs: 2000 });

/**
 * Whether the page was loaded at `/asset/…` (a shared link, a reload): then
 * there is no library entry behind the viewer in history, and closing must
 * navigate to `/` instead of going back. Cleared by the first close.
 */
let openedByDeepLink = typeof window !== "undefined" && window.location.pathname.startsWith("/asset/");

/** A lean copy of the asset from any cached list (timeline segment, library page), shown while the detail loads. */
function cachedCopy(client: QueryClient, id: string): Asset | undefined {
  for (const query of client.getQueryCache().findAll({ queryKey: assetQueries.all() })) {
    const data = query.state.data;
    if (!holdsAsset(data, id)) continue;
    let found: Asset | undefined;
    mapCachedAsset(data, id, (asset) => {
      found = asset;
      return asset;
    });
    if (found) return found;
  }
  return undefined;
}

const PENDING_POLL_MS = 1000;

export function AssetViewer({ id }: { id: string }) {
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);

  const query = useQuery({
    ...viewerQueries.detail(id),
    placeholderData: () => cachedCopy(client, id),
    refetchInterval: (q) => (q.state.data?.processing_state === "pending" ? PENDING_POLL_MS : false),
  });
  const older = useQuery(viewerQueries.adjacent(id, "older"));
  const newer = useQuery(viewerQueries.adjacent(id, "newer"));
  const asset = query.data;
  const complete = asset !== undefined && !query.isPlaceholderData && asset.metadata !== null;

  const mutation = useUpdateAsset(id);
  const { mutateAsync } = mutation;
  const save = useCallback((body: UpdateAssetBody) => commitNow(() => mutateAsync(body)), [mutateAsync]);

  // Per-asset UI state, reset when ←/→ moves to another asset.
  const [zoom, setZoom] = useState({ id, on: false });
  const zoomed = zoom.id === id && zoom.on;
  const setZoomed = useCallback((on: boolean) => setZoom({ id, on }), [id]);
  const [failedRating, setFailedRating] = useState<{ id: string; value: number } | null>(null);

  const currentRating = asset?.metadata?.rating ?? 0;
  const rate = useCallback(
    (value: number) => {
      if (!complete) return;
      setFailedRating(null);
      save(buildUpdateBody({ rating: value })).catch(() => setFailedRating({ id, value }));
    },
    [complete, save, id],
  );

  const close = useCallback(() => {
    if (openedByDeepLink) {
      openedByDeepLink = false;
      navigate("/", { replace: true });
    } else {
      window.history.back();
    }
  }, [navigate]);

  const go = useCallback(
    (direction: Direction) => {
      const target = direction === "older" ? older.data : newer.data;
      // Replace, so Back still closes the viewer; the query (the timeline's `?at=`) rides along.
      if (target) navigate(`/asset/${encodeURIComponent(target)}${window.location.search}`, { replace: true });
    },
    [older.data, newer.data, navigate],
  );

  // Make the app behind inert while open; give focus back to the tile (of the asset last shown) on close.
  const lastId = useRef(id);
  lastId.current = id;
  useLayoutEffect(() => {
    const root = document.getElementById("root");
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const previousTitle = document.title;
    root?.setAttribute("inert", "");
    dialogRef.current?.focus({ preventScroll: true });
    return () => {
      root?.removeAttribute("inert");
      document.title = previousTitle;
      const tile = document.querySelector<HTMLElement>(`[data-asset-id="${CSS.escape(lastId.current)}"]`);
      (tile ?? previouslyFocused)?.focus({ preventScroll: false });
    };
  }, []);

  useEffect(() => {
    if (asset) document.title = `${asset.original_file_name} — Gumleaf`;
  }, [asset]);

  // Warm the neighbours: their detail and their preview image, so ←/→ is instant.
  useEffect(() => {
    for (const neighbour of [older.data, newer.data]) {
      if (!neighbour) continue;
      void client
        .prefetchQuery(viewerQueries.detail(neighbour))
        .then(() => {
          const next = client.getQueryData<Asset>(viewerQueries.detail(neighbour).queryKey);
          const url = next?.asset_urls?.preview?.url;
          if (url && next?.processing_state !== "failed") new Image().src = url;
        })
        .catch(() => undefined);
    }
  }, [client, older.data, newer.data]);

  // Keyboard: registered on window so it works wherever focus is inside the dialog.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const modified = e.altKey || e.ctrlKey || e.metaKey;
      if (e.key === "Escape") {
        e.preventDefault();
        if (zoomed) setZoomed(false);
        else close();
        return;
      }
      if (modified || isTypingTarget(e.target)) return;
      const target = e.target instanceof Element ? e.target : null;
      if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
        // The map pans and the zoomed photo scrolls with the arrows; the rating group moves its stars.
        if (zoomed || target?.closest(".maplibregl-map, [role='radiogroup']")) return;
        e.preventDefault();
        go(e.key === "ArrowLeft" ? "newer" : "older");
        return;
      }
      if (/^[0-5]$/.test(e.key) && !e.shiftKey) {
        e.preventDefault();
        rate(Number(e.key));
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [zoomed, setZoomed, close, go, rate]);

  const notFound = query.error instanceof ApiError && query.error.status === 404;

  return createPortal(
    <div
      ref={dialogRef}
      role="dialog"
      aria-modal="true"
      aria-labelledby={asset ? titleId : `${titleId}-status`}
      tabIndex={-1}
      data-asset-viewer={id}
      className="fixed inset-0 z-50 flex flex-col overflow-y-auto bg-neutral-950 outline-none lg:flex-row lg:overflow-hidden"
    >
      <div
        className="relative h-(--stage-height) shrink-0 overflow-hidden bg-black lg:h-auto lg:min-w-0 lg:flex-1"
        // Stacked (narrow screens): as tall as the photo at full width, within 12rem–62% of the screen.
        style={
          {
            "--stage-height":
              asset && asset.width > 0 && asset.height > 0
                ? `clamp(12rem, ${((100 * asset.height) / asset.width).toFixed(2)}vw, 62dvh)`
                : "62dvh",
          } as CSSProperties
        }
      >
        {asset && !notFound && <PhotoStage key={asset.id} asset={asset} zoomed={zoomed} onZoomChange={setZoomed} />}
        {!asset && query.isPending && (
          <div role="status" className="flex h-full items-center justify-center text-sm text-neutral-400">
            <span id={`${titleId}-status`}>Loading photo…</span>
          </div>
        )}
        {notFound && (
          <div role="alert" className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center">
            <BrokenImageIcon className="size-12 text-neutral-500" />
            <p id={`${titleId}-status`} className="text-lg font-medium text-white">
              This asset no longer exists
            </p>
            <p className="max-w-sm text-sm text-neutral-400">It may have been deleted, or the link is wrong.</p>
            <Button variant="primary" onClick={close}>
              Back to the library
            </Button>
          </div>
        )}
        {query.isError && !notFound && !asset && (
          <div role="alert" className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center">
            <p id={`${titleId}-status`} className="text-lg font-medium text-white">
              Couldn't load this photo
            </p>
            <p className="max-w-sm text-sm text-neutral-400">{query.error.message}</p>
            <Button onClick={() => void query.refetch()} disabled={query.isFetching}>
              <RetryIcon className={query.isFetching ? "animate-spin" : undefined} />
              Try again
            </Button>
          </div>
        )}

        <div className="pointer-events-none absolute inset-x-0 top-0 flex items-center justify-between bg-gradient-to-b from-black/60 to-transparent p-2 sm:p-3">
          <StageButton label="Close" onClick={close}>
            <CloseIcon className="size-5" />
          </StageButton>
          {asset && !isVideoAsset(asset) && asset.processing_state !== "failed" && (
            <StageButton
              label={zoomed ? "Fit to screen" : "Show full size"}
              pressed={zoomed}
              onClick={() => setZoomed(!zoomed)}
            >
              {zoomed ? <ZoomOutIcon className="size-5" /> : <ZoomInIcon className="size-5" />}
            </StageButton>
          )}
        </div>
        {!zoomed && (
          <>
            <StageButton
              label="Previous (newer)"
              onClick={() => go("newer")}
              disabled={!newer.data}
              className="absolute top-1/2 left-2 -translate-y-1/2 sm:left-3"
            >
              <ChevronLeftIcon className="size-6" />
            </StageButton>
            <StageButton
              label="Next (older)"
              onClick={() => go("older")}
              disabled={!older.data}
              className="absolute top-1/2 right-2 -translate-y-1/2 sm:right-3"
            >
              <ChevronRightIcon className="size-6" />
            </StageButton>
          </>
        )}
      </div>

      <aside
        aria-label="Details"
        className="shrink-0 bg-white text-neutral-900 lg:w-[400px] lg:overflow-y-auto lg:border-l lg:border-neutral-200 dark:bg-neutral-900 dark:text-neutral-100 dark:lg:border-neutral-800"
      >
        {asset && !notFound && query.isError && !complete ? (
          // Only a tile's copy is known and the detail failed: say so here, keep the photo.
          <div role="alert" className="space-y-3 p-5 text-sm">
            <p className="font-medium">Couldn't load the details</p>
            <p className="text-neutral-600 dark:text-neutral-400">{query.error.message}</p>
            <Button size="sm" onClick={() => void query.refetch()} disabled={query.isFetching}>
              <RetryIcon className={query.isFetching ? "animate-spin" : undefined} />
              Try again
            </Button>
          </div>
        ) : asset && !notFound ? (
          <Suspense fallback={<DrawerSkeleton />}>
            <AssetDrawer
              asset={asset}
              titleId={titleId}
              complete={complete}
              save={save}
              rating={{
                value: currentRating,
                failed: failedRating?.id === id ? failedRating.value : null,
                onRate: rate,
                onRetry: () => failedRating && rate(failedRating.value),
              }}
            />
          </Suspense>
        ) : (
          <div className="p-5 text-sm text-neutral-500">{notFound ? "" : "Loading details…"}</div>
        )}
      </aside>
    </div>,
    document.body,
  );
}

function DrawerSkeleton() {
  return (
    <div role="status" className="space-y-3 p-5">
      <span className="sr-only">Loading details…</span>
      {[0, 1, 2, 3, 4].map((i) => (
        <div key={i} aria-hidden="true" className="h-10 animate-pulse rounded-lg bg-neutral-100 dark:bg-neutral-800" />
      ))}
    </div>
  );
}

function StageButton({
  label,
  onClick,
  children,
  disabled,
  pressed,
  className,
}: {
  label: string;
  onClick: () => void;
  children: React.ReactNode;
  disabled?: boolean;
  pressed?: boolean;
  className?: string;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      onClick={onClick}
      disabled={disabled}
      className={cx(
        "pointer-events-auto flex size-10 cursor-pointer items-center justify-center rounded-full bg-black/45 text-white backdrop-blur-sm transition hover:bg-black/70 disabled:pointer-events-none disabled:opacity-0",
        focusRing,
        "focus-visible:ring-offset-black",
        className,
      )}
    >
      {children}
    </button>
  );
}
