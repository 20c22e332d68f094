/**
 * `POST /api/assets/bulk-update` (§3.5): up to 200 changes per request, each
 * request atomic, answer `{}`. A larger batch goes in chunks, one after the
 * other, reporting progress; the first refused chunk stops the batch (the
 * error says how many were saved before it).
 */
import { z } from "zod";
import { apiFetch, errorMessage } from "./client";
import type { UpdateAssetBody } from "./schemas";
import { BULK_LIMIT, chunk } from "./trash-assets";

export interface BulkUpdate {
  id: string;
  change: UpdateAssetBody;
}

export class BulkUpdateError extends Error {
  override readonly name = "BulkUpdateError";
  constructor(
    message: string,
    /** Updates the server accepted before the refusal. */
    readonly saved: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export async function bulkUpdateAssets(
  updates: readonly BulkUpdate[],
  { onProgress, signal }: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<void> {
  let done = 0;
  onProgress?.(0, updates.length);
  for (const part of chunk(updates, BULK_LIMIT)) {
    try {
      await apiFetch("/api/assets/bulk-update", {
        method: "POST",
        body: { updates: part },
        schema: z.object({}),
        signal,
      });
    } catch (error) {
      throw new BulkUpdateError(errorMessage(error), done, { cause: error });
    }
    done += part.length;
    onProgress?.(done, updates.length);
  }
}
