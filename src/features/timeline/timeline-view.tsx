import {
  type FocusEvent,
  type KeyboardEvent,
  memo,
  type ReactNode,
  startTransition,
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { flushSync } from "react-dom";
import { useLocation, useSearch } from "wouter";
import type { Asset } from "../../api/schemas";
import { Button } from "../../components/ui/button";
import { RetryIcon } from "../../components/ui/icons";
import { AssetTile } from "./asset-tile";
import { FlingDetector } from "./fling-detector";
import { markGridMoved } from "./grid-motion";
import {
  assetAtOffset,
  buildLayout,
  DEFAULT_LAYOUT_CONFIG,
  dayAtOffset,
  findDay,
  itemsInRange,
  type LayoutItem,
  locateAsset,
  type NavigationKey,
  navigate,
  type TimelineLayout,
} from "./layout";
import { formatDayLabel, formatMonthLabel } from "./naive-date";
import { ScrollController, type ScrollReason } from "./scroll-controller";
import { createScrollMapping } from "./scroll-mapping";
import { Scrubber } from "./scrubber";
import { buildSegments } from "./segments";
import { SlotAllocator } from "./slots";
import { type TileGesture, useTimelineInteraction } from "./timeline-interaction";
import { parseAt, withAt } from "./url-position";
import { type AssetRange, useSegmentAssets } from "./use-segment-assets";
import type { TimelineDays } from "./use-timeline-days";

/** Thumbnails are asked for this far (in screens) above and below the screen; the overscan beyond shows placeholders. */
const IMAGE_MARGIN = 0.25;
/** The URL follows the position this long after scrolling stops. */
const URL_DEBOUNCE_MS = 250;

const KEYS: Record<string, NavigationKey> = {
  ArrowLeft: "left",
  ArrowRight: "right",
  ArrowUp: "up",
  ArrowDown: "down",
  PageUp: "pageUp",
  PageDown: "pageDown",
  Home: "home",
  End: "end",
};

interface RenderRange {
  top: number;
  bottom: number;
  /**
   * Logical offset of the layer's origin. Quantised, so that rows keep their
   * `top` while the window slides (no relayout or repaint of the rows that
   * stay), and small, so that
   * positions inside the layer stay exact in the compositor's float32.
   */
  base: number;
  layout: TimelineLayout;
}

/** 2^20 px: positions inside the layer stay below ~1.1M px, exact to 1/16 px in float32. */
const BASE_BLOCK = 1_048_576;

/**
 * The day at the top of the screen, for the URL (its month while that
 * month's days are still loading); null at the very top (the newest photos).
 */
function dayAt(layout: TimelineLayout, estimated: Uint8Array | null, top: number): string | null {
  if (top < 1 || layout.dayCount === 0) return null;
  const d = dayAtOffset(layout, top + 1);
  return estimated?.[d] ? layout.days[d].slice(0, 7) : layout.days[d];
}

function assetRangeOf(layout: TimelineLayout, top: number, bottom: number): AssetRange {
  if (layout.assetCount === 0) return { first: 0, last: -1 };
  return {
    first: assetAtOffset(layout, Math.max(0, top), 0),
    last: assetAtOffset(layout, bottom, layout.columns - 1),
  };
}

interface TimelineViewProps {
  data: TimelineDays;
  /** Spacer height cap; defaults to `DEFAULT_SCROLL_CAP` (below every browser's element height limit). */
  scrollCap?: number;
}

/**
 * The virtual grid. The scroll container holds a spacer of at most
 * `scrollCap` px which the browser scrolls natively (off the main thread);
 * a layer inside it holds the rows near the screen, placed at their logical
 * offset minus the controller's shift (see scroll-controller.ts), so only
 * those rows exist in the DOM, whatever the library size.
 */
export function TimelineView({ data, scrollCap }: TimelineViewProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const layer = useRef<HTMLDivElement>(null);
  const [controller] = useState(() => new ScrollController());
  const [size, setSize] = useState({ width: 0, height: 0, scrollbar: 0 });
  const [pathname, navigateTo] = useLocation();
  const search = useSearch();

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const detach = controller.attach(element);
    const measure = () => {
      const next = {
        width: element.clientWidth,
        height: element.clientHeight,
        scrollbar: element.offsetWidth - element.clientWidth,
      };
      setSize((prev) =>
        prev.width === next.width && prev.height === next.height && prev.scrollbar === next.scrollbar ? prev : next,
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      observer.disconnect();
      detach();
    };
  }, [controller]);

  const narrow = size.width < 640;
  const scrubberWidth = narrow ? 44 : 64;
  const paddingLeft = narrow ? 8 : 24;
  const contentWidth = Math.max(0, size.width - paddingLeft - scrubberWidth);
  const layout = useMemo(
    () =>
      buildLayout(data.days, data.counts, {
        ...DEFAULT_LAYOUT_CONFIG,
        targetTileSize: narrow ? 112 : DEFAULT_LAYOUT_CONFIG.targetTileSize,
        width: contentWidth,
      }),
    [data, contentWidth, narrow],
  );
  const segmentIndex = useMemo(() => buildSegments(data.days, data.counts, undefined, data.estimated), [data]);
  const mapping = useMemo(
    () => createScrollMapping(layout.totalHeight, size.height, scrollCap),
    [layout.totalHeight, size.height, scrollCap],
  );

  // Listeners read the layout through a ref: it changes before the position is re-applied.
  const layoutRef = useRef(layout);
  const estimatedRef = useRef(data.estimated);
  /** What stays put when the layout changes: a day (or a month still estimated) and how far into it the top is. */
  const anchor = useRef<{ day: string; fraction: number; month: boolean } | null>(null);
  const initialAt = useRef(parseAt(window.location.search));
  const writtenAt = useRef<string | null>(initialAt.current);
  const inLayoutEffect = useRef(false);

  // ---- render range -------------------------------------------------------
  const [range, setRange] = useState<RenderRange>({ top: 0, bottom: 0, base: 0, layout });
  const requested = useRef(range);
  const committed = useRef(range);

  /** Where the layer's origin sits inside the spacer, in physical px (changes with the range's base or a re-base). */
  const placedAt = useRef<number | null>(null);
  const placeLayer = useCallback(() => {
    const y = committed.current.base - controller.shift;
    if (layer.current && y !== placedAt.current) {
      placedAt.current = y;
      layer.current.style.transform = `translate3d(0, ${y}px, 0)`;
    }
  }, [controller]);

  const updateRange = useCallback(
    (reason: ScrollReason) => {
      const l = layoutRef.current;
      const top = controller.top;
      const vh = controller.viewportHeight;
      const r = requested.current;
      const margin = l.rowHeight;
      const covered = r.layout === l && r.top <= Math.max(0, top - margin) && r.bottom >= top + vh + margin;
      if (!covered) {
        const overscan = vh * 0.6 + l.rowHeight;
        const nextTop = Math.max(0, top - overscan);
        const base = Math.floor(nextTop / BASE_BLOCK) * BASE_BLOCK;
        const next = { top: nextTop, bottom: top + vh + overscan, base, layout: l };
        requested.current = next;
        const gap = !(r.layout === l && r.top <= top && r.bottom >= top + vh);
        // A jump's destination is filled before the next paint. While scrolling, the browser moves the
        // grid on its own thread and the overscan covers the next frames: the rows render in a task of
        // their own instead of lengthening the scroll event's.
        if (gap && reason === "jump" && !inLayoutEffect.current) flushSync(() => setRange(next));
        else setRange(next);
      }
      placeLayer();
    },
    [controller, placeLayer],
  );

  useLayoutEffect(() => {
    committed.current = range;
    placeLayer();
  }, [range, placeLayer]);

  // ---- pages to fetch: the settled position, not what a fling passes ----
  const empty: AssetRange = { first: 0, last: -1 };
  const [fetchWindow, setFetchWindow] = useState({ visible: empty, active: empty });
  const fetchRef = useRef(fetchWindow);
  /**
   * The grid is flying past (see fling-detector.ts): tiles start no thumbnail and drop the ones
   * still loading. Switching it re-renders every tile on screen and in the overscan, and removes
   * or adds their images: set in a transition, which React renders in slices between frames.
   * Set at once, it was a 54–91 ms task at the start or the end of a fling.
   */
  const [flinging, setFlinging] = useState(false);
  /**
   * Rows within this band (logical px) ask for their thumbnails; the rest of the overscan shows
   * placeholders. Set where the fetch window is, when the grid is not flying past.
   */
  const [imageBand, setImageBand] = useState({ top: 0, bottom: 0 });
  const settle = useCallback(() => {
    startTransition(() => setFlinging(false));
    const l = layoutRef.current;
    const top = controller.top;
    const vh = controller.viewportHeight;
    // Whole rows, so that it changes (and rows re-render) once per row scrolled, not per event.
    const bandTop = Math.floor((top - vh * IMAGE_MARGIN) / l.rowHeight) * l.rowHeight;
    const bandBottom = Math.ceil((top + vh * (1 + IMAGE_MARGIN)) / l.rowHeight) * l.rowHeight;
    setImageBand((prev) =>
      prev.top === bandTop && prev.bottom === bandBottom ? prev : { top: bandTop, bottom: bandBottom },
    );
    const visible = assetRangeOf(l, top, top + vh);
    const need = assetRangeOf(l, top - vh / 2, top + vh * 1.5);
    const current = fetchRef.current;
    const covered = current.active.first <= need.first && current.active.last >= need.last;
    if (covered && current.visible.first === visible.first && current.visible.last === visible.last) return;
    const next = { visible, active: covered ? current.active : assetRangeOf(l, top - vh, top + vh * 2) };
    fetchRef.current = next;
    setFetchWindow(next);
  }, [controller]);

  // ---- month label --------------------------------------------------------
  const [monthLabel, setMonthLabel] = useState<{ month: number; show: boolean }>({ month: 0, show: false });

  useEffect(() => {
    let settleTimer: ReturnType<typeof setTimeout> | undefined;
    let urlTimer: ReturnType<typeof setTimeout> | undefined;
    const fling = new FlingDetector();
    const settleNow = () => {
      fling.stop();
      settle();
    };
    const writeUrl = () => {
      if (window.location.pathname !== "/") return;
      const l = layoutRef.current;
      const at = dayAt(l, estimatedRef.current, controller.top);
      const current = parseAt(window.location.search);
      // `?at=2019-07` stays as it is while its newest day is the one at the top.
      const same = at === current || (at !== null && current !== null && l.days[findDay(l, current)] === at);
      if (same) return;
      writtenAt.current = at;
      navigateTo(`/${withAt(window.location.search, at)}`, { replace: true });
    };
    const onScroll = (top: number, reason: ScrollReason) => {
      const l = layoutRef.current;
      // A new layout keeps what is on screen where it is: not a landing somewhere new.
      markGridMoved(reason === "jump" && !inLayoutEffect.current ? "jump" : "scroll");
      updateRange(reason);

      const d = dayAtOffset(l, top + 1);
      if (d >= 0) {
        const month = estimatedRef.current?.[d] === 1;
        anchor.current = { day: l.days[d], fraction: (top - l.dayTop[d]) / (l.dayTop[d + 1] - l.dayTop[d]), month };
        const m = l.dayMonth[d];
        const show = top - l.months[m].top > l.config.monthHeaderHeight;
        setMonthLabel((prev) => (prev.month === m && prev.show === show ? prev : { month: m, show }));
      }
      if (top <= 0) anchor.current = null;

      clearTimeout(settleTimer);
      if (!fling.update(top, performance.now(), reason === "jump")) settle();
      else {
        startTransition(() => setFlinging(true));
        settleTimer = setTimeout(settleNow, fling.quietMs());
      }

      clearTimeout(urlTimer);
      urlTimer = setTimeout(writeUrl, URL_DEBOUNCE_MS);
    };
    const unsubscribe = controller.subscribe(onScroll);
    return () => {
      unsubscribe();
      clearTimeout(settleTimer);
      clearTimeout(urlTimer);
    };
  }, [controller, updateRange, settle, navigateTo]);

  // ---- apply the layout: first position from the URL, then keep the anchor --
  const firstLayout = useRef(true);
  useLayoutEffect(() => {
    if (size.height === 0 || contentWidth === 0) return;
    layoutRef.current = layout;
    estimatedRef.current = data.estimated;
    let top = 0;
    const a = anchor.current;
    if (firstLayout.current) {
      firstLayout.current = false;
      const at = initialAt.current;
      if (at !== null && layout.dayCount > 0) top = layout.dayTop[findDay(layout, at)];
    } else if (a !== null && layout.dayCount > 0) {
      const d = findDay(layout, a.month ? a.day.slice(0, 7) : a.day);
      const block = layout.months[layout.dayMonth[d]];
      if (a.month && block.month === a.day.slice(0, 7)) {
        // Was a whole-month estimate: the same fraction of the month, now exact.
        const end = layout.dayTop[block.lastDay + 1];
        top = block.top + a.fraction * (end - block.top);
      } else {
        const height = layout.dayTop[d + 1] - layout.dayTop[d];
        top = layout.dayTop[d] + (layout.days[d] === a.day ? a.fraction * height : 0);
      }
    }
    inLayoutEffect.current = true;
    try {
      controller.setMapping(mapping, top, "jump");
    } finally {
      inLayoutEffect.current = false;
    }
  }, [layout, mapping, controller, size.height, contentWidth, data.estimated]);

  // ---- the URL changed under us (Back/Forward to another position) -------
  useEffect(() => {
    if (window.location.pathname !== "/") return;
    const at = parseAt(search);
    if (at === writtenAt.current) return;
    writtenAt.current = at;
    const l = layoutRef.current;
    controller.scrollTo(at === null || l.dayCount === 0 ? 0 : l.dayTop[findDay(l, at)], "jump");
  }, [search, controller]);

  // ---- pages ---------------------------------------------------------------
  // Items that did not change keep their object, so their memoised rows skip rendering when the range slides.
  const previousItems = useRef(new Map<string, LayoutItem>());
  const items = useMemo(() => {
    const previous = previousItems.current;
    const next = new Map<string, LayoutItem>();
    const list = itemsInRange(layout, range.top, range.bottom).map((item) => {
      const old = previous.get(item.key);
      const kept = old !== undefined && sameItem(old, item) ? old : item;
      next.set(item.key, kept);
      return kept;
    });
    previousItems.current = next;
    return list;
  }, [range, layout]);
  // React keys: headers and rows reuse the elements of those that scrolled away.
  const [headerSlots] = useState(() => new SlotAllocator());
  const [rowSlots] = useState(() => new SlotAllocator());
  const keys = useMemo(() => {
    const headers = headerSlots.assign(items.filter((i) => i.kind === "header").map((i) => i.key));
    const rows = rowSlots.assign(items.filter((i) => i.kind === "row").map((i) => i.key));
    let h = 0;
    let r = 0;
    return items.map((item) => (item.kind === "header" ? `h${headers[h++]}` : `r${rows[r++]}`));
  }, [items, headerSlots, rowSlots]);
  const rendered = useMemo<AssetRange>(() => {
    let first = Number.POSITIVE_INFINITY;
    let last = -1;
    for (const item of items) {
      if (item.kind !== "row") continue;
      first = Math.min(first, item.firstAsset);
      last = Math.max(last, item.firstAsset + item.count - 1);
    }
    return last < 0 ? { first: 0, last: -1 } : { first, last };
  }, [items]);
  const assets = useSegmentAssets(layout, segmentIndex, rendered, fetchWindow.visible, fetchWindow.active);

  const interaction = useTimelineInteraction();

  // ---- focus: roving tabindex ----------------------------------------------
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const pendingFocus = useRef<number | null>(null);

  const ensureVisible = useCallback(
    (g: number) => {
      const l = layoutRef.current;
      const pos = locateAsset(l, g);
      const rowTop = pos.row === 0 ? l.dayTop[pos.day] : pos.top;
      const rowBottom = pos.top + l.tileSize + l.config.gap;
      const top = controller.top;
      const vh = controller.viewportHeight;
      if (rowTop < top) controller.scrollTo(rowTop, "jump");
      else if (rowBottom > top + vh) controller.scrollTo(rowBottom - vh, "jump");
    },
    [controller],
  );

  const focusAsset = useCallback(
    (g: number) => {
      setFocusIndex(g);
      pendingFocus.current = g;
      ensureVisible(g);
    },
    [ensureVisible],
  );

  useLayoutEffect(() => {
    const g = pendingFocus.current;
    if (g === null) return;
    const element = layer.current?.querySelector<HTMLElement>(`[data-index="${g}"]`);
    if (element) {
      pendingFocus.current = null;
      element.focus({ preventScroll: true });
    }
  });

  // Back from an opened asset: the focus returns to its tile (the grid kept its place underneath).
  const previousPath = useRef(pathname);
  useEffect(() => {
    const wasOpen = previousPath.current.startsWith("/asset/");
    previousPath.current = pathname;
    if (!wasOpen || pathname !== "/" || focusIndex === null) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    layer.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"]`)?.focus({ preventScroll: true });
  }, [pathname, focusIndex]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Delete" && interaction) {
      const at = (event.target as HTMLElement).dataset.index;
      if (interaction.onDeleteKey(at === undefined ? undefined : assets.getAsset(Number(at)))) {
        event.preventDefault();
        return;
      }
    }
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = event.target as HTMLElement;
    if (target === scroller.current) {
      const vh = controller.viewportHeight;
      const step: Record<string, number> = {
        ArrowDown: 40,
        ArrowUp: -40,
        PageDown: vh * 0.9,
        PageUp: -vh * 0.9,
        " ": vh * 0.9,
        Home: Number.NEGATIVE_INFINITY,
        End: Number.POSITIVE_INFINITY,
      };
      const delta = step[event.key];
      if (delta === undefined) return;
      event.preventDefault();
      if (Number.isFinite(delta)) controller.scrollBy(delta, "user");
      else controller.scrollTo(delta > 0 ? controller.mapping.maxLogical : 0, "jump");
      return;
    }
    const key = KEYS[event.key];
    const index = target.dataset.index;
    if (!key || index === undefined) return;
    event.preventDefault();
    focusAsset(navigate(layoutRef.current, Number(index), key, controller.viewportHeight));
  };

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const index = (event.target as HTMLElement).dataset.index;
    if (index === undefined) return;
    const g = Number(index);
    if (g !== focusIndex) setFocusIndex(g);
    // Tab brings the tile into view; a click must not move the grid between the press and the release.
    if ((event.target as HTMLElement).matches(":focus-visible")) ensureVisible(g);
  };

  const openAsset = useCallback(
    (asset: Asset, index: number, gesture?: TileGesture) => {
      setFocusIndex(index);
      // Selection gestures (and any click while something is selected) select instead of opening.
      if (gesture && interaction?.onTileClick(asset, gesture)) return;
      const at = dayAt(layoutRef.current, estimatedRef.current, controller.top);
      // Pin this position in the history entry first, so Back comes back here exactly.
      if (window.location.pathname === "/") {
        writtenAt.current = at;
        navigateTo(`/${withAt(window.location.search, at)}`, { replace: true });
      }
      navigateTo(`/asset/${encodeURIComponent(asset.id)}${withAt("", at)}`);
    },
    [controller, navigateTo, interaction],
  );

  const jumpToMonth = useCallback(
    (month: number) => {
      const l = layoutRef.current;
      const block = l.months[month];
      if (block) controller.scrollTo(block.top, "jump");
    },
    [controller],
  );

  const tabStop =
    focusIndex !== null && focusIndex >= rendered.first && focusIndex <= rendered.last
      ? focusIndex
      : layout.assetCount > 0
        ? assetAtOffset(layout, controller.top + 1, 0)
        : -1;

  const month = layout.months[monthLabel.month];

  return (
    <section aria-label="Library" className="relative h-full overflow-hidden">
      <h1 className="sr-only">Library</h1>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the tiles' keys and focus are handled here, by delegation; the container itself scrolls with the keyboard when focused. */}
      <div
        ref={scroller}
        data-timeline-scroller=""
        // "partial" while some months' days are still loading (their layout is estimated), then "complete".
        data-layout={data.estimated ? "partial" : "complete"}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        className="absolute inset-0 overflow-x-hidden overflow-y-auto bg-white [overflow-anchor:none] [scrollbar-width:thin] dark:bg-neutral-950"
      >
        {/* Rows past the spacer's ends are clipped, so they never change the scroll height. */}
        <div className="relative overflow-clip" style={{ height: Math.max(mapping.physicalHeight, size.height) }}>
          <div ref={layer} className="absolute inset-x-0 top-0 will-change-transform">
            <GridRows
              items={items}
              keys={keys}
              estimated={data.estimated}
              layout={layout}
              offset={range.base}
              left={paddingLeft}
              width={contentWidth}
              onSelectDay={interaction?.onSelectDay}
              getAsset={assets.getAsset}
              tabStop={tabStop}
              defer={flinging}
              imageBand={imageBand}
              onOpen={openAsset}
            />
          </div>
        </div>
      </div>
      {month && (
        <div
          aria-hidden="true"
          className={`pointer-events-none absolute top-3 rounded-full border border-neutral-200/80 bg-white/95 px-3 py-1 text-sm font-semibold shadow-sm transition-opacity duration-200 dark:border-neutral-700/80 dark:bg-neutral-900/95 ${monthLabel.show ? "opacity-100" : "opacity-0"}`}
          style={{ left: paddingLeft }}
        >
          {formatMonthLabel(month.month)}
        </div>
      )}
      <Scrubber
        layout={layout}
        controller={controller}
        onJump={jumpToMonth}
        className="absolute top-2 bottom-2"
        // Left of the scroll container's own scrollbar.
        style={{ right: size.scrollbar, width: scrubberWidth - 8 }}
      />
      {assets.failed && (
        <div
          role="alert"
          className="absolute bottom-4 left-1/2 flex -translate-x-1/2 items-center gap-3 rounded-lg border border-red-200 bg-white px-4 py-2 text-sm shadow-lg dark:border-red-900 dark:bg-neutral-900"
        >
          <span className="text-red-700 dark:text-red-400">Some photos couldn't be loaded.</span>
          <Button size="sm" onClick={() => void assets.retry()}>
            <RetryIcon className="size-4" />
            Retry
          </Button>
        </div>
      )}
    </section>
  );
}

