import { useEffect, useRef, useState } from "react";
import type { Asset } from "../../api/schemas";
import { focusRing } from "../../components/ui/button";
import { cx } from "../../components/ui/cx";
import { BrokenImageIcon, PlayIcon } from "../../components/ui/icons";
import { isAssetFailed, isAssetPending, isVideo, thumbnailVariant } from "./asset-state";
import { formatCaptureLabel, formatDuration } from "../../lib/format";
import { thumbhashDataUrl } from "../../lib/thumbhash";

/** How often a thumbnail that failed to load is tried again before the tile gives up. */
const IMAGE_RETRIES = 3;

export function AssetTile({ asset }: { asset: Asset }) {
  const dateLabel = formatCaptureLabel(asset.local_datetime);
  const failed = isAssetFailed(asset);

  return (
    <li
      data-asset-id={asset.id}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: tiles are keyboard stops so each photo can be reached and announced; the asset viewer will give them an action.
      tabIndex={0}
      aria-label={`${asset.original_file_name}, ${dateLabel}${failed ? ", can't display this file" : ""}`}
      className={cx(
        "group relative aspect-square overflow-hidden rounded-md bg-neutral-200 dark:bg-neutral-800",
        focusRing,
      )}
    >
      {failed ? <FailedTileBody name={asset.original_file_name} /> : <Thumbnail asset={asset} />}
      {!failed && (
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-x-0 bottom-0 bg-gradient-to-t from-black/65 to-transparent px-2 pt-6 pb-1.5 text-xs text-white opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100 pointer-coarse:opacity-100"
        >
          {dateLabel}
        </div>
      )}
      {isVideo(asset) && !failed && (
        <div
          aria-hidden="true"
          className="pointer-events-none absolute top-1.5 right-1.5 flex items-center gap-1 rounded bg-black/55 px-1.5 py-0.5 text-[11px] font-medium text-white"
        >
          <PlayIcon className="size-3" />
          {asset.duration !== null && formatDuration(asset.duration)}
        </div>
      )}
    </li>
  );
}

function FailedTileBody({ name }: { name: string }) {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-1.5 border border-dashed border-neutral-300 p-3 text-center dark:border-neutral-700">
      <BrokenImageIcon className="size-7 text-neutral-500 dark:text-neutral-400" />
      <p className="text-xs font-medium text-neutral-700 dark:text-neutral-300">Can't display this file</p>
      <p className="w-full truncate text-[11px] text-neutral-500 dark:text-neutral-400" title={name}>
        {name}
      </p>
    </div>
  );
}

/**
 * Placeholder first (neutral while the server works, then the decoded
 * ThumbHash), the real thumbnail faded in over it once it has loaded.
 */
function Thumbnail({ asset }: { asset: Asset }) {
  const pending = isAssetPending(asset);
  const placeholder = asset.thumbhash ? thumbhashDataUrl(asset.thumbhash) : null;
  const latestUrl = thumbnailVariant(asset)?.url ?? null;

  // Signed URLs may be re-signed on every list refetch; keep the one already
  // showing so polling does not reload every thumbnail. A newer URL is taken
  // only when the current one fails (it may have expired).
  const [src, setSrc] = useState(latestUrl);
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [broken, setBroken] = useState(false);
  const latestUrlRef = useRef(latestUrl);
  latestUrlRef.current = latestUrl;
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(retryTimer.current), []);
  if (src === null && latestUrl !== null) setSrc(latestUrl);

  const onError = () => {
    if (attempt >= IMAGE_RETRIES) {
      setBroken(true);
      return;
    }
    retryTimer.current = setTimeout(
      () => {
        setSrc(latestUrlRef.current);
        setAttempt((n) => n + 1);
      },
      1000 * 2 ** attempt,
    );
  };

  const showImage = !pending && src !== null && !broken;

  return (
    <div
      className={cx(
        "absolute inset-0 bg-cover bg-center",
        pending && !placeholder && "animate-pulse bg-neutral-200 dark:bg-neutral-800",
      )}
      style={placeholder ? { backgroundImage: `url("${placeholder}")` } : undefined}
    >
      {showImage && (
        <img
          key={attempt}
          src={src}
          alt={asset.original_file_name}
          loading="lazy"
          decoding="async"
          draggable={false}
          ref={(img) => {
            // A cached image can finish before React sees its load event.
            if (img?.complete && img.naturalWidth > 0) setLoaded(true);
          }}
          onLoad={() => setLoaded(true)}
          onError={onError}
          className={cx(
            "h-full w-full object-cover transition-opacity duration-300",
            loaded ? "opacity-100" : "opacity-0",
          )}
        />
      )}
      {broken && (
        <div className="flex h-full items-center justify-center bg-neutral-200/70 dark:bg-neutral-800/70">
          <BrokenImageIcon className="size-6 text-neutral-500" />
          <span className="sr-only">Thumbnail not available</span>
        </div>
      )}
    </div>
  );
}
