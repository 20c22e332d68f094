import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Db } from "./db/database";
import { registerAssetJobs } from "./jobs/asset-jobs";
import { createJobQueue } from "./jobs/job-queue";
import { HttpError, ValidationError } from "./lib/errors";
import { createAssetRepository } from "./repositories/asset-repository";
import { createLibraryRepository } from "./repositories/library-repository";
import { assetRoutes } from "./routes/assets";
import { mediaRoutes } from "./routes/media";
import { userRoutes } from "./routes/users";
import { mountAppShell } from "./security/app-shell";
import { applySecurity, type SecurityOptions } from "./security/security";
import { createAssetService } from "./services/asset-service";
import { createLibraryService } from "./services/library-service";
import { createTrashService } from "./services/trash-service";
import { createUploadService } from "./services/upload-service";
import { createUrlSigner } from "./services/url-signer";
import type { Storage } from "./storage";
import { connectionRoute } from "./upstream/connection-route";

export interface AppDeps extends Partial<Omit<SecurityOptions, "mode" | "secret" | "clock">> {
  db: Db;
  storage: Storage;
  secret: string;
  clock?: () => Date;
  jobConcurrency?: number;
  /** Days a trashed asset is kept before it is purged (TRASH_RETENTION_DAYS). */
  trashRetentionDays?: number;
  /** Folder of the built single-page app; served when it exists. */
  staticDir?: string;
  log?: (level: "info" | "warn" | "error", msg: string) => void;
}

/** Builds the whole server (API + app). Never listens: main.ts and the tests do that. */
export function createApp(deps: AppDeps) {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? ((level, msg) => console[level === "info" ? "log" : level](msg));
  const { db, storage } = deps;

  const assets = createAssetRepository(db);
  const libraries = createLibraryService(createLibraryRepository(db), clock);
  libraries.ensureDefault();
  const signer = createUrlSigner(deps.secret, () => clock().getTime());
  const jobs = createJobQueue(db, {
    concurrency: deps.jobConcurrency ?? 2,
    clock,
    log: (msg) => log("warn", msg),
  });
  registerAssetJobs({ db, assets, storage, jobs, clock });
  const assetService = createAssetService({ db, assets, libraries, jobs, signer, clock });
  const uploads = createUploadService({ db, assets, libraries, jobs, storage, signer, clock });
  const trashRetentionDays = deps.trashRetentionDays ?? 90;
  const trash = createTrashService({ db, libraries, storage, clock, retentionDays: trashRetentionDays });

  const app = new Hono();
  const { shellGate } = applySecurity(app, { ...deps, mode: "local", clock });

  app.onError((err, c) => {
    if (err instanceof ValidationError) return c.json({ detail: err.issues }, 422);
    if (err instanceof HttpError)
      return c.json({ detail: err.message }, err.status as ContentfulStatusCode, err.headers);
    log("error", `${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return c.json({ detail: "Internal server error; the server log has the details" }, 500);
  });

  app.get("/api/server/ping", (c) => c.text("pong"));
  app.route("/api/assets", mediaRoutes(assets, storage, signer));
  app.route("/api/assets", assetRoutes(assetService, uploads, trash));
  app.route(
    "/api/users",
    userRoutes(db, () => libraries.ensureDefault()),
  );
  app.route("/api/gumleaf", connectionRoute({ mode: "local", trash_retention_days: trashRetentionDays }));
  app.all("/api/*", (c) => c.json({ detail: `No API route for ${c.req.method} ${c.req.path}` }, 404));

  // Deep links (/asset/…, ?at=…) are the app's own routes: answered with the shell.
  mountAppShell(app, deps.staticDir, shellGate);

  return { app, jobs, services: { assets: assetService, uploads, trash }, repositories: { assets } };
}

export type GumleafApp = ReturnType<typeof createApp>;
