import { type CSSProperties, type KeyboardEvent, type PointerEvent, useEffect, useMemo, useRef, useState } from "react";
import { cx } from "../../components/ui/cx";
import { monthAtOffset, type TimelineLayout } from "./layout";
import { formatMonthLabel } from "./naive-date";
import type { ScrollController } from "./scroll-controller";
import { wheelDeltaPixels } from "./scroll-mapping";

/** Year labels closer than this (px) to the previous one are left out. */
const LABEL_SPACING = 18;
/** Month ticks closer than this are left out. */
const TICK_SPACING = 4;

interface ScrubberProps {
  layout: TimelineLayout;
  controller: ScrollController;
  /** Scrolls so that the month's header is at the top (as far as the end of the library allows). */
  onJump: (month: number) => void;
  className?: string;
  style?: CSSProperties;
}

/**
 * The years-and-months rail on the right. Every month owns a slice of the
 * rail proportional to its height in the layout, so the month under the
 * pointer is found by the same arithmetic as the scroll position: no dates
 * are parsed, and the answer does not depend on the viewer's time zone.
 */
export function Scrubber({ layout, controller, onJump, className, style }: ScrubberProps) {
  const rail = useRef<HTMLDivElement>(null);
  const indicator = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(0);
  const [value, setValue] = useState(() => Math.max(0, monthAtOffset(layout, controller.top)));
  const [pointer, setPointer] = useState<{ y: number; month: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const ownJump = useRef(false);
  const { months, totalHeight } = layout;

  // The wheel over the rail scrolls the grid. Listening here, not on a parent of the grid, keeps the
  // grid's own wheel scrolling free of any blocking listener: the browser scrolls it off the main thread.
  useEffect(() => {
    const element = rail.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      if (event.ctrlKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) return;
      event.preventDefault();
      controller.wheel(wheelDeltaPixels(event.deltaY, event.deltaMode, controller.viewportHeight));
    };
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => element.removeEventListener("wheel", onWheel);
  }, [controller]);

  useEffect(() => {
    const element = rail.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  // Position indicator and current month follow the scroll without re-rendering on every frame.
  useEffect(() => {
    const place = (top: number) => {
      if (indicator.current && totalHeight > 0) {
        indicator.current.style.transform = `translateY(${(top / totalHeight) * height}px)`;
      }
    };
    place(controller.top);
    setValue(Math.max(0, monthAtOffset(layout, controller.top)));
    return controller.subscribe((top) => {
      place(top);
      if (!ownJump.current) setValue(Math.max(0, monthAtOffset(layout, top)));
    });
  }, [controller, layout, totalHeight, height]);

  const monthY = (month: number) => (totalHeight > 0 ? (months[month].top / totalHeight) * height : 0);

  const { years, ticks } = useMemo(() => {
    const years: { label: string; y: number; month: number }[] = [];
    const ticks: { y: number; month: number }[] = [];
    let lastYear = "";
    let lastLabelY = Number.NEGATIVE_INFINITY;
    let lastTickY = Number.NEGATIVE_INFINITY;
    months.forEach((block, i) => {
      const y = totalHeight > 0 ? (block.top / totalHeight) * height : 0;
      const year = block.month.slice(0, 4);
      if (year !== lastYear) {
        lastYear = year;
        if (y - lastLabelY >= LABEL_SPACING) {
          years.push({ label: year, y, month: i });
          lastLabelY = y;
        }
      }
      if (y - lastTickY >= TICK_SPACING) {
        ticks.push({ y, month: i });
        lastTickY = y;
      }
    });
    return { years, ticks };
  }, [months, totalHeight, height]);

  const monthAtY = (clientY: number): { y: number; month: number } | null => {
    const element = rail.current;
    if (!element || months.length === 0) return null;
    const box = element.getBoundingClientRect();
    const y = Math.min(Math.max(clientY - box.top, 0), box.height);
    const logical = box.height > 0 ? (y / box.height) * totalHeight : 0;
    return { y, month: Math.max(0, monthAtOffset(layout, Math.min(logical, totalHeight - 1))) };
  };

  const jump = (month: number) => {
    const target = Math.max(0, Math.min(months.length - 1, month));
    setValue(target);
    ownJump.current = true;
    try {
      onJump(target);
    } finally {
      ownJump.current = false;
    }
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    const hit = monthAtY(event.clientY);
    if (!hit) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    setDragging(true);
    setPointer(hit);
    jump(hit.month);
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const hit = monthAtY(event.clientY);
    if (!hit) return;
    if (pointer?.month !== hit.month || pointer.y !== hit.y) setPointer(hit);
    if (dragging && hit.month !== value) jump(hit.month);
  };

  const endDrag = (event: PointerEvent<HTMLDivElement>) => {
    if (event.currentTarget.hasPointerCapture(event.pointerId))
      event.currentTarget.releasePointerCapture(event.pointerId);
    setDragging(false);
    if (event.pointerType !== "mouse") setPointer(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const yearOf = (m: number) => months[m]?.month.slice(0, 4);
    let next: number | null = null;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowRight":
        next = value + 1;
        break;
      case "ArrowUp":
      case "ArrowLeft":
        next = value - 1;
        break;
      case "PageDown": {
        let m = value;
        while (m < months.length - 1 && yearOf(m) === yearOf(value)) m++;
        next = m;
        break;
      }
      case "PageUp": {
        let m = value;
        while (m > 0 && yearOf(m - 1) === yearOf(value)) m--;
        next = m === value ? Math.max(0, value - 1) : m;
        if (m === value && m > 0) {
          // Already on the year's newest month: go to the previous (newer) year's newest month.
          const year = yearOf(m - 1);
          let k = m - 1;
          while (k > 0 && yearOf(k - 1) === year) k--;
          next = k;
        }
        break;
      }
      case "Home":
        next = 0;
        break;
      case "End":
        next = months.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    jump(next);
  };

  const current = months[value];
  const valueText = current ? formatMonthLabel(current.month) : "";
  const showDetail = dragging || pointer !== null;

  return (
    <div
      ref={rail}
      role="slider"
      tabIndex={0}
      aria-label="Jump to month"
      aria-orientation="vertical"
      aria-valuemin={0}
      aria-valuemax={Math.max(0, months.length - 1)}
      aria-valuenow={value}
      aria-valuetext={valueText}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onPointerLeave={() => !dragging && setPointer(null)}
      onKeyDown={onKeyDown}
      className={cx(
        "group cursor-ns-resize touch-none select-none outline-none",
        "focus-visible:rounded-md focus-visible:ring-2 focus-visible:ring-emerald-600 focus-visible:ring-inset dark:focus-visible:ring-emerald-400",
        className,
      )}
      style={style}
    >
      {years.map((year) => (
        <span
          key={year.label}
          aria-hidden="true"
          className="pointer-events-none absolute right-2 -translate-y-1/2 text-[11px] leading-none font-medium text-neutral-500 tabular-nums first:translate-y-0 dark:text-neutral-400"
          style={{ top: year.y }}
        >
          {year.label}
        </span>
      ))}
      {showDetail &&
        ticks.map((tick) => (
          <span
            key={tick.month}
            aria-hidden="true"
            className="pointer-events-none absolute right-0.5 h-px w-1.5 bg-neutral-400 dark:bg-neutral-500"
            style={{ top: tick.y }}
          />
        ))}
      <div
        ref={indicator}
        aria-hidden="true"
        className="pointer-events-none absolute top-0 right-0 h-0.5 w-8 rounded-full bg-emerald-600 dark:bg-emerald-400"
      />
      {showDetail && pointer && months[pointer.month] && (
        <div
          aria-hidden="true"
          data-testid="scrubber-tooltip"
          className="pointer-events-none absolute right-full mr-2 -translate-y-1/2 rounded-md bg-neutral-900 px-2.5 py-1 text-xs font-medium whitespace-nowrap text-white shadow-lg dark:bg-neutral-100 dark:text-neutral-900"
          style={{ top: Math.max(12, Math.min(pointer.y, height - 12)) }}
        >
          {formatMonthLabel(months[pointer.month].month)}
        </div>
      )}
      {showDetail && pointer && (
        <div
          aria-hidden="true"
          className="pointer-events-none absolute right-0 left-0 h-px bg-neutral-900/60 dark:bg-neutral-100/60"
          style={{ top: monthY(pointer.month) }}
        />
      )}
    </div>
  );
}
