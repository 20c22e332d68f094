import { createHash } from "node:crypto";
import type { Context, Hono, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { peerAddress } from "./limits";
import { hostnameOf, isLoopbackAddress, isLoopbackHostname } from "./loopback";
import { constantTimeEqual, SESSION_TTL_S, type Sessions } from "./session";

export const MISSING_KEY_DETAIL = "Missing or invalid API key: send Authorization: Bearer <GUMLEAF_API_KEY>";
export const CROSS_ORIGIN_DETAIL =
  "Cross-origin request refused: this Gumleaf server only accepts changes from its own pages";
export const SIGN_IN_PATH = "/api/gumleaf/session";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * True for a browser request made by another origin's page. Browsers send
 * `Origin` on every cross-origin request and on same-origin POST/PATCH/DELETE;
 * SDKs and curl send none, so a missing Origin is not refused. `Origin: null`
 * (sandboxed frames, some redirects) is refused.
 */
export function isCrossOrigin(c: Context): boolean {
  const site = c.req.header("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") return true;
  const origin = c.req.header("origin");
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== (c.req.header("host") ?? "");
  } catch {
    return true;
  }
}

function bearerToken(c: Context): string | null | undefined {
  const header = c.req.header("authorization");
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match ? match[1].trim() : null;
}

export interface AuthOptions {
  /** GUMLEAF_API_KEY; null means the API is open to this computer (the server then only listens on loopback). */
  apiKey: string | null;
  sessions: Sessions | null;
  /** Requests that carry their own credential or need none (ping, signed media URLs, the sign-in form). */
  isExempt: (c: Context) => boolean;
  /**
   * Called for each request refused for a wrong key (feeds the failed-attempt
   * limit). A missing credential or a stale session is not a guess and does not
   * count, so an app with an old cookie is not locked out once it reloads.
   */
  onFailure?: (c: Context) => void;
}

/**
 * /api/* access. With a key: `Authorization: Bearer <key>` (compared in
 * constant time) or the app's session cookie. Either way, a change (POST,
 * PATCH, DELETE) that a browser sends from another origin is refused, so no
 * other web page can act on the library through the user's browser.
 */
export function apiAuth(opts: AuthOptions): MiddlewareHandler {
  const refuseCrossOrigin = (c: Context) => c.json({ detail: CROSS_ORIGIN_DETAIL }, 403);
  const unauthorized = (c: Context, guessed: boolean) => {
    if (guessed) opts.onFailure?.(c);
    const headers: Record<string, string> = { "WWW-Authenticate": 'Bearer realm="gumleaf"' };
    // A refused upload is not read to its end just to keep the connection open.
    if (c.req.raw.body !== null) headers.Connection = "close";
    return c.json({ detail: MISSING_KEY_DETAIL }, 401, headers);
  };

  return async (c, next) => {
    const unsafe = !SAFE_METHODS.has(c.req.method);
    if (opts.apiKey === null) {
      if (unsafe && isCrossOrigin(c)) return refuseCrossOrigin(c);
      return next();
    }
    if (opts.isExempt(c)) {
      if (unsafe && isCrossOrigin(c)) return refuseCrossOrigin(c);
      return next();
    }
    const bearer = bearerToken(c);
    if (bearer !== undefined) {
      // An explicit credential is judged on its own, even next to a valid cookie.
      if (bearer === null || !constantTimeEqual(bearer, opts.apiKey)) return unauthorized(c, true);
      return next();
    }
    if (opts.sessions?.verify(getCookie(c, opts.sessions.cookieName))) {
      if (unsafe && isCrossOrigin(c)) return refuseCrossOrigin(c);
      return next();
    }
    return unauthorized(c, false);
  };
}

/** Sets (or renews) the session cookie on a response. */
export function setSessionCookie(c: Context, sessions: Sessions): void {
  setCookie(c, sessions.cookieName, sessions.issue(), {
    httpOnly: true,
    sameSite: "Strict",
    path: "/",
    maxAge: SESSION_TTL_S,
    secure: new URL(c.req.url).protocol === "https:",
  });
}

/**
 * Whether loading the app signs the browser in by itself: only for a browser
 * on this computer that addressed the server by a loopback name. A page from
 * another site that rebinds its DNS name to 127.0.0.1 arrives with its own
 * name in `Host` and gets no session.
 */
export function mayAutoSignIn(c: Context): boolean {
  return isLoopbackAddress(peerAddress(c)) && isLoopbackHostname(hostnameOf(c.req.header("host") ?? ""));
}

const SIGN_IN_CSS = [
  ":root{color-scheme:light dark;font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif}",
  "body{margin:0;min-height:100dvh;display:grid;place-items:center;background:Canvas;color:CanvasText}",
  "main{width:min(24rem,calc(100vw - 3rem))}",
  "h1{font-size:1.25rem;margin:0 0 .5rem}",
  "p{margin:0 0 1rem;opacity:.8}",
  "label{display:block;font-weight:600;margin-bottom:.25rem}",
  "input{box-sizing:border-box;width:100%;padding:.55rem .7rem;font:inherit;border:1px solid #8888;border-radius:.4rem}",
  "button{margin-top:1rem;padding:.55rem 1rem;font:inherit;font-weight:600;color:#fff;background:#047857;border:0;border-radius:.4rem;cursor:pointer}",
  ".error{color:#b91c1c;font-weight:600}",
].join("");
const SIGN_IN_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash("sha256").update(SIGN_IN_CSS).digest("base64")}'`,
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Only a path on this server: no `//other.host` or `/\other.host`. */
function localPath(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])/.test(next) ? next : "/";
}

/** The page a browser from another machine sees instead of the app until it gives the key once. */
export function signInPage(next: string, error?: string): Response {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
<title>Sign in · Gumleaf</title>
<style>${SIGN_IN_CSS}</style>
</head>
<body>
<main>
<h1>Gumleaf needs its API key</h1>
<p>This library is protected. Enter the key from the server's <code>GUMLEAF_API_KEY</code> setting; this browser stays signed in for 30 days.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="${SIGN_IN_PATH}">
<input type="hidden" name="next" value="${escapeHtml(localPath(next))}">
<label for="api_key">API key</label>
<input id="api_key" name="api_key" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
</form>
</main>
</body>
</html>`;
  // A plain Response, not c.html(): that would inherit headers the shell's static handler prepared.
  return new Response(html, {
    status: 401,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": SIGN_IN_CSP,
      "Cache-Control": "no-store",
    },
  });
}

/** POST /api/gumleaf/session: the sign-in form. Right key → session cookie and back to the app. */
export function mountSignIn(app: Hono, apiKey: string, sessions: Sessions, onFailure: (c: Context) => void): void {
  app.post(SIGN_IN_PATH, async (c) => {
    if (isCrossOrigin(c)) return c.json({ detail: CROSS_ORIGIN_DETAIL }, 403);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const next = localPath(form.next);
    const given = typeof form.api_key === "string" ? form.api_key.trim() : "";
    if (!given || !constantTimeEqual(given, apiKey)) {
      onFailure(c);
      return signInPage(next, "That is not the key this server was started with.");
    }
    setSessionCookie(c, sessions);
    return c.redirect(next, 303);
  });
}
