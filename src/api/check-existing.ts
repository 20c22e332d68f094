/**
 * `POST /api/assets/exist` (§3.7) by SHA-256: which of these files does the
 * library already hold? Trashed assets are included, matching the upload's
 * dedup scope, so a file found here would come back from an upload as 200.
 */
import type { z } from "zod";
import { apiFetch } from "./client";
import { type assetLiteSchema, existResponseSchema } from "./schemas";

export type AssetLite = z.infer<typeof assetLiteSchema>;

/** The API's cap on one request's list (§3.7). */
export const EXIST_BATCH_MAX = 5000;

/**
 * Looks up base64 SHA-256 checksums, `EXIST_BATCH_MAX` per request, one
 * request at a time. Returns the matches by checksum; a checksum missing from
 * the map is not in the library.
 */
export async function checkExisting(
  checksums: readonly string[],
  { signal }: { signal?: AbortSignal } = {},
): Promise<Map<string, AssetLite>> {
  const found = new Map<string, AssetLite>();
  const unique = [...new Set(checksums)];
  for (let start = 0; start < unique.length; start += EXIST_BATCH_MAX) {
    const { assets } = await apiFetch("/api/assets/exist", {
      method: "POST",
      body: { checksums: unique.slice(start, start + EXIST_BATCH_MAX) },
      schema: existResponseSchema,
      signal,
    });
    for (const asset of assets) found.set(asset.checksum, asset);
  }
  return found;
}
