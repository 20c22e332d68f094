import { apiFetch, queryString } from "./client";
import { type Asset, assetSchema, type IncludeToken } from "./schemas";

/** `GET /api/assets/{id}` (§3.2). Lean core unless `include` opens more groups. */
export function getAsset(
  id: string,
  { include, signal }: { include?: readonly IncludeToken[]; signal?: AbortSignal } = {},
): Promise<Asset> {
  const qs = queryString({ include: include && include.length > 0 ? include.join(",") : undefined });
  return apiFetch(`/api/assets/${encodeURIComponent(id)}${qs}`, { schema: assetSchema, signal });
}

/** Everything the asset drawer shows: metadata, file data and every variant URL. */
export const DETAIL_INCLUDES = ["metadata", "file_data", "variants"] as const satisfies readonly IncludeToken[];

/** `GET /api/assets/{id}?include=metadata,file_data,variants`: the same full shape a PATCH answers with. */
export function getAssetDetail(id: string, { signal }: { signal?: AbortSignal } = {}): Promise<Asset> {
  return getAsset(id, { include: DETAIL_INCLUDES, signal });
}
