import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from "react";
import { checkExisting } from "../../api/check-existing";
import { assetQueries } from "../../api/list-assets";
import { uploadAsset } from "../../api/upload-asset";
import { classifyUploadError } from "./classify-upload-error";
import { createHashPool, type HashWorkerLike } from "./hash-pool";
import { createThrottledRefresh } from "./throttled-refresh";
import { getDeviceId, uploadFieldsFor } from "./upload-fields";
import { createUploadQueue, type UploadQueue, type UploadSnapshot } from "./upload-queue";

const UploadQueueContext = createContext<UploadQueue | null>(null);

/** New assets refresh every asset query (lists, timeline counts and segments) at most this often. */
const REFRESH_INTERVAL_MS = 500;

/** One or two hashing workers: enough to keep ahead of the uploads, leaving a core for the page. */
function hashPoolSize(): number {
  const cores = typeof navigator === "undefined" ? 2 : (navigator.hardwareConcurrency ?? 2);
  return Math.min(2, Math.max(1, cores - 1));
}

function createAppUploadQueue(refreshAssets: () => Promise<unknown>): UploadQueue {
  const deviceId = getDeviceId();
  const size = hashPoolSize();
  const pool = createHashPool({
    size,
    createWorker: () =>
      new Worker(new URL("./hash-worker.ts", import.meta.url), {
        type: "module",
        name: "gumleaf-hash",
      }) as unknown as HashWorkerLike,
  });
  const refresh = createThrottledRefresh(refreshAssets, { intervalMs: REFRESH_INTERVAL_MS });
  return createUploadQueue({
    hashConcurrency: size,
    hash: (file, options) => pool.hash(file, options),
    checkExisting: async (checksums, { signal }) => {
      const found = await checkExisting(checksums, { signal });
      return new Map([...found].map(([checksum, asset]) => [checksum, asset.id]));
    },
    upload: ({ file, path }, options) => uploadAsset(file, uploadFieldsFor(file, path, deviceId), options),
    classifyError: classifyUploadError,
    onUploaded: () => refresh.request(),
  });
}

/** Holds the page's one upload queue; new assets refresh every asset query. Warns before leaving mid-upload. */
export function UploadQueueProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // The queue lives as long as the page: uploads go on while routes change.
  const [queue] = useState(() =>
    createAppUploadQueue(() => queryClient.invalidateQueries({ queryKey: assetQueries.all() })),
  );

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!queue.hasActiveWork()) return;
      // Browsers show their own wording; both calls are needed across browsers.
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [queue]);

  return <UploadQueueContext value={queue}>{children}</UploadQueueContext>;
}

export function useUploadQueue(): UploadQueue {
  const queue = useContext(UploadQueueContext);
  if (!queue) throw new Error("useUploadQueue must be used inside <UploadQueueProvider>");
  return queue;
}

/** The queue's items and totals; re-renders at most once per animation frame. */
export function useUploadSnapshot(): UploadSnapshot {
  const queue = useUploadQueue();
  return useSyncExternalStore(queue.subscribe, queue.getSnapshot);
}
