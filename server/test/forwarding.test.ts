import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer as createTcpServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetPageSchema, assetSchema } from "../../src/api/schemas";
import type { UpstreamConfig } from "../config";
import { MISSING_KEY_DETAIL } from "../security/auth";
import {
  FIXTURES,
  type ForwardingTestServer,
  removeDir,
  startForwardingServer,
  startServer,
  type TestServer,
  upload,
} from "./harness";

// The "hosted" library: a second local server that requires this key, as Gumnut does.
const UPSTREAM_KEY = "gumnut-test-key-5f0c8a1e9d2b4c7a";
const FRONT_KEY = "front-local-key-0b9e2d7c4a1f";

let upstream: TestServer;
let front: ForwardingTestServer;
const logs: string[] = [];
const log = (level: string, msg: string) => logs.push(`${level} ${msg}`);
const cleanups: (() => Promise<void> | void)[] = [];

/** Every response any front server gave, headers and body, to scan for the key at the end. */
const seen: string[] = [];
async function record(res: Response): Promise<{ res: Response; bytes: Buffer }> {
  const bytes = Buffer.from(await res.arrayBuffer());
  seen.push([...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n"), bytes.toString("latin1"));
  return { res, bytes };
}
async function via(server: ForwardingTestServer, path: string, init?: RequestInit) {
  return record(await fetch(server.url(path), init));
}
const json = (bytes: Buffer) => JSON.parse(bytes.toString("utf8"));

function upstreamConfig(overrides: Partial<UpstreamConfig> = {}): UpstreamConfig {
  // Generous: the upstream reads an upload's metadata before it answers, slowly on a busy machine.
  return { baseUrl: upstream.base, apiKey: UPSTREAM_KEY, timeoutMs: 20_000, ...overrides };
}

async function startFront(overrides: Partial<UpstreamConfig> = {}, opts: { apiKey?: string } = {}) {
  const server = await startForwardingServer(upstreamConfig(overrides), { log, ...opts });
  cleanups.push(async () => {
    await server.close();
    removeDir(server.dataDir);
  });
  return server;
}

/** A plain HTTP server standing in for a misbehaving upstream. */
async function startRawUpstream(handler: (req: IncomingMessage, res: import("node:http").ServerResponse) => void) {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  upstream = await startServer({ apiKey: UPSTREAM_KEY });
  front = await startFront();
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await front.close();
  removeDir(front.dataDir);
  await upstream.close();
  removeDir(upstream.dataDir);
});

describe("forwarding /api to a Gumnut API", () => {
  it("the upstream really requires its key (so the flows below prove the front sends it)", async () => {
    const res = await fetch(upstream.url("/api/assets"));
    expect(res.status).toBe(401);
  });

  it("lists, uploads (201, then 200), gets and PATCHes through the front", async () => {
    const empty = await via(front, "/api/assets");
    expect(empty.res.status).toBe(200);
    expect(assetPageSchema.parse(json(empty.bytes))).toEqual({ data: [], has_more: false });

    const first = await upload(front, "canon-tokyo.jpg");
    const created = await record(first);
    expect(first.status).toBe(201);
    const asset = assetSchema.parse(json(created.bytes));
    const again = await upload(front, "canon-tokyo.jpg");
    await record(again);
    expect(again.status).toBe(200);

    const patched = await via(front, `/api/assets/${asset.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ description: "Forwarded edit" }),
    });
    expect(patched.res.status).toBe(200);
    expect(assetSchema.parse(json(patched.bytes)).metadata?.description).toBe("Forwarded edit");

    // The edit landed in the upstream's own library.
    const direct = await fetch(upstream.url(`/api/assets/${asset.id}?include=metadata`), {
      headers: { authorization: `Bearer ${UPSTREAM_KEY}` },
    });
    expect(assetSchema.parse(await direct.json()).metadata?.description).toBe("Forwarded edit");

    const listed = await via(front, "/api/assets?include=metadata");
    const page = assetPageSchema.parse(json(listed.bytes));
    expect(page.data.map((a) => a.id)).toEqual([asset.id]);
  });

  it("serves variants through the upstream's signed relative URLs, byte for byte, with Range", async () => {
    const { bytes } = await via(front, "/api/assets?include=variants");
    const asset = assetPageSchema.parse(json(bytes)).data[0];
    await upstream.jobs.idle();
    const urls = asset.asset_urls ?? {};
    expect(urls.thumbnail.url).toMatch(/^\/api\/assets\/.+sig=/);
    for (const key of ["thumbnail", "preview", "original"]) {
      const url = urls[key].url;
      const viaFront = await via(front, url);
      expect(viaFront.res.status, key).toBe(200);
      const upstreamBytes = Buffer.from(await (await fetch(upstream.url(url))).arrayBuffer());
      expect(viaFront.bytes.equals(upstreamBytes), key).toBe(true);
      expect(viaFront.res.headers.get("content-type")).toBe(urls[key].mimetype);
    }
    const original = readFileSync(join(FIXTURES, "canon-tokyo.jpg"));
    const part = await via(front, urls.original.url, { headers: { range: "bytes=10-19" } });
    expect(part.res.status).toBe(206);
    expect(part.res.headers.get("content-range")).toBe(`bytes 10-19/${original.length}`);
    expect(part.bytes.equals(original.subarray(10, 20))).toBe(true);

    const tampered = await via(front, urls.thumbnail.url.replace(/sig=[^&]+/, "sig=AAAA"));
    expect(tampered.res.status).toBe(403);
  });

  it("answers users/me from the upstream, and its own config locally", async () => {
    const me = await via(front, "/api/users/me");
    expect(me.res.status).toBe(200);
    expect(json(me.bytes)).toMatchObject({
      id: "intuser_local",
      is_active: true,
      storage_used_bytes: expect.any(Number),
    });
    const config = await via(front, "/api/gumleaf/config");
    expect(json(config.bytes)).toEqual({ mode: "gumnut", base_url: upstream.base });
    const local = await fetch(upstream.url("/api/gumleaf/config"), {
      headers: { authorization: `Bearer ${UPSTREAM_KEY}` },
    });
    expect(await local.json()).toEqual({ mode: "local", trash_retention_days: 90 });
  });

  it("passes upstream errors through with their status and detail", async () => {
    const missing = await via(front, "/api/assets/asset_doesnotexist0000000000");
    expect(missing.res.status).toBe(404);
    expect(json(missing.bytes).detail).toMatch(/not found/);

    const { bytes } = await via(front, "/api/assets");
    const id = assetPageSchema.parse(json(bytes)).data[0].id;
    const invalid = await via(front, `/api/assets/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ latitude: 100, longitude: 0 }),
    });
    expect(invalid.res.status).toBe(422);
    expect(json(invalid.bytes).detail[0].loc).toEqual(["body", "latitude"]);
  });

  it("passes a 401 for a wrong key through with the upstream's detail", async () => {
    const wrong = await startFront({ apiKey: "not-the-right-gumnut-key" });
    for (const path of ["/api/assets", "/api/users/me"]) {
      const { res, bytes } = await via(wrong, path);
      expect(res.status).toBe(401);
      expect(json(bytes)).toEqual({ detail: MISSING_KEY_DETAIL });
      expect(res.headers.get("www-authenticate")).toBeNull();
    }
  });

  it("answers 502 with a clear detail when the upstream cannot be reached", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createTcpServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const down = await startFront({ baseUrl: `http://127.0.0.1:${closedPort}` });
    const { res, bytes } = await via(down, "/api/assets");
    expect(res.status).toBe(502);
    expect(json(bytes).detail).toMatch(
      /Could not reach the Gumnut server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    );
  });

  it("answers 504 when the upstream does not answer in time", async () => {
    const sockets: import("node:net").Socket[] = [];
    const silent = createTcpServer((socket) => sockets.push(socket)); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          silent.close(() => resolve());
        }),
    );
    const slow = await startFront({
      baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      timeoutMs: 300,
    });
    const started = Date.now();
    const { res, bytes } = await via(slow, "/api/assets");
    expect(res.status).toBe(504);
    expect(json(bytes)).toEqual({ detail: "The Gumnut server did not answer within 0.3 s; try again" });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("times only the wait for the answer: an upload slower than the timeout is not cut off", async () => {
    const base = await startRawUpstream((req, res) => {
      req.resume();
      req.on("end", () => res.end(JSON.stringify({ ok: true })));
    });
    const front = await startFront({ baseUrl: base, timeoutMs: 300 });
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (let i = 0; i < 4; i++) {
          controller.enqueue(new Uint8Array(1024));
          await new Promise((r) => setTimeout(r, 200));
        }
        controller.close();
      },
    });
    const { res, bytes } = await record(
      await fetch(front.url("/api/assets"), {
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=x" },
        body,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(200);
    expect(json(bytes)).toEqual({ ok: true });
  });

  it("streams the request body out as it arrives, and the response back as it comes", async () => {
    let firstChunkAt = 0;
    let requestEndedAt = 0;
    const base = await startRawUpstream((req, res) => {
      req.once("data", () => {
        firstChunkAt = Date.now();
        // Answer at once with headers and a first chunk; the rest follows later.
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("first;");
      });
      req.on("end", () => {
        requestEndedAt = Date.now();
        setTimeout(() => res.end("last"), 150);
      });
    });
    const streaming = await startFront({ baseUrl: base });

    let sendRest: () => void = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("part one;"));
        sendRest = () => {
          controller.enqueue(new TextEncoder().encode("part two"));
          controller.close();
        };
      },
    });
    // Multipart, as an upload is (JSON bodies are small and checked against the size limit first).
    const res = await fetch(streaming.url("/api/assets"), {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x" },
      body,
      duplex: "half",
    } as RequestInit);
    // The headers and the first chunk arrived while the client had not finished sending.
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("first;");
    expect(firstChunkAt).toBeGreaterThan(0);
    expect(requestEndedAt).toBe(0);
    sendRest();
    let rest = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    expect(rest).toBe("last");
    expect(requestEndedAt).toBeGreaterThan(0);
  });

  it("sends only the upstream key: never the browser's cookie, origin or this server's own key", async () => {
    let received: IncomingMessage["headers"] = {};
    const base = await startRawUpstream((req, res) => {
      received = req.headers;
      // A careless upstream that echoes the credential in an error and a header.
      res.writeHead(400, {
        "content-type": "application/json",
        "x-debug-auth": String(req.headers.authorization),
        "set-cookie": "upstream=1",
      });
      res.end(JSON.stringify({ detail: `bad request with ${req.headers.authorization}` }));
    });
    const guarded = await startFront({ baseUrl: base }, { apiKey: FRONT_KEY });
    const { res, bytes } = await via(guarded, "/api/assets?x=1", {
      method: "POST",
      headers: {
        authorization: `Bearer ${FRONT_KEY}`,
        cookie: "gumleaf_session_x=abc",
        "content-type": "application/json",
        "x-stainless-retry-count": "0",
      },
      body: "{}",
    });
    expect(received.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
    expect(received.cookie).toBeUndefined();
    expect(received["x-stainless-retry-count"]).toBe("0");
    expect(res.status).toBe(400);
    expect(json(bytes)).toEqual({ detail: "bad request with Bearer [redacted]" });
    expect(res.headers.get("x-debug-auth")).toBeNull();
    expect(res.headers.get("set-cookie")).toBeNull();

    // Without this server's own key, nothing is forwarded at all.
    const refused = await via(guarded, "/api/assets");
    expect(refused.res.status).toBe(401);
  });

  it("never shows the upstream key in a response or a log line", () => {
    expect(seen.length).toBeGreaterThan(20);
    for (const text of seen) expect(text).not.toContain(UPSTREAM_KEY);
    expect(logs.length).toBeGreaterThan(0); // the 502 and 504 were logged
    for (const line of logs) expect(line).not.toContain(UPSTREAM_KEY);
  });
});
