import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp, { type Sharp } from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { readAppleMakerNote } from "./apple-maker-note";
import { type EmbeddedMetadata, extractMetadata } from "./extract-metadata";

const FIXTURES = fileURLToPath(new URL("../../e2e/fixtures/photos/", import.meta.url));

function fixture(name: string): Promise<EmbeddedMetadata> {
  const mime = name.endsWith(".png") ? "image/png" : name.endsWith(".heic") ? "image/heic" : "image/jpeg";
  return extractMetadata(path.join(FIXTURES, name), mime);
}

function expectPosition(m: EmbeddedMetadata, latitude: number, longitude: number): void {
  expect(m.latitude).not.toBeNull();
  expect(m.longitude).not.toBeNull();
  expect(Math.abs((m.latitude ?? 0) - latitude)).toBeLessThan(1e-5);
  expect(Math.abs((m.longitude ?? 0) - longitude)).toBeLessThan(1e-5);
}

const NOTHING: EmbeddedMetadata = {
  make: null,
  model: null,
  lens_model: null,
  f_number: null,
  focal_length: null,
  exposure_time: null,
  exposure_bias: null,
  iso: null,
  orientation: null,
  raw_width: null,
  raw_height: null,
  width: 0,
  height: 0,
  original_datetime: null,
  modified_datetime: null,
  digitized_datetime: null,
  latitude: null,
  longitude: null,
  altitude: null,
  description: null,
  rating: null,
  fps: null,
  live_photo_cid: null,
  projection_type: null,
  auto_stack_id: null,
};

describe("extractMetadata on the e2e fixtures", () => {
  it("canon-tokyo.jpg: camera, lens, exposure, +09:00, GPS N/E with altitude, description, rating", async () => {
    const m = await fixture("canon-tokyo.jpg");
    expect(m).toMatchObject({
      make: "Canon",
      model: "Canon EOS R5",
      lens_model: "RF24-70mm F2.8 L IS USM",
      f_number: 2.8,
      focal_length: 35,
      exposure_time: 0.004,
      exposure_bias: -0.3,
      iso: 200,
      raw_width: 1600,
      raw_height: 1067,
      width: 1600,
      height: 1067,
      original_datetime: { wall: "2023-04-02T14:03:05.000000", offsetMinutes: 540 },
      digitized_datetime: { wall: "2023-04-02T14:03:05.000000", offsetMinutes: 540 },
      modified_datetime: null,
      altitude: 40,
      description: "Tokyo Tower at noon",
      rating: 4,
    });
    expect(m.orientation === null || m.orientation === 1).toBe(true);
    expectPosition(m, 35.658581, 139.745433);
  });

  it("iphone-golden-gate.jpg: orientation 6 swaps display dimensions, -07:00, GPS N/W", async () => {
    const m = await fixture("iphone-golden-gate.jpg");
    expect(m).toMatchObject({
      make: "Apple",
      model: "iPhone 15 Pro",
      lens_model: "iPhone 15 Pro back triple camera 6.86mm f/1.78",
      f_number: 1.78,
      focal_length: 6.86,
      iso: 64,
      orientation: 6,
      raw_width: 1600,
      raw_height: 1200,
      width: 1200,
      height: 1600,
      original_datetime: { wall: "2024-07-04T19:45:00.000000", offsetMinutes: -420 },
      altitude: null,
      description: null,
      rating: null,
    });
    expect(m.exposure_time).toBeCloseTo(1 / 120, 10);
    expectPosition(m, 37.819929, -122.478255);
  });

  it("kathmandu.jpg: the +05:45 offset survives as +345 minutes", async () => {
    const m = await fixture("kathmandu.jpg");
    expect(m).toMatchObject({
      make: "FUJIFILM",
      model: "X-T5",
      width: 1000,
      height: 1000,
      original_datetime: { wall: "2021-10-20T06:30:00.000000", offsetMinutes: 345 },
    });
    expectPosition(m, 27.7172, 85.324);
  });

  it("naive-time.jpg: no offset stays naive; description comes from XMP dc:description", async () => {
    const m = await fixture("naive-time.jpg");
    expect(m).toMatchObject({
      make: "NIKON",
      model: "NIKON D750",
      width: 1024,
      height: 768,
      original_datetime: { wall: "2019-12-24T18:00:00.000000", offsetMinutes: null },
      description: "Christmas eve, no timezone",
      latitude: null,
      longitude: null,
    });
  });

  it("no-metadata.png: dimensions only", async () => {
    const m = await fixture("no-metadata.png");
    expect(m).toEqual({ ...NOTHING, raw_width: 800, raw_height: 600, width: 800, height: 600 });
  });

  it("not-an-image.jpg: all null and zero dimensions, without throwing", async () => {
    await expect(fixture("not-an-image.jpg")).resolves.toEqual(NOTHING);
  });

  it("a missing file: all null too (the caller keeps the upload regardless)", async () => {
    await expect(extractMetadata(path.join(FIXTURES, "does-not-exist.jpg"), "image/jpeg")).resolves.toEqual(NOTHING);
  });

  it("paris.heic: EXIF and GPS from the HEIF Exif item", async () => {
    const m = await fixture("paris.heic");
    expect(m).toMatchObject({
      make: "Apple",
      model: "iPhone 14",
      raw_width: 1200,
      raw_height: 900,
      width: 1200,
      height: 900,
      original_datetime: { wall: "2023-08-12T12:00:00.000000", offsetMinutes: 120 },
    });
    expectPosition(m, 48.8584, 2.2945);
  });

  it("sydney-summer.jpg: +11:00 and GPS S/E", async () => {
    const m = await fixture("sydney-summer.jpg");
    expect(m).toMatchObject({
      make: "SONY",
      model: "ILCE-7M4",
      f_number: 8,
      focal_length: 24,
      exposure_time: 0.002,
      iso: 100,
      width: 1200,
      height: 900,
      original_datetime: { wall: "2022-01-15T09:10:11.000000", offsetMinutes: 660 },
    });
    expectPosition(m, -33.856784, 151.215297);
  });

  it("truncated.jpg: headers are intact, so EXIF is still read", async () => {
    const m = await fixture("truncated.jpg");
    expect(m).toMatchObject({
      make: "Canon",
      model: "Canon EOS R5",
      width: 1600,
      height: 1067,
      original_datetime: { wall: "2023-04-02T14:03:05.000000", offsetMinutes: 540 },
      description: "Tokyo Tower at noon",
      rating: 4,
    });
    expectPosition(m, 35.658581, 139.745433);
  });
});