/**
 * The rows and day headers of the virtual window. Pages of assets arrive through react-query's
 * useQueries, a useSyncExternalStore, which React renders at once: after a jump, a whole window
 * of new tiles in one task. The tiles therefore take the pages through useDeferredValue, and
 * render in time slices between frames. The deferral lives here, below TimelineView: React redoes
 * a non-blocking render as one blocking render when an external store that it read changes
 * meanwhile, and deferred in TimelineView, that render read the query store, which the next
 * page (a jump asks for two or three, some 30 ms apart) changed.
 */
const GridRows = memo(function GridRows({
  items,
  keys,
  estimated,
  layout,
  offset,
  left,
  width,
  onSelectDay,
  getAsset,
  tabStop,
  defer,
  imageBand,
  onOpen,
}: {
  items: LayoutItem[];
  keys: string[];
  estimated: TimelineDays["estimated"];
  layout: TimelineLayout;
  offset: number;
  left: number;
  width: number;
  onSelectDay?: (day: string) => void;
  getAsset: (index: number) => Asset | undefined;
  tabStop: number;
  defer: boolean;
  imageBand: { top: number; bottom: number };
  onOpen: (asset: Asset, index: number, gesture?: TileGesture) => void;
}) {
  const tileAssets = useDeferredValue(getAsset);
  return (
    <>
      {items.map((item, i) =>
        item.kind === "header" ? (
          <DayHeader
            key={keys[i]}
            item={item}
            estimated={estimated?.[item.day] === 1}
            layout={layout}
            offset={offset}
            left={left}
            width={width}
            onSelectDay={onSelectDay}
          />
        ) : (
          <TileRow
            key={keys[i]}
            item={item}
            layout={layout}
            offset={offset}
            left={left}
            width={width}
            getAsset={tileAssets}
            // Only the row holding the tab stop sees it change: the others stay memoised.
            tabStop={tabStop >= item.firstAsset && tabStop < item.firstAsset + item.count ? tabStop : -1}
            defer={defer}
            far={item.top + item.height < imageBand.top || item.top > imageBand.bottom}
            onOpen={onOpen}
          />
        ),
      )}
    </>
  );
});

