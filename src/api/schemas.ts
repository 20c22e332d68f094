/**
 * The Gumnut wire contract (../shared/gumnut-api.md) as zod schemas.
 * One definition: the server validates requests with it and the app parses
 * responses with it. Nothing here may import from `server/`.
 */
import { z } from "zod";
import { parseCaptureTime } from "../lib/capture-time";

/** A capture time: wall clock with an optional offset (§1.3). */
export const captureDateTime = z
  .string()
  .refine((s) => parseCaptureTime(s) !== null, { message: "Input should be a valid datetime" });

/** A record timestamp (UTC instant). Parsing is lenient: an offset is accepted. */
export const instant = z.iso.datetime({ offset: true, local: true });

export const includeTokens = ["metadata", "faces", "people", "metrics", "file_data", "variants"] as const;
export type IncludeToken = (typeof includeTokens)[number];

export const imageVariantKeys = ["original", "thumbnail", "small", "preview", "fullsize"] as const;
export type ImageVariantKey = (typeof imageVariantKeys)[number];

export const assetVariantSchema = z.object({
  url: z.string(),
  mimetype: z.string(),
  width: z.number().int().nullable(),
});
export type AssetVariant = z.infer<typeof assetVariantSchema>;

export const fileDataSchema = z.object({
  device_asset_id: z.string(),
  device_id: z.string(),
  file_created_at: z.string(),
  file_modified_at: z.string(),
  checksum: z.string(),
  checksum_sha1: z.string().nullable(),
  file_size_bytes: z.number().int(),
});
export type FileData = z.infer<typeof fileDataSchema>;

const num = z.number().nullable();
const str = z.string().nullable();

export const metadataSchema = z.object({
  asset_id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  make: str.optional(),
  model: str.optional(),
  lens_model: str.optional(),
  f_number: num.optional(),
  focal_length: num.optional(),
  exposure_time: num.optional(),
  exposure_bias: num.optional(),
  iso: num.optional(),
  orientation: num.optional(),
  raw_width: num.optional(),
  raw_height: num.optional(),
  original_datetime: str.optional(),
  modified_datetime: str.optional(),
  digitized_datetime: str.optional(),
  latitude: num.optional(),
  longitude: num.optional(),
  altitude: num.optional(),
  city: str.optional(),
  state: str.optional(),
  country: str.optional(),
  country_code: str.optional(),
  sublocation: str.optional(),
  place_name: str.optional(),
  timezone: str.optional(),
  display_label: str.optional(),
  description: str.optional(),
  fps: num.optional(),
  live_photo_cid: str.optional(),
  projection_type: str.optional(),
  auto_stack_id: str.optional(),
  rating: num.optional(),
});
export type Metadata = z.infer<typeof metadataSchema>;

export const assetSchema = z.object({
  id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  original_file_name: z.string(),
  mime_type: z.string(),
  local_datetime: z.string(),
  width: z.number().int().default(0),
  height: z.number().int().default(0),
  duration: z.number().nullable().default(null),
  description: z.string().nullable().default(null),
  thumbhash: z.string().nullable().default(null),
  asset_urls: z.record(z.string(), assetVariantSchema).nullable().default(null),
  trashed_at: z.string().nullable().default(null),
  file_size_bytes: z.number().int().default(0),
  kind: z.string().default("original"),
  current_version_id: z.string().default(""),
  stack_id: z.string().nullable().default(null),
  metadata: metadataSchema.nullable().default(null),
  file_data: fileDataSchema.nullable().default(null),
  metrics: z.record(z.string(), z.number().nullable()).nullable().default(null),
  faces: z.array(z.unknown()).nullable().default(null),
  people: z.array(z.unknown()).nullable().default(null),
  /** Local-server extension: `pending` | `ready` | `failed` variant processing. */
  processing_state: z.enum(["pending", "ready", "failed"]).optional(),
});
export type Asset = z.infer<typeof assetSchema>;

export const assetPageSchema = z.object({
  data: z.array(assetSchema),
  has_more: z.boolean(),
});
export type AssetPage = z.infer<typeof assetPageSchema>;

export const countBucketSchema = z.object({ time_bucket: z.string(), count: z.number().int() });
export const countsPageSchema = z.object({ data: z.array(countBucketSchema), has_more: z.boolean() });
export type CountBucket = z.infer<typeof countBucketSchema>;
export type CountsPage = z.infer<typeof countsPageSchema>;

export const groupBySchema = z.enum(["day", "week", "month", "year"]);
export type GroupBy = z.infer<typeof groupBySchema>;

export const assetLiteSchema = z.object({
  id: z.string(),
  checksum: z.string(),
  device_asset_id: z.string(),
  device_id: z.string(),
  checksum_sha1: z.string().nullable().optional(),
});
export const existResponseSchema = z.object({ assets: z.array(assetLiteSchema) });

/** Error bodies (§1.8). */
export const validationIssueSchema = z.object({
  loc: z.array(z.union([z.string(), z.number()])),
  msg: z.string(),
  type: z.string(),
  input: z.unknown().optional(),
  ctx: z.record(z.string(), z.unknown()).optional(),
});
export const validationErrorSchema = z.object({ detail: z.array(validationIssueSchema) });
export const messageErrorSchema = z.object({ detail: z.string() });
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

/**
 * PATCH /api/assets/{id} (§3.4). A key that is absent leaves the field alone;
 * `null` removes the user's override. Unknown keys are ignored.
 */
export const updateAssetSchema = z
  .object({
    description: z.string().nullable().optional(),
    latitude: z.number().min(-90).max(90).nullable().optional(),
    longitude: z.number().min(-180).max(180).nullable().optional(),
    original_datetime: captureDateTime.nullable().optional(),
    rating: z.number().int().min(0).max(5).nullable().optional(),
  })
  .superRefine((body, ctx) => {
    const hasLat = Object.hasOwn(body, "latitude") && body.latitude !== undefined;
    const hasLng = Object.hasOwn(body, "longitude") && body.longitude !== undefined;
    if (hasLat !== hasLng || (hasLat && (body.latitude === null) !== (body.longitude === null))) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: "Value error, latitude and longitude must be set or cleared together",
      });
    }
  });
export type UpdateAssetBody = z.infer<typeof updateAssetSchema>;

export const bulkUpdateSchema = z.object({
  updates: z.array(z.object({ id: z.string(), change: updateAssetSchema })).max(200, "at most 200 updates per request"),
});

export const idsBodySchema = z.object({ ids: z.array(z.string()).min(1).max(200) });

export const existBodySchema = z
  .object({
    checksums: z.array(z.string()).max(5000).optional(),
    checksum_sha1s: z.array(z.string()).max(5000).optional(),
    deviceId: z.string().optional(),
    deviceAssetIds: z.array(z.string()).max(5000).optional(),
  })
  .superRefine((body, ctx) => {
    const selectors = [body.checksums, body.checksum_sha1s, body.deviceAssetIds].filter((s) => s !== undefined);
    if (selectors.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: "Value error, exactly one of checksums, checksum_sha1s or deviceId with deviceAssetIds is required",
      });
    }
    if ((body.deviceAssetIds === undefined) !== (body.deviceId === undefined)) {
      ctx.addIssue({ code: "custom", path: [], message: "Value error, deviceId and deviceAssetIds go together" });
    }
  });
