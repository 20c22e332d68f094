import { ApiError } from "../../api/client";
import { Button } from "../../components/ui/button";
import { CloudOffIcon, PhotoIcon, RetryIcon } from "../../components/ui/icons";
import { gridClasses } from "./asset-grid";
import { UploadButton } from "../upload/upload-button";

export function LibrarySkeleton() {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">Loading your library…</span>
      <div aria-hidden="true" className={gridClasses}>
        {Array.from({ length: 24 }, (_, i) => (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders, never reordered.
            key={i}
            className="aspect-square animate-pulse rounded-md bg-neutral-100 dark:bg-neutral-900"
            style={{ animationDelay: `${(i % 8) * 75}ms` }}
          />
        ))}
      </div>
    </div>
  );
}

export function EmptyLibrary() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center px-6 py-20 text-center">
      <div className="mb-5 flex size-16 items-center justify-center rounded-2xl bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-400">
        <PhotoIcon className="size-8" />
      </div>
      <h2 className="text-lg font-semibold">Your library is empty</h2>
      <p className="mt-1.5 text-neutral-600 dark:text-neutral-400">
        Upload photos and videos to get started. They stay on this computer, in your Gumleaf library.
      </p>
      <UploadButton label="Upload photos" variant="primary" className="mt-6" />
    </div>
  );
}

export function LibraryError({ error, onRetry, retrying }: { error: Error; onRetry: () => void; retrying: boolean }) {
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
