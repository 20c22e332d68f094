/**
 * What an upload failure means for the queue (§1.8, §3.1):
 * - no answer, 5xx, 408 or 429 → transient: retry with backoff, honouring Retry-After
 *   (a 429 — too many requests or uploads at once — does not use up the file's attempts);
 *   the server dedups by SHA-256, so re-sending a file that did land is safe (200);
 * - 507 (storage full) → failed, not retried automatically (the server says so
 *   with `x-should-retry: false`); the user can retry after freeing space;
 * - any other 4xx → rejected with the server's reason: the same bytes will be refused again;
 * - a 2xx we could not read → failed.
 */
import { ApiError } from "../../api/client";
import { UploadError } from "../../api/upload-asset";
import type { ErrorVerdict } from "./upload-queue";

const TRANSIENT_STATUSES = new Set([408]);

export function classifyUploadError(error: unknown): ErrorVerdict {
  if (!(error instanceof ApiError)) {
    return { action: "fail", message: error instanceof Error ? error.message : String(error) };
  }
  // The 422 issues are about a form the user never sees; their messages alone say it best.
  const message = error.issues.length > 0 ? error.issues.map((issue) => issue.msg).join("; ") : error.message;
  const retryAfterMs = error instanceof UploadError ? error.retryAfterMs : null;
  if (error.kind === "network") return { action: "retry", message, retryAfterMs };
  if (error.kind === "invalid-response") return { action: "fail", message };
  if (error.status === 507) return { action: "fail", message };
  if (error.status === 429) return { action: "retry", message, retryAfterMs, throttled: true };
  if (error.status >= 500 || TRANSIENT_STATUSES.has(error.status)) return { action: "retry", message, retryAfterMs };
  return { action: "reject", message };
}
