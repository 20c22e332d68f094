/**
 * Times the ingest of a 24-megapixel JPEG: header metadata, then every variant
 * plus the thumbhash. Run with `npx tsx bench/ingest-bench.ts`.
 */
import { copyFile, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { extractMetadata } from "../server/media/extract-metadata";
import { generateVariants } from "../server/media/variants";

const WIDTH = 6000;
const HEIGHT = 4000;
const TIMED_RUNS = 7;

export interface BenchResult {
  medianMs: number;
  p95Ms: number;
  runs: number;
  /** Size of the generated JPEG, to show it is camera-like and not trivially compressible. */
  sourceBytes: number;
}

export async function benchIngest(): Promise<BenchResult> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "gumleaf-ingest-bench-"));
  try {
    const source = path.join(workDir, "source.jpg");
    await writeSyntheticPhoto(source);
    await ingestOnce(source, workDir, "warmup");
    const timings: number[] = [];
    for (let run = 0; run < TIMED_RUNS; run++) timings.push(await ingestOnce(source, workDir, `run-${run}`));
    timings.sort((a, b) => a - b);
    return {
      medianMs: percentile(timings, 0.5),
      p95Ms: percentile(timings, 0.95),
      runs: timings.length,
      sourceBytes: (await stat(source)).size,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Copies the photo under a fresh name first, as an upload would be, so no decoder cache can help. */
async function ingestOnce(source: string, workDir: string, label: string): Promise<number> {
  const upload = path.join(workDir, `${label}.jpg`);
  await copyFile(source, upload);
  const started = performance.now();
  await extractMetadata(upload, "image/jpeg");
  await generateVariants(upload, "image/jpeg", path.join(workDir, label));
  return performance.now() - started;
}

/**
 * Smooth gradients with regions of fine grain and of flat sky, so the JPEG
 * compresses like a camera photo (several MB at quality 90), not like a flat fill.
 */
async function writeSyntheticPhoto(target: string): Promise<void> {
  const pixels = Buffer.allocUnsafe(WIDTH * HEIGHT * 3);
  let seed = 0x9e3779b9;
  let i = 0;
  for (let y = 0; y < HEIGHT; y++) {
    const grain = y < HEIGHT / 3 ? 8 : 140; // calm sky above, textured ground below
    for (let x = 0; x < WIDTH; x++) {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      const noise = ((seed & 0xff) / 255 - 0.5) * grain;
      const wave = 40 * Math.sin(x / 211) * Math.cos(y / 173);
      pixels[i++] = clampByte((x / WIDTH) * 200 + wave + noise);
      pixels[i++] = clampByte((y / HEIGHT) * 180 + 30 - wave + noise);
      pixels[i++] = clampByte(120 + wave * 1.5 + noise);
    }
  }
  await sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .blur(0.6)
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: "Gumleaf", Model: "Bench 24MP" } })
    .withMetadata({ orientation: 1 })
    .toFile(target);
}

function clampByte(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
}

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { medianMs, p95Ms, runs, sourceBytes } = await benchIngest();
  const megabytes = (sourceBytes / 1e6).toFixed(1);
  console.log(
    `ingest 24MP JPEG (${megabytes} MB) → all variants + thumbhash: median ${medianMs} ms, p95 ${p95Ms} ms (n=${runs})`,
  );
}
