/**
 * The upload's descriptive fields (§3.1), filled honestly from what the
 * browser knows about a file.
 */
import { toLocalIsoString, type UploadFields } from "../../api/upload-asset";

const DEVICE_ID_KEY = "gumleaf.device-id";

/** A random UUID; `crypto.randomUUID` exists only in secure contexts (not on plain http over a LAN). */
function randomUuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * This browser's `device_id`: "gumleaf-web-<uuid>", made once and kept in
 * localStorage. Without storage (private mode refusing it) it lasts for the page.
 */
export function getDeviceId(storage: Pick<Storage, "getItem" | "setItem"> | null = safeLocalStorage()): string {
  const existing = storage?.getItem(DEVICE_ID_KEY);
  if (existing) return existing;
  const id = `gumleaf-web-${randomUuid()}`;
  try {
    storage?.setItem(DEVICE_ID_KEY, id);
  } catch {
    // Storage full or refused: the id still serves this page.
  }
  return id;
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * `device_asset_id`: what identifies this file on this device — its path
 * inside what was dropped or picked, its size and its last-modified time.
 * The same file picked again gets the same id; an edited file gets a new one.
 */
export function deviceAssetId(file: File, path: string): string {
  return `${path || file.name}-${file.size}-${file.lastModified}`;
}

export function uploadFieldsFor(file: File, path: string, deviceId: string): UploadFields {
  // Browsers expose no creation time, only the last-modified time; it is the
  // honest answer for both. Local time with its offset, so a file without an
  // embedded date shows the wall clock the user lives in.
  const modified = toLocalIsoString(file.lastModified);
  return {
    deviceId,
    deviceAssetId: deviceAssetId(file, path),
    fileCreatedAt: modified,
    fileModifiedAt: modified,
  };
}
