import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetSchema, validationErrorSchema } from "../../src/api/schemas";
import { FIXTURES, getJson, removeDir, startServer, type TestServer, upload, uploadOk } from "./harness";

let ts: TestServer;
beforeAll(async () => {
  ts = await startServer();
});
afterAll(async () => {
  await ts.close();
  removeDir(ts.dataDir);
});

async function metadataOf(id: string) {
  const { body } = await getJson(ts, `/api/assets/${id}?include=metadata,file_data`);
  return assetSchema.parse(body);
}

describe("POST /api/assets", () => {
  it("stores a new photo (201) with checksums, file data and metadata read before the response", async () => {
    const bytes = readFileSync(join(FIXTURES, "canon-tokyo.jpg"));
    const res = await upload(ts, "canon-tokyo.jpg", { fields: { device_asset_id: "cam-1", device_id: "phone" } });
    expect(res.status).toBe(201);
    const asset = assetSchema.parse(await res.json());
    expect(asset.id).toMatch(/^asset_[2-9A-HJ-NP-Za-km-z]{22}$/);
    expect(asset.mime_type).toBe("image/jpeg");
    expect(asset.original_file_name).toBe("canon-tokyo.jpg");
    expect(asset.file_size_bytes).toBe(bytes.length);
    expect(asset.file_data).toEqual({
      device_asset_id: "cam-1",
      device_id: "phone",
      file_created_at: "2020-05-06T07:08:09Z",
      file_modified_at: "2020-05-06T07:08:09Z",
      checksum: createHash("sha256").update(bytes).digest("base64"),
      checksum_sha1: createHash("sha1").update(bytes).digest("base64"),
      file_size_bytes: bytes.length,
    });
    expect(asset.file_data?.checksum).toHaveLength(44);
    expect(asset.file_data?.checksum_sha1).toHaveLength(28);
    expect(asset.local_datetime).toBe("2023-04-02T14:03:05+09:00");
    expect(asset.width).toBe(1600);
    expect(asset.height).toBe(1067);
    expect(asset.kind).toBe("original");
    expect(asset.current_version_id).toMatch(/^asset_version_/);
    // Full shape on upload: every group and every variant.
    expect(Object.keys(asset.asset_urls ?? {}).sort()).toEqual([
      "fullsize",
      "original",
      "preview",
      "small",
      "thumbnail",
    ]);
    expect(asset.faces).toEqual([]);
    const m = asset.metadata;
    expect(m).toMatchObject({
      make: "Canon",
      model: "Canon EOS R5",
      lens_model: "RF24-70mm F2.8 L IS USM",
      f_number: 2.8,
      exposure_time: 0.004,
      exposure_bias: -0.3,
      iso: 200,
      focal_length: 35,
      original_datetime: "2023-04-02T14:03:05+09:00",
      altitude: 40,
      description: "Tokyo Tower at noon",
      rating: 4,
    });
    expect(m?.latitude).toBeCloseTo(35.658581, 5);
    expect(m?.longitude).toBeCloseTo(139.745433, 5);
  });

  it("answers 200 with the existing asset for the same bytes, and stores nothing new", async () => {
    const first = await uploadOk(ts, "kathmandu.jpg");
    const filesBefore = readdirSync(join(ts.dataDir, "originals"), { recursive: true }).length;
    const again = await upload(ts, "kathmandu.jpg", { as: "renamed-copy.jpg", fields: { device_asset_id: "other" } });
    expect(again.status).toBe(200);
    const body = assetSchema.parse(await again.json());
    expect(body.id).toBe(first.id);
    expect(body.original_file_name).toBe("kathmandu.jpg");
    expect(readdirSync(join(ts.dataDir, "originals"), { recursive: true }).length).toBe(filesBefore);
    expect(readdirSync(join(ts.dataDir, "tmp"))).toEqual([]);
  });

  it.each([
    [
      "iphone-golden-gate.jpg",
      {
        local: "2024-07-04T19:45:00-07:00",
        w: 1200,
        h: 1600,
        rawW: 1600,
        rawH: 1200,
        orientation: 6,
        lat: 37.819929,
        lng: -122.478255,
        make: "Apple",
      },
    ],
    [
      "kathmandu.jpg",
      {
        local: "2021-10-20T06:30:00+05:45",
        w: 1000,
        h: 1000,
        rawW: 1000,
        rawH: 1000,
        orientation: null,
        lat: 27.7172,
        lng: 85.324,
        make: "FUJIFILM",
      },
    ],
    [
      "sydney-summer.jpg",
      {
        local: "2022-01-15T09:10:11+11:00",
        w: 1200,
        h: 900,
        rawW: 1200,
        rawH: 900,
        orientation: null,
        lat: -33.856784,
        lng: 151.215297,
        make: "SONY",
      },
    ],
    [
      "naive-time.jpg",
      {
        local: "2019-12-24T18:00:00",
        w: 1024,
        h: 768,
        rawW: 1024,
        rawH: 768,
        orientation: null,
        lat: null,
        lng: null,
        make: "NIKON",
      },
    ],
  ])("extracts %s", async (file, want) => {
    const uploaded = await uploadOk(ts, file);
    const a = await metadataOf(uploaded.id);
    expect(a.local_datetime).toBe(want.local);
    expect(a.metadata?.original_datetime).toBe(want.local);
    expect([a.width, a.height]).toEqual([want.w, want.h]);
    expect([a.metadata?.raw_width, a.metadata?.raw_height]).toEqual([want.rawW, want.rawH]);
    if (want.orientation !== null) expect(a.metadata?.orientation).toBe(want.orientation);
    expect(a.metadata?.make).toBe(want.make);
    if (want.lat === null) {
      expect(a.metadata?.latitude).toBeNull();
      expect(a.metadata?.longitude).toBeNull();
    } else {
      expect(a.metadata?.latitude).toBeCloseTo(want.lat, 5);
      expect(a.metadata?.longitude).toBeCloseTo(want.lng as number, 5);
    }
  });

  it("keeps a naive capture time naive and reads the XMP description", async () => {
    const a = await metadataOf((await uploadOk(ts, "naive-time.jpg")).id);
    expect(a.local_datetime).not.toMatch(/[Z+-]\d\d:?\d\d$|Z$/);
    expect(a.metadata?.description).toBe("Christmas eve, no timezone");
  });

  it("falls back to file_created_at for a file with no capture time (PNG)", async () => {
    const res = await upload(ts, "no-metadata.png", { fields: { file_created_at: "2018-03-04T05:06:07.5+02:00" } });
    expect(res.status).toBe(201);
    const a = assetSchema.parse(await res.json());
    expect(a.mime_type).toBe("image/png");
    expect([a.width, a.height]).toEqual([800, 600]);
    expect(a.local_datetime).toBe("2018-03-04T05:06:07.5+02:00");
    expect(a.metadata?.original_datetime).toBeNull();
  });

  it("reads HEIC metadata and dimensions", async () => {
    const res = await upload(ts, "paris.heic");
    expect(res.status).toBe(201);
    const a = assetSchema.parse(await res.json());
    expect(a.mime_type).toBe("image/heic");
    expect(a.width).toBeGreaterThan(0);
    expect(a.height).toBeGreaterThan(0);
  });

  it("keeps a truncated JPEG, reads its EXIF, and marks its processing failed", async () => {
    const res = await upload(ts, "truncated.jpg");
    expect(res.status).toBe(201);
    const a = assetSchema.parse(await res.json());
    expect(a.metadata?.make).toBe("Canon");
    await ts.jobs.idle();
    const after = assetSchema.parse((await getJson(ts, `/api/assets/${a.id}`)).body);
    expect(after.processing_state).toBe("failed");
    expect(after.thumbhash).toBeNull();
    const thumb = await fetch(ts.url(after.asset_urls?.thumbnail.url ?? ""));
    expect(thumb.status).toBe(404);
    expect((await thumb.json()).detail).toMatch(/could not be processed/);
    // The original is still there to download.
    const original = await fetch(ts.url(a.asset_urls?.original.url ?? ""));
    expect(original.status).toBe(200);
    expect((await original.arrayBuffer()).byteLength).toBe(20000);
  });

  it("refuses a non-media extension with 422 and a clear detail", async () => {
    const res = await upload(ts, "notes.txt", { bytes: new TextEncoder().encode("hello") });
    expect(res.status).toBe(422);
    const err = validationErrorSchema.parse(await res.json());
    expect(err.detail[0].loc).toEqual(["body", "asset_data"]);
    expect(err.detail[0].msg).toMatch(/notes\.txt.*not a photo or video/);
  });

  it("refuses a text file named .jpg, saying why, and leaves nothing behind", async () => {
    const res = await upload(ts, "not-an-image.jpg");
    expect(res.status).toBe(422);
    const err = validationErrorSchema.parse(await res.json());
    expect(err.detail[0].msg).toMatch(/not-an-image\.jpg.*not in any image or video format/);
    expect(readdirSync(join(ts.dataDir, "tmp"))).toEqual([]);
  });

  it("reports each missing or malformed field (422, loc in body)", async () => {
    const res = await upload(ts, "sydney-summer.jpg", {
      as: "x.jpg",
      fields: { device_id: "", file_modified_at: "yesterday" },
    });
    expect(res.status).toBe(422);
    const err = validationErrorSchema.parse(await res.json());
    const locs = err.detail.map((d) => d.loc.join("."));
    expect(locs).toContain("body.device_id");
    expect(locs).toContain("body.file_modified_at");
  });

  it("makes every variant and a thumbhash in the background, served from the same URLs", async () => {
    const res = await upload(ts, "iphone-golden-gate.jpg", {
      as: "gg-variants.jpg",
      bytes: Buffer.concat([readFileSync(join(FIXTURES, "iphone-golden-gate.jpg")), Buffer.from([0])]),
    });
    expect(res.status).toBe(201);
    const a = assetSchema.parse(await res.json());
    await ts.jobs.idle();
    const after = assetSchema.parse((await getJson(ts, `/api/assets/${a.id}?include=variants`)).body);
    expect(after.processing_state).toBe("ready");
    expect(after.thumbhash).toMatch(/^[A-Za-z0-9+/]+=*$/);
    for (const key of ["thumbnail", "small", "preview", "fullsize"] as const) {
      const url = after.asset_urls?.[key].url ?? "";
      expect(url).toBe(a.asset_urls?.[key].url);
      const r = await fetch(ts.url(url));
      expect(r.status, key).toBe(200);
      expect(r.headers.get("content-type")).toMatch(/^image\//);
      // Whole and decodable, whether read at once (up to preview) or streamed (fullsize).
      const body = Buffer.from(await r.arrayBuffer());
      expect(Number(r.headers.get("content-length")), key).toBe(body.length);
      const { width = 0, height = 0 } = await sharp(body).metadata();
      const longEdge = { thumbnail: 360, small: 720, preview: 1440, fullsize: 1600 }[key];
      expect(Math.max(width, height), key).toBe(longEdge);
    }
    // Portrait after EXIF orientation 6: the 360 px thumbnail is 270 wide.
    expect(after.asset_urls?.thumbnail.width).toBe(270);
  });

  it("leaves no temporary file when the client aborts mid-upload", async () => {
    const controller = new AbortController();
    const big = new Uint8Array(8 * 1024 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        const boundary = "----gumleaf";
        c.enqueue(
          new TextEncoder().encode(
            `--${boundary}\r\nContent-Disposition: form-data; name="asset_data"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
          ),
        );
        c.enqueue(big.subarray(0, 1024 * 1024));
        setTimeout(() => controller.abort(), 100);
      },
    });
    await fetch(ts.url("/api/assets"), {
      method: "POST",
      body: stream,
      signal: controller.signal,
      headers: { "content-type": "multipart/form-data; boundary=----gumleaf" },
      duplex: "half",
    } as RequestInit).catch(() => null);
    await expect.poll(() => readdirSync(join(ts.dataDir, "tmp")).length, { timeout: 5000 }).toBe(0);
    expect(existsSync(join(ts.dataDir, "tmp"))).toBe(true);
  });
});

describe("POST /api/assets/exist", () => {
  it("finds assets by SHA-256, by SHA-1, and by device ids; exactly one selector", async () => {
    const bytes = Buffer.concat([readFileSync(join(FIXTURES, "sydney-summer.jpg")), Buffer.from("exist")]);
    const a = await uploadOk(ts, "sydney-exist.jpg", { bytes, fields: { device_id: "cam", device_asset_id: "IMG_1" } });
    const sha256 = createHash("sha256").update(bytes).digest("base64");
    const sha1 = createHash("sha1").update(bytes).digest("base64");
    const post = (body: unknown) =>
      fetch(ts.url("/api/assets/exist"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const lite = { id: a.id, checksum: sha256, checksum_sha1: sha1, device_id: "cam", device_asset_id: "IMG_1" };
    for (const body of [
      { checksums: [sha256, "AAAA"] },
      { checksum_sha1s: [sha1] },
      { deviceId: "cam", deviceAssetIds: ["IMG_1", "IMG_2"] },
    ]) {
      const r = await post(body);
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ assets: [lite] });
    }
    expect(await (await post({ checksums: ["nope"] })).json()).toEqual({ assets: [] });
    expect((await post({ deviceId: "other", deviceAssetIds: ["IMG_1"] })).status).toBe(200);
    expect(await (await post({ deviceId: "other", deviceAssetIds: ["IMG_1"] })).json()).toEqual({ assets: [] });
    for (const bad of [
      {},
      { checksums: [sha256], checksum_sha1s: [sha1] },
      { deviceAssetIds: ["x"] },
      { checksums: Array(5001).fill("x") },
    ]) {
      expect((await post(bad)).status).toBe(422);
    }
  });
});
