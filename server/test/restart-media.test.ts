import { afterAll, describe, expect, it } from "vitest";
import { assetSchema } from "../../src/api/schemas";
import { getJson, removeDir, startServer, type TestServer, uploadOk } from "./harness";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) removeDir(d);
});

describe("the background queue", () => {
  it("resumes queued and interrupted jobs after a restart", async () => {
    // First run: no workers, so the jobs stay queued; one is marked running as if the process died mid-job.
    let ts: TestServer = await startServer({ jobConcurrency: 0 });
    dirs.push(ts.dataDir);
    const a = await uploadOk(ts, "kathmandu.jpg");
    const b = await uploadOk(ts, "sydney-summer.jpg");
    const queued = ts.db.prepare("SELECT kind, asset_id, state FROM jobs ORDER BY id").all() as { state: string }[];
    expect(queued.length).toBe(4); // variants + geocode for each
    ts.db.prepare("UPDATE jobs SET state = 'running' WHERE asset_id = ? AND kind = 'variants'").run(a.id);
    await ts.close();

    ts = await startServer({ dataDir: ts.dataDir, jobConcurrency: 2 });
    await ts.jobs.idle();
    for (const id of [a.id, b.id]) {
      const asset = assetSchema.parse((await getJson(ts, `/api/assets/${id}?include=metadata`)).body);
      expect(asset.processing_state).toBe("ready");
      expect(asset.thumbhash).not.toBeNull();
      expect(asset.metadata?.country_code).toMatch(/^(NP|AU)$/);
    }
    expect(ts.db.prepare("SELECT COUNT(*) FROM jobs").pluck().get()).toBe(0);
    await ts.close();
  });

  it("records a failed job instead of retrying it forever", async () => {
    const ts = await startServer();
    dirs.push(ts.dataDir);
    const bad = await uploadOk(ts, "truncated.jpg");
    await ts.jobs.idle();
    const failed = ts.jobs.failed();
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ kind: "variants", asset_id: bad.id, attempts: 1 });
    expect(failed[0].last_error).toBeTruthy();
    await ts.close();
  });
});

describe("media URLs", () => {
  it("are signed: tampering or a missing signature is 403; the original supports Range", async () => {
    const ts = await startServer();
    dirs.push(ts.dataDir);
    const a = await uploadOk(ts, "canon-tokyo.jpg");
    await ts.jobs.idle();
    const thumbUrl = a.asset_urls?.thumbnail.url ?? "";
    expect(thumbUrl).toMatch(/sig=/);
    expect((await fetch(ts.url(thumbUrl))).status).toBe(200);
    const tampered = thumbUrl.replace(/size=thumbnail/, "size=preview");
    const t = await fetch(ts.url(tampered));
    expect(t.status).toBe(403);
    expect((await t.json()).detail).toMatch(/signature/);
    const unsigned = await fetch(ts.url(`/api/assets/${a.id}/thumbnail?size=thumbnail`));
    expect(unsigned.status).toBe(403);

    const originalUrl = a.asset_urls?.original.url ?? "";
    const full = await fetch(ts.url(originalUrl));
    expect(full.headers.get("content-disposition")).toMatch(/^attachment; filename="canon-tokyo.jpg"/);
    const whole = new Uint8Array(await full.arrayBuffer());
    const part = await fetch(ts.url(originalUrl), { headers: { Range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${whole.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(whole.subarray(100, 200));
    const bad = await fetch(ts.url(originalUrl), { headers: { Range: `bytes=${whole.length + 10}-` } });
    expect(bad.status).toBe(416);
    await ts.close();
  });

  it("expire", async () => {
    let now = Date.parse("2026-01-01T12:00:00Z");
    const ts = await startServer({ clock: () => new Date(now) });
    dirs.push(ts.dataDir);
    const a = await uploadOk(ts, "kathmandu.jpg");
    await ts.jobs.idle();
    const url = a.asset_urls?.thumbnail.url ?? "";
    expect((await fetch(ts.url(url))).status).toBe(200);
    now += 3 * 86_400_000;
    const r = await fetch(ts.url(url));
    expect(r.status).toBe(403);
    expect((await r.json()).detail).toMatch(/expired/);
    const fresh = assetSchema.parse((await getJson(ts, `/api/assets/${a.id}`)).body);
    expect((await fetch(ts.url(fresh.asset_urls?.thumbnail.url ?? ""))).status).toBe(200);
    await ts.close();
  });
});
