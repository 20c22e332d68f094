import { Hono } from "hono";

/**
 * What `GET /api/gumleaf/config` says about where the library lives (and, for
 * the local server, how long the trash keeps items: the Trash page says so).
 */
export type ConnectionInfo = { mode: "local"; trash_retention_days: number } | { mode: "gumnut"; base_url: string };

/**
 * GET /api/gumleaf/config: Gumleaf's own endpoint (not part of the Gumnut
 * API, never forwarded). The app uses it to say which library it shows and to
 * tell a key the upstream refused from a session this server refused.
 */
export function connectionRoute(info: ConnectionInfo) {
  const app = new Hono();
  app.get("/config", (c) => c.json(info, 200, { "Cache-Control": "no-store" }));
  return app;
}
