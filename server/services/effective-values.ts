import { type CaptureTime, parseCaptureTime, toUtcWall } from "../../src/lib/capture-time";
import type { AssetRow } from "../repositories/asset-repository";

type Layers = Pick<
  AssetRow,
  | "emb_datetime"
  | "emb_offset"
  | "emb_latitude"
  | "emb_longitude"
  | "emb_rating"
  | "ovr_datetime"
  | "ovr_offset"
  | "ovr_latitude"
  | "ovr_longitude"
  | "ovr_rating"
  | "file_created_at"
  | "created_at"
>;

export type EffectiveValues = Pick<
  AssetRow,
  "local_dt" | "local_offset" | "local_utc" | "eff_latitude" | "eff_longitude" | "eff_rating"
>;

/** 0..5, with anything else (including no rating) meaning unrated (gumnut-api.md §2.4). */
export function normaliseRating(value: number | null | undefined): number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 5 ? value : 0;
}

/**
 * The capture time that drives order and counts: the user's override, else the
 * file's own original time, else the upload form's file_created_at, else the
 * record's creation time (gumnut-api.md §3.1, §3.4).
 */
export function effectiveCaptureTime(l: Layers): CaptureTime {
  if (l.ovr_datetime !== null) return { wall: l.ovr_datetime, offsetMinutes: l.ovr_offset };
  if (l.emb_datetime !== null) return { wall: l.emb_datetime, offsetMinutes: l.emb_offset };
  return parseCaptureTime(l.file_created_at) ?? (parseCaptureTime(l.created_at) as CaptureTime);
}

export function computeEffective(l: Layers): EffectiveValues {
  const t = effectiveCaptureTime(l);
  const useOverride = l.ovr_latitude !== null && l.ovr_longitude !== null;
  return {
    local_dt: t.wall,
    local_offset: t.offsetMinutes,
    local_utc: toUtcWall(t),
    eff_latitude: useOverride ? l.ovr_latitude : l.emb_latitude,
    eff_longitude: useOverride ? l.ovr_longitude : l.emb_longitude,
    eff_rating: normaliseRating(l.ovr_rating ?? l.emb_rating),
  };
}
