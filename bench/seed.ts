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
import { rgbaToThumbHash } from "thumbhash";
import { type Db, openDatabase } from "../server/db/database";
import { createLibraryRepository } from "../server/repositories/library-repository";
import { createLibraryService } from "../server/services/library-service";
import { epochMsToWall, parseCaptureTime, toUtcWall } from "../src/lib/capture-time";

/** Bump when the generator changes, so cached databases are re-made. */
export const SEED_VERSION = 4;
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
   * own stored SQL. Default true: measured on 300,000 rows (2 cores), the
   * per-row trigger took the load from 11.7 s to 18.0 s, while the rebuild
   * takes 0.3 s (0.8 s for 1,000,000 rows).
   */
  bulkDayCounts?: boolean;
  /**
   * Drop the secondary indexes on assets during the load and recreate them from
   * their stored SQL after (a sorted build). Measured on 1,000,000 rows: 44.7 s
   * with, 64.6 s without.
   */
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
  /** Shape of what was generated, for the report. */
  mix: SeedMix;
}

export interface SeedMix {
  withOffset: number;
  geotagged: number;
  rated: number;
  videos: number;
  /** Rows whose local_dt equals the previous shot's (ties in the sort key). */
  ties: number;
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
  {
    city: "Sydney",
    state: "New South Wales",
    country: "Australia",
    cc: "AU",
    lat: -33.8688,
    lng: 151.2093,
    offset: 600,
    tz: "Australia/Sydney",
  },
  {
    city: "Hobart",
    state: "Tasmania",
    country: "Australia",
    cc: "AU",
    lat: -42.8821,
    lng: 147.3272,
    offset: 600,
    tz: "Australia/Hobart",
  },
  {
    city: "Perth",
    state: "Western Australia",
    country: "Australia",
    cc: "AU",
    lat: -31.9523,
    lng: 115.8613,
    offset: 480,
    tz: "Australia/Perth",
  },
  {
    city: "Auckland",
    state: "Auckland",
    country: "New Zealand",
    cc: "NZ",
    lat: -36.8485,
    lng: 174.7633,
    offset: 720,
    tz: "Pacific/Auckland",
  },
  {
    city: "Tokyo",
    state: "Tokyo",
    country: "Japan",
    cc: "JP",
    lat: 35.6762,
    lng: 139.6503,
    offset: 540,
    tz: "Asia/Tokyo",
  },
  {
    city: "Kathmandu",
    state: "Bagmati",
    country: "Nepal",
    cc: "NP",
    lat: 27.7172,
    lng: 85.324,
    offset: 345,
    tz: "Asia/Kathmandu",
  },
  {
    city: "Mumbai",
    state: "Maharashtra",
    country: "India",
    cc: "IN",
    lat: 19.076,
    lng: 72.8777,
    offset: 330,
    tz: "Asia/Kolkata",
  },
  {
    city: "Paris",
    state: "Île-de-France",
    country: "France",
    cc: "FR",
    lat: 48.8566,
    lng: 2.3522,
    offset: 120,
    tz: "Europe/Paris",
  },
  {
    city: "London",
    state: "England",
    country: "United Kingdom",
    cc: "GB",
    lat: 51.5074,
    lng: -0.1278,
    offset: 60,
    tz: "Europe/London",
  },
  {
    city: "Reykjavík",
    state: null,
    country: "Iceland",
    cc: "IS",
    lat: 64.1466,
    lng: -21.9426,
    offset: 0,
    tz: "Atlantic/Reykjavik",
  },
  {
    city: "New York",
    state: "New York",
    country: "United States",
    cc: "US",
    lat: 40.7128,
    lng: -74.006,
    offset: -240,
    tz: "America/New_York",
  },
  {
    city: "San Francisco",
    state: "California",
    country: "United States",
    cc: "US",
    lat: 37.7749,
    lng: -122.4194,
    offset: -420,
    tz: "America/Los_Angeles",
  },
  {
    city: "Honolulu",
    state: "Hawaii",
    country: "United States",
    cc: "US",
    lat: 21.3069,
    lng: -157.8583,
    offset: -600,
    tz: "Pacific/Honolulu",
  },
  {
    city: "St. John's",
    state: "Newfoundland and Labrador",
    country: "Canada",
    cc: "CA",
    lat: 47.5615,
    lng: -52.7126,
    offset: -150,
    tz: "America/St_Johns",
  },
];

