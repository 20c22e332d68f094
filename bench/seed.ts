/**
 * Seeds a Gumleaf database with realistic asset rows, straight into SQLite,
 * for the API benchmark. Rows come from a seeded PRNG, so a given
 * (count, seed, SEED_VERSION) always produces the same library.
 *
 * The shape aims at a real family library: 25 years of photos that grow with
 * time, quiet days with a handful of shots, holidays with a few hundred a day,
 * a few events (weddings, sports days) with thousands, burst shots that share
 * one timestamp, ~40% of readings with a UTC offset and ~30% geotagged.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { toUtcWall } from "../src/lib/capture-time";
import { type Db, openDatabase } from "../server/db/database";
import { createLibraryRepository } from "../server/repositories/library-repository";
import { createLibraryService } from "../server/services/library-service";

/** Bump when the generator changes, so cached databases are re-made. */
export const SEED_VERSION = 1;
export const DEFAULT_SEED = 0x6d1eaf;

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const MIGRATIONS_DIR = join(BENCH_DIR, "../server/db/migrations");
export const CACHE_DIR = join(BENCH_DIR, ".data");

const ID_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const DAY_MS = 86_400_000;

export interface SeedOptions {
  /** PRNG seed; the same seed gives the same rows. */
  seed?: number;
  startYear?: number;
  years?: number;
  /** Rows per transaction. */
  transactionRows?: number;
  /**
   * Drop the asset_day_counts insert trigger during the load, rebuild the
   * table with one INSERT…SELECT…GROUP BY, then recreate the trigger from its
   * own stored SQL. Default true (see measurements in the bench report).
   */
  bulkDayCounts?: boolean;
  /** Drop the secondary indexes on assets during the load and recreate them after (sorted build). */
  rebuildIndexes?: boolean;
  /** Switch the journal off during the load (the file must be disposable: a crash leaves it corrupt). */
  journalOff?: boolean;
  log?: (msg: string) => void;
}

export interface SeedStats {
  rows: number;
  totalMs: number;
  insertMs: number;
  dayCountsMs: number;
  indexMs: number;
  days: number;
  busiestDay: { day: string; count: number };
}

// ---------------------------------------------------------------------------
// PRNG: sfc32, 128-bit state, fast and good enough for synthetic data.

type Rng = () => number;

function sfc32(seed: number): { u32: Rng; float: Rng } {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 16; i++) u32();
  return { u32, float: () => u32() / 4294967296 };
}

// ---------------------------------------------------------------------------
// Vocabulary.

interface Place {
  city: string;
  state: string | null;
  country: string;
  cc: string;
  lat: number;
  lng: number;
  /** Minutes east of UTC as a camera would record it (no DST modelling). */
  offset: number;
  tz: string;
}

const HOME: Place = {
  city: "Melbourne",
  state: "Victoria",
  country: "Australia",
  cc: "AU",
  lat: -37.8136,
  lng: 144.9631,
  offset: 600,
  tz: "Australia/Melbourne",
};

const TRAVEL: Place[] = [
  { city: "Sydney", state: "New South Wales", country: "Australia", cc: "AU", lat: -33.8688, lng: 151.2093, offset: 600, tz: "Australia/Sydney" },
  { city: "Hobart", state: "Tasmania", country: "Australia", cc: "AU", lat: -42.8821, lng: 147.3272, offset: 600, tz: "Australia/Hobart" },
  { city: "Perth", state: "Western Australia", country: "Australia", cc: "AU", lat: -31.9523, lng: 115.8613, offset: 480, tz: "Australia/Perth" },
  { city: "Auckland", state: "Auckland", country: "New Zealand", cc: "NZ", lat: -36.8485, lng: 174.7633, offset: 720, tz: "Pacific/Auckland" },
  { city: "Tokyo", state: "Tokyo", country: "Japan", cc: "JP", lat: 35.6762, lng: 139.6503, offset: 540, tz: "Asia/Tokyo" },
  { city: "Kathmandu", state: "Bagmati", country: "Nepal", cc: "NP", lat: 27.7172, lng: 85.324, offset: 345, tz: "Asia/Kathmandu" },
  { city: "Mumbai", state: "Maharashtra", country: "India", cc: "IN", lat: 19.076, lng: 72.8777, offset: 330, tz: "Asia/Kolkata" },
  { city: "Paris", state: "Île-de-France", country: "France", cc: "FR", lat: 48.8566, lng: 2.3522, offset: 120, tz: "Europe/Paris" },
  { city: "London", state: "England", country: "United Kingdom", cc: "GB", lat: 51.5074, lng: -0.1278, offset: 60, tz: "Europe/London" },
  { city: "Reykjavík", state: null, country: "Iceland", cc: "IS", lat: 64.1466, lng: -21.9426, offset: 0, tz: "Atlantic/Reykjavik" },
  { city: "New York", state: "New York", country: "United States", cc: "US", lat: 40.7128, lng: -74.006, offset: -240, tz: "America/New_York" },
  { city: "San Francisco", state: "California", country: "United States", cc: "US", lat: 37.7749, lng: -122.4194, offset: -420, tz: "America/Los_Angeles" },
  { city: "Honolulu", state: "Hawaii", country: "United States", cc: "US", lat: 21.3069, lng: -157.8583, offset: -600, tz: "Pacific/Honolulu" },
  { city: "St. John's", state: "Newfoundland and Labrador", country: "Canada", cc: "CA", lat: 47.5615, lng: -52.7126, offset: -150, tz: "America/St_Johns" },
];

