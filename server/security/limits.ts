import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { rateLimiter } from "hono-rate-limiter";

/** The socket's peer address, or "unknown" when the app runs outside @hono/node-server. */
export function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

const formatBytes = (n: number) =>
  n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${+(n / 1024).toFixed(1)} kB` : `${n} bytes`;

/**
 * JSON bodies (every /api body except the multipart upload, which streams to
 * disk) above `maxBytes` → 413. A body with Content-Length is refused before it
 * is read; a chunked one as soon as it passes the limit.
 */
export function jsonBodyLimit(maxBytes: number, isExempt: (c: Context) => boolean): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    // The rest of the body is never read, so the connection cannot carry another request.
    onError: (c) =>
      c.json({ detail: `The request body is larger than ${formatBytes(maxBytes)}; send less at once` }, 413, {
        Connection: "close",
      }),
  });
  // GET and HEAD carry no body to parse. Asking hono whether they have one builds the full
  // web Request for every thumbnail (profiled: the largest per-request cost after the file read).
  return (c, next) => (c.req.method === "GET" || c.req.method === "HEAD" || isExempt(c) ? next() : limit(c, next));
}

/**
 * At most `max` uploads in flight at once, so one client cannot tie up the
 * disk; one more gets 429 with Retry-After (the SDK and the app's queue retry).
 */
export function uploadConcurrency(max: number, isUpload: (c: Context) => boolean): MiddlewareHandler {
  let inFlight = 0;
  return async (c, next) => {
    if (!isUpload(c)) return next();
    if (inFlight >= max) {
      return c.json({ detail: `${max} uploads are already in progress; try again in a moment` }, 429, {
        "Retry-After": "1",
        // Do not read a whole refused upload just to keep the connection open.
        Connection: "close",
      });
    }
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  };
}

/** Requests per client address per window; over it → 429 with Retry-After. */
export function requestRateLimit(
  opts: { max: number; windowMs: number },
  skip: (c: Context) => boolean,
): MiddlewareHandler {
  return rateLimiter({
    windowMs: opts.windowMs,
    limit: opts.max,
    standardHeaders: "draft-6",
    keyGenerator: (c) => peerAddress(c) ?? "unknown",
    skip,
    handler: (c) => {
      const retry = c.res.headers.get("Retry-After") ?? String(Math.ceil(opts.windowMs / 1000));
      return c.json({ detail: `Too many requests from this address; try again in ${retry} s` }, 429, {
        "Retry-After": retry,
      });
    },
  });
}

/**
 * Wrong or missing API keys per client address: 20 a minute, then 429 until
 * the minute is over, so a short key cannot be guessed at request speed.
 */
export function failedAuthLimit(failed: (c: Context) => boolean): MiddlewareHandler {
  return rateLimiter({
    windowMs: 60_000,
    limit: 20,
    standardHeaders: false,
    keyGenerator: (c) => `auth:${peerAddress(c) ?? "unknown"}`,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (c) => !failed(c),
    handler: (c) =>
      c.json({ detail: "Too many attempts with a wrong API key; wait a minute and try again" }, 429, {
        "Retry-After": "60",
      }),
  });
}
