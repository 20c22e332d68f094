import { useQuery } from "@tanstack/react-query";
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { Asset } from "../../api/schemas";
import { cx } from "../../components/ui/cx";
import { BrokenImageIcon, CheckIcon, PlayIcon } from "../../components/ui/icons";
import { formatCaptureLabel, formatDuration } from "../../lib/format";
import { createThrottledBatch } from "../../lib/throttled-batch";
import { isAssetFailed, isAssetPending, isPanorama, isVideo, smallVariant, thumbnailVariant } from "./asset-state";
import { gridIsStill } from "./grid-motion";
import { averageColor, usePlaceholder } from "./placeholders";
import { assetVariantsQueryOptions } from "./segment-queries";
import { type TileGesture, useTileSelection, useTimelineInteraction } from "./timeline-interaction";

/**
 * A thumbnail that fails is tried once more, later, with the newest URL (its
 * signature may have expired and been renewed by a refetch). An <img> cannot
 * tell a 404 from a network error, and a missing file will not come back.
 */
const IMAGE_RETRIES = 1;
const IMAGE_RETRY_MS = 2000;

/**
 * The focus ring is drawn by an ::after layer: an outline would be painted
 * under the absolutely positioned thumbnail. Emerald with a white inner edge,
 * visible on any photo. `contain: strict`: a tile's size never depends on its
 * content, so style, layout and paint work stays inside the tile.
 */
const tileClasses =
  "relative block size-full overflow-hidden [contain:strict] bg-neutral-200 bg-cover bg-center outline-none dark:bg-neutral-800 after:pointer-events-none after:absolute after:inset-0 focus-visible:after:shadow-[inset_0_0_0_3px_var(--color-emerald-500),inset_0_0_0_5px_white] dark:focus-visible:after:shadow-[inset_0_0_0_3px_var(--color-emerald-400),inset_0_0_0_5px_var(--color-neutral-950)]";

const labels = new WeakMap<Asset, string>();

/** "IMG_0001.JPG, 4 Jul 2024, 14:03 +02:00, video, 0:15" (cached per asset object). */
export function tileLabel(asset: Asset): string {
  const cached = labels.get(asset);
  if (cached !== undefined) return cached;
  const parts = [asset.original_file_name, formatCaptureLabel(asset.local_datetime)];
  if (isVideo(asset)) parts.push(asset.duration !== null ? `video, ${formatDuration(asset.duration)}` : "video");
  if (isAssetFailed(asset)) parts.push("can't display this file");
  const label = parts.join(", ");
  labels.set(asset, label);
  return label;
}

interface TileProps {
  asset: Asset | undefined;
  /** Global index of the tile (0 = newest asset). */
  index: number;
  /** The one tile of the grid that Tab reaches (roving tabindex). */
  tabbable: boolean;
  /** The grid is flying past: start no thumbnail request and no placeholder decode. */
  defer: boolean;
  /** Off screen beyond the image margin: the placeholder shows, the thumbnail is not asked for yet. */
  far: boolean;
  /** A click (with how it was made: a selection gesture does not open the asset). */
  onOpen: (asset: Asset, index: number, gesture?: TileGesture) => void;
}

/**
 * One square of the grid: a button that opens the asset. Before the asset's
 * page has loaded it is an empty (but focusable) square; then it shows the
 * ThumbHash at once and fades the thumbnail in over it.
 */
