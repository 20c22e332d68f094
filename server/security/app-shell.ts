import { existsSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono, MiddlewareHandler } from "hono";

/**
 * Serves the built single-page app from `staticDir` (when it has been built):
 * hashed files under /assets/ cached for a year, every other path that is not
 * a file answered with index.html (the app's own routes: /asset/…, ?at=…).
 * `gate` sees every shell response (session cookie or sign-in page). Mount it
 * after the API routes.
 */
export function mountAppShell(app: Hono, staticDir: string | undefined, gate: MiddlewareHandler | null): void {
  if (!staticDir || !existsSync(join(staticDir, "index.html"))) return;
  app.use(
    "/assets/*",
    serveStatic({
      root: staticDir,
      onFound: (_p, c) => c.header("Cache-Control", "public, max-age=31536000, immutable"),
    }),
  );
  if (gate) app.use("*", gate);
  app.use("*", async (c, next) => {
    await next();
    // The shell names the current hashed bundles: always revalidate it.
    if (c.res.headers.get("content-type")?.startsWith("text/html")) c.header("Cache-Control", "no-cache");
  });
  app.use("*", serveStatic({ root: staticDir }));
  app.get("*", serveStatic({ root: staticDir, path: "index.html" }));
}
