import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetSchema } from "../../src/api/schemas";
import { loadConfig, loadDotEnv } from "../config";
import { CROSS_ORIGIN_DETAIL, MISSING_KEY_DETAIL } from "../security/auth";
import { contentSecurityPolicy } from "../security/headers";
import { FIXTURES, removeDir, startServer, type TestServer, upload, uploadOk } from "./harness";

const KEY = "local-test-key-3c9f1b7e5a2d";
const dirs: string[] = [];
const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
  for (const d of dirs) removeDir(d);
});

/** A built-app stand-in: index.html and one static file. */
function staticDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gumleaf-static-"));
  dirs.push(dir);
  writeFileSync(
    join(dir, "index.html"),
    '<!doctype html><title>Gumleaf</title><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(dir, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
  return dir;
}

async function start(opts: Parameters<typeof startServer>[0] = {}) {
  const ts = await startServer(opts);
  servers.push(ts);
  dirs.push(ts.dataDir);
  return ts;
}

/** A request with a Host header of our choosing (fetch does not let us set one). */
function rawRequest(
  ts: TestServer,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { port } = new URL(ts.base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, path, method: opts.method ?? "GET", headers: opts.headers },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** `name=value` of the session cookie a response set. */
function sessionCookie(setCookie: string | string[] | null | undefined): string {
  const first = (Array.isArray(setCookie) ? setCookie : [setCookie ?? ""]).find((c) =>
    c.startsWith("gumleaf_session_"),
  );
  expect(first, "a session cookie was set").toBeTruthy();
  return (first as string).split(";")[0];
}

const bearer = { authorization: `Bearer ${KEY}` };
const jpeg = readFileSync(join(FIXTURES, "kathmandu.jpg"));
/** Distinct bytes for each name, so no upload is answered as a duplicate of another. */
const uniqueJpeg = (salt: string) => new Uint8Array(Buffer.concat([jpeg, Buffer.from(salt)]));

describe("API key (GUMLEAF_API_KEY)", () => {
  let now = Date.parse("2026-03-01T12:00:00Z");
  let ts: TestServer;
  beforeAll(async () => {
    ts = await start({ apiKey: KEY, staticDir: staticDir(), clock: () => new Date(now) });
  });

  it("refuses /api without the key, or with a wrong one (401 and the detail)", async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: "Bearer nope" },
      { authorization: `Basic ${KEY}` },
      { authorization: "Bearer" },
    ]) {
      const res = await fetch(ts.url("/api/assets"), { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ detail: MISSING_KEY_DETAIL });
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    const ok = await fetch(ts.url("/api/assets"), { headers: bearer });
    expect(ok.status).toBe(200);
    const patchWithout = await fetch(ts.url("/api/assets/asset_x"), { method: "PATCH", body: "{}" });
    expect(patchWithout.status).toBe(401);
  });

  it("leaves the ping open, and lets signed media URLs stand as their own credential", async () => {
    const ping = await fetch(ts.url("/api/server/ping"));
    expect(ping.status).toBe(200);
    expect(await ping.text()).toBe("pong");

    const form = new FormData();
    form.set("device_asset_id", "d1");
    form.set("device_id", "t");
    form.set("file_created_at", "2020-01-01T00:00:00Z");
    form.set("file_modified_at", "2020-01-01T00:00:00Z");
    form.set("asset_data", new Blob([jpeg]), "kathmandu.jpg");
    const res = await fetch(ts.url("/api/assets"), { method: "POST", body: form, headers: bearer });
    expect(res.status).toBe(201);
    const asset = assetSchema.parse(await res.json());
    await ts.jobs.idle();
    const thumb = asset.asset_urls?.thumbnail.url ?? "";
    expect((await fetch(ts.url(thumb))).status).toBe(200);
    // Without a signature the media route still says 403, never serves.
    expect((await fetch(ts.url(`/api/assets/${asset.id}/thumbnail`))).status).toBe(403);
  });

  it("signs in the app on this computer with an HttpOnly, SameSite=Strict session cookie", async () => {
    for (const path of ["/", "/asset/asset_abc?x=1"]) {
      const shell = await fetch(ts.url(path));
      expect(shell.status).toBe(200);
      expect(shell.headers.get("content-type")).toMatch(/^text\/html/);
      const setCookie = shell.headers.get("set-cookie") ?? "";
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      expect(setCookie).toMatch(/Path=\//);
    }
    const cookie = sessionCookie((await fetch(ts.url("/"))).headers.get("set-cookie"));
    // Static files need no session and set none.
    const icon = await fetch(ts.url("/favicon.svg"));
    expect(icon.status).toBe(200);
    expect(icon.headers.get("set-cookie")).toBeNull();

    const list = await fetch(ts.url("/api/assets"), { headers: { cookie } });
    expect(list.status).toBe(200);
    const origin = ts.base;
    const sameOrigin = await fetch(ts.url("/api/assets/trash"), {
      method: "POST",
      headers: { cookie, origin, "content-type": "application/json" },
      body: JSON.stringify({ ids: ["asset_unknown"] }),
    });
    expect(sameOrigin.status).toBe(200);
  });

  it("refuses a change sent with the cookie from another origin's page", async () => {
    const cookie = sessionCookie((await fetch(ts.url("/"))).headers.get("set-cookie"));
    const attempts: Record<string, string>[] = [
      { origin: "http://evil.example" },
      { origin: "http://127.0.0.1:1" }, // same site, another port: another origin
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const extra of attempts) {
      const res = await fetch(ts.url("/api/assets/empty-trash"), { method: "POST", headers: { cookie, ...extra } });
      expect(res.status, JSON.stringify(extra)).toBe(403);
      expect(await res.json()).toEqual({ detail: CROSS_ORIGIN_DETAIL });
    }
    // Reading is not a change; the browser's CORS rules keep the answer from the other page.
    const read = await fetch(ts.url("/api/assets"), { headers: { cookie, origin: "http://evil.example" } });
    expect(read.status).toBe(200);
  });

  it("refuses a tampered or expired session", async () => {
    const cookie = sessionCookie((await fetch(ts.url("/"))).headers.get("set-cookie"));
    const [name, value] = cookie.split("=");
    const [exp, mac] = value.split(".");
    for (const forged of [`${name}=${Number(exp) + 86_400}.${mac}`, `${name}=${exp}.${mac.slice(1)}A`, `${name}=`]) {
      expect((await fetch(ts.url("/api/assets"), { headers: { cookie: forged } })).status).toBe(401);
    }
    now += 31 * 86_400_000;
    try {
      expect((await fetch(ts.url("/api/assets"), { headers: { cookie } })).status).toBe(401);
    } finally {
      now -= 31 * 86_400_000;
    }
  });

  it("asks a browser that is not on this computer for the key once, on a sign-in page", async () => {
    const host = "photos.example:8080";
    const page = await rawRequest(ts, "/asset/asset_abc", { headers: { host } });
    expect(page.status).toBe(401);
    expect(page.headers["set-cookie"]).toBeUndefined();
    expect(page.body).toContain('<form method="post" action="/api/gumleaf/session">');
    expect(page.body).toContain('value="/asset/asset_abc"');
    expect(page.headers["content-security-policy"]).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(page.body).not.toContain("<script");

    const form = (key: string) => new URLSearchParams({ api_key: key, next: "/asset/asset_abc" }).toString();
    const formHeaders = { host, "content-type": "application/x-www-form-urlencoded", origin: `http://${host}` };
    const wrong = await rawRequest(ts, "/api/gumleaf/session", {
      method: "POST",
      headers: formHeaders,
      body: form("guess"),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain("not the key");

    const crossSite = await rawRequest(ts, "/api/gumleaf/session", {
      method: "POST",
      headers: { ...formHeaders, origin: "http://evil.example" },
      body: form(KEY),
    });
    expect(crossSite.status).toBe(403);

    const right = await rawRequest(ts, "/api/gumleaf/session", {
      method: "POST",
      headers: formHeaders,
      body: form(KEY),
    });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe("/asset/asset_abc");
    const cookie = sessionCookie(right.headers["set-cookie"]);
    const list = await rawRequest(ts, "/api/assets", { headers: { host, cookie } });
    expect(list.status).toBe(200);
    const shell = await rawRequest(ts, "/", { headers: { host, cookie } });
    expect(shell.status).toBe(200);
    expect(shell.body).toContain("<title>Gumleaf</title>");

    // A redirect target can only be a path on this server.
    const offsite = await rawRequest(ts, "/api/gumleaf/session", {
      method: "POST",
      headers: formHeaders,
      body: new URLSearchParams({ api_key: KEY, next: "//evil.example/" }).toString(),
    });
    expect(offsite.headers.location).toBe("/");
  });

  it("a new API key signs every browser out", async () => {
    const first = await start({ apiKey: KEY, staticDir: staticDir() });
    const cookie = sessionCookie((await fetch(first.url("/"))).headers.get("set-cookie"));
    expect((await fetch(first.url("/api/assets"), { headers: { cookie } })).status).toBe(200);
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    const second = await start({ dataDir: first.dataDir, apiKey: `${KEY}-rotated`, staticDir: staticDir() });
    expect((await fetch(second.url("/api/assets"), { headers: { cookie } })).status).toBe(401);
  });

  it("slows down guessing: 20 wrong keys a minute, then 429", async () => {
    const guarded = await start({ apiKey: KEY });
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      statuses.push(
        (await fetch(guarded.url("/api/assets"), { headers: { authorization: `Bearer guess-${i}` } })).status,
      );
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual([429, 429]);
    // No credential (or a stale session) is not a guess: it never turns into 429, so an app
    // whose cookie went stale is not locked out once it reloads.
    const fresh = await start({ apiKey: KEY });
    for (let i = 0; i < 25; i++) expect((await fetch(fresh.url("/api/assets"))).status).toBe(401);
    expect((await fetch(fresh.url("/api/assets"), { headers: bearer })).status).toBe(200);
  });
});

describe("without an API key (loopback only)", () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await start({ staticDir: staticDir() });
  });

  it("answers only to loopback host names, so a rebound DNS name cannot reach the library", async () => {
    const evil = await rawRequest(ts, "/api/assets", { headers: { host: "evil.example:5173" } });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body).detail).toMatch(/answers only to 127\.0\.0\.1 or localhost/);
    expect((await rawRequest(ts, "/", { headers: { host: "evil.example" } })).status).toBe(403);
    for (const host of ["localhost:5173", "127.0.0.1", "[::1]:5173"]) {
      expect((await rawRequest(ts, "/api/assets", { headers: { host } })).status, host).toBe(200);
    }
    // No key, no session needed: the shell sets no cookie.
    expect((await fetch(ts.url("/"))).headers.get("set-cookie")).toBeNull();
  });

  it("refuses changes a page from another origin sends (a cross-site form cannot empty the trash)", async () => {
    const res = await fetch(ts.url("/api/assets/empty-trash"), {
      method: "POST",
      headers: { origin: "http://evil.example", "content-type": "text/plain" },
    });
    expect(res.status).toBe(403);
    const own = await fetch(ts.url("/api/assets/empty-trash"), { method: "POST", headers: { origin: ts.base } });
    expect(own.status).toBe(200);
    const sdk = await fetch(ts.url("/api/assets/empty-trash"), { method: "POST" });
    expect(sdk.status).toBe(200);
  });

  it("GET /api/users/me describes the local library's owner", async () => {
    await uploadOk(ts, "kathmandu.jpg");
    const res = await fetch(ts.url("/api/users/me"));
    expect(res.status).toBe(200);
    const me = await res.json();
    expect(me).toMatchObject({
      id: "intuser_local",
      email: null,
      first_name: "Local",
      last_name: "library",
      is_active: true,
      is_superuser: true,
      is_verified: true,
      storage_limit_bytes: null,
      storage_used_bytes: jpeg.length,
      timezone: null,
      library_name: "My library",
    });
    expect(Date.parse(me.created_at)).not.toBeNaN();
    expect(await (await fetch(ts.url("/api/gumleaf/config"))).json()).toEqual({
      mode: "local",
      trash_retention_days: 90,
    });
  });
});

