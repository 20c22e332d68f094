import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countsPageSchema, validationErrorSchema } from "../../src/api/schemas";
import { FIXTURES, getJson, listAll, patch, removeDir, startServer, type TestServer, uploadOk } from "./harness";

let ts: TestServer;
const png = readFileSync(join(FIXTURES, "no-metadata.png"));
/** id → capture time (file_created_at, since the PNG carries none) */
const times = new Map<string, string>();

// 45 assets over three years, with several sharing the exact same time (ties).
function captureTime(i: number): string {
  const month = (i % 12) + 1;
  const year = 2020 + (i % 3);
  const day = i % 5 === 0 ? 1 : (i % 27) + 1;
  const hour = i % 4 === 0 ? 0 : 12;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00`;
}

beforeAll(async () => {
  ts = await startServer({ jobConcurrency: 0 });
  for (let i = 0; i < 45; i++) {
    const t = captureTime(i);
    const bytes = Buffer.concat([png, Buffer.from(`#${i}`)]);
    const a = await uploadOk(ts, `p${i}.png`, { bytes, fields: { file_created_at: `${t}+00:00` } });
    times.set(a.id, t);
  }
});
afterAll(async () => {
  await ts.close();
  removeDir(ts.dataDir);
});

async function pageThrough(query: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let after = "";
  for (let guard = 0; guard < 100; guard++) {
    const page = await listAll(ts, `${query}&limit=${limit}${after ? `&starting_after_id=${after}` : ""}`);
    ids.push(...page.data.map((a) => a.id));
    if (!page.has_more) {
      expect(page.data.length).toBeLessThanOrEqual(limit);
      return ids;
    }
    expect(page.data.length).toBe(limit);
    after = page.data[page.data.length - 1].id;
  }
  throw new Error("did not finish");
}

function expectedOrder(dir: "asc" | "desc"): string[] {
  const sorted = [...times].sort(([ia, ta], [ib, tb]) => (ta === tb ? (ia < ib ? -1 : 1) : ta < tb ? -1 : 1));
  const ids = sorted.map(([id]) => id);
  return dir === "asc" ? ids : ids.reverse();
}

