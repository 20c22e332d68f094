/**
 * `npm run bench:api`: API latencies over a library of BENCH_ASSETS assets
 * (default 1,000,000), against the real server (createApp + @hono/node-server
 * on an ephemeral port, jobs paused), over real HTTP with keep-alive.
 *
 * The seeded database is cached under bench/.data/ and copied for each run, so
 * edits made by the PATCH measurements never leak into the next run.
 *
 * Exits non-zero when a request fails (non-2xx) or the bench itself breaks;
 * a missed latency target is reported as FAIL but is not an error.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import type { Statement } from "better-sqlite3";
import { createApp } from "../server/app";
import { loadSecret } from "../server/config";
import { type Db, openDatabase } from "../server/db/database";
import { createStorage } from "../server/storage";
import { assetPageSchema, countsPageSchema } from "../src/api/schemas";
import { CACHE_DIR, ensureSeededDb } from "./seed";

const COUNT = Number(process.env.BENCH_ASSETS ?? 1_000_000);
const WARMUP = 10;
const LIST_N = 100;
const COUNTS_N = 50;
const PATCH_N = 240;

// ---------------------------------------------------------------------------
// Statistics and reporting.

interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;

interface SummaryRow {
  label: string;
  value: number | null;
  target: number | null;
  /** p95 of the server's own handler time (routing, SQL, view, JSON), for comparison. */
  handlerP95: number | null;
}
const summary: SummaryRow[] = [];

function report(label: string, s: Measured, target: number | null, extra = ""): void {
  const targetText = target === null ? "" : `  (target p95 < ${target} ms)`;
  const handler = s.handler ? `  [handler p50 ${ms(s.handler.p50)}, p95 ${ms(s.handler.p95)}]` : "";
  console.log(
    `${label.padEnd(44)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  max ${ms(s.max).padStart(9)}  n=${s.n}${targetText}${handler}${extra}`,
  );
  summary.push({ label, value: s.p95, target, handlerP95: s.handler?.p95 ?? null });
}

// ---------------------------------------------------------------------------
// HTTP.

class RequestError extends Error {}

interface Timed {
  ms: number;
  status: number;
  body: string;
}

async function timedFetch(url: string, init?: RequestInit): Promise<Timed> {
  const started = performance.now();
  const res = await fetch(url, init);
  const body = await res.text(); // the whole body has arrived: that is the latency a client sees
  const elapsed = performance.now() - started;
  if (!res.ok) throw new RequestError(`${init?.method ?? "GET"} ${url} → ${res.status}: ${body.slice(0, 500)}`);
  return { ms: elapsed, status: res.status, body };
}

/**
 * Time spent inside the server's fetch handler per request (from the Request
 * to the Response with its JSON body built), filled by the wrapper in startServer.
 * The client runs in this same process, like the test harness; this separates
 * the server's share from the client's and the socket's.
 */
const handlerTimes: number[] = [];

interface Measured extends Stats {
  bytes: number;
  handler: Stats | null;
}

async function measure(n: number, request: (i: number) => Promise<Timed>, warmup = WARMUP): Promise<Measured> {
  for (let i = 0; i < warmup; i++) await request(-1 - i);
  const samples: number[] = [];
  let bytes = 0;
  const handlerFrom = handlerTimes.length;
  for (let i = 0; i < n; i++) {
    const t = await request(i);
    samples.push(t.ms);
    bytes = t.body.length;
  }
  const handler = handlerTimes.slice(handlerFrom);
  return { ...stats(samples), bytes, handler: handler.length === n ? stats(handler) : null };
}

// ---------------------------------------------------------------------------
// Server.

interface BenchServer {
  base: string;
  db: Db;
  /** Every SQL text the server prepared, in order. */
  prepared: string[];
  close(): Promise<void>;
}