interface DeviceSpec {
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
  /** share of sessions whose files record a UTC offset (GPS-tagged files always do) */
  aware: number;
  /** has GPS */
  gps: boolean;
  bytesPerPixel: number;
  lens: string | null;
}

interface Device extends DeviceSpec {
  /** The constant head of emb_json for photos, and the whole of it for videos. */
  cameraJson: string;
  videoJson: string;
}

const DEVICE_SPECS: DeviceSpec[] = [
  {
    id: "powershot-a70",
    make: "Canon",
    model: "Canon PowerShot A70",
    w: 2048,
    h: 1536,
    prefix: "IMG_",
    mime: "image/jpeg",
    ext: ".JPG",
    from: 0,
    to: 8,
    aware: 0,
    gps: false,
    bytesPerPixel: 0.35,
    lens: null,
  },
  {
    id: "coolpix-4500",
    make: "NIKON",
    model: "E4500",
    w: 2272,
    h: 1704,
    prefix: "DSCN",
    mime: "image/jpeg",
    ext: ".JPG",
    from: 0,
    to: 6,
    aware: 0,
    gps: false,
    bytesPerPixel: 0.4,
    lens: null,
  },
  {
    id: "eos-40d",
    make: "Canon",
    model: "Canon EOS 40D",
    w: 3888,
    h: 2592,
    prefix: "IMG_",
    mime: "image/jpeg",
    ext: ".JPG",
    from: 7,
    to: 18,
    aware: 0,
    gps: false,
    bytesPerPixel: 0.45,
    lens: "EF-S17-85mm f/4-5.6 IS USM",
  },
  {
    id: "d7000",
    make: "NIKON CORPORATION",
    model: "NIKON D7000",
    w: 4928,
    h: 3264,
    prefix: "DSC_",
    mime: "image/jpeg",
    ext: ".JPG",
    from: 10,
    to: 25,
    aware: 0.2,
    gps: false,
    bytesPerPixel: 0.45,
    lens: "18.0-105.0 mm f/3.5-5.6",
  },
  {
    id: "iphone-4s",
    make: "Apple",
    model: "iPhone 4S",
    w: 3264,
    h: 2448,
    prefix: "IMG_",
    mime: "image/jpeg",
    ext: ".JPG",
    from: 11,
    to: 15,
    aware: 0,
    gps: true,
    bytesPerPixel: 0.3,
    lens: null,
  },
  {
    id: "iphone-8",
    make: "Apple",
    model: "iPhone 8",
    w: 4032,
    h: 3024,
    prefix: "IMG_",
    mime: "image/heic",
    ext: ".HEIC",
    from: 17,
    to: 22,
    aware: 1,
    gps: true,
    bytesPerPixel: 0.15,
    lens: "iPhone 8 back camera 3.99mm f/1.8",
  },
  {
    id: "pixel-7",
    make: "Google",
    model: "Pixel 7",
    w: 4080,
    h: 3072,
    prefix: "PXL_",
    mime: "image/jpeg",
    ext: ".jpg",
    from: 21,
    to: 25,
    aware: 1,
    gps: true,
    bytesPerPixel: 0.25,
    lens: null,
  },
  {
    id: "sony-a7iii",
    make: "SONY",
    model: "ILCE-7M3",
    w: 6000,
    h: 4000,
    prefix: "DSC0",
    mime: "image/jpeg",
    ext: ".JPG",
    from: 18,
    to: 25,
    aware: 0.3,
    gps: false,
    bytesPerPixel: 0.4,
    lens: "FE 24-105mm F4 G OSS",
  },
];

const DEVICES: Device[] = DEVICE_SPECS.map((d) => ({
  ...d,
  cameraJson: `"make":${JSON.stringify(d.make)},"model":${JSON.stringify(d.model)},"lens_model":${JSON.stringify(d.lens)}`,
  videoJson: `{"make":${JSON.stringify(d.make)},"model":${JSON.stringify(d.model)},"fps":30,"orientation":1}`,
}));

