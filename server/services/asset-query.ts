import { type IncludeToken, includeTokens } from "../../src/api/schemas";
import { epochMsToWall, parseCaptureTime, toUtcWall, wallToEpochMs } from "../../src/lib/capture-time";
import { invalid, ValidationError } from "../lib/errors";

/**
 * Query-string parsing shared by list, counts and (later) search: array
 * parameters in all three forms (§1.4), ranges, and the filters that become SQL.
 */

export function listParam(params: URLSearchParams, key: string): string[] {
  return [...params.getAll(key), ...params.getAll(`${key}[]`)]
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

export function parseInclude(params: URLSearchParams): Set<IncludeToken> {
  const tokens = listParam(params, "include");
  const known = new Set<string>(includeTokens);
  const unknown = tokens.filter((t) => !known.has(t));
  if (unknown.length > 0) {
    throw invalid(
      ["query", "include"],
      `Unknown include token(s): ${unknown.join(", ")}. Allowed: ${includeTokens.join(", ")}`,
      unknown,
    );
  }
  return new Set(tokens as IncludeToken[]);
}

export function parseIntParam(
  params: URLSearchParams,
  key: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const raw = params.get(key);
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw invalid(["query", key], `Input should be an integer between ${min} and ${max}`, raw);
  }
  return n;
}

export function parseEnum<T extends string>(
  params: URLSearchParams,
  key: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = params.get(key);
  if (raw === null || raw === "") return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw invalid(["query", key], `Input should be ${allowed.map((a) => `'${a}'`).join(", ")}`, raw);
  }
  return raw as T;
}

export interface SqlFilter {
  where: string[];
  params: Record<string, unknown>;
}

function parseNumbers(raw: string, count: number, key: string): number[] {
  const parts = raw.split(",").map((p) => Number(p.trim()));
  if (parts.length !== count || parts.some((n) => !Number.isFinite(n))) {
    throw invalid(["query", key], `Expected ${count} comma-separated numbers`, raw);
  }
  return parts;
}

function checkLonLat(lon: number, lat: number, key: string, raw: string): void {
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    throw invalid(["query", key], "Latitude must be within [-90, 90] and longitude within [-180, 180]", raw);
  }
}

/**
 * Filters shared by list and counts: state, ids, media type, ratings, date
 * bounds, bbox or center+radius. `naiveBoundsOnly` is the counts rule (§3.6).
 */
