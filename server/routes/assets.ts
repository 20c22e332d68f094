import type { Context } from "hono";
import { Hono } from "hono";
import { bulkUpdateSchema, existBodySchema, idsBodySchema, updateAssetSchema } from "../../src/api/schemas";
import { invalid } from "../lib/errors";
import { parseOrThrow } from "../lib/validation";
import type { AssetService } from "../services/asset-service";
import type { TrashService } from "../services/trash-service";
import type { UploadService } from "../services/upload-service";

async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") throw invalid(["body"], "Field required");
  try {
    return JSON.parse(text);
  } catch {
    throw invalid(["body"], "JSON decode error: the body is not valid JSON");
  }
}

const searchParams = (c: Context) => new URL(c.req.url).searchParams;

/** /api/assets: upload, list, counts, exist, get, PATCH, bulk-update, trash lifecycle, delete. */
export function assetRoutes(service: AssetService, uploads: UploadService, trash: TrashService) {
  const app = new Hono();

  app.post("/", async (c) => {
    const { status, asset } = await uploads.upload(
      c.req.raw.body,
      c.req.header("content-type"),
      c.req.query("library_id") ?? null,
    );
    return c.json(asset, status);
  });

  app.get("/", (c) => c.json(service.list(searchParams(c))));

  app.get("/counts", (c) => c.json(service.counts(searchParams(c))));

  app.post("/bulk-update", async (c) => {
    const body = parseOrThrow(bulkUpdateSchema, await jsonBody(c), "body");
    service.bulkUpdate(body.updates);
    return c.json({});
  });

  app.post("/exist", async (c) => {
    const body = parseOrThrow(existBodySchema, await jsonBody(c), "body");
    return c.json(service.exist(c.req.query("library_id") ?? null, body));
  });

  const libraryId = (c: Context) => c.req.query("library_id") ?? null;

  app.post("/trash", async (c) => {
    trash.trash(libraryId(c), parseOrThrow(idsBodySchema, await jsonBody(c), "body").ids);
    return c.json({});
  });

  app.post("/restore", async (c) => {
    trash.restore(libraryId(c), parseOrThrow(idsBodySchema, await jsonBody(c), "body").ids);
    return c.json({});
  });

  app.post("/empty-trash", async (c) => {
    await trash.emptyTrash(libraryId(c));
    return c.json({});
  });

  app.delete("/", async (c) => {
    await trash.deleteMany(libraryId(c), parseOrThrow(idsBodySchema, await jsonBody(c), "body").ids);
    return c.json({});
  });

  app.delete("/:id", async (c) => {
    await trash.deleteOne(c.req.param("id"));
    return c.json({});
  });

  app.get("/:id", (c) => c.json(service.get(c.req.param("id"), searchParams(c))));

  app.patch("/:id", async (c) => {
    const body = parseOrThrow(updateAssetSchema, await jsonBody(c), "body");
    return c.json(service.update(c.req.param("id"), body));
  });

  return app;
}
