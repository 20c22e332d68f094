import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { assetPageSchema, assetSchema } from "../../src/api/schemas";
import { type AppDeps, createApp } from "../app";
import { loadSecret, type UpstreamConfig } from "../config";
import { type Db, openDatabase } from "../db/database";
import { createStorage } from "../storage";
import { createForwardingApp, type ForwardingAppDeps } from "../upstream/forwarding-app";

export const FIXTURES = join(import.meta.dirname, "../../e2e/fixtures/photos");

export interface TestServer {
  base: string;
  dataDir: string;
  db: Db;
  jobs: ReturnType<typeof createApp>["jobs"];
  services: ReturnType<typeof createApp>["services"];
  close(): Promise<void>;
  url(path: string): string;
}

/** Security settings a test may turn on (all off or at their defaults otherwise). */
export type SecurityTestOptions = Pick<
  AppDeps,
  "apiKey" | "rateLimit" | "maxJsonBytes" | "maxConcurrentUploads" | "staticDir" | "log" | "csp"
>;

async function listen(fetchFn: (req: Request) => Response | Promise<Response>) {
  const server = serve({ fetch: fetchFn, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return { server, base: `http://127.0.0.1:${port}` };
}

/** The real server on an ephemeral port, over a temporary data folder (kept when `dataDir` is given). */
export async function startServer(
  opts: {
    dataDir?: string;
    jobConcurrency?: number;
    clock?: () => Date;
    trashRetentionDays?: number;
  } & SecurityTestOptions = {},
) {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "gumleaf-test-"));
  const storage = createStorage(dataDir);
  storage.sweepTmp();
  const db = openDatabase(join(dataDir, "gumleaf.db"));
  const { app, jobs, services } = createApp({
    db,
    storage,
    secret: loadSecret(dataDir),
    jobConcurrency: opts.jobConcurrency ?? 2,
    clock: opts.clock,
    trashRetentionDays: opts.trashRetentionDays,
    apiKey: opts.apiKey,
    rateLimit: opts.rateLimit,
    maxJsonBytes: opts.maxJsonBytes,
    maxConcurrentUploads: opts.maxConcurrentUploads,
    staticDir: opts.staticDir,
    csp: opts.csp,
    log: opts.log ?? (() => {}),
  });
  jobs.start();
  const { server, base } = await listen(app.fetch);
  const ts: TestServer = {
    base,
    dataDir,
    db,
    jobs,
    services,
    url: (path) => base + path,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await jobs.stop();
      db.close();
    },
  };
  return ts;
}

export interface ForwardingTestServer {
  base: string;
  dataDir: string;
  url(path: string): string;
  close(): Promise<void>;
}

/** A server in forwarding mode (GUMNUT_BASE_URL set): every /api request goes to `upstream`. */
export async function startForwardingServer(
  upstream: UpstreamConfig,
  opts: SecurityTestOptions & Pick<ForwardingAppDeps, "fetch"> = {},
): Promise<ForwardingTestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "gumleaf-front-"));
  const { app } = createForwardingApp({
    ...opts,
    upstream,
    secret: loadSecret(dataDir),
    log: opts.log ?? (() => {}),
  });
  const { server, base } = await listen(app.fetch);
  return {
    base,
    dataDir,
    url: (path) => base + path,
    async close() {
      (server as Server).closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface UploadFields {
  device_asset_id?: string;
  device_id?: string;
  file_created_at?: string;
  file_modified_at?: string;
}

/** Uploads a fixture (or given bytes) as the browser does: multipart with a filename. */
/** Any server the helpers below can talk to (a local one, or one in forwarding mode). */
export type Reachable = Pick<TestServer, "url">;

export async function upload(
  ts: Reachable,
  fileName: string,
  opts: { bytes?: Uint8Array; as?: string; fields?: UploadFields } = {},
): Promise<Response> {
  const bytes = opts.bytes ?? readFileSync(join(FIXTURES, fileName));
  const form = new FormData();
  const fields: UploadFields = {
    device_asset_id: `dev-${fileName}`,
    device_id: "test-device",
    file_created_at: "2020-05-06T07:08:09Z",
    file_modified_at: "2020-05-06T07:08:09Z",
    ...opts.fields,
  };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.set(k, v);
  form.set("asset_data", new Blob([new Uint8Array(bytes)]), opts.as ?? fileName);
  return fetch(ts.url("/api/assets"), { method: "POST", body: form });
}

export async function uploadOk(ts: Reachable, fileName: string, opts: Parameters<typeof upload>[2] = {}) {
  const res = await upload(ts, fileName, opts);
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`upload ${fileName}: ${res.status} ${await res.text()}`);
  return assetSchema.parse(await res.json());
}

export async function getJson(ts: Reachable, path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(ts.url(path));
  return { status: res.status, body: await res.json() };
}

export async function listAll(ts: Reachable, query: string) {
  const res = await fetch(ts.url(`/api/assets?${query}`));
  if (res.status !== 200) throw new Error(`list: ${res.status} ${await res.text()}`);
  return assetPageSchema.parse(await res.json());
}

export async function patch(ts: Reachable, id: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(ts.url(`/api/assets/${id}`), {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

export async function postJson(ts: Reachable, path: string, body?: unknown, method = "POST") {
  const res = await fetch(ts.url(path), {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}
