import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetSchema, validationErrorSchema } from "../../src/api/schemas";
import { getJson, listAll, patch, removeDir, startServer, type TestServer, uploadOk } from "./harness";

let ts: TestServer;
let tokyo: string; // has embedded GPS, description, rating, aware time
let png: string; // has nothing embedded

beforeAll(async () => {
  ts = await startServer();
  tokyo = (await uploadOk(ts, "canon-tokyo.jpg")).id;
  png = (await uploadOk(ts, "no-metadata.png", { fields: { file_created_at: "2017-01-02T03:04:05Z" } })).id;
  await ts.jobs.idle();
});
afterAll(async () => {
  await ts.close();
  removeDir(ts.dataDir);
});

const read = async (id: string) => assetSchema.parse((await getJson(ts, `/api/assets/${id}?include=metadata`)).body);

describe("PATCH /api/assets/{id}", () => {
  it("{} changes nothing and returns the full asset", async () => {
    const before = await read(tokyo);
    const r = await patch(ts, tokyo, {});
    expect(r.status).toBe(200);
    const a = assetSchema.parse(r.body);
    expect(a.updated_at).toBe(before.updated_at);
    expect(a.metadata).not.toBeNull();
    expect(a.file_data).not.toBeNull();
  });

  it("a missing or non-JSON body is a 422", async () => {
    const res = await fetch(ts.url(`/api/assets/${tokyo}`), { method: "PATCH", body: "" });
    expect(res.status).toBe(422);
    const res2 = await fetch(ts.url(`/api/assets/${tokyo}`), { method: "PATCH", body: "{nope" });
    expect(res2.status).toBe(422);
  });

  it("404 for an unknown asset", async () => {
    const r = await patch(ts, "asset_doesnotexist", { rating: 1 });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ detail: expect.stringMatching(/not found/) });
  });

  it("description: a value overrides, '' is a value, null lets the file's caption show again", async () => {
    let r = await patch(ts, tokyo, { description: "Mine" });
    expect(assetSchema.parse(r.body).metadata?.description).toBe("Mine");
    // The AI description is a different field and stays untouched.
    expect(assetSchema.parse(r.body).description).toBeNull();
    r = await patch(ts, tokyo, { description: "" });
    expect(assetSchema.parse(r.body).metadata?.description).toBe("");
    r = await patch(ts, tokyo, { description: null });
    expect(assetSchema.parse(r.body).metadata?.description).toBe("Tokyo Tower at noon");
    expect((await read(tokyo)).metadata?.description).toBe("Tokyo Tower at noon");
  });

  it("omitted keys are unchanged", async () => {
    await patch(ts, tokyo, { description: "kept" });
    await patch(ts, tokyo, { rating: 2 });
    const a = await read(tokyo);
    expect(a.metadata?.description).toBe("kept");
    expect(a.metadata?.rating).toBe(2);
    await patch(ts, tokyo, { description: null, rating: null });
  });

  it.each([
    [{ latitude: 10 }, ["body"]],
    [{ longitude: 10 }, ["body"]],
    [{ latitude: 10, longitude: null }, ["body"]],
    [{ latitude: null, longitude: 10 }, ["body"]],
    [{ latitude: 91, longitude: 0 }, ["body", "latitude"]],
    [{ latitude: 0, longitude: -180.5 }, ["body", "longitude"]],
    [{ latitude: "1", longitude: 2 }, ["body", "latitude"]],
    [{ rating: 6 }, ["body", "rating"]],
    [{ rating: 2.5 }, ["body", "rating"]],
    [{ original_datetime: "not a date" }, ["body", "original_datetime"]],
    [{ original_datetime: "2024-02-30T10:00:00" }, ["body", "original_datetime"]],
    [{ description: 5 }, ["body", "description"]],
  ])("422 for %j with loc %j, and nothing written", async (body, loc) => {
    const before = await read(tokyo);
    const r = await patch(ts, tokyo, body);
    expect(r.status).toBe(422);
    const err = validationErrorSchema.parse(r.body);
    expect(err.detail.map((d) => d.loc)).toContainEqual(loc);
    const after = await read(tokyo);
    expect(after.updated_at).toBe(before.updated_at);
    expect(after.metadata?.latitude).toBe(before.metadata?.latitude);
  });

  it("ignores unknown keys", async () => {
    const r = await patch(ts, tokyo, { favourite: true });
    expect(r.status).toBe(200);
  });

  it("location: set both, re-geocode; clear both and the file's GPS shows through again", async () => {
    let r = await patch(ts, tokyo, { latitude: 48.8584, longitude: 2.2945 });
    expect(r.status).toBe(200);
    let a = assetSchema.parse(r.body);
    expect(a.metadata?.latitude).toBe(48.8584);
    expect(a.metadata?.longitude).toBe(2.2945);
    await ts.jobs.idle();
    a = await read(tokyo);
    expect(a.metadata?.country_code).toBe("FR");
    expect(a.metadata?.timezone).toBe("Europe/Paris");
    expect(a.metadata?.display_label).toMatch(/France|Paris/);

    r = await patch(ts, tokyo, { latitude: null, longitude: null });
    a = assetSchema.parse(r.body);
    expect(a.metadata?.latitude).toBeCloseTo(35.658581, 5);
    await ts.jobs.idle();
    a = await read(tokyo);
    expect(a.metadata?.country_code).toBe("JP");
    expect(a.metadata?.timezone).toBe("Asia/Tokyo");
  });

  it("location on a file without GPS: clearing leaves no location and no place", async () => {
    await patch(ts, png, { latitude: -33.86, longitude: 151.21 });
    await ts.jobs.idle();
    expect((await read(png)).metadata?.country_code).toBe("AU");
    await patch(ts, png, { latitude: null, longitude: null });
    await ts.jobs.idle();
    const a = await read(png);
    expect(a.metadata?.latitude).toBeNull();
    expect(a.metadata?.longitude).toBeNull();
    expect(a.metadata?.country_code).toBeNull();
    expect(a.metadata?.display_label).toBeNull();
  });

  it("an aware datetime keeps its offset; a naive one stays naive; null falls back to the file, then the upload time", async () => {
    let a = assetSchema.parse((await patch(ts, tokyo, { original_datetime: "2020-01-01T10:00:00+05:45" })).body);
    expect(a.local_datetime).toBe("2020-01-01T10:00:00+05:45");
    expect(a.metadata?.original_datetime).toBe("2020-01-01T10:00:00+05:45");
    a = assetSchema.parse((await patch(ts, tokyo, { original_datetime: "1965-07-08T09:10:11.25" })).body);
    expect(a.local_datetime).toBe("1965-07-08T09:10:11.25");
    a = assetSchema.parse((await patch(ts, tokyo, { original_datetime: "2021-06-01T12:00:00-09:30" })).body);
    expect(a.local_datetime).toBe("2021-06-01T12:00:00-09:30");
    a = assetSchema.parse((await patch(ts, tokyo, { original_datetime: null })).body);
    expect(a.local_datetime).toBe("2023-04-02T14:03:05+09:00");

    a = assetSchema.parse((await patch(ts, png, { original_datetime: "2010-10-10T10:10:10Z" })).body);
    expect(a.local_datetime).toBe("2010-10-10T10:10:10+00:00");
    a = assetSchema.parse((await patch(ts, png, { original_datetime: null })).body);
    expect(a.local_datetime).toBe("2017-01-02T03:04:05+00:00");
    expect(a.metadata?.original_datetime).toBeNull();
  });

  it("a new capture time moves the asset in list order", async () => {
    await patch(ts, png, { original_datetime: "2030-01-01T00:00:00" });
    let page = await listAll(ts, "limit=200");
    expect(page.data[0].id).toBe(png);
    await patch(ts, png, { original_datetime: "1900-01-01T00:00:00" });
    page = await listAll(ts, "limit=200");
    expect(page.data.at(-1)?.id).toBe(png);
    await patch(ts, png, { original_datetime: null });
  });

  it("rating: 0..5, 0 masks the file's rating, null lets it show through", async () => {
    let a = assetSchema.parse((await patch(ts, tokyo, { rating: 0 })).body);
    expect(a.metadata?.rating).toBe(0);
    expect((await listAll(ts, "ratings=4")).data.map((x) => x.id)).not.toContain(tokyo);
    expect((await listAll(ts, "ratings=0")).data.map((x) => x.id)).toContain(tokyo);
    a = assetSchema.parse((await patch(ts, tokyo, { rating: 5 })).body);
    expect(a.metadata?.rating).toBe(5);
    a = assetSchema.parse((await patch(ts, tokyo, { rating: null })).body);
    expect(a.metadata?.rating).toBe(4);
    expect((await listAll(ts, "ratings=4")).data.map((x) => x.id)).toContain(tokyo);
    // An asset with no rating at all counts as unrated.
    expect((await listAll(ts, "ratings=0")).data.map((x) => x.id)).toContain(png);
  });

  it("bumps updated_at when something changed", async () => {
    const before = await read(tokyo);
    await new Promise((r) => setTimeout(r, 5));
    const a = assetSchema.parse((await patch(ts, tokyo, { description: "bump" })).body);
    expect(a.updated_at > before.updated_at).toBe(true);
  });
});