interface Device {
  id: string;
  make: string;
  model: string;
  w: number;
  h: number;
  /** file name prefix */
  prefix: string;
  mime: string;
  ext: string;
  /** years since start when the device is in use */
  from: number;
  to: number;
  /** records a UTC offset */
  aware: boolean;
  /** has GPS */
  gps: boolean;
  bytesPerPixel: number;
}

const DEVICES: Device[] = [
  { id: "powershot-a70", make: "Canon", model: "Canon PowerShot A70", w: 2048, h: 1536, prefix: "IMG_", mime: "image/jpeg", ext: ".JPG", from: 0, to: 8, aware: false, gps: false, bytesPerPixel: 0.35 },
  { id: "coolpix-4500", make: "NIKON", model: "E4500", w: 2272, h: 1704, prefix: "DSCN", mime: "image/jpeg", ext: ".JPG", from: 0, to: 6, aware: false, gps: false, bytesPerPixel: 0.4 },
  { id: "eos-40d", make: "Canon", model: "Canon EOS 40D", w: 3888, h: 2592, prefix: "IMG_", mime: "image/jpeg", ext: ".JPG", from: 7, to: 18, aware: false, gps: false, bytesPerPixel: 0.45 },
  { id: "d7000", make: "NIKON CORPORATION", model: "NIKON D7000", w: 4928, h: 3264, prefix: "DSC_", mime: "image/jpeg", ext: ".JPG", from: 10, to: 25, aware: true, gps: false, bytesPerPixel: 0.45 },
  { id: "iphone-4s", make: "Apple", model: "iPhone 4S", w: 3264, h: 2448, prefix: "IMG_", mime: "image/jpeg", ext: ".JPG", from: 11, to: 15, aware: false, gps: true, bytesPerPixel: 0.3 },
  { id: "iphone-8", make: "Apple", model: "iPhone 8", w: 4032, h: 3024, prefix: "IMG_", mime: "image/heic", ext: ".HEIC", from: 17, to: 22, aware: true, gps: true, bytesPerPixel: 0.15 },
  { id: "pixel-7", make: "Google", model: "Pixel 7", w: 4080, h: 3072, prefix: "PXL_", mime: "image/jpeg", ext: ".jpg", from: 21, to: 25, aware: true, gps: true, bytesPerPixel: 0.25 },
  { id: "sony-a7iii", make: "SONY", model: "ILCE-7M3", w: 6000, h: 4000, prefix: "DSC0", mime: "image/jpeg", ext: ".JPG", from: 18, to: 25, aware: true, gps: false, bytesPerPixel: 0.4 },
];

const LENSES = ["EF-S17-85mm f/4-5.6 IS USM", "18.0-105.0 mm f/3.5-5.6", "FE 24-105mm F4 G OSS", null, null];
const DESCRIPTIONS = ["Sunset over the bay", "Birthday cake", "First day of school", "Beach", "Grandma's garden"];

// ---------------------------------------------------------------------------
// The day plan: how many photos each day gets, and where.

interface DayPlan {
  day: number; // days since start
  raw: number;
  place: Place;
  kind: "normal" | "trip" | "event";
}

