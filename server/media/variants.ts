/**
 * Derived images for one asset: WebP thumbnail/small/preview, a browser-friendly
 * fullsize, and a thumbhash.
 *
 * The original is decoded once. For formats browsers display natively the
 * decode is straight to preview size, so libjpeg's shrink-on-load does most of
 * the downscaling; small and thumbnail are then made from the preview pixels
 * and the thumbhash from the thumbnail pixels.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp, {
  type Channels,
  type CreateRaw,
  type JpegOptions,
  type Metadata,
  type Sharp,
  type WebpOptions,
} from "sharp";
import { rgbaToThumbHash } from "thumbhash";
import { decodeHeic } from "./heic";

export type DerivedVariant = "thumbnail" | "small" | "preview" | "fullsize";

export const VARIANT_LONG_EDGE = { thumbnail: 360, small: 720, preview: 1440 } as const;

export interface VariantFile {
  path: string;
  mimetype: string;
  width: number;
  height: number;
}

export interface VariantResult {
  variants: Record<DerivedVariant, VariantFile>;
  thumbhash: string;
  /** Display size of the original, after orientation. */
  width: number;
  height: number;
}

interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: Channels;
}

/** A variant rendered in memory, not yet on disk. */
interface Encoded {
  fileName: string;
  data: Buffer;
  mimetype: string;
  width: number;
  height: number;
}

type Source = { kind: "file"; path: string } | { kind: "pixels"; image: RawImage };

/** Originals that every browser displays as they are, so fullsize can be the original itself. */
const BROWSER_FORMATS = new Set(["image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"]);
const WEBP_OPTIONS: WebpOptions = { quality: 80, effort: 2 };
const FULLSIZE_JPEG: JpegOptions = { quality: 90 };
const WEBP_MAX_EDGE = 16383;
const THUMBHASH_MAX_EDGE = 100;

// Several small pipelines run side by side per asset; one libvips thread each keeps
// a 2-core box from oversubscribing while libuv's pool still runs them in parallel.
sharp.concurrency(1);

export async function generateVariants(originalPath: string, mimeType: string, outDir: string): Promise<VariantResult> {
  const rendered = await renderAll(originalPath, mimeType).catch((error: unknown) => {
    throw new Error(`Could not decode image: ${decodeFailure(error)}`, { cause: error });
  });
  const { thumbnail, small, preview, fullsize } = rendered.variants;
  await writeAtomically(outDir, [thumbnail, small, preview, fullsize].filter(isEncoded));
  const describe = (file: Encoded | VariantFile): VariantFile =>
    isEncoded(file)
      ? { path: path.join(outDir, file.fileName), mimetype: file.mimetype, width: file.width, height: file.height }
      : file;
  return {
    variants: {
      thumbnail: describe(thumbnail),
      small: describe(small),
      preview: describe(preview),
      fullsize: describe(fullsize),
    },
    thumbhash: rendered.thumbhash,
    width: rendered.width,
    height: rendered.height,
  };
}

interface Rendered {
  /** fullsize is a VariantFile when the original itself serves as fullsize. */
  variants: Record<Exclude<DerivedVariant, "fullsize">, Encoded> & { fullsize: Encoded | VariantFile };
  thumbhash: string;
  width: number;
  height: number;
}

async function renderAll(originalPath: string, mimeType: string): Promise<Rendered> {
  const header = await sharp(originalPath).metadata();
  const originalMime = originalMimeType(header, mimeType);
  const keepOriginal = BROWSER_FORMATS.has(originalMime);
  const source = await openSource(originalPath, header);
  // Formats that need a re-encoded fullsize are decoded at full resolution, once.
  const base = await decodeToRaw(source, header.hasAlpha, keepOriginal ? VARIANT_LONG_EDGE.preview : null);
  const width = keepOriginal ? header.autoOrient.width : base.width;
  const height = keepOriginal ? header.autoOrient.height : base.height;
  const previewPixels = await fit(base, VARIANT_LONG_EDGE.preview);

  const [preview, small, thumbnail, fullsize] = await Promise.all([
    encodeWebp("preview", previewPixels),
    fit(previewPixels, VARIANT_LONG_EDGE.small).then((pixels) => encodeWebp("small", pixels)),
    fit(previewPixels, VARIANT_LONG_EDGE.thumbnail).then(async (pixels) => ({
      file: await encodeWebp("thumbnail", pixels),
      hash: await thumbhashOf(pixels),
    })),
    keepOriginal ? { path: originalPath, mimetype: originalMime, width, height } : encodeFullsize(base),
  ]);
  return {
    variants: { thumbnail: thumbnail.file, small, preview, fullsize },
    thumbhash: thumbnail.hash,
    width,
    height,
  };
}

function isEncoded(file: Encoded | VariantFile): file is Encoded {
  return "data" in file;
}

function originalMimeType(header: Metadata, declared: string): string {
  if (header.format === "heif" && header.compression === "av1") return "image/avif";
  return header.mediaType ?? declared;
}

// ---------------------------------------------------------------------------
// Decoding

