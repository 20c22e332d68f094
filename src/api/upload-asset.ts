/**
 * `POST /api/assets` (§3.1). This is the one request that does not go through
 * `apiFetch`: `fetch` cannot report upload progress, so it uses XMLHttpRequest.
 * Errors are the same `ApiError`s the rest of the app sees.
 */
import { ApiError, apiErrorFromResponse, parseResponseBody, UNREACHABLE_MESSAGE } from "./client";
import { type Asset, assetSchema } from "./schemas";

export const WEB_DEVICE_ID = "gumleaf-web";

/** 201 → the file is new in the library; 200 → the library already held the same bytes. */
export interface UploadResult {
  status: "created" | "duplicate";
  asset: Asset;
}

export interface UploadOptions {
  /** Fraction of the request body sent, 0–1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Stable per file on this device: the same file picked twice gets the same id. */
export function deviceAssetId(file: File): string {
  return `${file.name}-${file.size}-${file.lastModified}`;
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

export function buildUploadForm(file: File): FormData {
  const modified = toLocalIsoString(file.lastModified);
  const form = new FormData();
  form.append("device_id", WEB_DEVICE_ID);
  form.append("device_asset_id", deviceAssetId(file));
  // Browsers expose no creation time; the last-modified time is the best fallback capture time there is.
  form.append("file_created_at", modified);
  form.append("file_modified_at", modified);
  form.append("asset_data", file, file.name);
  return form;
}

export function uploadAsset(file: File, { onProgress, signal }: UploadOptions = {}): Promise<UploadResult> {
  return new Promise<UploadResult>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
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
          reject(apiErrorFromResponse(xhr.status, xhr.statusText, xhr.responseText));
        }
      } catch (error) {
        reject(error);
      }
    });
    xhr.addEventListener("error", () => {
      cleanup();
      reject(new ApiError({ kind: "network", status: 0, message: UNREACHABLE_MESSAGE }));
    });
    xhr.addEventListener("abort", () => {
      cleanup();
      reject(signal?.reason ?? new DOMException("The upload was cancelled.", "AbortError"));
    });

    xhr.send(buildUploadForm(file));
  });
}
