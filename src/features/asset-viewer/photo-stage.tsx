/**
 * The photo, centred and contained: the ThumbHash first, the `preview`
 * rendition faded in over it once loaded (retried while the server is still
 * making it), and `fullsize` at 1:1 when zoomed (double-click, the zoom
 * button or Z), panned by dragging, scrolling or the arrow keys.
 */
import {
  type CSSProperties,
  memo,
  type PointerEvent as ReactPointerEvent,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import type { Asset, AssetVariant } from "../../api/schemas";
import { cx } from "../../components/ui/cx";
import { BrokenImageIcon } from "../../components/ui/icons";
import { thumbhashDataUrl } from "../../lib/thumbhash";

const RETRIES = 6;

function variant(asset: Asset, name: "preview" | "fullsize"): AssetVariant | null {
  return asset.asset_urls?.[name] ?? asset.asset_urls?.[`${name}_image`] ?? null;
}

export const isVideoAsset = (asset: Asset) => asset.mime_type.startsWith("video/");

/**
 * An image URL that is tried again with a growing delay when it fails: a
 * just-uploaded asset's renditions answer 404 until the server has made them.
 * Signed URLs may change on refetch; the newest is used for each new attempt.
 */
function useRetryingImage(url: string | null) {
  const [attempt, setAttempt] = useState(0);
  const [src, setSrc] = useState(url);
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const latest = useRef(url);
  latest.current = url;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  if (src === null && url !== null) setSrc(url);

  return {
    src,
    key: attempt,
    loaded,
    failed,
    onLoad: () => setLoaded(true),
    onError: () => {
      if (attempt >= RETRIES) {
        setFailed(true);
        return;
      }
      timer.current = setTimeout(
        () => {
          setSrc(latest.current);
          setAttempt((n) => n + 1);
        },
        Math.min(8000, 500 * 2 ** attempt),
      );
    },
    ref: (img: HTMLImageElement | null) => {
      // A cached image can finish before React attaches its load listener.
      if (img?.complete && img.naturalWidth > 0) setLoaded(true);
    },
  };
}

interface PhotoStageProps {
  asset: Asset;
  zoomed: boolean;
  onZoomChange: (zoomed: boolean) => void;
}

/** What the stage draws from an asset; an edit to its metadata doesn't re-render the photo. */
const sameStage = (a: PhotoStageProps, b: PhotoStageProps) =>
  a.zoomed === b.zoomed &&
  a.onZoomChange === b.onZoomChange &&
  a.asset.id === b.asset.id &&
  a.asset.processing_state === b.asset.processing_state &&
  a.asset.thumbhash === b.asset.thumbhash &&
  a.asset.width === b.asset.width &&
  a.asset.height === b.asset.height &&
  a.asset.mime_type === b.asset.mime_type &&
  a.asset.original_file_name === b.asset.original_file_name &&
  JSON.stringify(a.asset.asset_urls) === JSON.stringify(b.asset.asset_urls);

export const PhotoStage = memo(function PhotoStage({ asset, zoomed, onZoomChange }: PhotoStageProps) {
  if (asset.processing_state === "failed") return <CannotDisplay asset={asset} />;
  if (isVideoAsset(asset)) return <VideoStage asset={asset} />;
  return <ImageStage asset={asset} zoomed={zoomed} onZoomChange={onZoomChange} />;
}, sameStage);

function CannotDisplay({ asset }: { asset: Asset }) {
  const original = asset.asset_urls?.original?.url;
  return (
    <div className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center text-neutral-300">
      <BrokenImageIcon className="size-12 text-neutral-500" />
      <p className="text-lg font-medium text-white">Can't display this file</p>
      <p className="max-w-sm text-sm">
        Gumleaf couldn't make a preview of {asset.original_file_name}. The original is kept as it was uploaded.
      </p>
      {original && (
        <a href={original} className="text-sm font-medium text-emerald-400 underline underline-offset-2">
          Download the original
        </a>
      )}
    </div>
  );
}

function VideoStage({ asset }: { asset: Asset }) {
  const poster = variant(asset, "preview")?.url;
  const source = asset.asset_urls?.original?.url;
  return (
    <div className="flex h-full items-center justify-center p-2">
      {/* biome-ignore lint/a11y/useMediaCaption: personal videos come without captions. */}
      <video
        controls
        preload="metadata"
        poster={poster}
        src={source}
        className="max-h-full max-w-full"
        aria-label={asset.original_file_name}
      />
    </div>
  );
}

/** Where a point of the contained image lies, as fractions of its width and height. */
function fractionInContained(el: HTMLElement, clientX: number, clientY: number, width: number, height: number) {
  const rect = el.getBoundingClientRect();
  const scale = Math.min(rect.width / width, rect.height / height);
  const w = width * scale;
  const h = height * scale;
  const x = (clientX - rect.left - (rect.width - w) / 2) / w;
  const y = (clientY - rect.top - (rect.height - h) / 2) / h;
  return { x: Math.min(1, Math.max(0, x)), y: Math.min(1, Math.max(0, y)) };
}

function ImageStage({ asset, zoomed, onZoomChange }: PhotoStageProps) {
  const placeholder = asset.thumbhash ? thumbhashDataUrl(asset.thumbhash) : null;
  const preview = useRetryingImage(variant(asset, "preview")?.url ?? null);
  const fullsize = useRetryingImage(zoomed ? (variant(asset, "fullsize")?.url ?? null) : null);
  const fitRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLElement>(null);
  const focus = useRef({ x: 0.5, y: 0.5 });
  const drag = useRef<{ x: number; y: number; left: number; top: number; moved: boolean } | null>(null);
  const [stageSize, setStageSize] = useState({ width: 0, height: 0 });

  const width = asset.width || 1600;
  const height = asset.height || 1200;
  // 1:1 pixels, but at least twice the fitted size so a small photo still zooms.
  const fit = stageSize.width > 0 ? Math.min(stageSize.width / width, stageSize.height / height) : 1;
  const scale = Math.max(1, fit * 2);
  const zoomWidth = Math.round(width * scale);
  const zoomHeight = Math.round(height * scale);

  useLayoutEffect(() => {
    const el = fitRef.current?.parentElement;
    if (!el) return;
    const measure = () => setStageSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!zoomed || !el) return;
    el.scrollLeft = focus.current.x * el.scrollWidth - el.clientWidth / 2;
    el.scrollTop = focus.current.y * el.scrollHeight - el.clientHeight / 2;
    el.focus({ preventScroll: true });
  }, [zoomed]);

  const zoomInAt = (clientX: number, clientY: number) => {
    if (fitRef.current) focus.current = fractionInContained(fitRef.current, clientX, clientY, width, height);
    onZoomChange(true);
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLElement>) => {
    const el = scrollRef.current;
    if (!el || e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop, moved: false };
    el.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLElement>) => {
    const el = scrollRef.current;
    const d = drag.current;
    if (!el || !d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) d.moved = true;
    el.scrollLeft = d.left - dx;
    el.scrollTop = d.top - dy;
  };
  const endDrag = () => {
    drag.current = null;
  };

  const previewImg = (className: string, style?: CSSProperties) =>
    preview.src && !preview.failed ? (
      <img
        key={preview.key}
        ref={preview.ref}
        src={preview.src}
        alt={asset.original_file_name}
        decoding="async"
        draggable={false}
        onLoad={preview.onLoad}
        onError={preview.onError}
        style={style}
        className={cx(className, "transition-opacity duration-200", preview.loaded ? "opacity-100" : "opacity-0")}
      />
    ) : null;

  return (
    <>
      <div
        className={cx("absolute inset-0 flex items-center justify-center", zoomed && "invisible")}
        style={{ containerType: "size" }}
      >
        {/* The photo's own box (contained in the stage), so the ThumbHash underneath covers exactly the photo. */}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: double-click to zoom is a pointer shortcut; the "Show full size" button is the accessible way. */}
        <div
          ref={fitRef}
          className="relative"
          style={{ width: `min(100cqw, 100cqh * ${width / height})`, aspectRatio: `${width} / ${height}` }}
          onDoubleClick={(e) => zoomInAt(e.clientX, e.clientY)}
        >
          {placeholder && (
            <img
              src={placeholder}
              alt=""
              aria-hidden="true"
              draggable={false}
              className="absolute inset-0 h-full w-full object-fill"
            />
          )}
          {!placeholder && !preview.loaded && (
            <div aria-hidden="true" className="absolute inset-0 animate-pulse bg-neutral-800/60" />
          )}
          {previewImg("absolute inset-0 h-full w-full object-contain")}
        </div>
        {preview.failed && (
          <div className="absolute flex flex-col items-center gap-2 rounded-lg bg-black/60 px-4 py-3 text-sm text-neutral-200">
            <BrokenImageIcon className="size-6" />
            The preview isn't available right now.
          </div>
        )}
      </div>
      {zoomed && (
        <section
          ref={scrollRef}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the zoomed photo is a scroll area; keyboard users pan it with the arrow keys.
          tabIndex={0}
          aria-label="Zoomed photo: drag or use the arrow keys to pan, double-click to zoom out"
          data-zoomed-photo=""
          className="absolute inset-0 cursor-grab overflow-auto outline-none active:cursor-grabbing"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
          onDoubleClick={() => onZoomChange(false)}
        >
          <div className="flex min-h-full min-w-full items-center justify-center" style={{ width: "max-content" }}>
            <div className="relative shrink-0" style={{ width: zoomWidth, height: zoomHeight }}>
              {previewImg("absolute inset-0 h-full w-full")}
              {fullsize.src && !fullsize.failed && (
                <img
                  key={fullsize.key}
                  ref={fullsize.ref}
                  src={fullsize.src}
                  alt=""
                  aria-hidden="true"
                  decoding="async"
                  draggable={false}
                  onLoad={fullsize.onLoad}
                  onError={fullsize.onError}
                  className={cx(
                    "absolute inset-0 h-full w-full transition-opacity duration-200",
                    fullsize.loaded ? "opacity-100" : "opacity-0",
                  )}
                />
              )}
            </div>
          </div>
          {!fullsize.loaded && !fullsize.failed && (
            <p
              role="status"
              className="pointer-events-none fixed bottom-4 left-4 rounded-md bg-black/70 px-2.5 py-1 text-xs text-white"
            >
              Loading full size…
            </p>
          )}
        </section>
      )}
    </>
  );
}
