import { join, resolve } from "node:path";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { createApp } from "./app";
import { type Config, loadConfig, loadDotEnv, loadSecret } from "./config";
import { openDatabase } from "./db/database";
import { createStorage } from "./storage";
import { createForwardingApp } from "./upstream/forwarding-app";

let config: Config;
try {
  loadDotEnv();
  config = loadConfig();
} catch (err) {
  console.error(`Gumleaf cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const quiet = config.logLevel === "warn" || config.logLevel === "error";
const log = (level: "info" | "warn" | "error", msg: string) => {
  if (level === "info" && quiet) return;
  console[level === "info" ? "log" : level](msg);
};
const security = {
  apiKey: config.apiKey,
  host: config.host,
  maxJsonBytes: config.limits.maxJsonBytes,
  maxConcurrentUploads: config.limits.maxConcurrentUploads,
  rateLimit: config.limits.rateLimit,
  csp: { mapStyleOrigins: config.mapStyleOrigins },
};
const staticDir = resolve("dist");
const secret = loadSecret(config.dataDir);

/** Closes what the chosen mode opened; called once on SIGINT/SIGTERM. */
let stopMode: () => Promise<void>;
let app: Hono;
let where: string;

if (config.upstream) {
  // A hosted Gumnut library: nothing local is opened but the secret that signs sessions.
  ({ app } = createForwardingApp({ ...security, secret, upstream: config.upstream, staticDir, log }));
  stopMode = async () => {};
  where = `library: the Gumnut API at ${config.upstream.baseUrl}`;
} else {
  const storage = createStorage(config.dataDir);
  const swept = storage.sweepTmp();
  const db = openDatabase(join(config.dataDir, "gumleaf.db"));
  const local = createApp({
    ...security,
    db,
    storage,
    secret,
    jobConcurrency: config.jobConcurrency,
    trashRetentionDays: config.trashRetentionDays,
    staticDir,
    log,
  });
  app = local.app;
  if (swept > 0) console.warn(`Removed ${swept} unfinished upload(s) left by an earlier run`);
  local.jobs.start();

  // Trashed assets past the retention window are purged at start-up and hourly.
  const purge = async () => {
    const purged = await local.services.trash.purgeExpired();
    if (purged > 0) console.log(`Purged ${purged} asset(s) trashed more than ${config.trashRetentionDays} days ago`);
  };
  void purge();
  const purgeTimer = setInterval(() => void purge(), 3_600_000);
  purgeTimer.unref();
  stopMode = async () => {
    await local.jobs.stop();
    db.close();
  };
  where = `data: ${config.dataDir}`;
}

const server = serve(
  {
    fetch: app.fetch,
    hostname: config.host,
    port: config.port,
    // Node ends a request whose body takes over 5 minutes by default, which cuts
    // off a large video on a slow link; an hour still ends a stalled client.
    serverOptions: { requestTimeout: 3_600_000 },
  },
  (info) => {
    const shown = config.host.includes(":") ? `[${config.host}]` : config.host;
    console.log(`Gumleaf is running at http://${shown}:${info.port}/  (${where})`);
    if (config.apiKey)
      console.log("The API needs GUMLEAF_API_KEY (browsers on this computer are signed in by the app)");
  },
);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: finishing background work and closing`);
  server.close();
  await stopMode();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