describe("GET /api/assets", () => {
  it.each([1, 7, 20, 45, 200])(
    "pages with limit %i: no gap, no duplicate, exact has_more, newest first",
    async (limit) => {
      const ids = await pageThrough("order=desc", limit);
      expect(ids).toEqual(expectedOrder("desc"));
    },
  );

  it("ascending order breaks ties by id ascending", async () => {
    expect(await pageThrough("order=asc", 6)).toEqual(expectedOrder("asc"));
  });

  it("defaults to 20 per page and the lean shape", async () => {
    const page = await listAll(ts, "");
    expect(page.data).toHaveLength(20);
    expect(page.has_more).toBe(true);
    expect(Object.keys(page.data[0].asset_urls ?? {})).toEqual(["thumbnail"]);
    expect(page.data[0].metadata).toBeNull();
    expect(page.data[0].file_data).toBeNull();
  });

  it("include opens groups; repeated and comma forms both work; unknown token is 422", async () => {
    const a = await listAll(ts, "limit=1&include=metadata&include=file_data,variants");
    expect(a.data[0].metadata).not.toBeNull();
    expect(a.data[0].file_data).not.toBeNull();
    expect(Object.keys(a.data[0].asset_urls ?? {})).toHaveLength(5);
    const bad = await getJson(ts, "/api/assets?include=metadata,exif");
    expect(bad.status).toBe(422);
    expect(validationErrorSchema.parse(bad.body).detail[0].loc).toEqual(["query", "include"]);
  });

  it.each([
    "limit=0",
    "limit=201",
    "limit=x",
    "order=up",
    "state=gone",
    "ratings=7",
    "media_type=audio",
    "bbox=1,2,3",
    "bbox=0,-91,1,1",
    "local_datetime_after=soon",
    "starting_after_id=asset_nope",
    "center=1,2",
  ])("422 for %s", async (q) => {
    const r = await getJson(ts, `/api/assets?${q}`);
    expect(r.status).toBe(422);
    validationErrorSchema.parse(r.body);
  });

  it("ids filter, in any of the array forms", async () => {
    const some = [...times.keys()].slice(0, 3);
    const r1 = await listAll(ts, `ids=${some.join(",")}`);
    const r2 = await listAll(ts, some.map((id) => `ids=${id}`).join("&"));
    const r3 = await listAll(ts, some.map((id) => `ids[]=${id}`).join("&"));
    for (const r of [r1, r2, r3]) expect(r.data.map((a) => a.id).sort()).toEqual([...some].sort());
  });

  it("date bounds are exclusive at both ends; a month window uses the -1 µs rule", async () => {
    const page = await listAll(
      ts,
      "local_datetime_after=2021-04-30T23:59:59.999999&local_datetime_before=2021-06-01T00:00:00&limit=200",
    );
    const want = [...times].filter(([, t]) => t >= "2021-05-01" && t < "2021-06-01").map(([id]) => id);
    expect(page.data.map((a) => a.id).sort()).toEqual(want.sort());
    // The asset taken exactly at midnight on the 1st is in the window.
    expect(want.some((id) => times.get(id) === "2021-05-01T00:00:00")).toBe(true);
    const exact = [...times.values()][0];
    const excl = await listAll(ts, `local_datetime_after=${exact}&local_datetime_before=${exact}`);
    expect(excl.data).toHaveLength(0);
  });

  it("an aware bound compares aware assets as instants", async () => {
    // 2020-01-01T00:00:00+00:00 is 2020-01-01T09:00:00+09:00: the asset at 00:00Z is not after 09:00+09:00.
    const r = await listAll(
      ts,
      `local_datetime_after=${encodeURIComponent("2020-01-01T09:00:00+09:00")}&order=asc&limit=200`,
    );
    const earliest = expectedOrder("asc")[0];
    expect(times.get(earliest)).toBe("2020-01-01T00:00:00");
    expect(r.data.map((a) => a.id)).not.toContain(earliest);
    const r2 = await listAll(
      ts,
      `local_datetime_after=${encodeURIComponent("2020-01-01T08:59:59+09:00")}&order=asc&limit=200`,
    );
    expect(r2.data[0].id).toBe(earliest);
  });

  it("bbox, including a box that crosses the antimeridian, and center+radius", async () => {
    const [fiji, alaska, paris] = [...times.keys()].slice(0, 3);
    await patch(ts, fiji, { latitude: -17.7, longitude: 178.0 });
    await patch(ts, alaska, { latitude: 52.0, longitude: -176.0 });
    await patch(ts, paris, { latitude: 48.8584, longitude: 2.2945 });
    const cross = await listAll(ts, "bbox=170,-30,-170,60&limit=200");
    expect(cross.data.map((a) => a.id).sort()).toEqual([fiji, alaska].sort());
    const europe = await listAll(ts, "bbox=-10,35,30,60&limit=200");
    expect(europe.data.map((a) => a.id)).toEqual([paris]);
    const near = await listAll(ts, "center=2.35,48.85&radius=10000");
    expect(near.data.map((a) => a.id)).toEqual([paris]);
    const far = await listAll(ts, "center=2.35,48.85&radius=1000");
    expect(far.data).toHaveLength(0);
    const both = await getJson(ts, "/api/assets?bbox=0,0,1,1&center=0,0&radius=5");
    expect(both.status).toBe(422);
  });

  it("state: trashed assets are hidden by default and listed by trash time with state=trashed", async () => {
    const [a, b] = [...times.keys()].slice(5, 7);
    ts.db.prepare("UPDATE assets SET trashed_at = ? WHERE id = ?").run("2024-01-01T00:00:00.000Z", a);
    ts.db.prepare("UPDATE assets SET trashed_at = ? WHERE id = ?").run("2024-02-01T00:00:00.000Z", b);
    const live = await pageThrough("order=desc", 50);
    expect(live).not.toContain(a);
    expect(live).toHaveLength(43);
    const trashed = await listAll(ts, "state=trashed");
    expect(trashed.data.map((x) => x.id)).toEqual([b, a]);
    expect((await listAll(ts, "state=all&limit=200")).data).toHaveLength(45);
    const one = await getJson(ts, `/api/assets/${a}`);
    expect(one.status).toBe(200);
    ts.db.prepare("UPDATE assets SET trashed_at = NULL WHERE id IN (?, ?)").run(a, b);
  });

  it("GET /api/assets/{id}: 404 for an unknown id, 422 for an unknown include", async () => {
    expect((await getJson(ts, "/api/assets/asset_missing")).status).toBe(404);
    const id = [...times.keys()][0];
    expect((await getJson(ts, `/api/assets/${id}?include=everything`)).status).toBe(422);
  });
});

async function counts(query: string) {
  const r = await getJson(ts, `/api/assets/counts?${query}`);
  expect(r.status).toBe(200);
  return countsPageSchema.parse(r.body);
}

function expectedBuckets(key: (t: string) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of times.values()) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return m;
}

