import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, type ReactNode, type Ref, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link } from "wouter";
import { Button, focusRing } from "../../components/ui/button";
import { cx } from "../../components/ui/cx";
import { AlertIcon, CheckIcon, CloseIcon, CopyIcon, RetryIcon } from "../../components/ui/icons";
import { ProgressBar } from "../../components/ui/progress-bar";
import { formatBytes, formatCount } from "../../lib/format";
import { formatSpeed, summaryDetail, summaryHeadline } from "./upload-format";
import { ArrowUpIcon, ChevronDownIcon, PauseIcon, ResumeIcon, SkipIcon } from "./upload-icons";
import {
  ACTIVE_STATUSES,
  MAX_CONCURRENCY,
  PROBLEM_STATUSES,
  type UploadItem,
  type UploadQueue,
  type UploadSummary,
} from "./upload-queue";
import { useUploadQueue, useUploadSnapshot } from "./upload-queue-provider";

const PAUSE_HINT =
  "Pause: files being sent stop now and start again from the beginning when you resume (the server cannot continue a partly sent file).";

/**
 * The uploads of this page: a panel in the corner listing every file
 * (virtualized: 10,000 rows cost what 15 do) with the totals, or a small
 * badge when collapsed. Hidden when there are none.
 */
export function UploadPanel() {
  const { items, summary, layout } = useUploadSnapshot();
  const queue = useUploadQueue();
  const [collapsed, setCollapsed] = useState(false);
  const [filter, setFilter] = useState<"all" | "problems">("all");
  const badgeRef = useRef<HTMLButtonElement>(null);
  const collapseRef = useRef<HTMLButtonElement>(null);
  const focusAfterToggle = useRef(false);

  const problems = summary.counts.rejected + summary.counts.failed + summary.counts.skipped;
  const effectiveFilter = problems === 0 ? "all" : filter;
  const shown = useMemo(
    () => (effectiveFilter === "all" ? items : items.filter((item) => PROBLEM_STATUSES.has(item.status))),
    [items, effectiveFilter],
  );

  // A new batch of files opens the panel again.
  const hadItems = useRef(false);
  useEffect(() => {
    if (items.length > 0 && !hadItems.current) setCollapsed(false);
    hadItems.current = items.length > 0;
  }, [items.length]);

  useEffect(() => {
    if (!focusAfterToggle.current) return;
    focusAfterToggle.current = false;
    (collapsed ? badgeRef : collapseRef).current?.focus();
  }, [collapsed]);

  if (items.length === 0) return null;

  const toggle = (next: boolean) => {
    focusAfterToggle.current = true;
    setCollapsed(next);
  };

  if (collapsed)
    return <UploadBadge ref={badgeRef} summary={summary} problems={problems} onOpen={() => toggle(false)} />;

  const { counts } = summary;
  const allDone = summary.active === 0;
  const overall = summary.bytesTotal > 0 ? summary.bytesDone / summary.bytesTotal : allDone ? 1 : 0;

  return (
    <section
      aria-labelledby="upload-panel-heading"
      className="fixed right-3 bottom-3 left-3 z-30 flex max-h-[min(32rem,70vh)] flex-col overflow-hidden rounded-xl border border-neutral-200 bg-white shadow-xl sm:right-14 sm:left-auto sm:w-[26rem] dark:border-neutral-800 dark:bg-neutral-900 dark:shadow-black/40"
    >
      <p className="sr-only" aria-live="polite">
        {allDone ? summaryHeadline(summary) : summary.paused ? "Uploads paused" : `Uploading ${summary.total} files`}
      </p>
      <header className="border-b border-neutral-200 px-4 pt-3 pb-3 dark:border-neutral-800">
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <h2 id="upload-panel-heading" className="text-sm font-semibold">
              Uploads
            </h2>
            <p className="text-xs text-neutral-600 dark:text-neutral-300" data-testid="upload-summary">
              {summaryHeadline(summary)}
            </p>
            <p
              className="truncate text-xs text-neutral-500 tabular-nums dark:text-neutral-400"
              data-testid="upload-detail"
            >
              {summaryDetail(summary)}
            </p>
          </div>
          <div className="-mt-1 -mr-2 flex shrink-0 items-center">
            {!allDone &&
              (summary.paused ? (
                <Button size="sm" variant="ghost" onClick={() => queue.resume()} title="Resume uploads">
                  <ResumeIcon className="size-4" />
                  Resume
                </Button>
              ) : (
                <Button size="sm" variant="ghost" onClick={() => queue.pause()} title={PAUSE_HINT}>
                  <PauseIcon className="size-4" />
                  Pause
                </Button>
              ))}
            {allDone && (
              <Button size="sm" variant="ghost" onClick={() => queue.clearFinished()} title="Clear the list">
                Close
              </Button>
            )}
            <IconButton ref={collapseRef} label="Minimize uploads" title="Minimize" onClick={() => toggle(true)}>
              <ChevronDownIcon className="size-5" />
            </IconButton>
          </div>
        </div>
        <ProgressBar value={overall} label="All uploads" className="mt-2.5" />
      </header>

      {(problems > 0 || counts.failed > 0 || (!allDone && summary.finished > 0)) && (
        <div className="flex flex-wrap items-center gap-x-1 gap-y-1 border-b border-neutral-200 px-2 py-1.5 dark:border-neutral-800">
          {problems > 0 && (
            <fieldset className="mr-auto flex items-center gap-0.5" aria-label="Show">
              <FilterButton pressed={effectiveFilter === "all"} onClick={() => setFilter("all")}>
                All {formatCount(summary.total)}
              </FilterButton>
              <FilterButton pressed={effectiveFilter === "problems"} onClick={() => setFilter("problems")}>
                Problems {formatCount(problems)}
              </FilterButton>
            </fieldset>
          )}
          {problems === 0 && <span className="mr-auto" />}
          {counts.failed > 0 && (
            <Button size="sm" variant="ghost" onClick={() => queue.retryAllFailed()}>
              <RetryIcon className="size-3.5" />
              Retry failed ({formatCount(counts.failed)})
            </Button>
          )}
          {!allDone && summary.finished > 0 && (
            <Button size="sm" variant="ghost" onClick={() => queue.clearFinished()}>
              Clear finished
            </Button>
          )}
        </div>
      )}

      <UploadList
        // Remount on a change of view: the rows' sizes differ between the two.
        key={effectiveFilter}
        items={shown}
        // The filtered list's positions can change without the queue's layout changing.
        layout={effectiveFilter === "all" ? layout : shown}
        queue={queue}
        paused={summary.paused}
        wrap={effectiveFilter === "problems"}
      />

      {!allDone && (
        <footer className="flex items-center gap-2 border-t border-neutral-200 py-1.5 pr-4 pl-2 text-xs text-neutral-600 dark:border-neutral-800 dark:text-neutral-400">
          <Button size="sm" variant="ghost" className="mr-auto" onClick={() => queue.cancelAll()}>
            Cancel all
          </Button>
          <label htmlFor="upload-concurrency">Files at a time</label>
          <select
            id="upload-concurrency"
            value={summary.concurrency}
            onChange={(event) => queue.setConcurrency(Number(event.currentTarget.value))}
            className={cx(
              "h-7 rounded-md border border-neutral-300 bg-white px-1.5 text-neutral-900 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100",
              focusRing,
            )}
          >
            {Array.from({ length: MAX_CONCURRENCY }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </footer>
      )}
    </section>
  );
}

/** A square icon-only button (the shared Button's padding would squeeze the icon). */
function IconButton({
  ref,
  label,
  title,
  onClick,
  children,
}: {
  ref?: Ref<HTMLButtonElement>;
  label: string;
  title: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      ref={ref}
      type="button"
      aria-label={label}
      title={title}
      onClick={onClick}
      className={cx(
        "inline-flex size-8 shrink-0 cursor-pointer items-center justify-center rounded-lg text-neutral-500 transition-colors hover:bg-neutral-100 hover:text-neutral-900 dark:text-neutral-400 dark:hover:bg-neutral-800 dark:hover:text-neutral-100",
        focusRing,
      )}
    >
      {children}
    </button>
  );
}

function FilterButton({ pressed, onClick, children }: { pressed: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={cx(
        "h-7 cursor-pointer rounded-md px-2 text-xs font-medium tabular-nums",
        focusRing,
        pressed
          ? "bg-neutral-900 text-white dark:bg-neutral-100 dark:text-neutral-900"
          : "text-neutral-600 hover:bg-neutral-100 dark:text-neutral-300 dark:hover:bg-neutral-800",
      )}
    >
      {children}
    </button>
  );
}

/** Height of a row in the full list. Fixed: measuring rows one by one costs O(n) each with 10,000 of them. */
const ROW_HEIGHT = 60;

/**
 * The files, virtualized. In the full list every row is one fixed height (a
 * long reason is cut, with the whole of it in a tooltip); in the list of
 * problems, usually short, rows grow to show the whole reason.
 */
function UploadList({
  items,
  layout,
  queue,
  paused,
  wrap,
}: {
  items: readonly UploadItem[];
  /** Changes when the files' positions change (not on a mere change of state). */
  layout: unknown;
  queue: UploadQueue;
  paused: boolean;
  wrap: boolean;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  // A new key function makes the virtualizer rebuild its measurements of every
  // row (10,000 objects): only when the files move, not on every progress frame.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `layout` is what says when the keys change.
  const getItemKey = useCallback((index: number) => itemsRef.current[index].id, [layout]);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
    getItemKey,
  });

  return (
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto overscroll-contain">
      <ul aria-label="Files" className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <li
            key={row.key}
            ref={wrap ? virtualizer.measureElement : undefined}
            data-index={row.index}
            aria-setsize={items.length}
            aria-posinset={row.index + 1}
            className="absolute top-0 left-0 w-full overflow-hidden border-b border-neutral-100 dark:border-neutral-800/70"
            style={{ transform: `translateY(${row.start}px)`, height: wrap ? undefined : ROW_HEIGHT }}
          >
            <UploadRow item={items[row.index]} queue={queue} paused={paused} wrap={wrap} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One file. Memoized: a progress tick re-renders only the rows whose item changed. */
const UploadRow = memo(function UploadRow({
  item,
  queue,
  paused,
  wrap,
}: {
  item: UploadItem;
  queue: UploadQueue;
  paused: boolean;
  wrap: boolean;
}) {
  const active = ACTIVE_STATUSES.has(item.status);
  return (
    <div className="flex items-center gap-2 py-1.5 pr-2 pl-4" data-upload-status={item.status}>
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline justify-between gap-3">
          <p className="min-w-0 truncate text-sm font-medium" title={item.path}>
            {item.name}
          </p>
          <p className="shrink-0 text-xs text-neutral-500 tabular-nums dark:text-neutral-400">
            {formatBytes(item.size)}
          </p>
        </div>
        <div className="mt-1 flex min-h-6 items-center gap-3">
          <UploadState item={item} paused={paused} wrap={wrap} />
          {item.status === "failed" && (
            <button
              type="button"
              onClick={() => queue.retry(item.id)}
              className={cx(
                "inline-flex h-6 shrink-0 cursor-pointer items-center gap-1 rounded-md border border-neutral-300 bg-white px-2 text-xs font-medium text-neutral-900 hover:bg-neutral-50 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100 dark:hover:bg-neutral-800",
                focusRing,
              )}
            >
              <RetryIcon className="size-3.5" />
              Retry
              <span className="sr-only"> {item.name}</span>
            </button>
          )}
        </div>
      </div>
      {active ? (
        <IconButton label={`Cancel ${item.name}`} title="Cancel" onClick={() => queue.cancel(item.id)}>
          <CloseIcon className="size-4" />
        </IconButton>
      ) : (
        // Keeps the sizes of finished rows in line with the others.
        <span className="size-8 shrink-0" />
      )}
    </div>
  );
});

const muted = "text-neutral-500 dark:text-neutral-400";

function UploadState({ item, paused, wrap }: { item: UploadItem; paused: boolean; wrap: boolean }) {
  switch (item.status) {
    case "queued":
      return <StateText className={muted}>{paused ? "Paused" : "Waiting…"}</StateText>;
    case "hashing":
      return (
        <StateText className={muted}>
          Hashing…{item.size >= 50_000_000 ? ` ${Math.floor(item.progress * 100)}%` : ""}
        </StateText>
      );
    case "checking":
      return <StateText className={muted}>Checking the library…</StateText>;
    case "waiting":
      if (item.retryAt !== null) return <RetryCountdown item={item} />;
      if (item.sameAs !== null)
        return (
          <StateLine className={muted} icon={<CopyIcon className="size-3.5" />}>
            Same as {item.sameAs}: waits for it
          </StateLine>
        );
      return <StateText className={muted}>{paused ? "Paused" : "Waiting…"}</StateText>;
    case "uploading": {
      const percent = Math.floor(item.progress * 100);
      return (
        <div className="flex min-w-0 flex-1 items-center gap-2">
          <ProgressBar value={item.progress} label={`Uploading ${item.name}`} className="flex-1" />
          <span className="shrink-0 text-right text-xs text-neutral-600 tabular-nums dark:text-neutral-300">
            {percent >= 100 ? "Processing…" : `${percent}%`}
            {item.speed !== null && percent < 100 ? ` · ${formatSpeed(item.speed)}` : ""}
          </span>
        </div>
      );
    }
    case "added":
      return (
        <StateLine className="text-emerald-700 dark:text-emerald-400" icon={<CheckIcon className="size-3.5" />}>
          Added
          {item.assetId && (
            <>
              {" · "}
              <AssetLink id={item.assetId}>View</AssetLink>
            </>
          )}
        </StateLine>
      );
    case "duplicate":
      return (
        <StateLine className="text-neutral-600 dark:text-neutral-300" icon={<CopyIcon className="size-3.5" />}>
          {item.sameAs !== null ? (
            item.assetId ? (
              <AssetLink id={item.assetId}>Same as {item.sameAs}</AssetLink>
            ) : (
              `Same as ${item.sameAs}`
            )
          ) : item.assetId ? (
            <AssetLink id={item.assetId}>Already in library</AssetLink>
          ) : (
            "Already in library"
          )}
        </StateLine>
      );
    case "rejected":
      return (
        <StateLine wrap={wrap} className="text-red-700 dark:text-red-400" icon={<AlertIcon className="size-3.5" />}>
          Rejected: {item.message}
        </StateLine>
      );
    case "failed":
      return (
        <StateLine wrap={wrap} className="text-red-700 dark:text-red-400" icon={<AlertIcon className="size-3.5" />}>
          Failed: {item.message}
        </StateLine>
      );
    case "cancelled":
      return <StateText className={muted}>Cancelled</StateText>;
    case "skipped":
      return (
        <StateLine wrap={wrap} className="text-amber-700 dark:text-amber-400" icon={<SkipIcon className="size-3.5" />}>
          Skipped: {item.message}
        </StateLine>
      );
  }
}

function AssetLink({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Link href={`/asset/${id}`} className={cx("rounded-sm underline underline-offset-2 hover:no-underline", focusRing)}>
      {children}
    </Link>
  );
}

function RetryCountdown({ item }: { item: UploadItem }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil(((item.retryAt ?? now) - now) / 1000));
  return (
    <StateLine className="text-amber-700 dark:text-amber-400" icon={<RetryIcon className="size-3.5" />}>
      {seconds > 0 ? `Retrying in ${seconds} s` : "Retrying…"} (attempt {item.attempt + 1}): {item.message}
    </StateLine>
  );
}

function StateText({ className, children }: { className: string; children: ReactNode }) {
  return <p className={cx("min-w-0 flex-1 truncate text-xs", className)}>{children}</p>;
}

function StateLine({
  className,
  icon,
  wrap = false,
  children,
}: {
  className: string;
  icon: ReactNode;
  /** Show all of a long text; otherwise it is cut to one line, the whole of it in a tooltip. */
  wrap?: boolean;
  children: ReactNode;
}) {
  const text = useRef<HTMLSpanElement>(null);
  return (
    <p className={cx("flex min-w-0 flex-1 items-start gap-1.5 text-xs", className)}>
      <span className="mt-px shrink-0">{icon}</span>
      <span
        ref={text}
        className={cx("min-w-0", wrap ? "break-words" : "truncate")}
        onPointerEnter={() => {
          const node = text.current;
          if (node && !wrap) node.title = node.scrollWidth > node.clientWidth ? (node.textContent ?? "") : "";
        }}
      >
        {children}
      </span>
    </p>
  );
}

function UploadBadge({
  ref,
  summary,
  problems,
  onOpen,
}: {
  ref: Ref<HTMLButtonElement>;
  summary: UploadSummary;
  problems: number;
  onOpen: () => void;
}) {
  const fraction = summary.bytesTotal > 0 ? summary.bytesDone / summary.bytesTotal : summary.active === 0 ? 1 : 0;
  const done = summary.active === 0;
  const circumference = 2 * Math.PI * 9;
  return (
    <button
      ref={ref}
      type="button"
      onClick={onOpen}
      title="Show uploads"
      className={cx(
        "fixed right-3 bottom-3 z-30 flex h-11 cursor-pointer sm:right-14 items-center gap-2 rounded-full border border-neutral-200 bg-white pr-4 pl-2 text-sm font-medium shadow-lg hover:bg-neutral-50 dark:border-neutral-800 dark:bg-neutral-900 dark:hover:bg-neutral-800",
        focusRing,
      )}
    >
      <span className="relative flex size-7 items-center justify-center" aria-hidden="true">
        <svg viewBox="0 0 24 24" className="absolute inset-0 size-7 -rotate-90" aria-hidden="true">
          <circle
            cx="12"
            cy="12"
            r="9"
            fill="none"
            strokeWidth="2.5"
            className="stroke-neutral-200 dark:stroke-neutral-700"
          />
          <circle
            cx="12"
            cy="12"
            r="9"
            fill="none"
            strokeWidth="2.5"
            strokeLinecap="round"
            className="stroke-emerald-600 transition-[stroke-dashoffset] duration-300 dark:stroke-emerald-400"
            strokeDasharray={circumference}
            strokeDashoffset={circumference * (1 - Math.min(1, Math.max(0, fraction)))}
          />
        </svg>
        {done ? (
          <CheckIcon className="relative size-3.5 text-emerald-700 dark:text-emerald-400" />
        ) : summary.paused ? (
          <PauseIcon className="relative size-3 text-neutral-600 dark:text-neutral-300" />
        ) : (
          <ArrowUpIcon className="relative size-3.5 text-emerald-700 dark:text-emerald-400" />
        )}
      </span>
      <span className="sr-only">Show uploads, </span>
      <span className="tabular-nums">
        {formatCount(summary.finished)} / {formatCount(summary.total)}
      </span>
      <span className="sr-only"> done{summary.paused ? ", paused" : ""}</span>
      {problems > 0 && (
        <span className="flex items-center gap-1 text-red-700 dark:text-red-400">
          <AlertIcon className="size-4" />
          <span className="tabular-nums">{formatCount(problems)}</span>
          <span className="sr-only"> {problems === 1 ? "problem" : "problems"}</span>
        </span>
      )}
    </button>
  );
}