async function startServer(dataDir: string): Promise<BenchServer> {
  const storage = createStorage(dataDir);
  storage.sweepTmp();
  const db = openDatabase(join(dataDir, "gumleaf.db"));
  // Record the SQL the server prepares, to show the real statements' query plans.
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db) as (sql: string) => Statement;
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as Db["prepare"];
  const { app, jobs } = createApp({ db, storage, secret: loadSecret(dataDir), jobConcurrency: 0, log: () => {} });
  jobs.start();
  const server = serve({
    fetch: async (request, env) => {
      const started = performance.now();
      const response = await app.fetch(request, env);
      handlerTimes.push(performance.now() - started);
      return response;
    },
    hostname: "127.0.0.1",
    port: 0,
  });
  // The SQL-only measurements block the event loop for seconds; a longer keep-alive keeps the
  // server from closing an idle socket just as the client reuses it (ECONNRESET).
  if ("keepAliveTimeout" in server) server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    db,
    prepared,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await jobs.stop();
      db.close();
    },
  };
}

// ---------------------------------------------------------------------------
// Query plans.

interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

function explain(db: Db, sql: string): string {
  const names = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]))];
  const stmt = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  // Plans do not depend on the values (no sqlite_stat4); bind NULLs.
  const rows = (
    names.length > 0
      ? stmt.all(Object.fromEntries(names.map((n) => [n, null])))
      : stmt.all(...new Array<null>((sql.match(/\?/g) ?? []).length).fill(null))
  ) as PlanRow[];
  const depth = new Map<number, number>([[0, 0]]);
  return rows
    .map((r) => {
      const d = (depth.get(r.parent) ?? 0) + 1;
      depth.set(r.id, d);
      return `${"   ".repeat(d)}${r.detail}`;
    })
    .join("\n");
}

const oneLine = (sql: string) => sql.replace(/\s+/g, " ").trim();

// ---------------------------------------------------------------------------
// Run directory: a fresh copy of the cached database per run.

function cleanStaleRuns(): void {
  if (!existsSync(CACHE_DIR)) return;
  for (const name of readdirSync(CACHE_DIR)) {
    const m = /^run-(\d+)$/.exec(name);
    if (!m) continue;
    let alive = true;
    try {
      process.kill(Number(m[1]), 0);
    } catch {
      alive = false;
    }
    if (!alive) rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
  }
}