const F_NUMBERS = [1.8, 2.8, 4, 5.6, 8];
const FOCAL_LENGTHS = [4.2, 24, 35, 50, 85];
const EXPOSURES = [0.001, 0.004, 0.008, 0.0167, 0.0333];
const ISOS = [100, 200, 400, 800, 1600];
const DESCRIPTIONS = ["Sunset over the bay", "Birthday cake", "First day of school", "Beach", "Grandma's garden"];

// ---------------------------------------------------------------------------
// ThumbHashes: real ones, of small made-up scenes (a sky over ground, a few
// soft shapes), so seeded tiles look like blurred photos, not noise.

const THUMBHASH_POOL = 256;

function scene(rand: Rng, w: number, h: number): Uint8Array {
  const pick = (): [number, number, number] => [rand() * 255, rand() * 255, rand() * 255];
  const sky = rand() < 0.5 ? [90 + rand() * 80, 140 + rand() * 60, 200 + rand() * 55] : pick();
  const ground = rand() < 0.5 ? [60 + rand() * 60, 80 + rand() * 70, 40 + rand() * 40] : pick();
  const horizon = 0.3 + rand() * 0.5;
  const blobs = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
    x: rand() * w,
    y: rand() * h,
    r: (0.1 + rand() * 0.3) * Math.max(w, h),
    color: pick(),
  }));
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = Math.min(1, Math.max(0, (y / h - horizon) * 6 + 0.5));
      const px = [0, 1, 2].map((c) => sky[c] * (1 - t) + ground[c] * t);
      for (const blob of blobs) {
        const k = Math.max(0, 1 - Math.hypot(x - blob.x, y - blob.y) / blob.r);
        for (let c = 0; c < 3; c++) px[c] = px[c] * (1 - k) + blob.color[c] * k;
      }
      rgba.set([px[0], px[1], px[2], 255], (y * w + x) * 4);
    }
  }
  return rgba;
}

