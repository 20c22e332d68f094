/**
 * `PATCH /api/assets/{id}` (gumnut-api.md §3.4): edit the user layer of an
 * asset's metadata. A key that is absent leaves the field alone; `null`
 * removes the user's override so the file's own value shows again.
 */
import type { LatLng } from "../lib/geo";
import { apiFetch } from "./client";
import { type Asset, assetSchema, type UpdateAssetBody, updateAssetSchema } from "./schemas";

/** One edit as the drawer thinks of it. `undefined` (or no key) = leave alone, `null` = back to the file's value. */
export interface AssetEdit {
  /** Blank text clears the override (sends `null`). */
  description?: string | null;
  /** Latitude and longitude always travel together. */
  location?: LatLng | null;
  /** A capture time in wire form (`2023-04-02T14:03:05+09:00` or naive). */
  originalDatetime?: string | null;
  /** 0–5; 0 is a real value ("unrated"), masking a rating in the file. */
  rating?: number | null;
}

const has = <K extends keyof AssetEdit>(edit: AssetEdit, key: K): boolean =>
  Object.hasOwn(edit, key) && edit[key] !== undefined;

/**
 * The PATCH body for an edit, and nothing else: omitted stays omitted, `null`
 * is sent to clear, and the coordinates are always a pair.
 */
export function buildUpdateBody(edit: AssetEdit): UpdateAssetBody {
  const body: UpdateAssetBody = {};
  if (has(edit, "description")) {
    const text = edit.description ?? null;
    body.description = text === null || text.trim() === "" ? null : text;
  }
  if (has(edit, "location")) {
    body.latitude = edit.location?.latitude ?? null;
    body.longitude = edit.location?.longitude ?? null;
  }
  if (has(edit, "originalDatetime")) body.original_datetime = edit.originalDatetime ?? null;
  if (has(edit, "rating")) body.rating = edit.rating ?? null;
  return body;
}

export type BodyCheck = { ok: true; body: UpdateAssetBody } | { ok: false; message: string };

/**
 * The server's own rules (pair rule, ranges, datetime format), run before
 * sending so a bad value never leaves the browser. Messages are the schema's.
 */
export function checkUpdateBody(body: UpdateAssetBody): BodyCheck {
  const parsed = updateAssetSchema.safeParse(body);
  if (parsed.success) return { ok: true, body };
  const message = parsed.error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
  return { ok: false, message };
}

/** The fields a body touches, in words, for messages: "the rating", "the location and the rating". */
export function describeUpdate(body: UpdateAssetBody): string {
  const names: string[] = [];
  if (Object.hasOwn(body, "description")) names.push("the description");
  if (Object.hasOwn(body, "latitude") || Object.hasOwn(body, "longitude")) names.push("the location");
  if (Object.hasOwn(body, "original_datetime")) names.push("the capture time");
  if (Object.hasOwn(body, "rating")) names.push("the rating");
  if (names.length === 0) return "your change";
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** Sends the body; resolves with the full asset the server answers with (§2.1 full shape). */
export function updateAsset(
  id: string,
  body: UpdateAssetBody,
  { signal }: { signal?: AbortSignal } = {},
): Promise<Asset> {
  return apiFetch(`/api/assets/${encodeURIComponent(id)}`, { method: "PATCH", body, schema: assetSchema, signal });
}
