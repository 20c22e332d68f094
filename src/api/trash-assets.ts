/**
 * The trash lifecycle (§3.8) and permanent deletion (§3.9). Every bulk call
 * takes at most 200 ids, so larger selections go in chunks, one after the other.
 */
import { z } from "zod";
import { apiFetch, queryString } from "./client";

/** The API's limit on ids (or updates) per bulk request. */
export const BULK_LIMIT = 200;

const emptySchema = z.object({});

/** `items` cut into consecutive runs of at most `size` (the last one shorter). */
export function chunk<T>(items: readonly T[], size = BULK_LIMIT): T[][] {
  if (size < 1) throw new RangeError("chunk size must be at least 1");
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function postIds(path: string, ids: readonly string[], method: "POST" | "DELETE" = "POST"): Promise<void> {
  for (const part of chunk([...new Set(ids)])) {
    await apiFetch(path, { method, body: { ids: part }, schema: emptySchema });
  }
}

/** `POST /api/assets/trash`: soft delete (already trashed ones are skipped by the server). */
export function trashAssets(ids: readonly string[]): Promise<void> {
  return postIds("/api/assets/trash", ids);
}

/** `POST /api/assets/restore`: back from the trash (live ones are skipped by the server). */
export function restoreAssets(ids: readonly string[]): Promise<void> {
  return postIds("/api/assets/restore", ids);
}

/** `DELETE /api/assets` with `{ids}`: hard delete, files included; cannot be undone. */
export function deleteAssets(ids: readonly string[]): Promise<void> {
  return postIds("/api/assets", ids, "DELETE");
}

/** `POST /api/assets/empty-trash`: hard delete of every trashed asset of the library. */
export async function emptyTrash(libraryId?: string): Promise<void> {
  await apiFetch(`/api/assets/empty-trash${queryString({ library_id: libraryId })}`, {
    method: "POST",
    schema: emptySchema,
  });
}