/** Pools of base64 ThumbHashes for landscape and portrait assets, the same on every run. */
function thumbhashPools(): { landscape: string[]; portrait: string[] } {
  const { float } = sfc32(0x7e1a5e);
  const make = (w: number, h: number) =>
    Array.from({ length: THUMBHASH_POOL }, () =>
      Buffer.from(rgbaToThumbHash(w, h, scene(float, w, h))).toString("base64"),
    );
  return { landscape: make(32, 24), portrait: make(24, 32) };
}

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
    if (tripLeft === 0 && rand() < 0.03) {
      tripLeft = 2 + Math.floor(rand() * 13);
      tripPlace = rand() < 0.3 ? HOME : TRAVEL[Math.floor(rand() * TRAVEL.length)];
    }
    if (tripLeft > 0) {
      tripLeft--;
      plans.push({ day: d, raw: (150 + rand() * 300) * growth, place: tripPlace, kind: "trip" });
    } else if (rand() < 0.006) {
      plans.push({ day: d, raw: (800 + rand() * 2200) * growth, place: HOME, kind: "event" });
    } else if (rand() < 0.6) {
      plans.push({ day: d, raw: (1 - Math.log(1 - rand()) * 40) * growth * weekend, place: HOME, kind: "normal" });
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

function createGenerator(rng: { u32: Rng; float: Rng }, libraryId: string) {
  const { u32, float } = rng;
  const bytes = Buffer.alloc(32);
  const randomBase64 = (len: number): string => {
    for (let i = 0; i < len; i += 4) bytes.writeUInt32LE(u32(), i);
    return bytes.subarray(0, len).toString("base64");
  };
  const shortId = (length: number): string => {
    let s = "";
    for (let i = 0; i < length; i++) s += ID_ALPHABET[u32() % 57];
    return s;
  };
  let fileCounter = 1000;
  const mix: SeedMix = { withOffset: 0, geotagged: 0, rated: 0, videos: 0, ties: 0 };
  const rowBuffer: SqlValue[] = new Array<SqlValue>(INSERT_COLUMNS.length).fill(null);
  const thumbhashes = thumbhashPools();

  /** Rows of one shooting session, in time order. */
  function session(
    emit: (row: SqlValue[]) => void,
    startWallMs: number,
    dayEndMs: number,
    n: number,
    device: Device,
    place: Place,
    geotagged: boolean,
  ): void {
    let t = startWallMs;
    let prevWall = "";
    let micro = "000000";
    const aware = geotagged || float() < device.aware;
    const offset = aware ? place.offset : null;
    const offsetMs = (offset ?? 0) * 60_000;
    const shootsVideo = device.gps; // phones shoot some video
    const label = `${place.city}, ${place.country}`;
    const row = rowBuffer;
    for (let i = 0; i < n; i++) {
      if (i > 0) {
        const r = float();
        if (r < 0.06) {
          // Same timestamp as the previous shot: a burst with no sub-second field (a tie).
        } else {
          t += r < 0.3 ? 1000 * (1 + (u32() % 3)) : Math.floor(-Math.log(1 - float()) * 90_000);
          micro = float() < 0.3 ? `${String(u32() % 1000).padStart(3, "0")}000` : "000000";
        }
      }
      if (t >= dayEndMs) {
        t = dayEndMs; // late sessions pile up at 23:59:59 (more ties)
        micro = "000000";
      }
      // The wall clock is handled as if it were UTC, as capture-time.ts does.
      const wall = epochMsToWall(t, micro);
      const localUtc = offset === null ? null : epochMsToWall(t - offsetMs, micro);
      const instantMs = t - offsetMs;
      const isVideo = shootsVideo && float() < 0.04;
      const portrait = float() < 0.25;
      const w = isVideo ? 1920 : portrait ? device.h : device.w;
      const h = isVideo ? 1080 : portrait ? device.w : device.h;
      const id = `asset_${shortId(22)}`;
      const shard = id.slice(-2);
      const ext = isVideo ? ".MOV" : device.ext;
      const mime = isVideo ? "video/quicktime" : device.mime;
      const fileName =
        device.prefix === "PXL_"
          ? `PXL_${wall.slice(0, 4)}${wall.slice(5, 7)}${wall.slice(8, 10)}_${wall.slice(11, 13)}${wall.slice(14, 16)}${wall.slice(17, 19)}${micro.slice(0, 3)}${ext}`
          : `${device.prefix}${String(fileCounter++ % 10000).padStart(4, "0")}${ext}`;
      const size = isVideo
        ? Math.floor(5_000_000 + float() * 200_000_000)
        : Math.floor(device.w * device.h * device.bytesPerPixel * (0.7 + float() * 0.6));
      const uploadMs = instantMs + Math.floor(float() * 30 * DAY_MS);
      const createdAt = new Date(uploadMs).toISOString();
      let lat: number | null = null;
      let lng: number | null = null;
      if (geotagged) {
        lat = Math.round((place.lat + (float() - 0.5) * 0.2) * 1e6) / 1e6;
        lng = Math.round((place.lng + (float() - 0.5) * 0.2) * 1e6) / 1e6;
      }
      const rr = float();
      const embRating = rr < 0.7 ? null : rr < 0.9 ? 0 : 1 + (u32() % 5);
      const storagePath = `originals/${shard}/${id}${ext.toLowerCase()}`;
      const vdir = `variants/${shard}/${id}/`;
      const long = Math.max(w, h);
      const s360 = long > 360 ? 360 / long : 1;
      const s720 = long > 720 ? 720 / long : 1;
      const s1440 = long > 1440 ? 1440 / long : 1;
      const fullsize =
        mime === "image/jpeg"
          ? `{"path":"${storagePath}","mimetype":"image/jpeg","width":${w},"height":${h}}`
          : `{"path":"${vdir}fullsize.webp","mimetype":"image/webp","width":${w},"height":${h}}`;
      row[0] = id;
      row[1] = libraryId;
      row[2] = fileName;
      row[3] = mime;
      row[4] = storagePath;
      row[5] = size;
      row[6] = randomBase64(32);
      row[7] = randomBase64(20);
      row[8] = `${device.id}-${shortId(12)}`;
      row[9] = device.id;
      row[10] = new Date(instantMs).toISOString();
      row[11] = row[10];
      row[12] = createdAt;
      row[13] = new Date(uploadMs + 2000 + (u32() % 60_000)).toISOString();
      row[14] = createdAt;
      row[15] = `asset_version_${shortId(22)}`;
      row[16] = w;
      row[17] = h;
      row[18] = isVideo ? Math.round((2 + float() * 90) * 100) / 100 : null;
      // Six draws, as the random 24 bytes this used to be took: the rest of the library is unchanged.
      row[19] = (w >= h ? thumbhashes.landscape : thumbhashes.portrait)[u32() % THUMBHASH_POOL];
      for (let i = 1; i < 6; i++) u32();
      row[20] = "ready";
      row[21] =
        `{"thumbnail":{"path":"${vdir}thumbnail.webp","mimetype":"image/webp","width":${Math.round(w * s360)},"height":${Math.round(h * s360)}},` +
        `"small":{"path":"${vdir}small.webp","mimetype":"image/webp","width":${Math.round(w * s720)},"height":${Math.round(h * s720)}},` +
        `"preview":{"path":"${vdir}preview.webp","mimetype":"image/webp","width":${Math.round(w * s1440)},"height":${Math.round(h * s1440)}},` +
        `"fullsize":${fullsize}}`;
      row[22] = isVideo
        ? device.videoJson
        : `{${device.cameraJson},"f_number":${F_NUMBERS[u32() % 5]},"focal_length":${FOCAL_LENGTHS[u32() % 5]},"exposure_time":${EXPOSURES[u32() % 5]},"iso":${ISOS[u32() % 5]},"orientation":1}`;
      row[23] = wall;
      row[24] = offset;
      row[25] = lat;
      row[26] = lng;
      row[27] = float() < 0.01 ? DESCRIPTIONS[u32() % DESCRIPTIONS.length] : null;
      row[28] = embRating;
      row[29] = wall;
      row[30] = offset;
      row[31] = localUtc;
      row[32] = lat;
      row[33] = lng;
      row[34] = embRating ?? 0;
      row[35] = geotagged ? place.city : null;
      row[36] = geotagged ? place.state : null;
      row[37] = geotagged ? place.country : null;
      row[38] = geotagged ? place.cc : null;
      row[39] = geotagged ? place.tz : null;
      row[40] = geotagged ? label : null;
      mix.withOffset += offset === null ? 0 : 1;
      mix.geotagged += geotagged ? 1 : 0;
      mix.rated += embRating ? 1 : 0;
      mix.videos += isVideo ? 1 : 0;
      mix.ties += wall === prevWall ? 1 : 0;
      prevWall = wall;
      emit(row);
    }
  }

  /** All rows of one day. */
  function day(
    emit: (row: SqlValue[]) => void,
    startMs: number,
    dayIndex: number,
    years: number,
    n: number,
    place: Place,
  ): void {
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
      const geotagged = device.gps ? float() < 0.95 : float() < 0.15;
      const startHour = 7 + float() * (take > 500 ? 6 : 14);
      session(emit, dayStart + Math.floor(startHour * 3_600_000), dayEnd, take, device, place, geotagged);
    }
  }

  return { day, mix };
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
  const prevForeignKeys = Number(db.pragma("foreign_keys", { simple: true }));
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = OFF"); // the library row is known to exist; saves a lookup per row
  const prevMmap = Number(db.pragma("mmap_size", { simple: true }));
  db.pragma("cache_size = -1048576"); // 1 GiB while loading: the random-key indexes stay in memory
  db.pragma("mmap_size = 4294967296"); // index builds scan the whole table; read it through the map
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
    const insertStarted = performance.now();
    let done = 0;
    const emit = (row: SqlValue[]): void => {
      insert.run(row);
      done++;
      if (done % txRows === 0) {
        db.exec("COMMIT; BEGIN");
        log(`  seeded ${done.toLocaleString("en")} / ${count.toLocaleString("en")}`);
      }
    };
    db.exec("BEGIN");
    try {
      for (const batch of batches) for (const p of batch) gen.day(emit, startMs, p.day, years, p.n, p.place);
      db.exec("COMMIT");
    } catch (err) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw err;
    }
    const insertMs = performance.now() - insertStarted;

    if (rebuildIndexes) {
      const t = performance.now();
      const prevThreads = Number(db.pragma("threads", { simple: true }));
      db.pragma("threads = 4"); // lets the sorter of CREATE INDEX use helper threads
      try {
        for (const ix of indexes) {
          const ti = performance.now();
          db.exec(ix.sql);
          log(`  index ${ix.name}: ${Math.round(performance.now() - ti)} ms`);
        }
      } finally {
        db.pragma(`threads = ${prevThreads}`);
      }
      indexMs = performance.now() - t;
    }
    if (bulkDayCounts && insertTrigger) {
      const t = performance.now();
      // Live rows are counted from the covering partial index assets_live_order, without
      // reading the wide table rows; trashed rows (few) go through the table.
      const upsert = `ON CONFLICT (library_id, trashed, day) DO UPDATE SET count = count + excluded.count`;
      db.transaction(() => {
        db.prepare(
          `INSERT INTO asset_day_counts (library_id, trashed, day, count)
           SELECT library_id, 0, substr(local_dt, 1, 10) AS d, COUNT(*) FROM assets
           WHERE library_id = ? AND trashed_at IS NULL GROUP BY d ${upsert}`,
        ).run(libraryId);
        db.prepare(
          `INSERT INTO asset_day_counts (library_id, trashed, day, count)
           SELECT library_id, 1, substr(local_dt, 1, 10) AS d, COUNT(*) FROM assets
           WHERE library_id = ? AND trashed_at IS NOT NULL GROUP BY d ${upsert}`,
        ).run(libraryId);
        db.exec(insertTrigger.sql);
      })();
      dayCountsMs = performance.now() - t;
    }
    verifySample(db, libraryId);
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
      mix: gen.mix,
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
    db.pragma(`mmap_size = ${prevMmap}`);
    db.pragma(`synchronous = ${prevSync}`);
    db.pragma(`foreign_keys = ${prevForeignKeys}`);
  }
}

