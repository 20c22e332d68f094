import type { Context, Hono, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { apiAuth, mayAutoSignIn, mountSignIn, SIGN_IN_PATH, setSessionCookie, signInPage } from "./auth";
import { type CspOptions, securityHeaders } from "./headers";
import { failedAuthLimit, jsonBodyLimit, requestRateLimit, uploadConcurrency } from "./limits";
import { hostnameOf, isLoopbackHostname } from "./loopback";
import { createSessions } from "./session";

export interface SecurityOptions {
  /** "local": signed media URLs are checked by this server; "forwarding": they are the upstream's business. */
  mode: "local" | "forwarding";
  /** GUMLEAF_API_KEY, or null/undefined for an API open to this computer only. */
  apiKey?: string | null;
  /** The data folder's secret; session cookies are signed with a key derived from it. */
  secret: string;
  /** The HOST setting, accepted in `Host` headers besides the loopback names. */
  host?: string;
  clock?: () => Date;
  maxJsonBytes?: number;
  maxConcurrentUploads?: number;
  /** Off unless given (main.ts passes the configured default): tests and benchmarks send many requests. */
  rateLimit?: { max: number; windowMs: number } | null;
  csp?: CspOptions;
}

const MEDIA_PATH = /^\/api\/assets\/[^/]+\/(thumbnail|download)$/;
const isMedia = (c: Context) => (c.req.method === "GET" || c.req.method === "HEAD") && MEDIA_PATH.test(c.req.path);
const isUpload = (c: Context) =>
  c.req.method === "POST" && (c.req.path === "/api/assets" || c.req.path === "/api/assets/");
const isMultipart = (c: Context) => (c.req.header("content-type") ?? "").toLowerCase().startsWith("multipart/");

/**
 * Puts the security layer in front of everything `app` will serve; call it
 * before any route. Returns the middleware that guards the app shell (the
 * session cookie or the sign-in page), for `mountAppShell`.
 */
export function applySecurity(app: Hono, opts: SecurityOptions): { shellGate: MiddlewareHandler | null } {
  const apiKey = opts.apiKey ?? null;
  const now = () => (opts.clock ?? (() => new Date()))().getTime();
  const sessions = apiKey === null ? null : createSessions(opts.secret, apiKey, now);

  app.use("*", securityHeaders(opts.csp));

  if (apiKey === null) {
    // Without a key the server only listens on loopback. A web page that
    // rebinds its own DNS name to 127.0.0.1 would still reach it, with its own
    // name in Host: only loopback names (and the HOST setting) are answered.
    const allowed = (name: string) => isLoopbackHostname(name) || (opts.host !== undefined && name === opts.host);
    app.use("*", async (c, next) => {
      const host = c.req.header("host");
      if (host !== undefined && !allowed(hostnameOf(host))) {
        return c.json(
          {
            detail: `This Gumleaf server answers only to 127.0.0.1 or localhost, not ${hostnameOf(host)}; set GUMLEAF_API_KEY to serve other names`,
          },
          403,
        );
      }
      await next();
    });
  }

  if (opts.rateLimit && opts.rateLimit.max > 0) {
    // Media is exempt: a grid loads hundreds of thumbnails, each one a signed, cached file read.
    app.use("/api/*", requestRateLimit(opts.rateLimit, isMedia));
  }

  const failures = new WeakSet<Context>();
  const onFailure = (c: Context) => failures.add(c);
  if (apiKey !== null) {
    app.use(
      "/api/*",
      failedAuthLimit((c) => failures.has(c)),
    );
  }

  app.use(
    "/api/*",
    apiAuth({
      apiKey,
      sessions,
      onFailure,
      isExempt: (c) =>
        ((c.req.method === "GET" || c.req.method === "HEAD") && c.req.path === "/api/server/ping") ||
        (c.req.method === "POST" && c.req.path === SIGN_IN_PATH) ||
        // Signed media URLs are their own credential, checked by the media routes. When
        // forwarding, the upstream's URLs cannot be checked here, so they need the session.
        (opts.mode === "local" && isMedia(c)),
    }),
  );

  app.use("/api/*", uploadConcurrency(opts.maxConcurrentUploads ?? 8, isUpload));
  app.use(
    "/api/*",
    jsonBodyLimit(
      opts.maxJsonBytes ?? 1024 * 1024,
      // The upload streams to disk (its fields are capped by the multipart parser);
      // when forwarding, multipart bodies (upload, image search) stream through untouched.
      (c) => isUpload(c) || (opts.mode === "forwarding" && isMultipart(c)),
    ),
  );

  if (apiKey === null || sessions === null) return { shellGate: null };

  mountSignIn(app, apiKey, sessions, onFailure);

  const shellGate: MiddlewareHandler = async (c, next) => {
    const signedIn = sessions.verify(getCookie(c, sessions.cookieName));
    const allowed = signedIn || mayAutoSignIn(c);
    await next();
    if (!c.res.headers.get("content-type")?.startsWith("text/html") || c.res.status !== 200) return;
    // This response is the app shell (index.html, also the answer to deep links).
    if (!allowed) {
      await c.res.body?.cancel();
      // Replace, not merge: the shell's Content-Length and Last-Modified must not carry over.
      c.res = undefined;
      c.res = signInPage(c.req.path + new URL(c.req.url).search);
      return;
    }
    setSessionCookie(c, sessions);
  };
  return { shellGate };
}