export function parseAssetFilters(
  params: URLSearchParams,
  opts: { naiveBoundsOnly: boolean },
): {
  filter: SqlFilter;
  state: "live" | "trashed" | "all";
  /** True when only state and day-aligned naive bounds filter: per-day totals can answer. */
  simple: boolean;
  /** Day-aligned bounds as whole days, exclusive: `day > afterDay AND day < beforeDay`. */
  dayBounds: { afterDay: string | null; beforeDay: string | null };
} {
  const where: string[] = [];
  const sqlParams: Record<string, unknown> = {};
  let simple = true;
  const dayBounds: { afterDay: string | null; beforeDay: string | null } = { afterDay: null, beforeDay: null };

  const state = parseEnum(params, "state", ["live", "trashed", "all"] as const, "live");
  if (state === "live") where.push("trashed_at IS NULL");
  if (state === "trashed") where.push("trashed_at IS NOT NULL");

  const ids = listParam(params, "ids");
  if (ids.length > 200) throw invalid(["query", "ids"], "At most 200 ids", ids.length);
  if (params.has("ids") || params.has("ids[]")) {
    where.push("id IN (SELECT value FROM json_each(@ids))");
    sqlParams.ids = JSON.stringify(ids);
    simple = false;
  }

  const mediaType = params.get("media_type");
  if (mediaType !== null && mediaType !== "") {
    const mt = parseEnum(params, "media_type", ["image", "video"] as const, "image");
    where.push(mt === "image" ? "mime_type LIKE 'image/%'" : "mime_type LIKE 'video/%'");
    simple = false;
  }

  const ratingsRaw = listParam(params, "ratings");
  if (ratingsRaw.length > 0) {
    const ratings = ratingsRaw.map(Number);
    if (ratings.some((r) => !Number.isInteger(r) || r < 0 || r > 5)) {
      throw invalid(["query", "ratings"], "Ratings must be integers from 0 to 5", ratingsRaw);
    }
    where.push("eff_rating IN (SELECT value FROM json_each(@ratings))");
    sqlParams.ratings = JSON.stringify(ratings);
    simple = false;
  }

  for (const [key, op] of [
    ["local_datetime_after", ">"],
    ["local_datetime_before", "<"],
  ] as const) {
    const raw = params.get(key);
    if (raw === null || raw === "") continue;
    const t = parseCaptureTime(raw);
    if (!t) throw invalid(["query", key], "Input should be a valid datetime", raw);
    if (t.offsetMinutes === null) {
      where.push(`local_dt ${op} @${key}`);
      sqlParams[key] = t.wall;
      // A bound on a day boundary (after = D 23:59:59.999999, before = E 00:00) selects whole days.
      const time = t.wall.slice(11);
      if (op === ">" && time === "23:59:59.999999") dayBounds.afterDay = t.wall.slice(0, 10);
      else if (op === "<" && time === "00:00:00.000000") dayBounds.beforeDay = t.wall.slice(0, 10);
      else simple = false;
    } else {
      simple = false;
      if (opts.naiveBoundsOnly) {
        throw invalid(["query", key], "Counts bounds must be naive datetimes (no Z or offset)", raw);
      }
      // Aware assets compare as instants; naive assets by the bound's own digits (§3.3).
      where.push(
        `(CASE WHEN local_utc IS NOT NULL THEN local_utc ${op} @${key}_utc ELSE local_dt ${op} @${key}_wall END)`,
      );
      const utcWall = toUtcWall(t) as string;
      sqlParams[`${key}_utc`] = utcWall;
      sqlParams[`${key}_wall`] = t.wall;
      // Offsets stay within ±18:59, so every match's wall clock lies within
      // 19 h of the bound's UTC reading: a redundant range the index can use.
      const slackMs = (op === ">" ? -1 : 1) * 19 * 3_600_000;
      const widened = epochMsToWall(wallToEpochMs(utcWall) + slackMs, utcWall.slice(20, 26));
      // Fixed-width wall clocks sort chronologically as text.
      const [earlier, later] = [widened, t.wall].sort();
      const loose = op === ">" ? earlier : later;
      where.push(`local_dt ${op} @${key}_loose`);
      sqlParams[`${key}_loose`] = loose;
    }
  }

  const bbox = params.get("bbox");
  const center = params.get("center");
  const radius = params.get("radius");
  if (bbox !== null && (center !== null || radius !== null)) {
    throw invalid(["query"], "bbox cannot be combined with center/radius");
  }
  if (bbox !== null) {
    const [minLon, minLat, maxLon, maxLat] = parseNumbers(bbox, 4, "bbox");
    checkLonLat(minLon, minLat, "bbox", bbox);
    checkLonLat(maxLon, maxLat, "bbox", bbox);
    if (minLat > maxLat) throw invalid(["query", "bbox"], "minLat must not exceed maxLat", bbox);
    where.push("eff_latitude BETWEEN @minLat AND @maxLat");
    // minLon > maxLon is a box that crosses the antimeridian.
    where.push(
      minLon <= maxLon
        ? "eff_longitude BETWEEN @minLon AND @maxLon"
        : "(eff_longitude >= @minLon OR eff_longitude <= @maxLon)",
    );
    Object.assign(sqlParams, { minLon, minLat, maxLon, maxLat });
    simple = false;
  } else if (center !== null || radius !== null) {
    if (center === null || radius === null) throw invalid(["query"], "center and radius must be given together");
    const [lon, lat] = parseNumbers(center, 2, "center");
    checkLonLat(lon, lat, "center", center);
    const r = Number(radius);
    if (!Number.isFinite(r) || r <= 0 || r > 50_000) {
      throw invalid(["query", "radius"], "radius must be greater than 0 and at most 50000 metres", radius);
    }
    where.push("eff_latitude IS NOT NULL AND haversine_m(eff_latitude, eff_longitude, @cLat, @cLon) <= @radius");
    Object.assign(sqlParams, { cLat: lat, cLon: lon, radius: r });
    simple = false;
  }

  return { filter: { where, params: sqlParams }, state, simple, dayBounds };
}

export function assertNoUnsupported(params: URLSearchParams): void {
  for (const key of ["album_id", "person_ids", "person_id", "stack_id"]) {
    if (params.has(key)) {
      throw new ValidationError([
        {
          loc: ["query", key],
          msg: `${key} is not supported by the local Gumleaf server (it has no albums, people or stacks yet)`,
          type: "value_error",
        },
      ]);
    }
  }
}