function sameItem(a: LayoutItem, b: LayoutItem): boolean {
  if (a.kind !== b.kind || a.top !== b.top || a.height !== b.height || a.day !== b.day) return false;
  if (a.kind === "header" && b.kind === "header") return a.monthStart === b.monthStart;
  return a.kind === "row" && b.kind === "row" && a.firstAsset === b.firstAsset && a.count === b.count;
}

const countFormat = new Intl.NumberFormat("en");

const DayHeader = memo(function DayHeader({
  item,
  estimated,
  layout,
  offset,
  left,
  width,
  onSelectDay,
}: {
  item: Extract<LayoutItem, { kind: "header" }>;
  /** Selects every asset of the day (given when selection is wired in). */
  onSelectDay?: (day: string) => void;
  /** A whole month whose days are still loading: its name is known, its days not yet. */
  estimated: boolean;
  layout: TimelineLayout;
  offset: number;
  left: number;
  width: number;
}) {
  const day = layout.days[item.day];
  const count = layout.counts[item.day];
  return (
    <div
      data-day={day}
      className="absolute flex flex-col justify-end pb-2 [contain:strict]"
      style={{ top: item.top - offset, left, width, height: item.height }}
    >
      {item.monthStart && (
        <h2 className="mb-auto pt-3 text-xl font-semibold tracking-tight text-neutral-900 dark:text-neutral-50">
          {formatMonthLabel(day.slice(0, 7))}
        </h2>
      )}
      {estimated ? (
        <div aria-hidden="true" className="h-4 w-36 animate-pulse rounded bg-neutral-200 dark:bg-neutral-800" />
      ) : (
        <h3 className="flex items-baseline gap-2 text-sm font-medium text-neutral-700 dark:text-neutral-300">
          {formatDayLabel(day)}
          <span className="text-xs font-normal text-neutral-500 tabular-nums dark:text-neutral-400">
            {countFormat.format(count)} {count === 1 ? "item" : "items"}
          </span>
          {onSelectDay && (
            <button
              type="button"
              onClick={() => onSelectDay(day)}
              className="ml-1 rounded px-1.5 text-xs font-normal text-emerald-800 opacity-70 hover:bg-emerald-50 hover:opacity-100 focus-visible:opacity-100 dark:text-emerald-400 dark:hover:bg-emerald-950"
            >
              Select day<span className="sr-only">: {formatDayLabel(day)}</span>
            </button>
          )}
        </h3>
      )}
    </div>
  );
});

const TileRow = memo(function TileRow({
  item,
  layout,
  offset,
  left,
  width,
  getAsset,
  tabStop,
  defer,
  far,
  onOpen,
}: {
  item: Extract<LayoutItem, { kind: "row" }>;
  layout: TimelineLayout;
  offset: number;
  left: number;
  width: number;
  getAsset: (index: number) => Asset | undefined;
  tabStop: number;
  defer: boolean;
  far: boolean;
  onOpen: (asset: Asset, index: number, gesture?: TileGesture) => void;
}) {
  const tiles: ReactNode[] = [];
  for (let i = 0; i < item.count; i++) {
    const g = item.firstAsset + i;
    tiles.push(
      <AssetTile
        key={i}
        asset={getAsset(g)}
        index={g}
        tabbable={g === tabStop}
        defer={defer}
        far={far}
        onOpen={onOpen}
      />,
    );
  }
  return (
    <div
      data-day={layout.days[item.day]}
      className="absolute grid [contain:strict]"
      style={{
        top: item.top - offset,
        left,
        width,
        height: item.height,
        gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`,
        columnGap: layout.config.gap,
      }}
    >
      {tiles}
    </div>
  );
});
