/**
 * Reads embedded photo metadata from headers only (no pixel decoding), so it
 * can run before an upload's HTTP response.
 *
 * sharp (libvips) locates the EXIF and XMP blocks for every format it knows,
 * HEIC included; exifr then parses those blocks. exifr is not pointed at HEIC
 * files directly because its HEIF reader ignores the iloc base_offset and so
 * misplaces the EXIF item ("Malformed EXIF data"). For formats sharp cannot
 * open, exifr reads the file itself.
 *
 * exifr runs with reviveValues:false and translateValues:false: dates stay the
 * text that was written (never a Date in the machine's zone) and enumerations
 * stay numbers.
 */
import { createRequire } from "node:module";
import type Exifr from "exifr";
import sharp, { type Metadata } from "sharp";
import { type CaptureTime, parseCaptureTime } from "../../src/lib/capture-time";
import { readAppleMakerNote } from "./apple-maker-note";

// exifr's ESM build (picked by Vite/vitest) default-exports a lite API without sidecar(),
// while Node picks its CommonJS build; requiring it gives the full API in every runtime.
const exifr: typeof Exifr = createRequire(import.meta.url)("exifr");

export interface EmbeddedMetadata {
  make: string | null;
  model: string | null;
  lens_model: string | null;
  f_number: number | null;
  focal_length: number | null;
  /** Seconds. */
  exposure_time: number | null;
  exposure_bias: number | null;
  iso: number | null;
  /** EXIF orientation 1..8. */
  orientation: number | null;
  /** Encoded pixels, before orientation. */
  raw_width: number | null;
  raw_height: number | null;
  /** Display pixels after orientation (5–8 swap the axes); 0 when unknown. */
  width: number;
  height: number;
  original_datetime: CaptureTime | null;
  modified_datetime: CaptureTime | null;
  digitized_datetime: CaptureTime | null;
  latitude: number | null;
  longitude: number | null;
  altitude: number | null;
  /** XMP dc:description, else EXIF ImageDescription. */
  description: string | null;
  /** XMP or EXIF Rating as stored, not normalised. */
  rating: number | null;
  fps: number | null;
  live_photo_cid: string | null;
  projection_type: string | null;
  auto_stack_id: string | null;
}

type Block = Record<string, unknown>;

/** The parsed TIFF structure: IFD0, the EXIF sub-IFD and the GPS IFD. */
interface TiffTags {
  ifd0: Block;
  exif: Block;
  gps: Block;
}

/** XMP properties grouped by namespace prefix (`xmp`, `dc`, `exif`, `photoshop`, `GPano`…). */
type XmpTags = Record<string, Block>;

interface Sources {
  header: Metadata | null;
  tiff: TiffTags;
  xmp: XmpTags;
}

const EMPTY_TIFF: TiffTags = { ifd0: {}, exif: {}, gps: {} };

const EXIFR_BASE = {
  mergeOutput: false,
  reviveValues: false,
  translateValues: false,
  translateKeys: true,
  silentErrors: true,
  ifd1: false,
  interop: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  userComment: false,
  makerNote: true,
} as const;

export async function extractMetadata(filePath: string, _mimeType: string): Promise<EmbeddedMetadata> {
  const sources = await readSources(filePath);
  return {
    ...cameraFields(sources.tiff),
    ...dimensionFields(sources),
    ...datetimeFields(sources.tiff, sources.xmp),
    ...gpsFields(sources.tiff.gps),
    description: description(sources.tiff, sources.xmp),
    rating: num(sources.xmp.xmp?.Rating) ?? num(sources.tiff.ifd0.Rating),
    ...appleAndXmpExtras(sources.tiff, sources.xmp),
  };
}

// ---------------------------------------------------------------------------
// Reading

async function readSources(filePath: string): Promise<Sources> {
  const header = await sharp(filePath)
    .metadata()
    .catch(() => null);
  // libvips exposes EXIF/XMP for JPEG, PNG, WebP and HEIF; exifr covers what it leaves out (e.g. TIFF tags).
  const fromFile = header?.exif ? null : await parseFileWithExifr(filePath);
  const [tiff, xmp] = await Promise.all([
    header?.exif ? parseTiffBlock(header.exif) : (fromFile?.tiff ?? EMPTY_TIFF),
    parseXmp(header?.xmp ?? fromFile?.xmpPacket),
  ]);
  return { header, tiff, xmp };
}

