import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useState, useSyncExternalStore } from "react";
import { ApiError } from "../../api/client";
import { assetQueries } from "../../api/list-assets";
import { uploadAsset } from "../../api/upload-asset";
import { createUploadQueue, type UploadItem, type UploadQueue } from "./upload-queue";

const UploadQueueContext = createContext<UploadQueue | null>(null);

/** Statuses that mean "this file will never be accepted as it is". Anything else is worth a retry. */
const REJECTED_STATUSES = new Set([413, 415, 422]);

function classifyUploadError(error: unknown): { rejected: boolean; message: string } {
  if (error instanceof ApiError) {
    const rejected = error.kind === "http" && REJECTED_STATUSES.has(error.status);
    // Every issue of an upload is about the form the user never sees; its messages are enough.
    const message = error.issues.length > 0 ? error.issues.map((issue) => issue.msg).join("; ") : error.message;
    return { rejected, message };
  }
  return { rejected: false, message: error instanceof Error ? error.message : String(error) };
}

/** Holds the page's one upload queue; new assets refresh every asset list. */
export function UploadQueueProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [queue] = useState(() =>
    createUploadQueue({
      upload: uploadAsset,
      onAdded: () => queryClient.invalidateQueries({ queryKey: assetQueries.lists() }),
      classifyError: classifyUploadError,
    }),
  );
  return <UploadQueueContext value={queue}>{children}</UploadQueueContext>;
}

export function useUploadQueue(): UploadQueue {
  const queue = useContext(UploadQueueContext);
  if (!queue) throw new Error("useUploadQueue must be used inside <UploadQueueProvider>");
  return queue;
}

export function useUploadItems(): readonly UploadItem[] {
  const queue = useUploadQueue();
  return useSyncExternalStore(queue.subscribe, queue.getSnapshot);
}
