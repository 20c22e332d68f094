import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { fileTypeFromFile } from "file-type";
import mime from "mime-types";
import type { Asset } from "../../src/api/schemas";
import { formatCaptureTime, parseCaptureTime } from "../../src/lib/capture-time";
import type { Db } from "../db/database";
import type { JobQueue } from "../jobs/job-queue";
import { HttpError, invalid, ValidationError } from "../lib/errors";
import { newId } from "../lib/ids";
import { type EmbeddedMetadata, extractMetadata } from "../media/extract-metadata";
import type { AssetRepository, AssetRow } from "../repositories/asset-repository";
import type { Storage } from "../storage";
import { ALL_INCLUDES, type EmbeddedExtras, toAssetResponse } from "./asset-view";
import { computeEffective } from "./effective-values";
import type { LibraryService } from "./library-service";
import type { UrlSigner } from "./url-signer";

const REQUIRED_FIELDS = ["device_asset_id", "device_id", "file_created_at", "file_modified_at"] as const;
const MAX_FILE_NAME = 1024;

interface ReceivedUpload {
  fields: Record<string, string>;
  file: { tmpPath: string; fileName: string; size: number; sha256: string; sha1: string } | null;
}

/** Media type from the file name's extension (§3.1); null when it is not an image or a video. */
export function mediaTypeFor(fileName: string): string | null {
  const type = mime.lookup(fileName);
  return type && (type.startsWith("image/") || type.startsWith("video/")) ? type : null;
}

/**
 * Streams a multipart body: fields into memory (small, limited), the file
 * part to a temporary file while SHA-256 and SHA-1 are computed. The file is
 * never held whole in memory.
 */
