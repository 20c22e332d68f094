import type { Context } from "hono";
import type { UpstreamConfig } from "../config";

/** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded. */
const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "trailers",
  "transfer-encoding",
  "upgrade",
];

/**
 * Request headers that stay here: the browser's credentials for *this* server
 * (its session cookie, a GUMLEAF_API_KEY bearer), where it came from, and what
 * fetch sets itself (Host, Accept-Encoding, Expect).
 */
const DROP_FROM_REQUEST = new Set([
  ...HOP_BY_HOP,
  "host",
  "authorization",
  "cookie",
  "origin",
  "referer",
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-real-ip",
  "accept-encoding",
  "expect",
]);

/**
 * Response headers passed back: what describes the body and what clients act
 * on (caching, ranges, retries, rate limits). Everything else (cookies for the
 * upstream's domain, its own security policy, WWW-Authenticate) stays behind.
 */
const PASS_RESPONSE = new Set([
  "content-type",
  "content-length",
  "content-range",
  "content-disposition",
  "content-encoding",
  "content-language",
  "accept-ranges",
  "cache-control",
  "etag",
  "last-modified",
  "expires",
  "vary",
  "location",
  "retry-after",
  "retry-after-ms",
  "x-should-retry",
  "x-request-id",
]);
const passResponseHeader = (name: string) =>
  PASS_RESPONSE.has(name) || name.startsWith("ratelimit") || name.startsWith("x-ratelimit-");

/** Error bodies are read whole (they are small) so the key can be masked should the upstream ever echo it. */
const MAX_ERROR_BODY = 1024 * 1024;

export interface ForwardOptions extends UpstreamConfig {
  log: (level: "info" | "warn" | "error", msg: string) => void;
  /** Injected by tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

const seconds = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;

function errorCode(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return err instanceof Error ? err.name : "unknown error";
}

async function readCapped(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.length;
  }
  return whole;
}

/**
 * Forwards one /api request to the hosted Gumnut API with the server's key as
 * the bearer token. Both bodies stream (an upload goes out as it arrives; a
 * video comes back as it is read); upstream statuses and error bodies pass
 * through unchanged. No answer within `timeoutMs` of the request having been
 * sent → 504; no connection → 502.
 */
export function createForwarder(opts: ForwardOptions) {
  const doFetch = opts.fetch ?? fetch;
  const displayOrigin = new URL(opts.baseUrl).origin;
  const mask = (text: string) => text.split(opts.apiKey).join("[redacted]");

  return async function forward(c: Context): Promise<Response> {
    const incoming = new URL(c.req.url);
    const target = `${opts.baseUrl}${incoming.pathname}${incoming.search}`;

    const headers = new Headers();
    for (const [name, value] of c.req.raw.headers) {
      if (DROP_FROM_REQUEST.has(name) || name.startsWith("sec-")) continue;
      headers.set(name, value);
    }
    headers.set("authorization", `Bearer ${opts.apiKey}`);

    const method = c.req.method;
    const body = method === "GET" || method === "HEAD" ? null : c.req.raw.body;

    // Only the wait for the answer is timed, from when the request has been sent
    // whole: a large upload over a slow link, or a long download, may take longer.
    const timeout = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let answered = false;
    const startClock = () => {
      if (!answered && timer === undefined) timer = setTimeout(() => timeout.abort(), opts.timeoutMs);
    };
    const signal = AbortSignal.any([timeout.signal, c.req.raw.signal]);

    // Node's fetch needs `duplex: "half"` to send a streamed body; the DOM types do not know it.
    const init: RequestInit & { duplex?: "half" } = { method, headers, redirect: "manual", signal };
    if (body) {
      init.body = body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ flush: startClock }));
      init.duplex = "half";
    } else {
      startClock();
    }

    let upstream: Response;
    try {
      upstream = await doFetch(target, init);
    } catch (err) {
      if (timeout.signal.aborted) {
        opts.log(
          "warn",
          `${method} ${incoming.pathname}: ${displayOrigin} did not answer within ${seconds(opts.timeoutMs)}`,
        );
        return c.json({ detail: `The Gumnut server did not answer within ${seconds(opts.timeoutMs)}; try again` }, 504);
      }
      // The browser went away; nobody reads this answer.
      if (c.req.raw.signal.aborted) return new Response(null, { status: 499 });
      const code = errorCode(err);
      opts.log("warn", `${method} ${incoming.pathname}: could not reach ${displayOrigin} (${code})`);
      return c.json(
        {
          detail: `Could not reach the Gumnut server at ${displayOrigin} (${code}); check GUMNUT_BASE_URL and the network, then try again`,
        },
        502,
      );
    } finally {
      answered = true;
      clearTimeout(timer);
    }

    const out = new Headers();
    for (const [name, value] of upstream.headers) {
      if (!passResponseHeader(name) || value.includes(opts.apiKey)) continue;
      out.append(name, value);
    }
    // fetch has already decoded a compressed body: its length and encoding no longer apply.
    if (out.has("content-encoding")) {
      out.delete("content-encoding");
      out.delete("content-length");
    }

    if (upstream.status >= 400 && upstream.body) {
      const bytes = await readCapped(upstream.body, MAX_ERROR_BODY);
      if (bytes === null) {
        return c.json({ detail: `The Gumnut server answered ${upstream.status} with an oversized error body` }, 502);
      }
      const text = Buffer.from(bytes).toString("utf8");
      out.delete("content-length");
      return new Response(text.includes(opts.apiKey) ? mask(text) : bytes, { status: upstream.status, headers: out });
    }
    return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: out });
  };
}