function planDays(rand: Rng, startMs: number, days: number, count: number): { day: number; n: number; place: Place }[] {
  const plans: DayPlan[] = [];
  let tripLeft = 0;
  let tripPlace = HOME;
  for (let d = 0; d < days; d++) {
    const growth = 0.3 + 1.7 * (d / days);
    const weekday = new Date(startMs + d * DAY_MS).getUTCDay();
    const weekend = weekday === 0 || weekday === 6 ? 1.5 : 1;
    if (tripLeft === 0 && rand() < 0.02) {
      tripLeft = 2 + Math.floor(rand() * 13);
      tripPlace = rand() < 0.3 ? HOME : TRAVEL[Math.floor(rand() * TRAVEL.length)];
    }
    if (tripLeft > 0) {
      tripLeft--;
      plans.push({ day: d, raw: (150 + rand() * 300) * growth, place: tripPlace, kind: "trip" });
    } else if (rand() < 0.006) {
      plans.push({ day: d, raw: (1000 + rand() * 4000) * growth, place: HOME, kind: "event" });
    } else if (rand() < 0.6) {
      plans.push({ day: d, raw: (1 - Math.log(1 - rand()) * 24) * growth * weekend, place: HOME, kind: "normal" });
    }
  }
  // Scale to exactly `count` by cumulative rounding: totals stay exact and proportions are kept.
  const totalRaw = plans.reduce((s, p) => s + p.raw, 0);
  const out: { day: number; n: number; place: Place }[] = [];
  let cum = 0;
  let prevTarget = 0;
  for (const p of plans) {
    cum += p.raw;
    const target = Math.round((cum / totalRaw) * count);
    const n = target - prevTarget;
    prevTarget = target;
    if (n > 0) out.push({ day: p.day, n, place: p.place });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Row generation.

const INSERT_COLUMNS = [
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
  "current_version_id",
  "width",
  "height",
  "duration",
  "thumbhash",
  "processing_state",
  "variants_json",
  "emb_json",
  "emb_datetime",
  "emb_offset",
  "emb_latitude",
  "emb_longitude",
  "emb_description",
  "emb_rating",
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
  "timezone",
  "display_label",
] as const;

type SqlValue = string | number | null;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Wall clock of an epoch taken as UTC, fixed width, with the given 6-digit fraction. */
function wallOf(ms: number, micro: string): string {
  const dt = new Date(ms);
  return `${dt.getUTCFullYear()}-${pad2(dt.getUTCMonth() + 1)}-${pad2(dt.getUTCDate())}T${pad2(dt.getUTCHours())}:${pad2(dt.getUTCMinutes())}:${pad2(dt.getUTCSeconds())}.${micro}`;
}

function createGenerator(rng: { u32: Rng; float: Rng }, libraryId: string) {
  const { u32, float } = rng;
  const bytes = Buffer.alloc(32);
  const randomBase64 = (len: number): string => {
    for (let i = 0; i < len; i += 4) bytes.writeUInt32LE(u32(), i);
    return bytes.subarray(0, len).toString("base64");
  };
  const shortId = (): string => {
    let s = "";
    for (let i = 0; i < 22; i++) s += ID_ALPHABET[u32() % 57];
    return s;
  };
  let fileCounter = 1000;

  /** Rows of one shooting session, in time order. */
  function session(
    out: SqlValue[][],
    startWallMs: number,
    dayEndMs: number,
    n: number,
    device: Device,
    place: Place,
    geotagged: boolean,
  ): void {
    let t = startWallMs;
    let micro = "000000";
    const aware = device.aware || geotagged;
    const offset = aware ? place.offset : null;
    const video = device.gps; // phones shoot some video
    for (let i = 0; i < n; i++) {
      const r = float();
      if (i > 0) {
        if (r < 0.06) {
          // same timestamp as the previous shot: a burst with no sub-second field (a tie)
        } else if (r < 0.3) {
          t += 1000 * (1 + Math.floor(float() * 3));
        } else {
          t += Math.floor(-Math.log(1 - float()) * 90_000);
        }
        if (r >= 0.06) micro = float() < 0.3 ? `${String(Math.floor(float() * 1000)).padStart(3, "0")}000` : "000000";
      }
      if (t > dayEndMs) t = dayEndMs; // late sessions pile up at 23:59:59 (more ties)
      const wall = wallOf(t, t === dayEndMs ? "000000" : micro);
      const localUtc = offset === null ? null : toUtcWall({ wall, offsetMinutes: offset });
      const instantMs = t - (offset ?? 0) * 60_000;
      const isVideo = video && float() < 0.04;
      const portrait = float() < 0.25;
      const w = isVideo ? 1920 : portrait ? device.h : device.w;
      const h = isVideo ? 1080 : portrait ? device.w : device.h;
      const id = `asset_${shortId()}`;
      const shard = id.slice(-2);
      const num = fileCounter++ % 10000;
      const ext = isVideo ? ".MOV" : device.ext;
      const mime = isVideo ? "video/quicktime" : device.mime;
      const fileName =
        device.prefix === "PXL_"
          ? `PXL_${wall.slice(0, 10).replaceAll("-", "")}_${wall.slice(11, 19).replaceAll(":", "")}${micro.slice(0, 3)}${ext}`
          : `${device.prefix}${String(num).padStart(4, "0")}${ext}`;
      const size = isVideo
        ? Math.floor(5_000_000 + float() * 200_000_000)
        : Math.floor(device.w * device.h * device.bytesPerPixel * (0.7 + float() * 0.6));
      const uploadMs = instantMs + Math.floor(float() * 30 * DAY_MS);
      const createdAt = new Date(uploadMs).toISOString();
      const updatedAt = new Date(uploadMs + 2000 + Math.floor(float() * 60_000)).toISOString();
      const fileCreated = new Date(instantMs).toISOString();
      let lat: number | null = null;
      let lng: number | null = null;
      if (geotagged) {
        lat = Math.round((place.lat + (float() - 0.5) * 0.2) * 1e6) / 1e6;
        lng = Math.round((place.lng + (float() - 0.5) * 0.2) * 1e6) / 1e6;
      }
      const rr = float();
      const embRating = rr < 0.7 ? null : rr < 0.9 ? 0 : 1 + Math.floor(float() * 5);
      const description = float() < 0.01 ? DESCRIPTIONS[Math.floor(float() * DESCRIPTIONS.length)] : null;
      const lens = LENSES[u32() % LENSES.length];
      const iso = [100, 200, 400, 800, 1600][u32() % 5];
      const embJson = isVideo
        ? `{"make":"${device.make}","model":"${device.model}","fps":30,"orientation":1}`
        : `{"make":"${device.make}","model":"${device.model}","lens_model":${lens === null ? "null" : `"${lens}"`},"f_number":${[1.8, 2.8, 4, 5.6, 8][u32() % 5]},"focal_length":${[4.2, 24, 35, 50, 85][u32() % 5]},"exposure_time":${[0.001, 0.004, 0.008, 0.0167, 0.0333][u32() % 5]},"iso":${iso},"orientation":1}`;
      const storagePath = `originals/${shard}/${id}${ext.toLowerCase()}`;
      const scale = (edge: number) => Math.min(1, edge / Math.max(w, h));
      const variant = (name: string, edge: number) =>
        `"${name}":{"path":"variants/${shard}/${id}/${name}.webp","mimetype":"image/webp","width":${Math.round(w * scale(edge))},"height":${Math.round(h * scale(edge))}}`;
      const fullsize =
        mime === "image/jpeg"
          ? `"fullsize":{"path":"${storagePath}","mimetype":"image/jpeg","width":${w},"height":${h}}`
          : `"fullsize":{"path":"variants/${shard}/${id}/fullsize.webp","mimetype":"image/webp","width":${w},"height":${h}}`;
      const variantsJson = `{${variant("thumbnail", 360)},${variant("small", 720)},${variant("preview", 1440)},${fullsize}}`;
      out.push([
        id,
        libraryId,
        fileName,
        mime,
        storagePath,
        size,
        randomBase64(32),
        randomBase64(20),
        `${device.id}-${shortId().slice(0, 12)}`,
        device.id,
        fileCreated,
        fileCreated,
        createdAt,
        updatedAt,
        createdAt,
        `asset_version_${shortId()}`,
        w,
        h,
        isVideo ? Math.round((2 + float() * 90) * 100) / 100 : null,
        randomBase64(24),
        "ready",
        variantsJson,
        embJson,
        wall,
        offset,
        lat,
        lng,
        description,
        embRating,
        wall,
        offset,
        localUtc,
        lat,
        lng,
        embRating ?? 0,
        geotagged ? place.city : null,
        geotagged ? place.state : null,
        geotagged ? place.country : null,
        geotagged ? place.cc : null,
        geotagged ? place.tz : null,
        geotagged ? `${place.city}, ${place.country}` : null,
      ]);
    }
  }

  /** All rows of one day. */
  function day(startMs: number, dayIndex: number, years: number, n: number, place: Place): SqlValue[][] {
    const out: SqlValue[][] = [];
    const dayStart = startMs + dayIndex * DAY_MS;
    const dayEnd = dayStart + DAY_MS - 1000;
    const yearsIn = (dayIndex / 365.25) * (25 / years);
    const devices = DEVICES.filter((d) => yearsIn >= d.from && yearsIn < d.to);
    const sessions = Math.min(8, 1 + Math.floor(n / 150) + (u32() % 2));
    let left = n;
    for (let s = 0; s < sessions && left > 0; s++) {
      const size = s === sessions - 1 ? left : Math.max(1, Math.floor((n / sessions) * (0.5 + float())));
      const take = Math.min(left, size);
      left -= take;
      const device = devices[u32() % devices.length];
      const geotagged = device.gps ? float() < 0.85 : float() < 0.1;
      const startHour = 7 + float() * (take > 500 ? 6 : 14);
      session(out, dayStart + Math.floor(startHour * 3_600_000), dayEnd, take, device, place, geotagged);
    }
    return out;
  }

  return { day };
}

// ---------------------------------------------------------------------------

interface SchemaObject {
  type: string;
  name: string;
  sql: string;
}

/**
 * Inserts `count` realistic assets into `libraryId`. Runs a few large
 * transactions; PRAGMAs changed for speed are restored before returning.
 */
export function seedAssets(db: Db, libraryId: string, count: number, opts: SeedOptions = {}): SeedStats {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const seed = opts.seed ?? DEFAULT_SEED;
  const startYear = opts.startYear ?? 2000;
  const years = opts.years ?? 25;
  const txRows = opts.transactionRows ?? 100_000;
  const bulkDayCounts = opts.bulkDayCounts ?? true;
  const rebuildIndexes = opts.rebuildIndexes ?? false;

  const rng = sfc32(seed);
  const startMs = Date.UTC(startYear, 0, 1);
  const days = Math.round(years * 365.25);
  const plan = planDays(rng.float, startMs, days, count);

  // Import order: runs of consecutive days (one card or phone backup each), shuffled.
  const batches: (typeof plan)[] = [];
  let current: typeof plan = [];
  let batchTarget = 500 + Math.floor(rng.float() * 20_000);
  let inBatch = 0;
  for (const p of plan) {
    current.push(p);
    inBatch += p.n;
    if (inBatch >= batchTarget) {
      batches.push(current);
      current = [];
      inBatch = 0;
      batchTarget = 500 + Math.floor(rng.float() * 20_000);
    }
  }
  if (current.length > 0) batches.push(current);
  for (let i = batches.length - 1; i > 0; i--) {
    const j = rng.u32() % (i + 1);
    [batches[i], batches[j]] = [batches[j], batches[i]];
  }

  const prevSync = Number(db.pragma("synchronous", { simple: true }));
  const prevCache = Number(db.pragma("cache_size", { simple: true }));
  const prevJournal = String(db.pragma("journal_mode", { simple: true }));
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -1048576"); // 1 GiB while loading: the random-key indexes stay in memory
  if (opts.journalOff) db.pragma("journal_mode = OFF");

  const objects = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('assets') AND sql IS NOT NULL")
    .all() as SchemaObject[];
  const insertTrigger = objects.find((o) => o.type === "trigger" && o.name === "assets_counts_insert");
  const indexes = objects.filter((o) => o.type === "index");
  let dayCountsMs = 0;
  let indexMs = 0;

  try {
    if (bulkDayCounts && insertTrigger) db.exec(`DROP TRIGGER ${insertTrigger.name}`);
    if (rebuildIndexes) for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);

    const insert = db.prepare(
      `INSERT INTO assets (${INSERT_COLUMNS.join(", ")}) VALUES (${INSERT_COLUMNS.map(() => "?").join(", ")})`,
    );
    const gen = createGenerator(rng, libraryId);
    const insertMany = db.transaction((rows: SqlValue[][]) => {
      for (const r of rows) insert.run(r);
    });
    const insertStarted = performance.now();
    let pending: SqlValue[][] = [];
    let done = 0;
    for (const batch of batches) {
      for (const p of batch) {
        for (const row of gen.day(startMs, p.day, years, p.n, p.place)) pending.push(row);
        if (pending.length >= txRows) {
          insertMany(pending);
          done += pending.length;
          pending = [];
          log(`  seeded ${done.toLocaleString("en")} / ${count.toLocaleString("en")}`);
        }
      }
    }
    if (pending.length > 0) insertMany(pending);
    const insertMs = performance.now() - insertStarted;

    if (rebuildIndexes) {
      const t = performance.now();
      for (const ix of indexes) db.exec(ix.sql);
      indexMs = performance.now() - t;
    }
    if (bulkDayCounts && insertTrigger) {
      const t = performance.now();
      db.transaction(() => {
        db.prepare(
          `INSERT INTO asset_day_counts (library_id, trashed, day, count)
           SELECT library_id, trashed_at IS NOT NULL, substr(local_dt, 1, 10), COUNT(*) FROM assets
           WHERE library_id = ? GROUP BY 1, 2, 3
           ON CONFLICT (library_id, trashed, day) DO UPDATE SET count = count + excluded.count`,
        ).run(libraryId);
        db.exec(insertTrigger.sql);
      })();
      dayCountsMs = performance.now() - t;
    }
    const busiest = db
      .prepare(
        "SELECT day, count FROM asset_day_counts WHERE library_id = ? AND trashed = 0 ORDER BY count DESC LIMIT 1",
      )
      .get(libraryId) as { day: string; count: number } | undefined;
    const dayRows = db.prepare("SELECT COUNT(*) FROM asset_day_counts WHERE library_id = ?").pluck().get(libraryId);
    return {
      rows: count,
      totalMs: performance.now() - started,
      insertMs,
      dayCountsMs,
      indexMs,
      days: Number(dayRows),
      busiestDay: busiest ?? { day: "", count: 0 },
    };
  } finally {
    // Whatever happened, leave the schema and the connection as they were.
    const present = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'assets'").pluck().all() as string[]).map(String),
    );
    if (insertTrigger && !present.has(insertTrigger.name)) db.exec(insertTrigger.sql);
    for (const ix of indexes) if (!present.has(ix.name)) db.exec(ix.sql);
    if (opts.journalOff) db.pragma(`journal_mode = ${prevJournal}`);
    db.pragma(`cache_size = ${prevCache}`);
    db.pragma(`synchronous = ${prevSync}`);
  }
}