async function parseFileWithExifr(filePath: string): Promise<{ tiff: TiffTags; xmpPacket: string | undefined }> {
  try {
    const out: unknown = await exifr.parse(filePath, { ...EXIFR_BASE, xmp: { parse: false } });
    const root = asBlock(out);
    return { tiff: toTiffTags(root), xmpPacket: typeof root.xmp === "string" ? root.xmp : undefined };
  } catch {
    return { tiff: EMPTY_TIFF, xmpPacket: undefined };
  }
}

async function parseTiffBlock(exif: Buffer): Promise<TiffTags> {
  // libvips keeps the JPEG APP1 "Exif\0\0" prefix; exifr wants the bare TIFF header.
  const tiff = exif.subarray(0, 6).toString("latin1") === "Exif\0\0" ? exif.subarray(6) : exif;
  try {
    const out: unknown = await exifr.parse(tiff, { ...EXIFR_BASE, xmp: false });
    return toTiffTags(asBlock(out));
  } catch {
    return EMPTY_TIFF;
  }
}

async function parseXmp(packet: Buffer | string | undefined): Promise<XmpTags> {
  if (!packet || packet.length === 0) return {};
  try {
    // Parsed on its own so the XMP `exif` namespace cannot overwrite the real EXIF block.
    const out: unknown = await exifr.sidecar(Buffer.from(packet), { reviveValues: false }, "xmp");
    const xmp: XmpTags = {};
    for (const [ns, props] of Object.entries(asBlock(out))) {
      if (ns !== "xmlns") xmp[ns] = asBlock(props);
    }
    return xmp;
  } catch {
    return {};
  }
}

function toTiffTags(root: Block): TiffTags {
  return { ifd0: asBlock(root.ifd0), exif: asBlock(root.exif), gps: asBlock(root.gps) };
}

function asBlock(value: unknown): Block {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Block) : {};
}

// ---------------------------------------------------------------------------
// Field groups

function cameraFields(tiff: TiffTags) {
  const { ifd0, exif } = tiff;
  return {
    make: text(ifd0.Make),
    model: text(ifd0.Model),
    lens_model: text(exif.LensModel),
    f_number: num(exif.FNumber),
    focal_length: num(exif.FocalLength),
    exposure_time: num(exif.ExposureTime),
    exposure_bias: num(exif.ExposureCompensation),
    iso: num(exif.ISO),
  };
}

function dimensionFields({ header, tiff }: Sources) {
  // libvips reports HEIF dimensions and orientation with irot/imir already applied,
  // so its orientation is preferred to the EXIF tag whenever it could read the file.
  const orientation = validOrientation(header ? header.orientation : tiff.ifd0.Orientation);
  const rawWidth = positive(header?.width) ?? positive(tiff.exif.ExifImageWidth) ?? positive(tiff.ifd0.ImageWidth);
  const rawHeight = positive(header?.height) ?? positive(tiff.exif.ExifImageHeight) ?? positive(tiff.ifd0.ImageHeight);
  const swap = orientation !== null && orientation >= 5;
  return {
    orientation,
    raw_width: rawWidth,
    raw_height: rawHeight,
    width: (swap ? rawHeight : rawWidth) ?? 0,
    height: (swap ? rawWidth : rawHeight) ?? 0,
  };
}

function datetimeFields(tiff: TiffTags, xmp: XmpTags) {
  const { ifd0, exif } = tiff;
  return {
    original_datetime: preferExif(
      exifDateTime(exif.DateTimeOriginal, exif.SubSecTimeOriginal, exif.OffsetTimeOriginal),
      [xmp.exif?.DateTimeOriginal, xmp.photoshop?.DateCreated],
    ),
    modified_datetime: preferExif(exifDateTime(ifd0.ModifyDate, exif.SubSecTime, exif.OffsetTime), [
      xmp.xmp?.ModifyDate,
      xmp.tiff?.DateTime,
    ]),
    digitized_datetime: preferExif(exifDateTime(exif.CreateDate, exif.SubSecTimeDigitized, exif.OffsetTimeDigitized), [
      xmp.xmp?.CreateDate,
      xmp.exif?.DateTimeDigitized,
    ]),
  };
}

function gpsFields(gps: Block) {
  const latitude = coordinate(gps.GPSLatitude, gps.GPSLatitudeRef, "S", 90);
  const longitude = coordinate(gps.GPSLongitude, gps.GPSLongitudeRef, "W", 180);
  const altitude = num(gps.GPSAltitude);
  const belowSeaLevel = num(gps.GPSAltitudeRef) === 1;
  return {
    latitude,
    longitude,
    altitude: altitude === null ? null : belowSeaLevel ? -Math.abs(altitude) : altitude,
  };
}

