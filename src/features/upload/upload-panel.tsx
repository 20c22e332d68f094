import type { ReactNode } from "react";
import { Button } from "../../components/ui/button";
import { cx } from "../../components/ui/cx";
import { AlertIcon, CheckIcon, CopyIcon, RetryIcon } from "../../components/ui/icons";
import { ProgressBar } from "../../components/ui/progress-bar";
import { formatBytes } from "../../lib/format";
import { finishedStatuses, type UploadItem } from "./upload-queue";
import { useUploadItems, useUploadQueue } from "./upload-queue-provider";

function summary(items: readonly UploadItem[]): string {
  const done = items.filter((item) => finishedStatuses.has(item.status)).length;
  if (done < items.length) return `Uploading… ${done} of ${items.length} done`;
  const problems = items.filter((item) => item.status === "rejected" || item.status === "failed").length;
  if (problems === 0) return items.length === 1 ? "Upload complete" : `${items.length} uploads complete`;
  if (items.length === 1) return "The upload needs attention";
  return `${problems} of ${items.length} uploads ${problems === 1 ? "needs" : "need"} attention`;
}

/** A panel in the corner listing this session's uploads; hidden when there are none. */
export function UploadPanel() {
  const items = useUploadItems();
  const queue = useUploadQueue();
  if (items.length === 0) return null;

  const allDone = items.every((item) => finishedStatuses.has(item.status));
  const anyDone = items.some((item) => finishedStatuses.has(item.status));

  return (
    <section
      aria-labelledby="upload-panel-heading"
      className="fixed right-3 bottom-3 left-3 z-20 flex max-h-[min(26rem,60vh)] flex-col overflow-hidden rounded-xl border border-neutral-200 bg-white shadow-xl sm:left-auto sm:w-96 dark:border-neutral-800 dark:bg-neutral-900 dark:shadow-black/40"
    >
      <header className="flex items-center justify-between gap-3 border-b border-neutral-200 py-2 pr-2 pl-4 dark:border-neutral-800">
        <div className="min-w-0">
          <h2 id="upload-panel-heading" className="text-sm font-semibold">
            Uploads
          </h2>
          <p className="truncate text-xs text-neutral-500 dark:text-neutral-400" aria-live="polite">
            {summary(items)}
          </p>
        </div>
        {anyDone && (
          <Button size="sm" variant="ghost" onClick={() => queue.clearFinished()}>
            {allDone ? "Close" : "Clear finished"}
          </Button>
        )}
      </header>
      <ul className="min-h-0 flex-1 divide-y divide-neutral-100 overflow-y-auto dark:divide-neutral-800">
        {items.map((item) => (
          <UploadRow key={item.id} item={item} onRetry={() => queue.retry(item.id)} />
        ))}
      </ul>
    </section>
  );
}

function UploadRow({ item, onRetry }: { item: UploadItem; onRetry: () => void }) {
  const percent = Math.round(item.progress * 100);
  return (
    <li className="px-4 py-2.5">
      <div className="flex items-baseline justify-between gap-3">
        <p className="min-w-0 truncate text-sm font-medium" title={item.file.name}>
          {item.file.name}
        </p>
        <p className="shrink-0 text-xs text-neutral-500 tabular-nums dark:text-neutral-400">
          {formatBytes(item.file.size)}
        </p>
      </div>
      <div className="mt-1.5 flex items-center gap-3" aria-live="polite">
        <UploadState item={item} percent={percent} />
        {item.status === "failed" && (
          <Button size="sm" variant="secondary" onClick={onRetry} aria-label={`Retry ${item.file.name}`}>
            <RetryIcon className="size-3.5" />
            Retry
          </Button>
        )}
      </div>
    </li>
  );
}

function UploadState({ item, percent }: { item: UploadItem; percent: number }) {
  switch (item.status) {
    case "queued":
      return <p className="text-xs text-neutral-500 dark:text-neutral-400">Waiting…</p>;
    case "uploading":
      return (
        <div className="flex min-w-0 flex-1 items-center gap-2">
          <ProgressBar value={item.progress} label={`Uploading ${item.file.name}`} className="flex-1" />
          <span className="w-16 shrink-0 text-right text-xs text-neutral-600 tabular-nums dark:text-neutral-300">
            {percent >= 100 ? "Processing…" : `${percent}%`}
          </span>
        </div>
      );
    case "added":
      return (
        <StateLine className="text-emerald-700 dark:text-emerald-400" icon={<CheckIcon className="size-3.5" />}>
          Added
        </StateLine>
      );
    case "duplicate":
      return (
        <StateLine className="text-neutral-600 dark:text-neutral-400" icon={<CopyIcon className="size-3.5" />}>
          Already in library
        </StateLine>
      );
    case "rejected":
      return (
        <StateLine className="text-red-700 dark:text-red-400" icon={<AlertIcon className="size-3.5" />}>
          Rejected: {item.message}
        </StateLine>
      );
    case "failed":
      return (
        <StateLine className="text-red-700 dark:text-red-400" icon={<AlertIcon className="size-3.5" />}>
          Failed: {item.message}
        </StateLine>
      );
  }
}

function StateLine({ className, icon, children }: { className: string; icon: ReactNode; children: ReactNode }) {
  return (
    <p className={cx("flex min-w-0 flex-1 items-start gap-1.5 text-xs", className)}>
      <span className="mt-px shrink-0">{icon}</span>
      <span className="min-w-0 break-words">{children}</span>
    </p>
  );
}
