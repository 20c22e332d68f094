import type { Asset, CountsPage, GroupBy, IncludeToken, UpdateAssetBody } from "../../src/api/schemas";
import { parseCaptureTime } from "../../src/lib/capture-time";
import type { Db } from "../db/database";
import type { JobQueue } from "../jobs/job-queue";
import { invalid, notFound } from "../lib/errors";
import type { AssetRepository, AssetRow } from "../repositories/asset-repository";
import { assertNoUnsupported, parseAssetFilters, parseEnum, parseInclude, parseIntParam } from "./asset-query";
import { ALL_INCLUDES, toAssetResponse } from "./asset-view";
import { computeEffective } from "./effective-values";
import type { LibraryService } from "./library-service";
import type { UrlSigner } from "./url-signer";

const BUCKET_SQL: Record<GroupBy, string> = {
  day: "substr(local_dt, 1, 10) || 'T00:00:00'",
  week: "date(substr(local_dt, 1, 10), '-' || ((CAST(strftime('%w', substr(local_dt, 1, 10)) AS INTEGER) + 6) % 7) || ' days') || 'T00:00:00'",
  month: "substr(local_dt, 1, 7) || '-01T00:00:00'",
  year: "substr(local_dt, 1, 4) || '-01-01T00:00:00'",
};

// The same buckets over the per-day totals table (its `day` column is 'YYYY-MM-DD').
const DAY_TABLE_BUCKET_SQL: Record<GroupBy, string> = {
  day: "day || 'T00:00:00'",
  week: "date(day, '-' || ((CAST(strftime('%w', day) AS INTEGER) + 6) % 7) || ' days') || 'T00:00:00'",
  month: "substr(day, 1, 7) || '-01T00:00:00'",
  year: "substr(day, 1, 4) || '-01-01T00:00:00'",
};

export interface AssetServiceDeps {
  db: Db;
  assets: AssetRepository;
  libraries: LibraryService;
  jobs: JobQueue;
  signer: UrlSigner;
  clock: () => Date;
}