export const AssetTile = memo(function AssetTile({ asset, index, tabbable, defer, far, onOpen }: TileProps) {
  // One element for both states: the button keeps its focus when the asset's page arrives.
  const failed = asset !== undefined && isAssetFailed(asset);
  const hash = asset?.thumbhash && !failed ? asset.thumbhash : null;
  const placeholder = usePlaceholder(hash, defer);
  const selectable = useTimelineInteraction() !== null;
  const { selected, selecting } = useTileSelection(asset?.id);
  // The check mark exists only when it can be seen: three fewer elements per tile while scrolling.
  const [hovered, setHovered] = useState(false);
  // Elements are recycled as the grid moves: a focused one that now shows another tile lets go of the focus.
  const button = useRef<HTMLButtonElement>(null);
  const shownIndex = useRef(index);
  useLayoutEffect(() => {
    if (shownIndex.current === index) return;
    shownIndex.current = index;
    if (button.current && button.current === document.activeElement) button.current.blur();
  }, [index]);
  if (asset === undefined) {
    return (
      <button
        ref={button}
        type="button"
        data-index={index}
        tabIndex={tabbable ? 0 : -1}
        aria-label="Loading photo"
        aria-disabled="true"
        className={cx(tileClasses, "cursor-default bg-neutral-100 dark:bg-neutral-900")}
      />
    );
  }
  return (
    <button
      ref={button}
      type="button"
      data-index={index}
      data-asset-id={asset.id}
      tabIndex={tabbable ? 0 : -1}
      aria-label={tileLabel(asset)}
      aria-pressed={selecting ? selected : undefined}
      data-selected={selected ? "" : undefined}
      onClick={(event) =>
        onOpen(asset, index, {
          shift: event.shiftKey,
          toggle: event.ctrlKey || event.metaKey,
          check: (event.target as HTMLElement).closest("[data-select-check]") !== null,
        })
      }
      onPointerEnter={selectable ? () => setHovered(true) : undefined}
      onPointerLeave={selectable ? () => setHovered(false) : undefined}
      className={cx(tileClasses, "cursor-pointer")}
      style={{
        backgroundColor: hash ? (averageColor(hash) ?? undefined) : undefined,
        backgroundImage: placeholder ? `url("${placeholder}")` : undefined,
      }}
    >
      {failed ? (
        <FailedBody />
      ) : (
        <Thumbnail
          key={asset.id}
          asset={asset}
          pending={isAssetPending(asset)}
          hasPlaceholder={hash !== null}
          defer={defer || far}
        />
      )}
      {isVideo(asset) && !failed && (
        <span
          aria-hidden="true"
          className="pointer-events-none absolute top-1.5 right-1.5 flex items-center gap-1 rounded bg-black/55 px-1.5 py-0.5 text-[11px] font-medium text-white tabular-nums"
        >
          <PlayIcon className="size-3" />
          {asset.duration !== null && formatDuration(asset.duration)}
        </span>
      )}
      {selected && (
        <span
          aria-hidden="true"
          className="pointer-events-none absolute inset-0 bg-emerald-500/20 shadow-[inset_0_0_0_3px_var(--color-emerald-500)]"
        />
      )}
      {selectable && (selected || selecting || hovered) && (
        <span
          aria-hidden="true"
          data-select-check=""
          className={cx(
            "absolute top-1.5 left-1.5 flex size-6 items-center justify-center rounded-full border-2 border-white shadow",
            selected ? "bg-emerald-600" : "bg-black/25 hover:bg-black/45",
          )}
        >
          <CheckIcon className={cx("size-4 text-white", !selected && "opacity-70")} />
        </span>
      )}
    </button>
  );
});

function FailedBody() {
  return (
    <span className="flex size-full flex-col items-center justify-center gap-1 border border-dashed border-neutral-300 p-2 text-center dark:border-neutral-700">
      <BrokenImageIcon className="size-6 text-neutral-500 dark:text-neutral-400" />
      <span className="text-[11px] leading-tight font-medium text-neutral-700 dark:text-neutral-300">
        Can't display this file
      </span>
    </span>
  );
}

function Thumbnail({
  asset,
  pending,
  hasPlaceholder,
  defer,
}: {
  asset: Asset;
  pending: boolean;
  hasPlaceholder: boolean;
  defer: boolean;
}) {
  if (pending) {
    // The server is still making the thumbnail (its URL would answer 404); the page is polled meanwhile.
    return hasPlaceholder ? null : (
      <span aria-hidden="true" className="absolute inset-0 animate-pulse bg-neutral-300/60 dark:bg-neutral-700/60" />
    );
  }
  if (isPanorama(asset)) return <PanoramaImage asset={asset} defer={defer} />;
  const url = thumbnailVariant(asset)?.url;
  return url ? <TileImage url={url} alt={asset.original_file_name} defer={defer} /> : null;
}

/** The lean list only carries the `thumbnail` rung; a panorama asks once for its `small` rung, sharper when cropped. */
function PanoramaImage({ asset, defer }: { asset: Asset; defer: boolean }) {
  const variants = useQuery({ ...assetVariantsQueryOptions(asset.id), enabled: !defer });
  if (variants.isPending) return null;
  const url = (variants.data ? smallVariant(variants.data) : null)?.url ?? thumbnailVariant(asset)?.url;
  return url ? <TileImage url={url} alt={asset.original_file_name} defer={defer} /> : null;
}

