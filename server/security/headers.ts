import type { MiddlewareHandler } from "hono";

export interface CspOptions {
  /** Forwarding to a hosted Gumnut library: its asset URLs are absolute CDN URLs, loaded by <img> and <video>. */
  remoteMedia?: boolean;
  /** Origins of an online map style (tiles, glyphs and sprites are fetched from there). */
  mapStyleOrigins?: readonly string[];
  /** Extra `style-src` sources for one response (a hash of a server-rendered page's own <style>). */
  extraStyleSources?: readonly string[];
}

/**
 * The app's Content-Security-Policy. No inline scripts; WebAssembly may be
 * compiled (the upload hasher); maplibre's worker is created from a blob: URL;
 * thumbhash placeholders are data: URLs. Inline `style` attributes set by React
 * go through the CSSOM, which `style-src` does not block, so no 'unsafe-inline'.
 */
export function contentSecurityPolicy(opts: CspOptions = {}): string {
  const remote = opts.remoteMedia ? ["https:"] : [];
  const map = opts.mapStyleOrigins ?? [];
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", "'wasm-unsafe-eval'"],
    ["style-src", "'self'", ...(opts.extraStyleSources ?? [])],
    ["img-src", "'self'", "data:", "blob:", ...remote, ...map],
    ["media-src", "'self'", "blob:", ...remote],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'", ...map],
    ["worker-src", "'self'", "blob:"],
    ["child-src", "'self'", "blob:"],
    ["manifest-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["frame-ancestors", "'none'"],
    ["form-action", "'self'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/**
 * Security headers on every response (the app, the API and media). A header a
 * handler already set is kept, so a page with its own stricter or looser CSP
 * (the sign-in page's style hash) wins.
 */
export function securityHeaders(opts: CspOptions = {}): MiddlewareHandler {
  const headers: [string, string][] = [
    ["Content-Security-Policy", contentSecurityPolicy(opts)],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "no-referrer"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ["Cross-Origin-Resource-Policy", "same-origin"],
    ["X-Frame-Options", "DENY"],
    ["Permissions-Policy", "camera=(), microphone=(), payment=(), usb=()"],
  ];
  return async (c, next) => {
    await next();
    let res = c.res;
    try {
      res.headers.delete("X-Powered-By");
    } catch {
      // A Response straight from fetch() has immutable headers: copy it once.
      res = new Response(res.body, res);
      c.res = res;
    }
    for (const [name, value] of headers) {
      if (!res.headers.has(name)) res.headers.set(name, value);
    }
  };
}
