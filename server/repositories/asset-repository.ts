import type { Db } from "../db/database";

/** One row of `assets`, as stored. */
export interface AssetRow {
  id: string;
  library_id: string;
  original_file_name: string;
  mime_type: string;
  storage_path: string;
  file_size_bytes: number;
  checksum: string;
  checksum_sha1: string;
  device_asset_id: string;
  device_id: string;
  file_created_at: string;
  file_modified_at: string;
  created_at: string;
  updated_at: string;
  meta_updated_at: string;
  trashed_at: string | null;
  current_version_id: string;
  width: number;
  height: number;
  duration: number | null;
  thumbhash: string | null;
  ai_description: string | null;
  processing_state: "pending" | "ready" | "failed";
  processing_error: string | null;
  variants_json: string | null;
  emb_json: string;
  emb_datetime: string | null;
  emb_offset: number | null;
  emb_latitude: number | null;
  emb_longitude: number | null;
  emb_description: string | null;
  emb_rating: number | null;
  ovr_datetime: string | null;
  ovr_offset: number | null;
  ovr_latitude: number | null;
  ovr_longitude: number | null;
  ovr_description: string | null;
  ovr_rating: number | null;
  local_dt: string;
  local_offset: number | null;
  local_utc: string | null;
  eff_latitude: number | null;
  eff_longitude: number | null;
  eff_rating: number;
  city: string | null;
  state: string | null;
  country: string | null;
  country_code: string | null;
  sublocation: string | null;
  place_name: string | null;
  timezone: string | null;
  display_label: string | null;
}

export type PlaceColumns = Pick<
  AssetRow,
  "city" | "state" | "country" | "country_code" | "sublocation" | "place_name" | "timezone" | "display_label"
>;

const COLUMNS: (keyof AssetRow)[] = [
  "id",
  "library_id",
  "original_file_name",
  "mime_type",
  "storage_path",
  "file_size_bytes",
  "checksum",
  "checksum_sha1",
  "device_asset_id",
  "device_id",
  "file_created_at",
  "file_modified_at",
  "created_at",
  "updated_at",
  "meta_updated_at",
  "trashed_at",
  "current_version_id",
  "width",
  "height",
  "duration",
  "thumbhash",
  "ai_description",
  "processing_state",
  "processing_error",
  "variants_json",
  "emb_json",
  "emb_datetime",
  "emb_offset",
  "emb_latitude",
  "emb_longitude",
  "emb_description",
  "emb_rating",
  "ovr_datetime",
  "ovr_offset",
  "ovr_latitude",
  "ovr_longitude",
  "ovr_description",
  "ovr_rating",
  "local_dt",
  "local_offset",
  "local_utc",
  "eff_latitude",
  "eff_longitude",
  "eff_rating",
  "city",
  "state",
  "country",
  "country_code",
  "sublocation",
  "place_name",
  "timezone",
  "display_label",
];

/** The editable override layer plus the effective values derived from it. */
export type AssetEdit = Pick<
  AssetRow,
  | "ovr_datetime"
  | "ovr_offset"
  | "ovr_latitude"
  | "ovr_longitude"
  | "ovr_description"
  | "ovr_rating"
  | "local_dt"
  | "local_offset"
  | "local_utc"
  | "eff_latitude"
  | "eff_longitude"
  | "eff_rating"
  | "updated_at"
  | "meta_updated_at"
>;

export interface ListQuery {
  libraryId: string;
  where: string[];
  params: Record<string, unknown>;
  orderColumn: "local_dt" | "trashed_at";
  direction: "asc" | "desc";
  cursor: { key: string; id: string } | null;
  limit: number;
  /** Only the columns of the lean AssetResponse (no metadata or file_data asked for). */
  lean: boolean;
}

/** What toAssetResponse reads for the lean core: a list page need not build 52-field rows. */
export const LEAN_COLUMNS = [
  "id",
  "created_at",
  "updated_at",
  "original_file_name",
  "mime_type",
  "local_dt",
  "local_offset",
  "width",
  "height",
  "duration",
  "ai_description",
  "thumbhash",
  "variants_json",
  "trashed_at",
  "file_size_bytes",
  "current_version_id",
  "processing_state",
] as const satisfies readonly (keyof AssetRow)[];