describe("extractMetadata on generated images", () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  async function writeJpeg(name: string, build: (image: Sharp) => Sharp): Promise<string> {
    dir ??= fs.mkdtempSync(path.join(os.tmpdir(), "gumleaf-meta-"));
    const file = path.join(dir, name);
    await build(sharp({ create: { width: 64, height: 48, channels: 3, background: "#808080" } }).jpeg()).toFile(file);
    return file;
  }

  it("adds SubSecTime fractions and keeps leading zeros", async () => {
    const file = await writeJpeg("subsec.jpg", (image) =>
      image.withExif({
        IFD2: { DateTimeOriginal: "2020:01:02 03:04:05", SubSecTimeOriginal: "050", OffsetTimeOriginal: "-03:30" },
      }),
    );
    const m = await extractMetadata(file, "image/jpeg");
    expect(m.original_datetime).toEqual({ wall: "2020-01-02T03:04:05.050000", offsetMinutes: -210 });
  });

  it("prefers XMP description, reads XMP rating/projection, and takes offsets from XMP dates", async () => {
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
        xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:GPano="http://ns.google.com/photos/1.0/panorama/"
        xmp:Rating="-1" GPano:ProjectionType="equirectangular" photoshop:DateCreated="2020-01-02T03:04:05+05:30"
        xmp:ModifyDate="2021-02-03T04:05:06.5-08:00">
        <dc:description><rdf:Alt><rdf:li xml:lang="de">Hallo</rdf:li><rdf:li xml:lang="x-default">Hello</rdf:li></rdf:Alt></dc:description>
      </rdf:Description></rdf:RDF></x:xmpmeta>`;
    const file = await writeJpeg("xmp.jpg", (image) =>
      image
        .withExif({ IFD0: { ImageDescription: "from EXIF" }, IFD2: { DateTimeOriginal: "2020:01:02 03:04:05" } })
        .withXmp(xmp),
    );
    const m = await extractMetadata(file, "image/jpeg");
    expect(m).toMatchObject({
      description: "Hello",
      rating: -1,
      projection_type: "equirectangular",
      // naive EXIF reading, same wall clock as the XMP date that carries an offset
      original_datetime: { wall: "2020-01-02T03:04:05.000000", offsetMinutes: 330 },
      // only in XMP
      modified_datetime: { wall: "2021-02-03T04:05:06.500000", offsetMinutes: -480 },
    });
  });

  it("does not borrow an XMP offset for a different wall clock", async () => {
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
        photoshop:DateCreated="2020-01-02T09:00:00+05:30"/></rdf:RDF></x:xmpmeta>`;
    const file = await writeJpeg("xmp-other.jpg", (image) =>
      image.withExif({ IFD2: { DateTimeOriginal: "2020:01:02 03:04:05" } }).withXmp(xmp),
    );
    const m = await extractMetadata(file, "image/jpeg");
    expect(m.original_datetime).toEqual({ wall: "2020-01-02T03:04:05.000000", offsetMinutes: null });
  });
});

describe("readAppleMakerNote", () => {
  function appleMakerNote(entries: Array<[tag: number, text: string]>): Uint8Array {
    const header = Buffer.concat([Buffer.from("Apple iOS\0", "latin1"), Buffer.from([0, 1]), Buffer.from("MM")]);
    const ifdSize = 2 + entries.length * 12 + 4;
    const ifd = Buffer.alloc(ifdSize);
    const values: Buffer[] = [];
    let valueOffset = header.length + ifdSize;
    ifd.writeUInt16BE(entries.length, 0);
    entries.forEach(([tag, text], i) => {
      const value = Buffer.from(`${text}\0`, "latin1");
      const at = 2 + i * 12;
      ifd.writeUInt16BE(tag, at);
      ifd.writeUInt16BE(2, at + 2);
      ifd.writeUInt32BE(value.length, at + 4);
      ifd.writeUInt32BE(valueOffset, at + 8);
      values.push(value);
      valueOffset += value.length;
    });
    return new Uint8Array(Buffer.concat([header, ifd, ...values]));
  }

  it("reads the Live Photo content identifier and burst UUID", () => {
    const note = appleMakerNote([
      [0x000b, "6A2C2F7E-BURST"],
      [0x0011, "1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9"],
    ]);
    expect(readAppleMakerNote(note)).toEqual({
      contentIdentifier: "1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9",
      burstUuid: "6A2C2F7E-BURST",
    });
  });

  it("ignores other maker notes and truncated data", () => {
    expect(readAppleMakerNote(new Uint8Array(Buffer.from("Nikon\0\x02\x10\0\0MM*\0")))).toBeNull();
    const note = appleMakerNote([[0x0011, "ABC-DEF-0123456789"]]);
    expect(readAppleMakerNote(note.subarray(0, note.length - 5))).toEqual({ contentIdentifier: null, burstUuid: null });
  });
});