// ---------------------------------------------------------------------------
// The cached, seeded database file.

/** Changes whenever a migration changes, so a cached database never has a stale schema. */
function schemaHash(): string {
  const h = createHash("sha256");
  for (const f of readdirSync(MIGRATIONS_DIR).sort()) {
    if (!f.endsWith(".sql")) continue;
    h.update(f);
    h.update(readFileSync(join(MIGRATIONS_DIR, f)));
  }
  return h.digest("hex").slice(0, 10);
}

export interface SeededDb {
  /** The cached database; copy it before writing to it. */
  file: string;
  libraryId: string;
  /** Stats when this call seeded it, null when it came from the cache. */
  stats: SeedStats | null;
}

/** Returns the cached database of `count` assets under bench/.data/, seeding it first if needed. */
export function ensureSeededDb(count: number, opts: SeedOptions = {}): SeededDb {
  const seed = opts.seed ?? DEFAULT_SEED;
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, `assets-${count}-v${SEED_VERSION}-s${seed.toString(16)}-${schemaHash()}.db`);
  if (existsSync(file)) {
    const ro = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const libraryId = ro.prepare("SELECT id FROM libraries LIMIT 1").pluck().get();
      const rows = Number(ro.prepare("SELECT COUNT(*) FROM assets").pluck().get());
      if (typeof libraryId === "string" && rows === count) return { file, libraryId, stats: null };
    } finally {
      ro.close();
    }
    rmSync(file, { force: true });
  }

  const tmp = `${file}.tmp-${process.pid}`;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(tmp + suffix, { force: true });
  const db = openDatabase(tmp);
  try {
    const libraryId = createLibraryService(createLibraryRepository(db), () => new Date(Date.UTC(2024, 0, 1))).ensureDefault().id;
    const stats = seedAssets(db, libraryId, count, { journalOff: true, ...opts, seed });
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    renameSync(tmp, file);
    return { file, libraryId, stats };
  } catch (err) {
    if (db.open) db.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(tmp + suffix, { force: true });
    throw err;
  }
}
