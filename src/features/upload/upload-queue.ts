/**
 * The upload queue: a small external store (read with `useSyncExternalStore`)
 * that uploads a few files at a time and remembers how each one ended.
 * It knows nothing about React or HTTP; the transport and what to do after a
 * success are passed in, which keeps it testable.
 */
import type { UploadOptions, UploadResult } from "../../api/upload-asset";

export type UploadStatus = "queued" | "uploading" | "added" | "duplicate" | "rejected" | "failed";

export interface UploadItem {
  id: string;
  file: File;
  status: UploadStatus;
  /** Fraction of the bytes sent, 0–1. */
  progress: number;
  /** The server's reason (rejected) or what went wrong (failed). */
  message: string | null;
  assetId: string | null;
}

export interface UploadQueue {
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly UploadItem[];
  add(files: Iterable<File>): void;
  /** Puts a failed or rejected item back in the queue. */
  retry(id: string): void;
  /** Forgets every item that has finished (added, duplicate, rejected, failed). */
  clearFinished(): void;
}

export interface UploadQueueOptions {
  upload: (file: File, options: UploadOptions) => Promise<UploadResult>;
  /** Called after each new asset; the queue waits for it before starting the next file in that slot. */
  onAdded?: (result: UploadResult) => Promise<unknown> | undefined;
  /** Decides between "rejected" (the server refused this file; retrying won't help) and "failed". */
  classifyError?: (error: unknown) => { rejected: boolean; message: string };
  concurrency?: number;
}

export const finishedStatuses: ReadonlySet<UploadStatus> = new Set(["added", "duplicate", "rejected", "failed"]);

function defaultClassify(error: unknown) {
  return { rejected: false, message: error instanceof Error ? error.message : String(error) };
}

export function createUploadQueue({
  upload,
  onAdded,
  classifyError = defaultClassify,
  concurrency = 3,
}: UploadQueueOptions): UploadQueue {
  let items: readonly UploadItem[] = [];
  let nextId = 1;
  let running = 0;
  const listeners = new Set<() => void>();

  const emit = () => {
    for (const listener of listeners) listener();
  };

  const update = (id: string, change: Partial<UploadItem>) => {
    items = items.map((item) => (item.id === id ? { ...item, ...change } : item));
    emit();
  };

  const run = async (item: UploadItem) => {
    update(item.id, { status: "uploading", progress: 0, message: null });
    try {
      const result = await upload(item.file, {
        onProgress: (fraction) => {
          const current = items.find((i) => i.id === item.id);
          // Skip updates that would not move the bar by a visible 1 %.
          if (current && Math.floor(fraction * 100) !== Math.floor(current.progress * 100)) {
            update(item.id, { progress: fraction });
          }
        },
      });
      update(item.id, {
        status: result.status === "created" ? "added" : "duplicate",
        progress: 1,
        assetId: result.asset.id,
      });
      if (result.status === "created") {
        try {
          await onAdded?.(result);
        } catch {
          // A failed refresh of the list is the list's own error to show; the upload itself succeeded.
        }
      }
    } catch (error) {
      const { rejected, message } = classifyError(error);
      update(item.id, { status: rejected ? "rejected" : "failed", message });
    }
  };

  const pump = () => {
    while (running < concurrency) {
      const next = items.find((item) => item.status === "queued");
      if (!next) return;
      running += 1;
      // Mark it taken synchronously so the loop does not pick it again.
      update(next.id, { status: "uploading" });
      void run(next).finally(() => {
        running -= 1;
        pump();
      });
    }
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => items,
    add(files) {
      const added: UploadItem[] = [];
      for (const file of files) {
        added.push({ id: `upload-${nextId++}`, file, status: "queued", progress: 0, message: null, assetId: null });
      }
      if (added.length === 0) return;
      items = [...items, ...added];
      emit();
      pump();
    },
    retry(id) {
      const item = items.find((i) => i.id === id);
      if (!item || (item.status !== "failed" && item.status !== "rejected")) return;
      update(id, { status: "queued", progress: 0, message: null });
      pump();
    },
    clearFinished() {
      const kept = items.filter((item) => !finishedStatuses.has(item.status));
      if (kept.length === items.length) return;
      items = kept;
      emit();
    },
  };
}