export function createAssetRepository(db: Db) {
  const listStatements = new Map<string, ReturnType<Db["prepare"]>>();
  const insertStmt = db.prepare(
    `INSERT INTO assets (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map((c) => `@${c}`).join(", ")})`,
  );
  const byIdStmt = db.prepare("SELECT * FROM assets WHERE id = ?");
  const byIdInLibraryStmt = db.prepare("SELECT * FROM assets WHERE id = ? AND library_id = ?");
  const byChecksumStmt = db.prepare("SELECT * FROM assets WHERE library_id = ? AND checksum = ?");
  const editStmt = db.prepare(
    `UPDATE assets SET ovr_datetime = @ovr_datetime, ovr_offset = @ovr_offset, ovr_latitude = @ovr_latitude,
       ovr_longitude = @ovr_longitude, ovr_description = @ovr_description, ovr_rating = @ovr_rating,
       local_dt = @local_dt, local_offset = @local_offset, local_utc = @local_utc,
       eff_latitude = @eff_latitude, eff_longitude = @eff_longitude, eff_rating = @eff_rating,
       updated_at = @updated_at, meta_updated_at = @meta_updated_at
     WHERE id = @id`,
  );
  const placeStmt = db.prepare(
    `UPDATE assets SET city = @city, state = @state, country = @country, country_code = @country_code,
       sublocation = @sublocation, place_name = @place_name, timezone = @timezone, display_label = @display_label,
       updated_at = @updated_at, meta_updated_at = @updated_at
     WHERE id = @id`,
  );
  const processedStmt = db.prepare(
    `UPDATE assets SET processing_state = @processing_state, processing_error = @processing_error,
       thumbhash = @thumbhash, variants_json = @variants_json, width = @width, height = @height, updated_at = @updated_at
     WHERE id = @id`,
  );

  return {
    insert(row: AssetRow): void {
      insertStmt.run(row);
    },
    findById(id: string): AssetRow | null {
      return (byIdStmt.get(id) as AssetRow | undefined) ?? null;
    },
    findInLibrary(id: string, libraryId: string): AssetRow | null {
      return (byIdInLibraryStmt.get(id, libraryId) as AssetRow | undefined) ?? null;
    },
    findByChecksum(libraryId: string, checksum: string): AssetRow | null {
      return (byChecksumStmt.get(libraryId, checksum) as AssetRow | undefined) ?? null;
    },
    applyEdit(id: string, edit: AssetEdit): void {
      editStmt.run({ ...edit, id });
    },
    setPlace(id: string, place: PlaceColumns, updatedAt: string): void {
      placeStmt.run({ ...place, id, updated_at: updatedAt });
    },
    setProcessed(
      id: string,
      r: Pick<
        AssetRow,
        "processing_state" | "processing_error" | "thumbhash" | "variants_json" | "width" | "height" | "updated_at"
      >,
    ): void {
      processedStmt.run({ ...r, id });
    },
    /** Assets matching any of `values` in one column (checksum, checksum_sha1 or device_asset_id). */
    findExisting(
      libraryId: string,
      column: "checksum" | "checksum_sha1" | "device_asset_id",
      values: string[],
      deviceId?: string,
    ): Pick<AssetRow, "id" | "checksum" | "checksum_sha1" | "device_asset_id" | "device_id">[] {
      const device = column === "device_asset_id" ? "AND device_id = @deviceId" : "";
      const sql = `SELECT id, checksum, checksum_sha1, device_asset_id, device_id FROM assets
        WHERE library_id = @libraryId ${device} AND ${column} IN (SELECT value FROM json_each(@values))`;
      return db.prepare(sql).all({ libraryId, deviceId, values: JSON.stringify(values) }) as Pick<
        AssetRow,
        "id" | "checksum" | "checksum_sha1" | "device_asset_id" | "device_id"
      >[];
    },
    /** A page in (sort key, id) order, fetching one extra row to know `has_more` exactly. */
    list(q: ListQuery): { rows: AssetRow[]; hasMore: boolean } {
      const dir = q.direction === "desc" ? "DESC" : "ASC";
      const cmp = q.direction === "desc" ? "<" : ">";
      const where = ["library_id = @libraryId", ...q.where];
      const params: Record<string, unknown> = { ...q.params, libraryId: q.libraryId, limit: q.limit + 1 };
      if (q.cursor) {
        where.push(`(${q.orderColumn}, id) ${cmp} (@cursorKey, @cursorId)`);
        params.cursorKey = q.cursor.key;
        params.cursorId = q.cursor.id;
      }
      // The planner tends to pick the all-states index and step over trashed
      // rows one by one; the live-only partial index is the right one.
      const live = q.orderColumn === "local_dt" && q.where.includes("trashed_at IS NULL");
      const columns = q.lean ? LEAN_COLUMNS.join(", ") : "*";
      const sql = `SELECT ${columns} FROM assets ${live ? "INDEXED BY assets_live_order" : ""}
        WHERE ${where.join(" AND ")} ORDER BY ${q.orderColumn} ${dir}, id ${dir} LIMIT @limit`;
      let stmt = listStatements.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql);
        listStatements.set(sql, stmt);
      }
      const rows = stmt.all(params) as AssetRow[];
      const hasMore = rows.length > q.limit;
      return { rows: hasMore ? rows.slice(0, q.limit) : rows, hasMore };
    },
  };
}

export type AssetRepository = ReturnType<typeof createAssetRepository>;