/** Spot-checks that the effective columns agree with capture-time.ts, as the server would compute them. */
function verifySample(db: Db, libraryId: string): void {
  const rows = db
    .prepare(
      "SELECT id, local_dt, local_offset, local_utc FROM assets WHERE library_id = ? AND rowid % 997 = 0 LIMIT 2000",
    )
    .all(libraryId) as { id: string; local_dt: string; local_offset: number | null; local_utc: string | null }[];
  for (const r of rows) {
    const parsed = parseCaptureTime(r.local_dt);
    const expected = parsed ? toUtcWall({ wall: parsed.wall, offsetMinutes: r.local_offset }) : undefined;
    if (!parsed || parsed.wall !== r.local_dt || expected !== r.local_utc) {
      throw new Error(`seed produced an inconsistent row ${r.id}: ${r.local_dt} ${r.local_offset} ${r.local_utc}`);
    }
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
      // The per-day totals sum to the row count; cheaper than counting a million rows.
      const rows = Number(ro.prepare("SELECT COALESCE(SUM(count), 0) FROM asset_day_counts").pluck().get());
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
    const libraryId = createLibraryService(
      createLibraryRepository(db),
      () => new Date(Date.UTC(2024, 0, 1)),
    ).ensureDefault().id;
    const stats = seedAssets(db, libraryId, count, { journalOff: true, rebuildIndexes: true, ...opts, seed });
    // Stored with a rollback journal, so that opening the cache read-only leaves no -wal/-shm
    // behind; the server's openDatabase turns each run's copy back to WAL.
    db.pragma("journal_mode = DELETE");
    db.close();
    renameSync(tmp, file);
    // Older generations of the same size are dead weight (about 1.9 GB per million rows).
    for (const name of readdirSync(CACHE_DIR)) {
      if (name.startsWith(`assets-${count}-`) && join(CACHE_DIR, name) !== file && !name.includes(".tmp-")) {
        rmSync(join(CACHE_DIR, name), { force: true });
      }
    }
    return { file, libraryId, stats };
  } catch (err) {
    if (db.open) db.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(tmp + suffix, { force: true });
    throw err;
  }
}
