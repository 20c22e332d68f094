import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp, { type Sharp } from "sharp";
import { thumbHashToApproximateAspectRatio, thumbHashToRGBA } from "thumbhash";
import { afterEach, describe, expect, it } from "vitest";
import { type DerivedVariant, generateVariants, VARIANT_LONG_EDGE, type VariantResult } from "./variants";

const FIXTURES = fileURLToPath(new URL("../../e2e/fixtures/photos/", import.meta.url));

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gumleaf-variants-"));
  tempDirs.push(dir);
  return dir;
}

/** The size `width`x`height` scaled to fit `longEdge` like sharp's fit:inside, never enlarged. */
function fitted(width: number, height: number, longEdge: number): [number, number] {
  const scale = Math.min(1, longEdge / Math.max(width, height));
  return [Math.round(width * scale), Math.round(height * scale)];
}

async function expectWebp(file: string, width: number, height: number): Promise<void> {
  expect(fs.existsSync(file)).toBe(true);
  const meta = await sharp(file).metadata();
  expect(meta.format).toBe("webp");
  expect([meta.width, meta.height]).toEqual([width, height]);
}

async function expectVariants(result: VariantResult, width: number, height: number): Promise<void> {
  expect([result.width, result.height]).toEqual([width, height]);
  for (const variant of ["thumbnail", "small", "preview"] as const) {
    const [w, h] = fitted(width, height, VARIANT_LONG_EDGE[variant]);
    const file = result.variants[variant];
    expect(file.mimetype).toBe("image/webp");
    expect(path.basename(file.path)).toBe(`${variant}.webp`);
    expect([file.width, file.height]).toEqual([w, h]);
    await expectWebp(file.path, w, h);
  }
  const hash = Buffer.from(result.thumbhash, "base64");
  // thumbhash stores the aspect ratio coarsely (DCT grid sizes up to 7), so allow 20 %.
  expect(Math.abs(thumbHashToApproximateAspectRatio(hash) - width / height)).toBeLessThan((0.2 * width) / height);
  const decoded = thumbHashToRGBA(hash);
  expect(decoded.w).toBeGreaterThan(0);
  expect(decoded.h).toBeGreaterThan(0);
}