const FADE_MS = 200;
const reducedMotion = typeof matchMedia === "function" ? matchMedia("(prefers-reduced-motion: reduce)") : null;

/**
 * Fades a thumbnail in with the Web Animations API rather than a CSS
 * transition: a transition fires transitionrun, transitionstart and
 * transitionend, each dispatched through React's root listener, three per
 * thumbnail. Traced after a jump: 165 such events, about 30 ms of main
 * thread. An animation fires none, and the browser composites it the same.
 */
function fadeIn(img: HTMLImageElement): void {
  if (reducedMotion?.matches || typeof img.animate !== "function") return;
  img.animate([{ opacity: 0 }, { opacity: 1 }], { duration: FADE_MS, easing: "ease-out" });
}

/**
 * Thumbnails shown at once (the grid moving, see grid-motion.ts) go up
 * together, at most one batch per REVEAL_EVERY_MS. After a jump some fifty
 * arrive over a few hundred milliseconds; shown as each came, nearly every
 * frame changed the grid again, and without a GPU the browser rasterizes the
 * changed screen before it can draw another frame. The first of a burst still
 * goes at once.
 */
const REVEAL_EVERY_MS = 100;
const reveals = createThrottledBatch<HTMLImageElement>(REVEAL_EVERY_MS, (images) => {
  for (const img of images) if (img.isConnected) img.dataset.shown = "now";
});

/**
 * The thumbnail over the placeholder once it has loaded: faded in when the
 * grid is still, shown at once while it moves (see grid-motion.ts). Rendered
 * only while the tile is in the virtual window; leaving it cancels the request.
 *
 * "Loaded" is marked on the element itself (`data-shown`), not in React state:
 * after a jump some sixty thumbnails arrive within a few frames, and a render
 * and commit for each one cost frames.
 */
function TileImage({ url, alt, defer }: { url: string; alt: string; defer: boolean }) {
  const loaded = useRef(false);
  const [failures, setFailures] = useState(0);
  const [src, setSrc] = useState(url);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latestUrl = useRef(url);
  latestUrl.current = url;
  useEffect(() => () => clearTimeout(retryTimer.current), []);

  // Stable, so that React does not detach and re-attach it on every render.
  const imageRef = useCallback((img: HTMLImageElement | null) => {
    if (!img) return;
    // A cached image can finish before the load event is listened to. It is painted with its
    // tile, in the same frame: no batch.
    if (img.complete && img.naturalWidth > 0) {
      loaded.current = true;
      img.dataset.shown = "now";
    }
    // A plain listener, not React's onLoad: after a jump some sixty of these run within a few
    // frames, and React's event dispatch for each cost more than the handler itself.
    const onLoad = () => {
      if (loaded.current) return;
      loaded.current = true;
      if (gridIsStill()) {
        img.dataset.shown = "fade";
        fadeIn(img);
      } else reveals.add(img);
    };
    img.addEventListener("load", onLoad);
    return () => {
      img.removeEventListener("load", onLoad);
      // A tile that leaves the screen before its thumbnail arrived cancels the request. One that
      // has its thumbnail is left alone: after a jump a whole screen of them goes at once, and
      // clearing each one's src cost ~8 ms of that click's task (traced) for nothing.
      if (!img.complete) img.removeAttribute("src");
    };
  }, []);

  // A fling starts no request, and drops the ones not finished yet; what has loaded stays.
  if (defer && !loaded.current) return null;
  if (failures > IMAGE_RETRIES) {
    return (
      <span className="absolute right-1 bottom-1 rounded bg-black/45 p-0.5 text-white">
        <BrokenImageIcon aria-hidden="true" className="size-3.5" />
        <span className="sr-only">Thumbnail not available</span>
      </span>
    );
  }
  return (
    <img
      key={failures}
      ref={imageRef}
      src={src}
      alt={alt}
      decoding="async"
      draggable={false}
      onError={() => {
        const attempt = failures + 1;
        if (attempt > IMAGE_RETRIES) {
          setFailures(attempt);
          return;
        }
        // The signed URL may have been renewed by a refetch meanwhile.
        retryTimer.current = setTimeout(() => {
          setSrc(latestUrl.current);
          setFailures(attempt);
        }, IMAGE_RETRY_MS * attempt);
      }}
      className="absolute inset-0 size-full object-cover opacity-0 data-shown:opacity-100"
    />
  );
}