function description(tiff: TiffTags, xmp: XmpTags): string | null {
  return langAlt(xmp.dc?.description) ?? text(tiff.ifd0.ImageDescription);
}

function appleAndXmpExtras(tiff: TiffTags, xmp: XmpTags) {
  const maker =
    text(tiff.ifd0.Make) === "Apple" && tiff.exif.MakerNote instanceof Uint8Array
      ? readAppleMakerNote(tiff.exif.MakerNote)
      : null;
  return {
    // Frame rate only exists for video, which neither sharp nor exifr reads.
    fps: null,
    live_photo_cid: maker?.contentIdentifier ?? null,
    projection_type: text(xmp.GPano?.ProjectionType),
    auto_stack_id: text(xmp.GCamera?.BurstID) ?? maker?.burstUuid ?? null,
  };
}

// ---------------------------------------------------------------------------
// Value helpers

const EXIF_DATETIME_RE =
  /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,](\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const OFFSET_RE = /^[+-]\d{2}:\d{2}$/;

/** `2023:04:02 14:03:05` + SubSecTime `050` + OffsetTime `+09:00`; a missing or blank offset stays naive. */
function exifDateTime(value: unknown, subSec: unknown, offset: unknown): CaptureTime | null {
  const raw = text(value);
  const m = raw ? EXIF_DATETIME_RE.exec(raw) : null;
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "00", inlineFraction, inlineOffset = ""] = m;
  const fraction = inlineFraction ?? digitsOnly(subSec);
  const offsetText = text(offset);
  const zone = offsetText && OFFSET_RE.test(offsetText) ? offsetText : inlineOffset;
  return parseCaptureTime(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction ? `.${fraction}` : ""}${zone}`);
}

/**
 * EXIF wins; XMP fills in when EXIF has no value, and lends its offset to a
 * naive EXIF reading of the same wall clock (XMP dates carry their own offset).
 */
function preferExif(fromExif: CaptureTime | null, xmpValues: unknown[]): CaptureTime | null {
  const fromXmp = xmpValues.map(xmpDateTime).filter((t): t is CaptureTime => t !== null);
  if (!fromExif) return fromXmp[0] ?? null;
  if (fromExif.offsetMinutes !== null) return fromExif;
  const sameInstantWithOffset = fromXmp.find(
    (t) => t.offsetMinutes !== null && t.wall.slice(0, 19) === fromExif.wall.slice(0, 19),
  );
  return sameInstantWithOffset ? { wall: fromExif.wall, offsetMinutes: sameInstantWithOffset.offsetMinutes } : fromExif;
}

function xmpDateTime(value: unknown): CaptureTime | null {
  const raw = text(value);
  return raw ? parseCaptureTime(raw) : null;
}

function digitsOnly(value: unknown): string | null {
  const raw = typeof value === "number" ? String(value) : text(value);
  return raw && /^\d+$/.test(raw) ? raw : null;
}

function coordinate(value: unknown, ref: unknown, negativeRef: string, limit: number): number | null {
  const dms = Array.isArray(value) ? value.map(num) : [num(value)];
  if (dms.length === 0 || dms.some((part) => part === null)) return null;
  const [deg = 0, min = 0, sec = 0] = dms as number[];
  const magnitude = deg + min / 60 + sec / 3600;
  if (magnitude > limit) return null;
  const refText = text(ref)?.toUpperCase();
  return refText === negativeRef ? -magnitude : magnitude;
}

/** XMP language alternatives: a plain string, `{lang, value}`, or a list of those (x-default preferred). */
function langAlt(value: unknown): string | null {
  if (Array.isArray(value)) {
    const entries = value.map(asBlock);
    const chosen = entries.find((e) => e.lang === "x-default") ?? entries[0];
    return chosen ? text(chosen.value) : null;
  }
  if (typeof value === "object" && value !== null) return text(asBlock(value).value);
  return text(value);
}

function text(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return null;
  const cleaned = value.replace(/\0/g, "").trim();
  return cleaned === "" ? null : cleaned;
}

function num(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") return num(Number(value));
  if ((Array.isArray(value) || value instanceof Uint8Array) && value.length > 0) return num(value[0]);
  return null;
}

function positive(value: unknown): number | null {
  const n = num(value);
  return n !== null && n > 0 ? Math.round(n) : null;
}

function validOrientation(value: unknown): number | null {
  const n = num(value);
  return n !== null && Number.isInteger(n) && n >= 1 && n <= 8 ? n : null;
}
