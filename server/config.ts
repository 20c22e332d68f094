import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  jobConcurrency: number;
  logLevel: "debug" | "info" | "warn" | "error";
  trashRetentionDays: number;
}

/** Settings from the environment; each has a default that works on a fresh clone. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 5173);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const jobConcurrency = Number(env.JOB_CONCURRENCY ?? 2);
  if (!Number.isInteger(jobConcurrency) || jobConcurrency < 0) {
    throw new Error(`JOB_CONCURRENCY must be a whole number, got ${env.JOB_CONCURRENCY}`);
  }
  const logLevel = (env.LOG_LEVEL ?? "info") as Config["logLevel"];
  const trashRetentionDays = Number(env.TRASH_RETENTION_DAYS ?? 90);
  if (!Number.isFinite(trashRetentionDays) || trashRetentionDays < 0) {
    throw new Error(`TRASH_RETENTION_DAYS must be a number of days, got ${env.TRASH_RETENTION_DAYS}`);
  }
  return {
    port,
    host: env.HOST ?? "127.0.0.1",
    dataDir: resolve(env.DATA_DIR ?? "data"),
    jobConcurrency,
    logLevel,
    trashRetentionDays,
  };
}

/** The key that signs media URLs, made once per data folder. */
export function loadSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "secret.key");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}