/** Whether this sharp build decodes HEVC; learnt from the first HEIC that answers clearly. */
let sharpDecodesHevc: boolean | undefined;

async function openSource(originalPath: string, header: Metadata): Promise<Source> {
  const isHevc = header.format === "heif" && header.compression === "hevc";
  if (!isHevc || sharpDecodesHevc === true) return { kind: "file", path: originalPath };
  if (sharpDecodesHevc === undefined) {
    // The prebuilt libvips ships libheif without an HEVC decoder (patents), so ask once.
    const error = await sharp(originalPath, { failOn: "truncated" })
      .resize(8, 8)
      .raw()
      .toBuffer()
      .then(
        () => null,
        (reason: unknown) => errorMessage(reason),
      );
    if (error === null) sharpDecodesHevc = true;
    else if (/HEVC|not been built in/i.test(error)) sharpDecodesHevc = false;
    // Any other error says nothing about the build: this file is probably broken, and heic-decode will say so.
    if (sharpDecodesHevc) return { kind: "file", path: originalPath };
  }
  return { kind: "pixels", image: await decodeHevc(originalPath) };
}

async function decodeHevc(originalPath: string): Promise<RawImage> {
  const { width, height, data } = await decodeHeic(originalPath);
  return { data: Buffer.from(data.buffer, data.byteOffset, data.byteLength), width, height, channels: 4 };
}

async function decodeToRaw(source: Source, hasAlpha: boolean, longEdge: number | null): Promise<RawImage> {
  let image =
    source.kind === "file"
      ? sharp(source.path, { failOn: "truncated" }).autoOrient()
      : sharp(source.image.data, { raw: rawOptions(source.image) });
  if (longEdge !== null) image = image.resize(longEdge, longEdge, { fit: "inside", withoutEnlargement: true });
  if (!hasAlpha) image = image.removeAlpha();
  return toRaw(image.toColourspace("srgb"));
}

async function toRaw(image: Sharp): Promise<RawImage> {
  const { data, info } = await image.raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

function rawOptions(image: RawImage): CreateRaw {
  return { width: image.width, height: image.height, channels: image.channels };
}

function fromRaw(image: RawImage): Sharp {
  return sharp(image.data, { raw: rawOptions(image) });
}

/** The image scaled to fit `longEdge`, or itself when it already fits (never upscaled). */
async function fit(image: RawImage, longEdge: number): Promise<RawImage> {
  if (Math.max(image.width, image.height) <= longEdge) return image;
  return toRaw(fromRaw(image).resize(longEdge, longEdge, { fit: "inside" }));
}

// ---------------------------------------------------------------------------
// Encoding

async function encodeWebp(variant: Exclude<DerivedVariant, "fullsize">, image: RawImage): Promise<Encoded> {
  const data = await fromRaw(image).webp(WEBP_OPTIONS).toBuffer();
  return { fileName: `${variant}.webp`, data, mimetype: "image/webp", width: image.width, height: image.height };
}

/** JPEG when opaque (fast to encode at full resolution); WebP or PNG keep transparency. */
async function encodeFullsize(image: RawImage): Promise<Encoded> {
  const size = { width: image.width, height: image.height };
  const hasAlpha = image.channels === 2 || image.channels === 4;
  if (!hasAlpha) {
    const data = await fromRaw(image).jpeg(FULLSIZE_JPEG).toBuffer();
    return { fileName: "fullsize.jpg", data, mimetype: "image/jpeg", ...size };
  }
  if (Math.max(image.width, image.height) <= WEBP_MAX_EDGE) {
    const data = await fromRaw(image).webp({ quality: 90 }).toBuffer();
    return { fileName: "fullsize.webp", data, mimetype: "image/webp", ...size };
  }
  const data = await fromRaw(image).png().toBuffer();
  return { fileName: "fullsize.png", data, mimetype: "image/png", ...size };
}

async function thumbhashOf(image: RawImage): Promise<string> {
  const { data, info } = await fromRaw(image)
    .resize(THUMBHASH_MAX_EDGE, THUMBHASH_MAX_EDGE, { fit: "inside", withoutEnlargement: true })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString("base64");
}

// ---------------------------------------------------------------------------
// Writing

/** Writes every file under a temporary name first, then renames; on failure nothing new is left behind. */
async function writeAtomically(outDir: string, files: Encoded[]): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const suffix = `${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const staged = files.map((file) => ({
    file,
    temp: path.join(outDir, `.${file.fileName}.${suffix}`),
    final: path.join(outDir, file.fileName),
  }));
  try {
    await Promise.all(staged.map(({ file, temp }) => writeFile(temp, file.data)));
    for (const { temp, final } of staged) await rename(temp, final);
  } catch (error) {
    await Promise.all(staged.flatMap(({ temp, final }) => [rm(temp, { force: true }), rm(final, { force: true })]));
    throw error;
  }
}

/** libvips error text on one line, without libheif's I/O retry chatter and numeric codes. */
function decodeFailure(error: unknown): string {
  const text = errorMessage(error)
    .replace(/\S+: bad seek to \d+/g, "")
    .replace(/\(\d+(?:\.\d+)*\)/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text || "unknown error";
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
