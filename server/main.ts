import { join, resolve } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { loadConfig, loadSecret } from "./config";
import { openDatabase } from "./db/database";
import { createStorage } from "./storage";

const config = loadConfig();
const storage = createStorage(config.dataDir);
const swept = storage.sweepTmp();
const db = openDatabase(join(config.dataDir, "gumleaf.db"));
const quiet = config.logLevel === "warn" || config.logLevel === "error";

const { app, jobs, services } = createApp({
  db,
  storage,
  secret: loadSecret(config.dataDir),
  jobConcurrency: config.jobConcurrency,
  trashRetentionDays: config.trashRetentionDays,
  staticDir: resolve("dist"),
  log: (level, msg) => {
    if (level === "info" && quiet) return;
    console[level === "info" ? "log" : level](msg);
  },
});
if (swept > 0) console.warn(`Removed ${swept} unfinished upload(s) left by an earlier run`);
jobs.start();

// Trashed assets past the retention window are purged at start-up and hourly.
async function purge() {
  const purged = await services.trash.purgeExpired();
  if (purged > 0) console.log(`Purged ${purged} asset(s) trashed more than ${config.trashRetentionDays} days ago`);
}
void purge();
const purgeTimer = setInterval(() => void purge(), 3_600_000);
purgeTimer.unref();

const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
  console.log(`Gumleaf is running at http://${config.host}:${info.port}/  (data: ${config.dataDir})`);
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: finishing background work and closing`);
  server.close();
  await jobs.stop();
  db.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
