import type { Asset, AssetVariant, IncludeToken, Metadata } from "../../src/api/schemas";
import { formatCaptureTime } from "../../src/lib/capture-time";
import type { AssetRow } from "../repositories/asset-repository";
import { normaliseRating } from "./effective-values";
import type { UrlSigner } from "./url-signer";

export const ALL_INCLUDES: ReadonlySet<IncludeToken> = new Set([
  "metadata",
  "faces",
  "people",
  "metrics",
  "file_data",
  "variants",
]);

const LONG_EDGE = { thumbnail: 360, small: 720, preview: 1440 } as const;
type Derived = "thumbnail" | "small" | "preview" | "fullsize";
const DERIVED: Derived[] = ["thumbnail", "small", "preview", "fullsize"];

/** Formats browsers display as they are; anything else gets a WebP fullsize. */
export const BROWSER_IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"]);

interface StoredVariant {
  path: string;
  mimetype: string;
  width: number;
  height: number;
}
export type StoredVariants = Partial<Record<Derived, StoredVariant>>;

export function storedVariants(row: Pick<AssetRow, "variants_json">): StoredVariants {
  return row.variants_json ? (JSON.parse(row.variants_json) as StoredVariants) : {};
}

/** Embedded values that are read-only (camera and geometry); kept as JSON. */
export interface EmbeddedExtras {
  make?: string | null;
  model?: string | null;
  lens_model?: string | null;
  f_number?: number | null;
  focal_length?: number | null;
  exposure_time?: number | null;
  exposure_bias?: number | null;
  iso?: number | null;
  orientation?: number | null;
  raw_width?: number | null;
  raw_height?: number | null;
  modified_datetime?: string | null;
  digitized_datetime?: string | null;
  altitude?: number | null;
  fps?: number | null;
  live_photo_cid?: string | null;
  projection_type?: string | null;
  auto_stack_id?: string | null;
}

function targetWidth(row: AssetRow, variant: Derived): number | null {
  if (!row.width || !row.height) return null;
  if (variant === "fullsize") return row.width;
  const scale = Math.min(1, LONG_EDGE[variant] / Math.max(row.width, row.height));
  return Math.round(row.width * scale);
}

function assetUrls(row: AssetRow, full: boolean, signer: UrlSigner): Record<string, AssetVariant> {
  const isVideo = row.mime_type.startsWith("video/");
  const stored = storedVariants(row);
  const urls: Record<string, AssetVariant> = {};
  const variants = full ? DERIVED : (["thumbnail"] as Derived[]);
  for (const v of variants) {
    const predicted = v === "fullsize" && BROWSER_IMAGE_TYPES.has(row.mime_type) ? row.mime_type : "image/webp";
    urls[isVideo ? `${v}_image` : v] = {
      url: signer.sign(`/api/assets/${row.id}/thumbnail`, { size: v }),
      mimetype: stored[v]?.mimetype ?? predicted,
      width: stored[v]?.width ?? targetWidth(row, v),
    };
  }
  if (full) {
    urls.original = {
      url: signer.sign(`/api/assets/${row.id}/download`, { dl: row.original_file_name }),
      mimetype: row.mime_type,
      width: row.width || null,
    };
  }
  return urls;
}

function metadata(row: AssetRow): Metadata {
  const extras = JSON.parse(row.emb_json) as EmbeddedExtras;
  const originalWall = row.ovr_datetime ?? row.emb_datetime;
  const originalOffset = row.ovr_datetime !== null ? row.ovr_offset : row.emb_offset;
  const rating = row.ovr_rating ?? row.emb_rating;
  return {
    asset_id: row.id,
    created_at: row.created_at,
    updated_at: row.meta_updated_at,
    make: extras.make ?? null,
    model: extras.model ?? null,
    lens_model: extras.lens_model ?? null,
    f_number: extras.f_number ?? null,
    focal_length: extras.focal_length ?? null,
    exposure_time: extras.exposure_time ?? null,
    exposure_bias: extras.exposure_bias ?? null,
    iso: extras.iso ?? null,
    orientation: extras.orientation ?? null,
    raw_width: extras.raw_width ?? null,
    raw_height: extras.raw_height ?? null,
    original_datetime: originalWall === null ? null : formatCaptureTime(originalWall, originalOffset),
    modified_datetime: extras.modified_datetime ?? null,
    digitized_datetime: extras.digitized_datetime ?? null,
    latitude: row.eff_latitude,
    longitude: row.eff_longitude,
    altitude: row.ovr_latitude !== null ? null : (extras.altitude ?? null),
    city: row.city,
    state: row.state,
    country: row.country,
    country_code: row.country_code,
    sublocation: row.sublocation,
    place_name: row.place_name,
    timezone: row.timezone,
    display_label: row.display_label,
    description: row.ovr_description ?? row.emb_description,
    fps: extras.fps ?? null,
    live_photo_cid: extras.live_photo_cid ?? null,
    projection_type: extras.projection_type ?? null,
    auto_stack_id: extras.auto_stack_id ?? null,
    rating: rating === null ? null : normaliseRating(rating),
  };
}

/**
 * The AssetResponse for a row: the lean core, plus each group whose token is
 * in `include`; gated groups not asked for are explicit nulls (§2.1).
 */
export function toAssetResponse(row: AssetRow, include: ReadonlySet<IncludeToken>, signer: UrlSigner): Asset {
  return {
    id: row.id,
    created_at: row.created_at,
    updated_at: row.updated_at,
    original_file_name: row.original_file_name,
    mime_type: row.mime_type,
    local_datetime: formatCaptureTime(row.local_dt, row.local_offset),
    width: row.width,
    height: row.height,
    duration: row.duration,
    description: row.ai_description,
    thumbhash: row.thumbhash,
    asset_urls: assetUrls(row, include.has("variants"), signer),
    trashed_at: row.trashed_at,
    file_size_bytes: row.file_size_bytes,
    kind: "original",
    current_version_id: row.current_version_id,
    stack_id: null,
    metadata: include.has("metadata") ? metadata(row) : null,
    file_data: include.has("file_data")
      ? {
          device_asset_id: row.device_asset_id,
          device_id: row.device_id,
          file_created_at: row.file_created_at,
          file_modified_at: row.file_modified_at,
          checksum: row.checksum,
          checksum_sha1: row.checksum_sha1,
          file_size_bytes: row.file_size_bytes,
        }
      : null,
    metrics: include.has("metrics") ? {} : null,
    faces: include.has("faces") ? [] : null,
    people: include.has("people") ? [] : null,
    processing_state: row.processing_state,
  };
}