describe("security headers", () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await start({ staticDir: staticDir() });
  });

  it("are on the app shell, the API, errors and media", async () => {
    const csp = contentSecurityPolicy();
    for (const path of ["/", "/asset/x", "/api/assets", "/api/nope", "/api/assets/asset_x/thumbnail"]) {
      const res = await fetch(ts.url(path));
      expect(res.headers.get("content-security-policy"), path).toBe(csp);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(res.headers.get("cross-origin-opener-policy"), path).toBe("same-origin");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
    }
    const shell = await fetch(ts.url("/"));
    expect(shell.headers.get("cache-control")).toBe("no-cache");
  });

  it("allow no inline script, and what the app needs: wasm, blob: workers, data: images", () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("img-src 'self' data: blob:;");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    const hosted = contentSecurityPolicy({ remoteMedia: true, mapStyleOrigins: ["https://tiles.example.org"] });
    expect(hosted).toContain("img-src 'self' data: blob: https: https://tiles.example.org;");
    expect(hosted).toContain("media-src 'self' blob: https:;");
    expect(hosted).toContain("connect-src 'self' https://tiles.example.org;");
  });
});

describe("upload file names", () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await start({ jobConcurrency: 0 });
  });

  const storedPaths = () =>
    ts.db.prepare("SELECT id, storage_path, original_file_name FROM assets").all() as {
      id: string;
      storage_path: string;
      original_file_name: string;
    }[];

  it("cannot escape the data folder: the stored name is the server's own", async () => {
    const names = [
      "../../etc/passwd.jpg",
      "/abs/path.jpg",
      "..\\..\\windows.jpg",
      "C:\\Users\\x\\drive.jpg",
      "<img src=x onerror=alert(1)>.jpg",
      "x.jpg/../../../escape.jpg",
    ];
    for (const name of names) {
      const res = await upload(ts, name, { bytes: uniqueJpeg(name) });
      expect(res.status, name).toBe(201);
      const asset = assetSchema.parse(await res.json());
      // The multipart parser keeps the last path segment only; it is kept as data, nothing more.
      expect(asset.original_file_name, name).not.toMatch(/[/\\]/);
      expect(asset.original_file_name, name).not.toMatch(/^\.\.?$/);
    }
    expect(storedPaths().map((r) => r.original_file_name)).toContain("<img src=x onerror=alert(1)>.jpg");
    for (const row of storedPaths()) {
      expect(row.storage_path).toBe(join("originals", row.id.slice(-2), `${row.id}.jpg`));
      expect(existsSync(join(ts.dataDir, row.storage_path))).toBe(true);
    }
    const files = readdirSync(join(ts.dataDir, "originals"), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
    expect(files.sort()).toEqual(
      storedPaths()
        .map((r) => `${r.id}.jpg`)
        .sort(),
    );
    expect(existsSync(join(ts.dataDir, "..", "..", "etc", "passwd.jpg"))).toBe(false);
    expect(readdirSync(ts.dataDir).sort()).toEqual([
      "gumleaf.db",
      "gumleaf.db-shm",
      "gumleaf.db-wal",
      "originals",
      "secret.key",
      "tmp",
      "variants",
    ]);
  });

  /** A hand-made multipart body, for file names fetch's FormData would escape. */
  function rawUpload(disposition: string, bytes: Uint8Array) {
    const head =
      '--B\r\nContent-Disposition: form-data; name="device_asset_id"\r\n\r\nraw\r\n' +
      '--B\r\nContent-Disposition: form-data; name="device_id"\r\n\r\nt\r\n' +
      '--B\r\nContent-Disposition: form-data; name="file_created_at"\r\n\r\n2020-01-01T00:00:00Z\r\n' +
      '--B\r\nContent-Disposition: form-data; name="file_modified_at"\r\n\r\n2020-01-01T00:00:00Z\r\n' +
      `--B\r\nContent-Disposition: form-data; name="asset_data"; ${disposition}\r\nContent-Type: image/jpeg\r\n\r\n`;
    const body = Buffer.concat([Buffer.from(head, "utf8"), bytes, Buffer.from("\r\n--B--\r\n")]);
    return fetch(ts.url("/api/assets"), {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=B" },
      body,
    });
  }

  it("refuses a NUL in the file name, and names over 1024 characters (nothing stored)", async () => {
    const before = storedPaths().length;
    const rawNul = await rawUpload('filename="a\u0000b.jpg"', uniqueJpeg("nul-raw"));
    expect([400, 422]).toContain(rawNul.status);
    const long = await upload(ts, `${"a".repeat(1021)}.jpg`, { bytes: uniqueJpeg("long") });
    expect(long.status).toBe(422);
    expect(JSON.stringify(await long.json())).toMatch(/longer than 1024/);
    expect(storedPaths().length).toBe(before);
    const longest = await upload(ts, `${"b".repeat(1020)}.jpg`, { bytes: uniqueJpeg("longest") });
    expect(longest.status).toBe(201);
    expect(readdirSync(join(ts.dataDir, "tmp"))).toEqual([]);
  });

  it("stores a NUL that arrives percent-encoded (filename*=) as data only, under the server's own name", async () => {
    const res = await rawUpload("filename*=UTF-8''..%2Fa%00b.jpg", uniqueJpeg("nul-encoded"));
    if (res.status === 422) return; // refusing it outright is fine too
    expect(res.status).toBe(201);
    const asset = assetSchema.parse(await res.json());
    const row = storedPaths().find((r) => r.id === asset.id);
    expect(row?.storage_path).toBe(join("originals", asset.id.slice(-2), `${asset.id}.jpg`));
    expect(asset.original_file_name).not.toContain("/");
  });

  it("caps multipart parts: thousands of fields are ignored, not held", async () => {
    const form = new FormData();
    for (let i = 0; i < 5000; i++) form.append(`f${i}`, "x");
    form.set("asset_data", new Blob([uniqueJpeg("parts")]), "parts.jpg");
    const res = await fetch(ts.url("/api/assets"), { method: "POST", body: form });
    expect(res.status).toBe(422);
  });
});