async function receive(
  body: ReadableStream<Uint8Array>,
  contentType: string,
  storage: Storage,
): Promise<ReceivedUpload> {
  const fields: Record<string, string> = {};
  let file: ReceivedUpload["file"] = null;
  let fileWrite: Promise<void> | null = null;
  const tmpFiles: string[] = [];

  const bb = busboy({
    headers: { "content-type": contentType },
    defParamCharset: "utf8",
    limits: { files: 1, fields: 32, fieldSize: 64 * 1024, parts: 40 },
  });

  const parsed = new Promise<void>((resolve, reject) => {
    bb.on("field", (name, value) => {
      fields[name] = value;
    });
    bb.on("file", (name, stream, info) => {
      if (name !== "asset_data") {
        stream.resume();
        return;
      }
      const tmpPath = storage.tmpFile();
      tmpFiles.push(tmpPath);
      const sha256 = createHash("sha256");
      const sha1 = createHash("sha1");
      let size = 0;
      const hasher = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          sha256.update(chunk);
          sha1.update(chunk);
          size += chunk.length;
          cb(null, chunk);
        },
      });
      fileWrite = pipeline(stream, hasher, createWriteStream(tmpPath)).then(() => {
        file = {
          tmpPath,
          fileName: info.filename ?? "",
          size,
          sha256: sha256.digest("base64"),
          sha1: sha1.digest("base64"),
        };
      });
      fileWrite.catch(reject);
    });
    bb.on("close", () => resolve());
    bb.on("error", reject);
  });

  try {
    await Promise.all([pipeline(Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>), bb), parsed]);
    if (fileWrite) await fileWrite;
  } catch (err) {
    await Promise.all(tmpFiles.map((f) => rm(f, { force: true })));
    throw new HttpError(400, `Could not read the upload: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { fields, file };
}

function embeddedColumns(meta: EmbeddedMetadata) {
  const extras: EmbeddedExtras = {
    make: meta.make,
    model: meta.model,
    lens_model: meta.lens_model,
    f_number: meta.f_number,
    focal_length: meta.focal_length,
    exposure_time: meta.exposure_time,
    exposure_bias: meta.exposure_bias,
    iso: meta.iso,
    orientation: meta.orientation,
    raw_width: meta.raw_width,
    raw_height: meta.raw_height,
    modified_datetime: meta.modified_datetime
      ? formatCaptureTime(meta.modified_datetime.wall, meta.modified_datetime.offsetMinutes)
      : null,
    digitized_datetime: meta.digitized_datetime
      ? formatCaptureTime(meta.digitized_datetime.wall, meta.digitized_datetime.offsetMinutes)
      : null,
    altitude: meta.altitude,
    fps: meta.fps,
    live_photo_cid: meta.live_photo_cid,
    projection_type: meta.projection_type,
    auto_stack_id: meta.auto_stack_id,
  };
  const hasGps = meta.latitude !== null && meta.longitude !== null;
  return {
    emb_json: JSON.stringify(extras),
    emb_datetime: meta.original_datetime?.wall ?? null,
    emb_offset: meta.original_datetime?.offsetMinutes ?? null,
    emb_latitude: hasGps ? meta.latitude : null,
    emb_longitude: hasGps ? meta.longitude : null,
    emb_description: meta.description,
    emb_rating: meta.rating,
  };
}

export interface UploadDeps {
  db: Db;
  assets: AssetRepository;
  libraries: LibraryService;
  jobs: JobQueue;
  storage: Storage;
  signer: UrlSigner;
  clock: () => Date;
}

export function createUploadService({ db, assets, libraries, jobs, storage, signer, clock }: UploadDeps) {
  return {
    /** POST /api/assets: 201 with a new asset, or 200 with the one that already has these bytes. */
    async upload(
      body: ReadableStream<Uint8Array> | null,
      contentType: string | undefined,
      queryLibraryId: string | null,
    ): Promise<{ status: 200 | 201; asset: Asset }> {
      if (!body || !contentType?.toLowerCase().startsWith("multipart/form-data")) {
        throw invalid(["body"], "Expected a multipart/form-data body with an asset_data file part");
      }
      const { fields, file } = await receive(body, contentType, storage);
      const cleanup = () => (file ? rm(file.tmpPath, { force: true }) : Promise.resolve());
      try {
        const issues = REQUIRED_FIELDS.filter((f) => !fields[f]).map((f) => ({
          loc: ["body", f],
          msg: "Field required",
          type: "missing",
        }));
        if (!file) issues.unshift({ loc: ["body", "asset_data"], msg: "Field required", type: "missing" });
        for (const f of ["file_created_at", "file_modified_at"] as const) {
          if (fields[f] && !parseCaptureTime(fields[f])) {
            issues.push({ loc: ["body", f], msg: "Input should be a valid datetime", type: "datetime_parsing" });
          }
        }
        if (issues.length > 0) throw new ValidationError(issues);
        if (!file) throw invalid(["body", "asset_data"], "Field required");
        if (!file.fileName) throw invalid(["body", "asset_data"], "The file part needs a filename");
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
        if (/[\u0000-\u001f\u007f]/.test(file.fileName)) {
          throw invalid(["body", "asset_data"], "The file name contains control characters", file.fileName);
        }
        if (file.fileName.length > MAX_FILE_NAME) {
          throw invalid(["body", "asset_data"], `File name is longer than ${MAX_FILE_NAME} characters`);
        }
        const mimeType = mediaTypeFor(file.fileName);
        if (!mimeType) {
          throw invalid(
            ["body", "asset_data"],
            `"${file.fileName}" is not a photo or video: its extension is not a known image or video type`,
            file.fileName,
          );
        }
        // The extension decides the type (§3.1), but bytes that are no known
        // image or video container at all (a text file named .jpg) are refused
        // here, with the reason. A damaged image is still kept: it is the user's.
        const sniffed = await fileTypeFromFile(file.tmpPath);
        if (!sniffed || !(sniffed.mime.startsWith("image/") || sniffed.mime.startsWith("video/"))) {
          throw invalid(
            ["body", "asset_data"],
            `"${file.fileName}" is not a photo or video: its contents are not in any image or video format${sniffed ? ` (they look like ${sniffed.mime})` : ""}`,
            file.fileName,
          );
        }
        const library = libraries.resolve(fields.library_id || queryLibraryId);

        const existing = assets.findByChecksum(library.id, file.sha256);
        if (existing) {
          await cleanup();
          return { status: 200, asset: toAssetResponse(existing, ALL_INCLUDES, signer) };
        }

        const meta = await extractMetadata(file.tmpPath, mimeType);
        const id = newId("asset");
        const now = clock().toISOString();
        const relPath = storage.originalRelPath(id, file.fileName);
        const base = {
          id,
          library_id: library.id,
          original_file_name: file.fileName,
          mime_type: mimeType,
          storage_path: relPath,
          file_size_bytes: file.size,
          checksum: file.sha256,
          checksum_sha1: file.sha1,
          device_asset_id: fields.device_asset_id,
          device_id: fields.device_id,
          file_created_at: fields.file_created_at,
          file_modified_at: fields.file_modified_at,
          created_at: now,
          updated_at: now,
          meta_updated_at: now,
          trashed_at: null,
          current_version_id: newId("asset_version"),
          width: meta.width,
          height: meta.height,
          duration: null,
          thumbhash: null,
          ai_description: null,
          processing_state: "pending" as const,
          processing_error: null,
          variants_json: null,
          ...embeddedColumns(meta),
          ovr_datetime: null,
          ovr_offset: null,
          ovr_latitude: null,
          ovr_longitude: null,
          ovr_description: null,
          ovr_rating: null,
          city: null,
          state: null,
          country: null,
          country_code: null,
          sublocation: null,
          place_name: null,
          timezone: null,
          display_label: null,
        };
        const row: AssetRow = { ...base, ...computeEffective(base) };

        const finalPath = storage.abs(relPath);
        await mkdir(dirname(finalPath), { recursive: true });
        try {
          await rename(file.tmpPath, finalPath);
        } catch (err) {
          throw new HttpError(502, `Could not store the file: ${(err as Error).message}`, { "Retry-After": "1" });
        }
        // The file is in place before the row commits, and the row and its jobs
        // commit together: a crash leaves either a whole asset or none (at
        // worst an unreferenced file, never a row without its file).
        let duplicateOf: AssetRow | null = null;
        try {
          db.transaction(() => {
            duplicateOf = assets.findByChecksum(library.id, file.sha256);
            if (duplicateOf) return;
            assets.insert(row);
            jobs.enqueue("variants", id);
            if (row.eff_latitude !== null) jobs.enqueue("geocode", id);
          })();
        } catch (err) {
          await rm(finalPath, { force: true });
          throw err;
        }
        if (duplicateOf) {
          await rm(finalPath, { force: true });
          return { status: 200, asset: toAssetResponse(duplicateOf, ALL_INCLUDES, signer) };
        }
        return { status: 201, asset: toAssetResponse(row, ALL_INCLUDES, signer) };
      } finally {
        await cleanup();
      }
    },
  };
}
export type UploadService = ReturnType<typeof createUploadService>;
