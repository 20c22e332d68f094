import { Hono } from "hono";
import type { UpstreamConfig } from "../config";
import { mountAppShell } from "../security/app-shell";
import { applySecurity, type SecurityOptions } from "../security/security";
import { connectionRoute } from "./connection-route";
import { createForwarder } from "./forward";

export interface ForwardingAppDeps extends Omit<SecurityOptions, "mode"> {
  upstream: UpstreamConfig;
  /** Folder of the built single-page app; served when it exists. */
  staticDir?: string;
  log?: (level: "info" | "warn" | "error", msg: string) => void;
  /** Injected by tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/**
 * The same app, over a hosted Gumnut library: every /api request goes to
 * GUMNUT_BASE_URL with GUMNUT_API_KEY as the bearer token. No local library is
 * opened. Never listens: main.ts and the tests do that.
 */
export function createForwardingApp(deps: ForwardingAppDeps) {
  const log = deps.log ?? ((level, msg) => console[level === "info" ? "log" : level](msg));
  const app = new Hono();

  app.onError((err, c) => {
    // The message names the request, never its headers: the key is not in it.
    log("error", `${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return c.json({ detail: "Internal server error; the server log has the details" }, 500);
  });

  const { shellGate } = applySecurity(app, {
    ...deps,
    mode: "forwarding",
    csp: { ...deps.csp, remoteMedia: true },
  });

  app.route("/api/gumleaf", connectionRoute({ mode: "gumnut", base_url: deps.upstream.baseUrl }));
  // Gumleaf's own namespace is never sent upstream.
  app.all("/api/gumleaf/*", (c) => c.json({ detail: `No API route for ${c.req.method} ${c.req.path}` }, 404));
  const forward = createForwarder({ ...deps.upstream, log, fetch: deps.fetch });
  app.all("/api/*", (c) => forward(c));

  mountAppShell(app, deps.staticDir, shellGate);
  return { app };
}
