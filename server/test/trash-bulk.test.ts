import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetSchema } from "../../src/api/schemas";
import { FIXTURES, getJson, listAll, postJson, removeDir, startServer, type TestServer, uploadOk } from "./harness";

let ts: TestServer;
let now = Date.parse("2026-03-01T10:00:00Z");
const png = readFileSync(join(FIXTURES, "no-metadata.png"));
const ids: string[] = [];

beforeAll(async () => {
  ts = await startServer({ clock: () => new Date(now), trashRetentionDays: 30 });
  for (let i = 0; i < 6; i++) {
    const a = await uploadOk(ts, `t${i}.png`, { bytes: Buffer.concat([png, Buffer.from(`t${i}`)]) });
    ids.push(a.id);
  }
  await ts.jobs.idle();
});
afterAll(async () => {
  await ts.close();
  removeDir(ts.dataDir);
});

const files = (id: string) => {
  const row = ts.db.prepare("SELECT storage_path FROM assets WHERE id = ?").get(id) as { storage_path: string };
  return [join(ts.dataDir, row.storage_path), join(ts.dataDir, "variants", id.slice(-2), id)];
};

describe("trash, restore, delete", () => {
  it("trash hides assets, keeps their first trash time, ignores unknown ids; restore brings them back", async () => {
    expect(await postJson(ts, "/api/assets/trash", { ids: [ids[0], ids[1], "asset_unknown"] })).toEqual({
      status: 200,
      body: {},
    });
    const first = assetSchema.parse((await getJson(ts, `/api/assets/${ids[0]}`)).body).trashed_at;
    expect(first).toBe(new Date(now).toISOString());
    now += 60_000;
    await postJson(ts, "/api/assets/trash", { ids: [ids[0]] });
    expect(assetSchema.parse((await getJson(ts, `/api/assets/${ids[0]}`)).body).trashed_at).toBe(first);
    expect((await listAll(ts, "limit=200")).data.map((a) => a.id)).not.toContain(ids[0]);
    expect((await listAll(ts, "state=trashed")).data.map((a) => a.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect(await postJson(ts, "/api/assets/restore", { ids: [ids[1], ids[2]] })).toEqual({ status: 200, body: {} });
    expect((await listAll(ts, "state=trashed")).data.map((a) => a.id)).toEqual([ids[0]]);
    await postJson(ts, "/api/assets/restore", { ids: [ids[0]] });
  });

  it("validates the id list: 1 to 200", async () => {
    expect((await postJson(ts, "/api/assets/trash", { ids: [] })).status).toBe(422);
    expect((await postJson(ts, "/api/assets/trash", { ids: Array(201).fill("x") })).status).toBe(422);
    expect((await postJson(ts, "/api/assets/restore", {})).status).toBe(422);
  });

  it("DELETE /api/assets/{id} removes the row and its files; 404 after", async () => {
    const [original, variants] = files(ids[3]);
    expect(existsSync(original)).toBe(true);
    expect(existsSync(variants)).toBe(true);
    expect(await postJson(ts, `/api/assets/${ids[3]}`, undefined, "DELETE")).toEqual({ status: 200, body: {} });
    expect(existsSync(original)).toBe(false);
    expect(existsSync(variants)).toBe(false);
    expect((await getJson(ts, `/api/assets/${ids[3]}`)).status).toBe(404);
    expect((await postJson(ts, `/api/assets/${ids[3]}`, undefined, "DELETE")).status).toBe(404);
  });

  it("empty-trash permanently deletes every trashed asset and its files, and only those", async () => {
    const [original] = files(ids[4]);
    await postJson(ts, "/api/assets/trash", { ids: [ids[4]] });
    expect(await postJson(ts, "/api/assets/empty-trash")).toEqual({ status: 200, body: {} });
    expect(existsSync(original)).toBe(false);
    expect((await getJson(ts, `/api/assets/${ids[4]}`)).status).toBe(404);
    expect((await getJson(ts, `/api/assets/${ids[5]}`)).status).toBe(200);
    // The bytes can be uploaded again as a new asset.
    const again = await uploadOk(ts, "t4.png", { bytes: Buffer.concat([png, Buffer.from("t4")]) });
    expect(again.id).not.toBe(ids[4]);
    ids[4] = again.id;
  });

  it("trashed assets past the retention window are purged", async () => {
    await postJson(ts, "/api/assets/trash", { ids: [ids[5]] });
    now += 29 * 86_400_000;
    expect(await ts.services.trash.purgeExpired()).toBe(0);
    now += 2 * 86_400_000;
    expect(await ts.services.trash.purgeExpired()).toBe(1);
    expect((await getJson(ts, `/api/assets/${ids[5]}`)).status).toBe(404);
  });
});

describe("POST /api/assets/bulk-update", () => {
  const read = async (id: string) => assetSchema.parse((await getJson(ts, `/api/assets/${id}?include=metadata`)).body);

  it("applies each item's change", async () => {
    const r = await postJson(ts, "/api/assets/bulk-update", {
      updates: [
        { id: ids[0], change: { rating: 3, description: "one" } },
        { id: ids[1], change: { latitude: 1, longitude: 2 } },
      ],
    });
    expect(r).toEqual({ status: 200, body: {} });
    expect((await read(ids[0])).metadata).toMatchObject({ rating: 3, description: "one" });
    expect((await read(ids[1])).metadata).toMatchObject({ latitude: 1, longitude: 2 });
  });

  it.each([
    ["one invalid item", [{ rating: 1 }, { latitude: 5 }], 422],
    ["an unknown id", [{ rating: 1 }, { rating: 2 }], 404],
    ["the same id twice", [{ rating: 1 }, { rating: 2 }], 422],
  ])("rejects the whole batch for %s and writes nothing", async (what, changes, status) => {
    const target = ids[2];
    const other = what === "an unknown id" ? "asset_unknown" : what === "the same id twice" ? target : ids[0];
    const before = await read(target);
    const r = await postJson(ts, "/api/assets/bulk-update", {
      updates: [
        { id: target, change: changes[0] },
        { id: other, change: changes[1] },
      ],
    });
    expect(r.status).toBe(status);
    const after = await read(target);
    expect(after.metadata?.rating).toBe(before.metadata?.rating);
    expect(after.updated_at).toBe(before.updated_at);
  });

  it("accepts an empty list and refuses more than 200", async () => {
    expect(await postJson(ts, "/api/assets/bulk-update", { updates: [] })).toEqual({ status: 200, body: {} });
    const many = Array.from({ length: 201 }, () => ({ id: ids[0], change: {} }));
    expect((await postJson(ts, "/api/assets/bulk-update", { updates: many })).status).toBe(422);
  });
});