describe("GET /api/assets/counts", () => {
  it("by month (default), newest first, naive buckets, paging with starting_after_bucket", async () => {
    const want = expectedBuckets((t) => `${t.slice(0, 7)}-01T00:00:00`);
    const got = new Map<string, number>();
    let after = "";
    for (let i = 0; i < 50; i++) {
      const page = await counts(`limit=5${after ? `&starting_after_bucket=${after}` : ""}`);
      for (const b of page.data) got.set(b.time_bucket, b.count);
      if (!page.has_more) break;
      after = page.data[page.data.length - 1].time_bucket;
    }
    expect(got).toEqual(want);
    const first = await counts("limit=200");
    const buckets = first.data.map((b) => b.time_bucket);
    expect(buckets).toEqual([...buckets].sort().reverse());
  });

  it("by day, week (Monday), and year, in both orders", async () => {
    const day = await counts("group_by=day&limit=200&order=asc");
    expect(new Map(day.data.map((b) => [b.time_bucket, b.count]))).toEqual(
      expectedBuckets((t) => `${t.slice(0, 10)}T00:00:00`),
    );
    const year = await counts("group_by=year");
    expect(year.data).toEqual([
      { time_bucket: "2022-01-01T00:00:00", count: 15 },
      { time_bucket: "2021-01-01T00:00:00", count: 15 },
      { time_bucket: "2020-01-01T00:00:00", count: 15 },
    ]);
    const week = await counts("group_by=week&limit=200");
    for (const b of week.data) expect(new Date(`${b.time_bucket}Z`).getUTCDay()).toBe(1);
    expect(week.data.reduce((s, b) => s + b.count, 0)).toBe(45);
  });

  it("a filtered count goes through the same rules (ids, bounds)", async () => {
    const ids = [...times.keys()].slice(0, 4);
    const page = await counts(`group_by=year&ids=${ids.join(",")}`);
    expect(page.data.reduce((s, b) => s + b.count, 0)).toBe(4);
    const bounded = await counts(
      "group_by=year&local_datetime_after=2021-01-01T00:00:00&local_datetime_before=2022-01-01T00:00:00",
    );
    const in2021 = [...times.values()].filter((t) => t > "2021-01-01T00:00:00" && t < "2022-01-01T00:00:00").length;
    expect(bounded.data).toEqual([{ time_bucket: "2021-01-01T00:00:00", count: in2021 }]);
  });

  it("day-aligned bounds (answered from per-day totals) agree with a full scan", async () => {
    const window = "local_datetime_after=2020-06-30T23:59:59.999999&local_datetime_before=2021-09-01T00:00:00";
    const fast = await counts(`group_by=day&limit=200&${window}`);
    // Asking for every rating forces the scanning query without changing the answer.
    const scan = await counts(`group_by=day&limit=200&${window}&ratings=0,1,2,3,4,5`);
    expect(fast.data.length).toBeGreaterThan(3);
    expect(fast).toEqual(scan);
    const want = [...times.values()].filter((t) => t >= "2020-07-01" && t < "2021-09-01").length;
    expect(fast.data.reduce((s, b) => s + b.count, 0)).toBe(want);
  });

  it("refuses bounds with an offset, and bad group_by", async () => {
    expect((await getJson(ts, "/api/assets/counts?local_datetime_after=2021-01-01T00:00:00Z")).status).toBe(422);
    expect((await getJson(ts, "/api/assets/counts?group_by=hour")).status).toBe(422);
  });

  it("a capture-time edit moves the asset between buckets", async () => {
    const id = [...times.keys()][10];
    const before = await counts("group_by=year&limit=10");
    await patch(ts, id, { original_datetime: "1999-06-01T12:00:00-07:00" });
    const after = await counts("group_by=year&limit=10");
    expect(after.data.at(-1)).toEqual({ time_bucket: "1999-01-01T00:00:00", count: 1 });
    const oldYear = `${times.get(id)?.slice(0, 4)}-01-01T00:00:00`;
    const count = (p: typeof before, y: string) => p.data.find((b) => b.time_bucket === y)?.count ?? 0;
    expect(count(after, oldYear)).toBe(count(before, oldYear) - 1);
    await patch(ts, id, { original_datetime: null });
    expect(await counts("group_by=year&limit=10")).toEqual(before);
  });

  it("trash moves counts out of the live totals", async () => {
    const id = [...times.keys()][12];
    const before = await counts("group_by=year");
    ts.db.prepare("UPDATE assets SET trashed_at = ? WHERE id = ?").run("2024-01-01T00:00:00.000Z", id);
    const live = await counts("group_by=year");
    const all = await counts("group_by=year&state=all");
    const trashed = await counts("group_by=year&state=trashed");
    expect(live.data.reduce((s, b) => s + b.count, 0)).toBe(44);
    expect(all).toEqual(before);
    expect(trashed.data.reduce((s, b) => s + b.count, 0)).toBe(1);
    ts.db.prepare("UPDATE assets SET trashed_at = NULL WHERE id = ?").run(id);
  });
});
