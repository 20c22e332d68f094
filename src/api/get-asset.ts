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
