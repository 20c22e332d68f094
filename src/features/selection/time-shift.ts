/**
 * Capture-time changes for many assets. A shift moves each asset's own wall
 * clock by the amount and keeps its own offset (or keeps it naive): a photo
 * taken at 14:00+09:00 shifted by +1 h is at 15:00+09:00, one at 08:00-05:00
 * is at 09:00-05:00. The values to shift are re-read from the server (the
 * selection may hold assets whose pages are not loaded).
 */
import { apiFetch, queryString } from "../../api/client";
import { assetPageSchema } from "../../api/schemas";
import { chunk } from "../../api/trash-assets";
import { epochMsToWall, formatCaptureTime, parseCaptureTime, wallToEpochMs } from "../../lib/capture-time";

/** `value` moved by `deltaMs`, same offset (or none); null when `value` is not a date-time. */
export function shiftCaptureTime(value: string, deltaMs: number): string | null {
  const t = parseCaptureTime(value);
  if (!t) return null;
  const wall = epochMsToWall(wallToEpochMs(t.wall) + deltaMs, t.wall.slice(20, 26));
  return formatCaptureTime(wall, t.offsetMinutes);
}

/** Days, hours and minutes (each may be negative) in milliseconds. */
export function shiftAmountMs({
  days = 0,
  hours = 0,
  minutes = 0,
}: {
  days?: number;
  hours?: number;
  minutes?: number;
}) {
  return ((days * 24 + hours) * 60 + minutes) * 60_000;
}

/** The current capture time (`local_datetime`, with its offset when known) of each id, 200 a request. */
export async function readCaptureTimes(ids: readonly string[]): Promise<Map<string, string>> {
  const times = new Map<string, string>();
  for (const part of chunk(ids)) {
    const qs = queryString({ ids: part.join(","), state: "all", limit: part.length });
    const page = await apiFetch(`/api/assets${qs}`, { schema: assetPageSchema });
    for (const asset of page.data) times.set(asset.id, asset.local_datetime);
  }
  return times;
}