/** A small deterministic PRNG for picking assets and edit values. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

interface IngestResult {
  medianMs: number;
  p95Ms: number;
  runs: number;
}

function isIngestModule(m: unknown): m is { benchIngest: () => Promise<IngestResult> } {
  return typeof m === "object" && m !== null && "benchIngest" in m && typeof m.benchIngest === "function";
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!Number.isInteger(COUNT) || COUNT < 1000) throw new Error(`BENCH_ASSETS must be an integer ≥ 1000, got ${COUNT}`);
  console.log(`Gumleaf API bench: ${COUNT.toLocaleString("en")} assets, Node ${process.version}`);

  const seeded = ensureSeededDb(COUNT, { log: (m) => console.log(m) });
  if (seeded.stats) {
    const s = seeded.stats;
    console.log(
      `seeded ${s.rows.toLocaleString("en")} assets in ${(s.totalMs / 1000).toFixed(1)} s ` +
        `(rows ${(s.insertMs / 1000).toFixed(1)} s, indexes ${(s.indexMs / 1000).toFixed(1)} s, ` +
        `day counts ${(s.dayCountsMs / 1000).toFixed(1)} s); ${s.days} days with photos, busiest ${s.busiestDay.day} with ${s.busiestDay.count}`,
    );
    const pct = (n: number) => `${((100 * n) / s.rows).toFixed(1)}%`;
    console.log(
      `mix: ${pct(s.mix.withOffset)} with a UTC offset, ${pct(s.mix.geotagged)} geotagged, ${pct(s.mix.rated)} rated 1-5, ` +
        `${pct(s.mix.videos)} videos, ${pct(s.mix.ties)} share local_dt with the previous shot`,
    );
  } else {
    console.log(`using cached database ${seeded.file}`);
  }

  cleanStaleRuns();
  const runDir = join(CACHE_DIR, `run-${process.pid}`);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const copyStarted = performance.now();
  copyFileSync(seeded.file, join(runDir, "gumleaf.db"));
  console.log(`copied the database for this run in ${((performance.now() - copyStarted) / 1000).toFixed(1)} s`);

  const server = await startServer(runDir);
  try {
    await run(server);
  } finally {
    await server.close();
    rmSync(runDir, { recursive: true, force: true });
  }
}

async function run(server: BenchServer): Promise<void> {
  const { base, db } = server;
  const libraryId = String(db.prepare("SELECT id FROM libraries LIMIT 1").pluck().get());
  const total = Number(
    db.prepare("SELECT COUNT(*) FROM assets WHERE library_id = ? AND trashed_at IS NULL").pluck().get(libraryId),
  );
  const nth = db.prepare(
    "SELECT id, local_dt FROM assets WHERE library_id = ? AND trashed_at IS NULL ORDER BY local_dt DESC, id DESC LIMIT 1 OFFSET ?",
  );
  const middle = nth.get(libraryId, Math.floor(total / 2)) as { id: string; local_dt: string };
  // The cursor 201 rows from the end: the page after it is the last 200 rows, with has_more false.
  const nearEnd = nth.get(libraryId, total - 201) as { id: string; local_dt: string };
  const month = middle.local_dt.slice(0, 7);
  const [y, m] = month.split("-").map(Number);
  const nextMonth = m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
  const windowAfter = `${month}-01T00:00:00`;
  const windowBefore = `${nextMonth}-01T00:00:00`;

  const urls = {
    first: `${base}/api/assets?limit=200`,
    middle: `${base}/api/assets?limit=200&starting_after_id=${middle.id}`,
    last: `${base}/api/assets?limit=200&starting_after_id=${nearEnd.id}`,
    window: `${base}/api/assets?limit=200&local_datetime_after=${windowAfter}&local_datetime_before=${windowBefore}`,
    windowAware: `${base}/api/assets?limit=200&local_datetime_after=${encodeURIComponent(`${windowAfter}Z`)}&local_datetime_before=${encodeURIComponent(`${windowBefore}Z`)}`,
    month: `${base}/api/assets/counts?group_by=month&limit=200`,
    day: `${base}/api/assets/counts?group_by=day&limit=200`,
    year: `${base}/api/assets/counts?group_by=year&limit=200`,
  };

  // One request of each kind first: checks the responses and makes the server prepare its statements.
  const firstPage = assetPageSchema.parse(JSON.parse((await timedFetch(urls.first)).body));
  const lastPage = assetPageSchema.parse(JSON.parse((await timedFetch(urls.last)).body));
  const windowPage = assetPageSchema.parse(JSON.parse((await timedFetch(urls.window)).body));
  const monthPage = countsPageSchema.parse(JSON.parse((await timedFetch(urls.month)).body));
  await timedFetch(urls.middle);
  await timedFetch(urls.day);
  await timedFetch(urls.year);
  if (firstPage.data.length !== 200 || !firstPage.has_more)
    throw new Error("first page should hold 200 assets and more");
  if (lastPage.data.length !== 200 || lastPage.has_more) throw new Error("last page should hold the final 200 assets");
  console.log(
    `library: ${total.toLocaleString("en")} live assets, newest ${firstPage.data[0].local_datetime}, ` +
      `oldest ${lastPage.data[lastPage.data.length - 1].local_datetime}; ${monthPage.data.length} months on the first counts page; ` +
      `window ${month} holds ${windowPage.data.length}${windowPage.has_more ? "+" : ""} on its first page`,
  );

  // The server's statements so far (the bench's own come later).
  const serverSql = [...server.prepared];
  console.log("\n== Query plans of the statements the server prepared ==");
  const seen = new Set<string>();
  for (const sql of serverSql) {
    const line = oneLine(sql);
    const interesting =
      /^SELECT \* FROM assets WHERE library_id = @libraryId/.test(line) ||
      /FROM asset_day_counts/.test(line) ||
      line === "SELECT * FROM assets WHERE id = ? AND library_id = ?";
    if (!interesting || seen.has(line)) continue;
    seen.add(line);
    console.log(`\n${line}\n${explain(db, sql)}`);
  }

  console.log("\n== Latency over HTTP (sequential requests, keep-alive, after warm-up) ==");
  const list = async (label: string, url: string) => {
    const s = await measure(LIST_N, () => timedFetch(url));
    report(label, s, 15, `  ${(s.bytes / 1024).toFixed(0)} KiB`);
  };
  await list("list first page (limit 200)", urls.first);
  await list("list middle page (cursor at 50%)", urls.middle);
  await list("list last page (cursor 201 from end)", urls.last);

  for (const [label, url] of [
    ["counts group_by=month limit=200", urls.month],
    ["counts group_by=day limit=200", urls.day],
    ["counts group_by=year limit=200", urls.year],
  ] as const) {
    report(label, await measure(COUNTS_N, () => timedFetch(url)), 100);
  }

  // PATCH: four kinds of edit, round robin, each on a random asset.
  const rand = lcg(0xbe7c4);
  const maxRowid = Number(db.prepare("SELECT MAX(rowid) FROM assets").pluck().get());
  const idAt = db.prepare("SELECT id FROM assets WHERE rowid >= ? ORDER BY rowid LIMIT 1").pluck();
  const randomId = () => String(idAt.get(1 + Math.floor(rand() * maxRowid)));
  const offsets = ["+10:00", "-07:00", "+05:45", "+00:00", "+01:00", "-03:30"];
  const kinds = ["description", "rating", "datetime", "location"] as const;
  const bodyFor = (kind: (typeof kinds)[number], i: number): unknown => {
    switch (kind) {
      case "description":
        return { description: `Bench edit ${i} ${rand().toString(36).slice(2, 10)}` };
      case "rating":
        return { rating: Math.floor(rand() * 6) };
      case "datetime": {
        const d = new Date(Date.UTC(2000, 0, 1) + Math.floor(rand() * 25 * 365.25 * 86_400_000));
        const wall = d.toISOString().slice(0, 19);
        return { original_datetime: `${wall}${offsets[Math.floor(rand() * offsets.length)]}` };
      }
      case "location":
        return {
          latitude: Math.round((rand() * 160 - 80) * 1e6) / 1e6,
          longitude: Math.round((rand() * 360 - 180) * 1e6) / 1e6,
        };
    }
  };
  const patchTimes = new Map<string, number[]>(kinds.map((k) => [k, []]));
  const patchOnce = async (i: number) => {
    const kind = kinds[(i < 0 ? -i : i) % kinds.length];
    const t = await timedFetch(`${base}/api/assets/${randomId()}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(bodyFor(kind, i)),
    });
    if (i >= 0) patchTimes.get(kind)?.push(t.ms);
    return t;
  };
  report("PATCH /api/assets/{id} (4 kinds, random)", await measure(PATCH_N, patchOnce, 20), 10);
  for (const kind of kinds) {
    const s = stats(patchTimes.get(kind) ?? []);
    console.log(
      `   ${kind.padEnd(12)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  max ${ms(s.max).padStart(9)}  n=${s.n}`,
    );
  }

  const windowStats = await measure(LIST_N, () => timedFetch(urls.window));
  report(`list ${month} window (naive bounds)`, windowStats, 15, `  ${(windowStats.bytes / 1024).toFixed(0)} KiB`);
  // Informational: the same window with UTC bounds takes the CASE path (instants), which no index serves.
  const awareStats = await measure(5, () => timedFetch(urls.windowAware), 1);
  report(`list ${month} window (UTC "Z" bounds) [info]`, awareStats, null);

  // Where the list time goes: the same SQL straight on the connection, no HTTP and no JSON.
  console.log("\n== SQL alone (same statement and parameters, no HTTP/JSON) ==");
  const listSql = (withCursor: boolean, withWindow: boolean) =>
    serverSql.find(
      (s) =>
        s.startsWith("SELECT * FROM assets WHERE library_id = @libraryId") &&
        s.includes("@cursorKey") === withCursor &&
        s.includes("@local_datetime_after") === withWindow &&
        !s.includes("_utc"),
    );
  const sqlCases: [string, string | undefined, Record<string, unknown>][] = [
    ["first page", listSql(false, false), { libraryId, limit: 201 }],
    ["middle page", listSql(true, false), { libraryId, limit: 201, cursorKey: middle.local_dt, cursorId: middle.id }],
    ["last page", listSql(true, false), { libraryId, limit: 201, cursorKey: nearEnd.local_dt, cursorId: nearEnd.id }],
    [
      "month window",
      listSql(false, true),
      {
        libraryId,
        limit: 201,
        local_datetime_after: `${windowAfter}.000000`,
        local_datetime_before: `${windowBefore}.000000`,
      },
    ],
  ];
  for (const [label, sql, params] of sqlCases) {
    if (!sql) {
      console.log(`   ${label}: statement not found`);
      continue;
    }
    const stmt = db.prepare(sql);
    const samples: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      stmt.all(params);
      if (i >= 10) samples.push(performance.now() - t);
    }
    const s = stats(samples);
    console.log(`   ${label.padEnd(14)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  n=${s.n}`);
  }

  await prototypes(server, { libraryId, total, base, windowAfter, windowBefore, listFirstSql: listSql(false, false) });

  // Ingest, from the sibling bench when it is there.
  console.log("\n== Ingest ==");
  const ingestPath = fileURLToPath(new URL("./ingest-bench.ts", import.meta.url));
  let ingest: IngestResult | null = null;
  if (!existsSync(ingestPath)) {
    console.log("ingest bench not available");
  } else {
    let mod: unknown = null;
    try {
      mod = await import(new URL("./ingest-bench.ts", import.meta.url).href);
    } catch (err) {
      console.log(`ingest bench not available (${err instanceof Error ? err.message : String(err)})`);
    }
    if (isIngestModule(mod)) {
      ingest = await mod.benchIngest();
      console.log(
        `ingest 24 MP JPEG → variants + thumbhash: median ${ingest.medianMs} ms, p95 ${ingest.p95Ms} ms (n=${ingest.runs})`,
      );
    } else if (mod !== null) {
      console.log("ingest bench not available (bench/ingest-bench.ts exports no benchIngest)");
    }
  }

  console.log("\n== Summary ==");
  for (const row of summary) {
    const value = row.value === null ? "n/a" : ms(row.value);
    const verdict = row.target === null ? "info" : row.value !== null && row.value < row.target ? "PASS" : "FAIL";
    const target = row.target === null ? "" : `(target < ${row.target} ms)`;
    const handler = row.handlerP95 === null ? "" : `   (server handler p95 ${ms(row.handlerP95)})`;
    console.log(`${`${row.label} p95`.padEnd(50)} ${value.padStart(9)} ${target.padEnd(20)} ${verdict}${handler}`);
  }
  if (ingest) {
    console.log(
      `${"ingest 24 MP median / p95".padEnd(50)} ${`${ingest.medianMs} / ${ingest.p95Ms} ms`.padStart(9)} ${"(no target)".padEnd(20)} info`,
    );
  } else {
    console.log(`${"ingest".padEnd(50)} ${"n/a".padStart(9)} ${"".padEnd(20)} not available`);
  }
}

/**
 * Possible server changes, tried with plain SQL on this run's copy of the
 * database (never the cache), so their effect is measured, not guessed.
 */