export function createAssetService({ db, assets, libraries, jobs, signer, clock }: AssetServiceDeps) {
  const view = (row: AssetRow, include: ReadonlySet<IncludeToken>) => toAssetResponse(row, include, signer);
  const countStatements = new Map<string, ReturnType<Db["prepare"]>>();
  const prepared = (sql: string) => {
    let stmt = countStatements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      countStatements.set(sql, stmt);
    }
    return stmt;
  };

  function getRow(id: string, libraryId?: string | null): AssetRow {
    const row = libraryId ? assets.findInLibrary(id, libraryId) : assets.findById(id);
    if (!row) throw notFound(`Asset ${id}`);
    return row;
  }

  /** Applies a PATCH body to a row's override layer; returns the new row, or the same one when nothing changed. */
  function applyChange(
    row: AssetRow,
    body: UpdateAssetBody,
    now: string,
  ): { next: AssetRow; changed: boolean; coordsChanged: boolean } {
    const next: AssetRow = { ...row };
    if (Object.hasOwn(body, "description") && body.description !== undefined) next.ovr_description = body.description;
    if (Object.hasOwn(body, "rating") && body.rating !== undefined) next.ovr_rating = body.rating;
    if (Object.hasOwn(body, "latitude") && body.latitude !== undefined) {
      next.ovr_latitude = body.latitude;
      next.ovr_longitude = body.longitude ?? null;
    }
    if (Object.hasOwn(body, "original_datetime") && body.original_datetime !== undefined) {
      if (body.original_datetime === null) {
        next.ovr_datetime = null;
        next.ovr_offset = null;
      } else {
        const t = parseCaptureTime(body.original_datetime);
        if (!t)
          throw invalid(["body", "original_datetime"], "Input should be a valid datetime", body.original_datetime);
        next.ovr_datetime = t.wall;
        next.ovr_offset = t.offsetMinutes;
      }
    }
    Object.assign(next, computeEffective(next));
    const changed = (
      ["ovr_description", "ovr_rating", "ovr_latitude", "ovr_longitude", "ovr_datetime", "ovr_offset"] as const
    ).some((k) => next[k] !== row[k]);
    const coordsChanged = Object.hasOwn(body, "latitude") && body.latitude !== undefined;
    if (changed) {
      next.updated_at = now;
      next.meta_updated_at = now;
    }
    return { next, changed, coordsChanged };
  }

  return {
    get(id: string, params: URLSearchParams): Asset {
      const include = parseInclude(params);
      const row = getRow(id);
      return view(row, include);
    },

    getFull(id: string): Asset {
      return view(getRow(id), ALL_INCLUDES);
    },

    list(params: URLSearchParams): { data: Asset[]; has_more: boolean } {
      const include = parseInclude(params);
      assertNoUnsupported(params);
      const library = libraries.resolve(params.get("library_id"));
      const limit = parseIntParam(params, "limit", 1, 200, 20);
      const direction = parseEnum(params, "order", ["asc", "desc"] as const, "desc");
      const { filter, state } = parseAssetFilters(params, { naiveBoundsOnly: false });
      const orderColumn = state === "trashed" ? "trashed_at" : "local_dt";
      let cursor: { key: string; id: string } | null = null;
      const after = params.get("starting_after_id");
      if (after) {
        const c = assets.findInLibrary(after, library.id);
        const key = c ? c[orderColumn] : null;
        const inState = c !== null && (state === "all" || (state === "live") === (c.trashed_at === null));
        if (!c || key === null || !inState) {
          throw invalid(["query", "starting_after_id"], "Cursor asset not found in this listing", after);
        }
        cursor = { key, id: c.id };
      }
      const { rows, hasMore } = assets.list({
        libraryId: library.id,
        where: filter.where,
        params: filter.params,
        orderColumn,
        direction,
        cursor,
        limit,
        lean: !include.has("metadata") && !include.has("file_data"),
      });
      return { data: rows.map((r) => view(r, include)), has_more: hasMore };
    },

    counts(params: URLSearchParams): CountsPage {
      assertNoUnsupported(params);
      const library = libraries.resolve(params.get("library_id"));
      const groupBy = parseEnum(params, "group_by", ["day", "week", "month", "year"] as const, "month");
      const limit = parseIntParam(params, "limit", 1, 200, 20);
      const direction = parseEnum(params, "order", ["asc", "desc"] as const, "desc");
      const { filter, state, simple, dayBounds } = parseAssetFilters(params, { naiveBoundsOnly: true });
      const dir = direction === "desc" ? "DESC" : "ASC";
      const cmp = direction === "desc" ? "<" : ">";
      const sqlParams: Record<string, unknown> = { ...filter.params, libraryId: library.id, limit: limit + 1 };
      let having = "";
      const afterBucket = params.get("starting_after_bucket");
      if (afterBucket) {
        const t = parseCaptureTime(afterBucket);
        if (!t || t.offsetMinutes !== null) {
          throw invalid(["query", "starting_after_bucket"], "Input should be a naive datetime", afterBucket);
        }
        having = `HAVING bucket ${cmp} @afterBucket`;
        sqlParams.afterBucket = t.wall.slice(0, 19);
      }
      let sql: string;
      if (simple) {
        const where = ["library_id = @libraryId"];
        if (state !== "all") where.push(`trashed = ${state === "trashed" ? 1 : 0}`);
        if (dayBounds.afterDay) where.push("day > @afterDay");
        if (dayBounds.beforeDay) where.push("day < @beforeDay");
        Object.assign(sqlParams, dayBounds);
        sql = `SELECT ${DAY_TABLE_BUCKET_SQL[groupBy]} AS bucket, SUM(count) AS count FROM asset_day_counts
          WHERE ${where.join(" AND ")} GROUP BY bucket ${having} ORDER BY bucket ${dir} LIMIT @limit`;
      } else {
        sql = `SELECT ${BUCKET_SQL[groupBy]} AS bucket, COUNT(*) AS count FROM assets
          WHERE ${["library_id = @libraryId", ...filter.where].join(" AND ")}
          GROUP BY bucket ${having} ORDER BY bucket ${dir} LIMIT @limit`;
      }
      const rows = prepared(sql).all(sqlParams) as { bucket: string; count: number }[];
      const hasMore = rows.length > limit;
      return {
        data: rows.slice(0, limit).map((r) => ({ time_bucket: r.bucket, count: r.count })),
        has_more: hasMore,
      };
    },

    update(id: string, body: UpdateAssetBody): Asset {
      const now = clock().toISOString();
      const result = db.transaction(() => {
        const row = getRow(id);
        const { next, changed, coordsChanged } = applyChange(row, body, now);
        if (changed) assets.applyEdit(id, next);
        if (coordsChanged) jobs.enqueue("geocode", id);
        return changed ? next : row;
      })();
      return view(result, ALL_INCLUDES);
    },

    /** POST /api/assets/exist (§3.7): which of these are already in the library, trashed ones included. */
    exist(
      libraryId: string | null,
      body: { checksums?: string[]; checksum_sha1s?: string[]; deviceId?: string; deviceAssetIds?: string[] },
    ) {
      const library = libraries.resolve(libraryId);
      const rows = body.checksums
        ? assets.findExisting(library.id, "checksum", body.checksums)
        : body.checksum_sha1s
          ? assets.findExisting(library.id, "checksum_sha1", body.checksum_sha1s)
          : assets.findExisting(library.id, "device_asset_id", body.deviceAssetIds ?? [], body.deviceId);
      return { assets: rows };
    },

    /** Validates every item first; writes all or nothing (§3.5). */
    bulkUpdate(updates: { id: string; change: UpdateAssetBody }[]): void {
      const seen = new Set<string>();
      updates.forEach((u, i) => {
        if (seen.has(u.id)) throw invalid(["body", "updates", i, "id"], "The same asset appears twice", u.id);
        seen.add(u.id);
      });
      const now = clock().toISOString();
      db.transaction(() => {
        const rows = updates.map((u) => getRow(u.id));
        rows.forEach((row, i) => {
          const { next, changed, coordsChanged } = applyChange(row, updates[i].change, now);
          if (changed) assets.applyEdit(row.id, next);
          if (coordsChanged) jobs.enqueue("geocode", row.id);
        });
      })();
    },
  };
}

export type AssetService = ReturnType<typeof createAssetService>;
