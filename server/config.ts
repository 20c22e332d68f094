import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { isLoopbackHostname } from "./security/loopback";

/** Where `/api/*` goes when GUMNUT_BASE_URL is set: a hosted Gumnut library. */
export interface UpstreamConfig {
  /** Origin (and optional path prefix) of the Gumnut API, without a trailing slash. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`; never logged, never sent to the browser. */
  apiKey: string;
  /** How long to wait for the upstream's response headers before answering 504. */
  timeoutMs: number;
}

export interface LimitsConfig {
  /** JSON (non-upload) request bodies larger than this get 413. */
  maxJsonBytes: number;
  /** Uploads in flight at once; one more gets 429. */
  maxConcurrentUploads: number;
  /** Requests per client address per window on /api (media exempt); `max: 0` turns it off. */
  rateLimit: { max: number; windowMs: number };
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  jobConcurrency: number;
  logLevel: "debug" | "info" | "warn" | "error";
  trashRetentionDays: number;
  /** GUMLEAF_API_KEY: when set, /api needs `Authorization: Bearer <key>` or the app's session. */
  apiKey: string | null;
  /** Set when GUMNUT_BASE_URL is: the server forwards /api to that Gumnut API. */
  upstream: UpstreamConfig | null;
  limits: LimitsConfig;
  /** Extra CSP sources for an online map style (MAP_STYLE_ORIGIN), e.g. `https://tiles.example.org`. */
  mapStyleOrigins: string[];
}

export const MIN_API_KEY_LENGTH = 16;

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  const value = raw === undefined || raw.trim() === "" ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number${min > 0 ? ` of at least ${min}` : ""}, got ${raw}`);
  }
  return value;
}

const nonEmpty = (value: string | undefined) => (value === undefined || value.trim() === "" ? null : value.trim());

function upstreamFrom(env: NodeJS.ProcessEnv): UpstreamConfig | null {
  const base = nonEmpty(env.GUMNUT_BASE_URL);
  if (!base) return null;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new Error(`GUMNUT_BASE_URL must be a URL such as https://api.gumnut.ai, got ${base}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`GUMNUT_BASE_URL must start with https:// (or http://), got ${base}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error("GUMNUT_BASE_URL must be a plain URL: put the key in GUMNUT_API_KEY, not in the URL");
  }
  const apiKey = nonEmpty(env.GUMNUT_API_KEY);
  if (!apiKey) {
    throw new Error(
      "GUMNUT_BASE_URL is set but GUMNUT_API_KEY is not: add the API key of your Gumnut account to .env (see .env.example)",
    );
  }
  return {
    baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, "")}`,
    apiKey,
    timeoutMs: wholeNumber(env, "UPSTREAM_TIMEOUT_MS", 60_000, 1),
  };
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

  const host = nonEmpty(env.HOST) ?? "127.0.0.1";
  const apiKey = nonEmpty(env.GUMLEAF_API_KEY);
  if (apiKey !== null && apiKey.length < MIN_API_KEY_LENGTH) {
    throw new Error(
      `GUMLEAF_API_KEY is too short (${apiKey.length} characters; at least ${MIN_API_KEY_LENGTH}). ` +
        "Make one with: openssl rand -base64 32",
    );
  }
  if (!isLoopbackHostname(host) && apiKey === null) {
    throw new Error(
      `HOST=${host} would let other machines reach your library, so it needs an API key: ` +
        "set GUMLEAF_API_KEY (make one with: openssl rand -base64 32), or leave HOST unset to listen on 127.0.0.1 only",
    );
  }

  return {
    port,
    host,
    dataDir: resolve(env.DATA_DIR ?? "data"),
    jobConcurrency,
    logLevel,
    trashRetentionDays,
    apiKey,
    upstream: upstreamFrom(env),
    limits: {
      maxJsonBytes: wholeNumber(env, "MAX_JSON_BYTES", 1024 * 1024, 1),
      maxConcurrentUploads: wholeNumber(env, "MAX_CONCURRENT_UPLOADS", 8, 1),
      rateLimit: {
        max: wholeNumber(env, "RATE_LIMIT_MAX", 3000),
        windowMs: wholeNumber(env, "RATE_LIMIT_WINDOW_MS", 10_000, 1),
      },
    },
    mapStyleOrigins: mapStyleOrigins(env.MAP_STYLE_ORIGIN),
  };
}

/** MAP_STYLE_ORIGIN: origins (or `https:`) added to the CSP; anything else could smuggle in a directive. */
function mapStyleOrigins(raw: string | undefined): string[] {
  const items = (raw ?? "").split(/[\s,]+/).filter((s) => s !== "");
  for (const item of items) {
    if (item !== "https:" && !/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i.test(item)) {
      throw new Error(`MAP_STYLE_ORIGIN must list origins such as https://tiles.example.org (or https:), got ${item}`);
    }
  }
  return items;
}

/**
 * Reads `.env` from the working folder into `process.env`, if there is one.
 * Variables already set in the environment win over the file.
 */
export function loadDotEnv(path = ".env"): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}

/** The key that signs media URLs, made once per data folder. */
export function loadSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "secret.key");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}
