import type { Asset, AssetVariant } from "../../api/schemas";

/**
 * True while the server is still making the asset's thumbnail: its URL would
 * answer 404, so the tile shows a placeholder and the list is polled. Servers
 * without the local `processing_state` extension are judged by the thumbhash.
 */
export function isAssetPending(asset: Asset): boolean {
  if (asset.processing_state !== undefined) return asset.processing_state === "pending";
  return asset.thumbhash === null;
}

export function isAssetFailed(asset: Asset): boolean {
  return asset.processing_state === "failed";
}

/** The lean rung of `asset_urls` (§2.2): `thumbnail` for images, `thumbnail_image` for videos. */
export function thumbnailVariant(asset: Asset): AssetVariant | null {
  return asset.asset_urls?.thumbnail ?? asset.asset_urls?.thumbnail_image ?? null;
}

export function isVideo(asset: Asset): boolean {
  return asset.mime_type.startsWith("video/");
}

/** Wider (or taller) than this, the square crop of the 360 px thumbnail is blurry: use `small`. */
export const PANORAMA_ASPECT = 2.5;

export function isPanorama(asset: Pick<Asset, "width" | "height">): boolean {
  if (!asset.width || !asset.height) return false;
  const aspect = asset.width / asset.height;
  return aspect > PANORAMA_ASPECT || aspect < 1 / PANORAMA_ASPECT;
}

/** The `small` rung (720 px long edge), present when the asset was read with `include=variants`. */
export function smallVariant(asset: Asset): AssetVariant | null {
  return asset.asset_urls?.small ?? asset.asset_urls?.small_image ?? null;
}