describe("request limits", () => {
  it("answers 413 to a JSON body over 1 MB, with or without Content-Length", async () => {
    const ts = await start();
    const big = JSON.stringify({ description: "x".repeat(1024 * 1024) });
    const res = await fetch(ts.url("/api/assets/asset_x"), {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).detail).toMatch(/larger than 1 MB/);

    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(32));
        controller.close();
      },
    });
    const streamed = await fetch(ts.url("/api/assets/bulk-update"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chunked,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);

    // Under the limit it is the route's answer as usual (a 404 for an unknown asset).
    const small = await fetch(ts.url("/api/assets/asset_x"), {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ description: "x".repeat(900 * 1024) }),
    });
    expect(small.status).toBe(404);
  });

  it("rate-limits /api per client (429 with Retry-After), but not the signed media", async () => {
    const ts = await start({ rateLimit: { max: 5, windowMs: 60_000 } });
    const asset = await uploadOk(ts, "kathmandu.jpg"); // 1
    await ts.jobs.idle();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(ts.url("/api/assets"))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const limited = await fetch(ts.url("/api/assets"));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).detail).toMatch(/Too many requests/);
    for (let i = 0; i < 10; i++) {
      expect((await fetch(ts.url(asset.asset_urls?.thumbnail.url ?? ""))).status).toBe(200);
    }
  });

  it("lets a limited number of uploads run at once; one more gets 429", async () => {
    const ts = await start({ maxConcurrentUploads: 2 });
    const open: (() => void)[] = [];
    const pending: Promise<Response>[] = [];
    const startStalledUpload = () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(
            new TextEncoder().encode('--B\r\nContent-Disposition: form-data; name="device_id"\r\n\r\n'),
          );
          open.push(() => {
            controller.enqueue(new TextEncoder().encode("t\r\n--B--\r\n"));
            controller.close();
          });
        },
      });
      pending.push(
        fetch(ts.url("/api/assets"), {
          method: "POST",
          headers: { "content-type": "multipart/form-data; boundary=B" },
          body,
          duplex: "half",
        } as RequestInit),
      );
    };
    startStalledUpload();
    startStalledUpload();
    // A complete (if empty) upload: 422 while there is room, 429 once the two stalled ones are in.
    const probe = () => upload(ts, "kathmandu.jpg", { bytes: new Uint8Array(0) });
    await expect.poll(async () => (await probe()).status).toBe(429);
    const refused = await probe();
    expect(refused.headers.get("retry-after")).toBe("1");
    for (const finish of open) finish();
    for (const res of await Promise.all(pending)) expect(res.status).toBe(422);
    expect((await upload(ts, "kathmandu.jpg")).status).toBe(201);
  });
});

