import type { ReactNode } from "react";
import { ApiError } from "../../api/client";
import { Button } from "../../components/ui/button";
import { CloudOffIcon, PhotoIcon, RetryIcon } from "../../components/ui/icons";

/** Shown until the day counts are in: the grid's shape, without pretending to know the photos. */
export function TimelineSkeleton() {
  return (
    <div role="status" aria-live="polite" className="h-full overflow-hidden px-2 pt-2 sm:px-6">
      <span className="sr-only">Loading your library…</span>
      <div aria-hidden="true">
        <div className="mt-6 mb-3 h-6 w-40 animate-pulse rounded bg-neutral-200 dark:bg-neutral-800" />
        <div className="mb-3 h-4 w-28 animate-pulse rounded bg-neutral-100 dark:bg-neutral-900" />
        <div className="grid grid-cols-[repeat(auto-fill,minmax(7rem,1fr))] gap-1 sm:grid-cols-[repeat(auto-fill,minmax(10rem,1fr))]">
          {Array.from({ length: 30 }, (_, i) => (
            <div
              // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders, never reordered.
              key={i}
              className="aspect-square animate-pulse rounded-[3px] bg-neutral-100 dark:bg-neutral-900"
              style={{ animationDelay: `${(i % 8) * 75}ms` }}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

/** The empty library: what it is, and how to fill it (`action` is the app's upload button). */
export function EmptyTimeline({ action }: { action?: ReactNode }) {
  return (
    <section aria-labelledby="empty-heading" className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-md flex-col items-center px-6 py-20 text-center">
        <div className="mb-5 flex size-16 items-center justify-center rounded-2xl bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-400">
          <PhotoIcon className="size-8" />
        </div>
        <h2 id="empty-heading" className="text-lg font-semibold">
          Your library is empty
        </h2>
        <p className="mt-1.5 text-neutral-600 dark:text-neutral-400">
          Upload photos and videos to get started. They stay on this computer, in your Gumleaf library, and show up here
          by the day they were taken.
        </p>
        {action && <div className="mt-6">{action}</div>}
      </div>
    </section>
  );
}

export function TimelineError({ error, onRetry, retrying }: { error: Error; onRetry: () => void; retrying: boolean }) {
  const unreachable = error instanceof ApiError && error.isUnreachable;
  return (
    <div role="alert" className="mx-auto flex max-w-md flex-col items-center px-6 py-20 text-center">
      <div className="mb-5 flex size-16 items-center justify-center rounded-2xl bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-400">
        <CloudOffIcon className="size-8" />
      </div>
      <h2 className="text-lg font-semibold">
        {unreachable ? "Can't reach the Gumleaf server" : "Couldn't load your library"}
      </h2>
      <p className="mt-1.5 text-neutral-600 dark:text-neutral-400">
        {unreachable ? (
          <>
            Is <code className="rounded bg-neutral-100 px-1 py-0.5 text-sm dark:bg-neutral-800">npm start</code>{" "}
            running? Start it in a terminal, then try again.
          </>
        ) : (
          <>{error.message} Try again; if it keeps happening, the server's log says more.</>
        )}
      </p>
      <Button onClick={onRetry} disabled={retrying} className="mt-6">
        <RetryIcon className={retrying ? "animate-spin" : undefined} />
        {retrying ? "Retrying…" : "Retry"}
      </Button>
    </div>
  );
}
