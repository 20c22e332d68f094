/**
 * `POST /api/assets` (§3.1). This is the one request that does not go through
 * `apiFetch`: `fetch` cannot report upload progress, so it uses XMLHttpRequest.
 * Errors are the same `ApiError`s the rest of the app sees; an error status
 * also carries the server's `Retry-After`, which the upload queue honours.
 */
import { ApiError, type ApiErrorKind, apiErrorFromResponse, parseResponseBody, UNREACHABLE_MESSAGE } from "./client";
import { discardEarlyAnswers } from "./early-requests";
import { type Asset, assetSchema } from "./schemas";

/** 201 → the file is new in the library; 200 → the library already held the same bytes. */
export interface UploadResult {
  status: "created" | "duplicate";
  asset: Asset;
}

/** The form fields that describe the file (§3.1). The caller chooses them; see the upload feature. */
export interface UploadFields {
  deviceId: string;
  deviceAssetId: string;
  /** ISO 8601 with an offset. */
  fileCreatedAt: string;
  fileModifiedAt: string;
}

export interface UploadOptions {
  /** Fraction of the request body sent, 0–1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** An `ApiError` from the upload, with how long the server asked us to wait before trying again. */
export class UploadError extends ApiError {
  /** From `Retry-After` (seconds or an HTTP date) or `retry-after-ms`; null when the server sent none. */
  readonly retryAfterMs: number | null;

  constructor(
    init: { kind: ApiErrorKind; status: number; message: string; issues?: ApiError["issues"]; cause?: unknown },
    retryAfterMs: number | null,
  ) {
    super(init);
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * `Retry-After: 3` → 3000; `Retry-After: <HTTP date>` → ms until then (never negative);
 * `retry-after-ms` wins when present (§1.8). Anything unreadable → null.
 */
export function parseRetryAfter(
  retryAfter: string | null,
  retryAfterMs: string | null = null,
  now: number = Date.now(),
): number | null {
  if (retryAfterMs !== null && retryAfterMs.trim() !== "") {
    const ms = Number(retryAfterMs);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  if (retryAfter === null || retryAfter.trim() === "") return null;
  const text = retryAfter.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/**
 * ISO 8601 in this browser's local time with its offset ("2024-01-01T09:00:00.000+09:00"),
 * not UTC: when a file has no embedded date the server falls back to this
 * reading (§3.1), and it should show the wall clock the user lives in.
 */
export function toLocalIsoString(epochMs: number): string {
  const d = new Date(epochMs);
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  return (
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}

export function buildUploadForm(file: File, fields: UploadFields): FormData {
  const form = new FormData();
  form.append("device_id", fields.deviceId);
  form.append("device_asset_id", fields.deviceAssetId);
  form.append("file_created_at", fields.fileCreatedAt);
  form.append("file_modified_at", fields.fileModifiedAt);
  // The file part goes last so the fields are read before its bytes stream in.
  form.append("asset_data", file, file.name);
  return form;
}

/** Uploads one file. Rejects with `UploadError`, or with `signal.reason` when aborted. */
export function uploadAsset(
  file: File,
  fields: UploadFields,
  { onProgress, signal }: UploadOptions = {},
): Promise<UploadResult> {
  return new Promise<UploadResult>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    // The library is about to change: answers asked for while the app loaded are no longer true.
    discardEarlyAnswers();
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const cleanup = () => signal?.removeEventListener("abort", onAbort);
    signal?.addEventListener("abort", onAbort, { once: true });

    xhr.open("POST", "/api/assets");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.responseType = "text";

    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    });
    xhr.addEventListener("load", () => {
      cleanup();
      try {
        if (xhr.status === 200 || xhr.status === 201) {
          const asset = parseResponseBody(assetSchema, xhr.status, xhr.responseText, "the upload");
          onProgress?.(1);
          resolve({ status: xhr.status === 201 ? "created" : "duplicate", asset });
        } else {
          const error = apiErrorFromResponse(xhr.status, xhr.statusText, xhr.responseText);
          const retryAfter = parseRetryAfter(
            xhr.getResponseHeader("Retry-After"),
            xhr.getResponseHeader("retry-after-ms"),
          );
          reject(
            new UploadError(
              { kind: error.kind, status: error.status, message: error.message, issues: error.issues },
              retryAfter,
            ),
          );
        }
      } catch (error) {
        reject(error);
      }
    });
    xhr.addEventListener("error", () => {
      cleanup();
      reject(new UploadError({ kind: "network", status: 0, message: UNREACHABLE_MESSAGE }, null));
    });
    xhr.addEventListener("abort", () => {
      cleanup();
      reject(signal?.reason ?? new DOMException("The upload was cancelled.", "AbortError"));
    });

    xhr.send(buildUploadForm(file, fields));
  });
}