describe("bad media signatures", () => {
  it("refuse a URL signed by another library, or moved to another asset", async () => {
    const a = await start();
    const b = await start();
    const fromA = await uploadOk(a, "kathmandu.jpg");
    const fromB = await uploadOk(b, "kathmandu.jpg");
    await a.jobs.idle();
    await b.jobs.idle();
    const urlA = fromA.asset_urls?.thumbnail.url ?? "";
    expect((await fetch(a.url(urlA))).status).toBe(200);
    // Same path and parameters on B (same bytes, another secret): the signature does not hold.
    const movedToB = urlA.replace(fromA.id, fromB.id);
    expect((await fetch(b.url(movedToB))).status).toBe(403);
    const other = await uploadOk(a, "sydney-summer.jpg");
    await a.jobs.idle();
    expect((await fetch(a.url(urlA.replace(fromA.id, other.id)))).status).toBe(403);
  });
});

describe("settings", () => {
  it("refuses to listen beyond loopback without an API key", () => {
    expect(() => loadConfig({ HOST: "0.0.0.0" })).toThrow(/needs an API key: set GUMLEAF_API_KEY/);
    expect(() => loadConfig({ HOST: "192.168.1.20" })).toThrow(/GUMLEAF_API_KEY/);
    expect(loadConfig({ HOST: "0.0.0.0", GUMLEAF_API_KEY: KEY })).toMatchObject({ host: "0.0.0.0", apiKey: KEY });
    for (const host of ["127.0.0.1", "localhost", "::1", "127.0.0.2"]) {
      expect(loadConfig({ HOST: host }).apiKey).toBeNull();
    }
    expect(loadConfig({}).host).toBe("127.0.0.1");
    expect(() => loadConfig({ GUMLEAF_API_KEY: "short" })).toThrow(/too short/);
  });

  it("reads the Gumnut upstream, and refuses a base URL without a key", () => {
    expect(loadConfig({}).upstream).toBeNull();
    expect(loadConfig({ GUMNUT_BASE_URL: "https://api.gumnut.ai/", GUMNUT_API_KEY: "k" }).upstream).toEqual({
      baseUrl: "https://api.gumnut.ai",
      apiKey: "k",
      timeoutMs: 60_000,
    });
    expect(() => loadConfig({ GUMNUT_BASE_URL: "https://api.gumnut.ai" })).toThrow(/GUMNUT_API_KEY is not/);
    expect(() => loadConfig({ GUMNUT_BASE_URL: "ftp://x", GUMNUT_API_KEY: "k" })).toThrow(/https:\/\//);
    expect(() => loadConfig({ GUMNUT_BASE_URL: "https://u:p@x.example", GUMNUT_API_KEY: "k" })).toThrow(/plain URL/);
    expect(() => loadConfig({ MAP_STYLE_ORIGIN: "https://x.example;script-src" })).toThrow(/MAP_STYLE_ORIGIN/);
    expect(() => loadConfig({ RATE_LIMIT_MAX: "lots" })).toThrow(/RATE_LIMIT_MAX/);
  });

  it("loads .env without overriding what the environment already says", () => {
    const dir = mkdtempSync(join(tmpdir(), "gumleaf-env-"));
    const file = join(dir, ".env");
    writeFileSync(file, "GUMLEAF_TEST_FROM_FILE=file\nGUMLEAF_TEST_BOTH=file\n");
    process.env.GUMLEAF_TEST_BOTH = "env";
    try {
      expect(loadDotEnv(join(dir, "missing.env"))).toBe(false);
      expect(loadDotEnv(file)).toBe(true);
      expect(process.env.GUMLEAF_TEST_FROM_FILE).toBe("file");
      expect(process.env.GUMLEAF_TEST_BOTH).toBe("env");
    } finally {
      delete process.env.GUMLEAF_TEST_FROM_FILE;
      delete process.env.GUMLEAF_TEST_BOTH;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