/** Mean red of a 20x20 patch at the top edge. */
async function meanRed(file: string, left: number): Promise<number> {
  const { data, info } = await sharp(file)
    .extract({ left, top: 0, width: 20, height: 20 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let i = 0; i < data.length; i += info.channels) sum += data[i];
  return sum / (data.length / info.channels);
}

function variantFilesIn(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

describe("generateVariants on the e2e fixtures", () => {
  const browserReady: Array<[name: string, mime: string, width: number, height: number]> = [
    ["canon-tokyo.jpg", "image/jpeg", 1600, 1067],
    ["kathmandu.jpg", "image/jpeg", 1000, 1000],
    ["naive-time.jpg", "image/jpeg", 1024, 768],
    ["sydney-summer.jpg", "image/jpeg", 1200, 900],
    ["no-metadata.png", "image/png", 800, 600],
  ];

  it.each(browserReady)("%s: WebP variants, and the original serves as fullsize", async (name, mime, width, height) => {
    const original = path.join(FIXTURES, name);
    const outDir = path.join(tempDir(), "out");
    const result = await generateVariants(original, mime, outDir);
    await expectVariants(result, width, height);
    expect(result.variants.fullsize).toEqual({ path: original, mimetype: mime, width, height });
    expect(variantFilesIn(outDir).sort()).toEqual(["preview.webp", "small.webp", "thumbnail.webp"]);
  });

  it("kathmandu.jpg (1000 px) is never upscaled: preview stays 1000x1000", async () => {
    const result = await generateVariants(path.join(FIXTURES, "kathmandu.jpg"), "image/jpeg", tempDir());
    expect([result.variants.preview.width, result.variants.preview.height]).toEqual([1000, 1000]);
    expect([result.variants.small.width, result.variants.thumbnail.width]).toEqual([720, 360]);
  });

  it("iphone-golden-gate.jpg: EXIF orientation 6 is applied (portrait 270x360 thumbnail)", async () => {
    const outDir = tempDir();
    const result = await generateVariants(path.join(FIXTURES, "iphone-golden-gate.jpg"), "image/jpeg", outDir);
    await expectVariants(result, 1200, 1600);
    expect(result.variants.thumbnail).toMatchObject({ width: 270, height: 360 });
    expect(result.variants.preview).toMatchObject({ width: 1080, height: 1440 });
    expect(result.variants.fullsize).toMatchObject({ mimetype: "image/jpeg", width: 1200, height: 1600 });

    // The encoded top-left corner (orange) ends up top-right after a 90° clockwise turn.
    const [topLeft, topRight] = await Promise.all([
      meanRed(result.variants.thumbnail.path, 0),
      meanRed(result.variants.thumbnail.path, 250),
    ]);
    expect(topRight).toBeGreaterThan(topLeft + 40);
  });

  it("paris.heic: decodes HEVC and writes a JPEG fullsize next to the WebP variants", async () => {
    const outDir = tempDir();
    const result = await generateVariants(path.join(FIXTURES, "paris.heic"), "image/heic", outDir);
    await expectVariants(result, 1200, 900);
    expect(result.variants.fullsize).toEqual({
      path: path.join(outDir, "fullsize.jpg"),
      mimetype: "image/jpeg",
      width: 1200,
      height: 900,
    });
    const full = await sharp(result.variants.fullsize.path).metadata();
    expect([full.format, full.width, full.height]).toEqual(["jpeg", 1200, 900]);
    expect(variantFilesIn(outDir).sort()).toEqual(["fullsize.jpg", "preview.webp", "small.webp", "thumbnail.webp"]);
  });

  it.each(["truncated.jpg", "not-an-image.jpg"])("%s: rejects and leaves no files behind", async (name) => {
    const parent = tempDir();
    const outDir = path.join(parent, "out");
    await expect(generateVariants(path.join(FIXTURES, name), "image/jpeg", outDir)).rejects.toThrow(
      /^Could not decode image: .+/,
    );
    expect(variantFilesIn(outDir)).toEqual([]);
    await expect(generateVariants(path.join(FIXTURES, name), "image/jpeg", parent)).rejects.toThrow();
    expect(variantFilesIn(parent).filter((f) => f !== "out")).toEqual([]);
  });
});

describe("generateVariants on generated images", () => {
  async function write(name: string, image: Sharp): Promise<string> {
    const file = path.join(tempDir(), name);
    await image.toFile(file);
    return file;
  }

  function gradient(width: number, height: number, channels: 3 | 4): Sharp {
    const data = Buffer.alloc(width * height * channels);
    for (let i = 0; i < width * height; i++) {
      data[i * channels] = (i % width) % 256;
      data[i * channels + 1] = Math.floor(i / width) % 256;
      data[i * channels + 2] = 128;
      if (channels === 4) data[i * channels + 3] = i % width < width / 2 ? 255 : 0;
    }
    return sharp(data, { raw: { width, height, channels } });
  }

  it("a TIFF with orientation 6 gets a rotated, full-resolution JPEG fullsize", async () => {
    const original = await write("rotated.tiff", gradient(2000, 1000, 3).tiff().withMetadata({ orientation: 6 }));
    const outDir = tempDir();
    const result = await generateVariants(original, "image/tiff", outDir);
    await expectVariants(result, 1000, 2000);
    expect(result.variants.fullsize).toEqual({
      path: path.join(outDir, "fullsize.jpg"),
      mimetype: "image/jpeg",
      width: 1000,
      height: 2000,
    });
    const full = await sharp(result.variants.fullsize.path).metadata();
    expect([full.format, full.width, full.height]).toEqual(["jpeg", 1000, 2000]);
  });

  it("a transparent TIFF keeps its alpha: WebP fullsize", async () => {
    const original = await write("alpha.tiff", gradient(300, 200, 4).tiff({ compression: "lzw" }));
    const result = await generateVariants(original, "image/tiff", tempDir());
    await expectVariants(result, 300, 200);
    expect(result.variants.fullsize.mimetype).toBe("image/webp");
    const thumb = await sharp(result.variants.thumbnail.path).metadata();
    expect(thumb.hasAlpha).toBe(true);
  });

  it("a tiny image is never upscaled", async () => {
    const original = await write("tiny.png", gradient(40, 10, 3).png());
    const result = await generateVariants(original, "image/png", tempDir());
    const sizes = (["thumbnail", "small", "preview", "fullsize"] as DerivedVariant[]).map((v) => [
      result.variants[v].width,
      result.variants[v].height,
    ]);
    expect(sizes).toEqual([
      [40, 10],
      [40, 10],
      [40, 10],
      [40, 10],
    ]);
    expect(thumbHashToApproximateAspectRatio(Buffer.from(result.thumbhash, "base64"))).toBeGreaterThan(2.5);
  });

  it("a truncated HEIC rejects and leaves no files behind", async () => {
    const dir = tempDir();
    const original = path.join(dir, "cut.heic");
    fs.writeFileSync(original, fs.readFileSync(path.join(FIXTURES, "paris.heic")).subarray(0, 12_000));
    const outDir = path.join(dir, "out");
    await expect(generateVariants(original, "image/heic", outDir)).rejects.toThrow(/^Could not decode image: .+/);
    expect(variantFilesIn(outDir)).toEqual([]);
  });

  it("creates outDir and replaces earlier variants in place", async () => {
    const outDir = path.join(tempDir(), "nested", "asset");
    const original = path.join(FIXTURES, "sydney-summer.jpg");
    await generateVariants(original, "image/jpeg", outDir);
    await generateVariants(original, "image/jpeg", outDir);
    expect(variantFilesIn(outDir).sort()).toEqual(["preview.webp", "small.webp", "thumbnail.webp"]);
  });
});
