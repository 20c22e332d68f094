import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { type Context, Hono, type Next } from "hono";
import rangeParser from "range-parser";
import { HttpError, notFound } from "../lib/errors";
import type { AssetRepository } from "../repositories/asset-repository";
import { storedVariants } from "../services/asset-view";
import type { UrlSigner } from "../services/url-signer";
import type { Storage } from "../storage";

const SIZES = ["thumbnail", "small", "preview", "fullsize"] as const;
type Size = (typeof SIZES)[number];

function fileResponse(
  path: string,
  size: number,
  headers: Record<string, string>,
  range?: { start: number; end: number },
) {
  const stream = createReadStream(path, range ? { start: range.start, end: range.end } : undefined);
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    status: range ? 206 : 200,
    headers: {
      ...headers,
      "Accept-Ranges": "bytes",
      "Content-Length": String(range ? range.end - range.start + 1 : size),
      ...(range ? { "Content-Range": `bytes ${range.start}-${range.end}/${size}` } : {}),
    },
  });
}

function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The targets of `asset_urls` (§3.11): signed, expiring URLs that <img> and
 * <video> can load. A variant not made yet answers 404 and serves later from
 * the same URL.
 */
export function mediaRoutes(assets: AssetRepository, storage: Storage, signer: UrlSigner) {
  const app = new Hono();

  const signed = async (c: Context, next: Next) => {
    const url = new URL(c.req.url);
    const verdict = signer.verify(url.pathname, url.searchParams);
    if (verdict !== "ok") {
      throw new HttpError(
        403,
        verdict === "expired"
          ? "This media link has expired; reload the asset for a fresh one"
          : "Invalid or missing media signature",
      );
    }
    await next();
  };
  app.use("/:id/thumbnail", signed);
  app.use("/:id/download", signed);

  app.get("/:id/thumbnail", async (c) => {
    const size = (c.req.query("size") ?? "thumbnail") as Size;
    if (!SIZES.includes(size)) throw new HttpError(404, `Unknown size ${size}`);
    const row = assets.findById(c.req.param("id"));
    if (!row) throw notFound("Asset");
    const variant = storedVariants(row)[size];
    if (!variant) {
      const why =
        row.processing_state === "failed"
          ? `this file could not be processed: ${row.processing_error}`
          : "not generated yet; try again shortly";
      return c.json({ detail: `The ${size} of this asset is ${why}` }, 404, { "Cache-Control": "no-store" });
    }
    const path = storage.abs(variant.path);
    const headers = { "Content-Type": variant.mimetype, "Cache-Control": "private, max-age=86400, immutable" };
    if (size !== "fullsize") {
      // Renditions up to 1440 px are a few hundred kB at most: read whole and sent in one write.
      // A grid asks for dozens at once, and streaming each cost more server time than reading it
      // (profiled: stat, web stream adapters and a write per chunk), on the same cores as the browser.
      const body = await readFile(path).catch(() => null);
      if (!body) throw notFound("Variant file");
      return new Response(body, {
        headers: { ...headers, "Content-Length": String(body.byteLength) },
      });
    }
    const info = await stat(path).catch(() => null);
    if (!info) throw notFound("Variant file");
    return fileResponse(path, info.size, headers);
  });

  app.get("/:id/download", async (c) => {
    const row = assets.findById(c.req.param("id"));
    if (!row) throw notFound("Asset");
    const path = storage.abs(row.storage_path);
    const info = await stat(path).catch(() => null);
    if (!info) throw notFound("Original file");
    const dl = c.req.query("dl");
    const headers = {
      "Content-Type": row.mime_type,
      "Content-Disposition": contentDisposition(dl ? "attachment" : "inline", dl || row.original_file_name),
      "Cache-Control": "private, max-age=86400",
    };
    const rangeHeader = c.req.header("range");
    if (rangeHeader) {
      const ranges = rangeParser(info.size, rangeHeader, { combine: true });
      if (ranges === -1) {
        return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${info.size}` } });
      }
      if (ranges !== -2 && ranges.length === 1) return fileResponse(path, info.size, headers, ranges[0]);
    }
    return fileResponse(path, info.size, headers);
  });

  return app;
}