async function prototypes(
  server: BenchServer,
  ctx: {
    libraryId: string;
    total: number;
    base: string;
    windowAfter: string;
    windowBefore: string;
    listFirstSql: string | undefined;
  },
): Promise<void> {
  const { db } = server;
  const { libraryId } = ctx;
  const sqlStats = (run: () => unknown, n = 30): Stats => {
    for (let i = 0; i < 3; i++) run();
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      run();
      samples.push(performance.now() - t);
    }
    return stats(samples);
  };
  const line = (label: string, s: Stats) =>
    console.log(`   ${label.padEnd(58)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  n=${s.n}`);
  console.log("\n== Prototypes: candidate server changes, plain SQL on this run's copy ==");

  // A. UTC ("Z"/offset) bounds: the CASE filter cannot use an index, so the list walks the
  // whole order index. Offsets are within ±18:59 (capture-time.ts), so every match also has
  // local_dt inside the naive window widened by 19 h: an extra, sargable range on local_dt.
  const wall = (s: string) => `${s}.000000`;
  const shift = (w: string, hours: number) =>
    new Date(Date.parse(`${w}Z`) + hours * 3_600_000).toISOString().slice(0, 19);
  const caseSql = `SELECT * FROM assets WHERE library_id = @libraryId AND trashed_at IS NULL
    AND (CASE WHEN local_utc IS NOT NULL THEN local_utc > @a_utc ELSE local_dt > @a_wall END)
    AND (CASE WHEN local_utc IS NOT NULL THEN local_utc < @b_utc ELSE local_dt < @b_wall END) %EXTRA%
    ORDER BY local_dt DESC, id DESC LIMIT 201`;
  const bounds = {
    libraryId,
    a_utc: wall(ctx.windowAfter),
    a_wall: wall(ctx.windowAfter),
    b_utc: wall(ctx.windowBefore),
    b_wall: wall(ctx.windowBefore),
  };
  const current = db.prepare(caseSql.replace("%EXTRA%", ""));
  const widened = db.prepare(caseSql.replace("%EXTRA%", "AND local_dt > @lo AND local_dt < @hi"));
  const widenedParams = { ...bounds, lo: wall(shift(ctx.windowAfter, -19)), hi: wall(shift(ctx.windowBefore, 19)) };
  const idsOf = (rows: unknown[]) => (rows as { id: string }[]).map((r) => r.id).join(",");
  const same = idsOf(current.all(bounds)) === idsOf(widened.all(widenedParams));
  console.log(`A. list with UTC bounds: add \`AND local_dt > @lo AND local_dt < @hi\` (bounds widened by 19 h)`);
  console.log(`   plan now:       ${explain(db, caseSql.replace("%EXTRA%", "")).trim()}`);
  console.log(
    `   plan proposed:  ${explain(db, caseSql.replace("%EXTRA%", "AND local_dt > @lo AND local_dt < @hi")).trim()}`,
  );
  line(
    "current SQL",
    sqlStats(() => current.all(bounds), 5),
  );
  line(
    `with the widened local_dt range (same 201 rows: ${same ? "yes" : "NO"})`,
    sqlStats(() => widened.all(widenedParams)),
  );

  // B. The live list uses assets_all_order (the planner does not prefer the partial index,
  // even after ANALYZE), so trashed rows at the top are stepped over one table row at a time.
  const trashN = Math.min(20_000, Math.floor(ctx.total / 10));
  console.log(
    `B. live list: force the partial index (\`INDEXED BY assets_live_order\`), shown with the newest ${trashN.toLocaleString("en")} trashed`,
  );
  const firstSql = ctx.listFirstSql;
  if (firstSql) {
    const params = { libraryId, limit: 201 };
    const forcedSql = firstSql.replace("FROM assets WHERE", "FROM assets INDEXED BY assets_live_order WHERE");
    db.exec("BEGIN");
    try {
      db.prepare(
        `UPDATE assets SET trashed_at = '2025-01-01T00:00:00.000Z' WHERE id IN
         (SELECT id FROM assets WHERE library_id = ? ORDER BY local_dt DESC, id DESC LIMIT ?)`,
      ).run(libraryId, trashN);
      const dflt = db.prepare(firstSql);
      const forced = db.prepare(forcedSql);
      line(
        "SQL, plan now (assets_all_order)",
        sqlStats(() => dflt.all(params)),
      );
      line(
        "SQL, INDEXED BY assets_live_order",
        sqlStats(() => forced.all(params)),
      );
      // The server shares this connection, so it sees the uncommitted trash too.
      const http = await measure(30, () => timedFetch(`${ctx.base}/api/assets?limit=200`), 3);
      line(`HTTP list first page now, with ${trashN.toLocaleString("en")} newest trashed`, http);
    } finally {
      db.exec("ROLLBACK");
    }
  }

  // C. SELECT * builds 52-property objects; the lean list view reads 17 columns.
  console.log("C. list SQL: select the lean view's columns instead of * when no include needs the rest");
  if (firstSql) {
    const params = { libraryId, limit: 201 };
    const lean = db.prepare(
      firstSql.replace(
        "SELECT *",
        `SELECT id, created_at, updated_at, original_file_name, mime_type, local_dt, local_offset, width, height, duration,
         ai_description, thumbhash, trashed_at, file_size_bytes, current_version_id, processing_state, variants_json`,
      ),
    );
    const star = db.prepare(firstSql);
    line(
      "SELECT * (now)",
      sqlStats(() => star.all(params)),
    );
    line(
      "SELECT 17 columns",
      sqlStats(() => lean.all(params)),
    );
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof RequestError ? `request failed: ${err.message}` : err);
    process.exit(1);
  },
);
