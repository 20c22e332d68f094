import { describe, expect, it } from "vitest";
import { applyBodyToAsset, holdsAsset, mapCachedAsset, mergeServerAsset, type TimelineSegment } from "./asset-cache";
import { type Asset, assetSchema, type Metadata } from "./schemas";

const metadata = (over: Partial<Metadata> = {}): Metadata => ({
  asset_id: "asset_a",
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
  description: "Tokyo Tower at noon",
  rating: 4,
  latitude: 35.658581,
  longitude: 139.745433,
  city: "Tokyo",
  country: "Japan",
  display_label: "Tokyo, Japan",
  timezone: "Asia/Tokyo",
  original_datetime: "2023-04-02T14:03:05+09:00",
  ...over,
});

const asset = (id: string, over: Partial<Asset> = {}): Asset =>
  assetSchema.parse({
    id,
    created_at: "2026-01-01T00:00:00.000Z",
    updated_at: "2026-01-01T00:00:00.000Z",
    original_file_name: `${id}.jpg`,
    mime_type: "image/jpeg",
    local_datetime: "2023-04-02T14:03:05+09:00",
    ...over,
  });

const full = asset("asset_a", { metadata: metadata() });
const lean = asset("asset_a");

describe("applyBodyToAsset", () => {
  it("writes description, rating and capture time into the metadata", () => {
    const next = applyBodyToAsset(full, {
      description: "New",
      rating: 2,
      original_datetime: "2023-04-02T15:00:00+05:45",
    });
    expect(next.metadata?.description).toBe("New");
    expect(next.metadata?.rating).toBe(2);
    expect(next.metadata?.original_datetime).toBe("2023-04-02T15:00:00+05:45");
    expect(next.local_datetime).toBe("2023-04-02T15:00:00+05:45");
    expect(full.metadata?.rating).toBe(4); // not mutated
  });

  it("leaves untouched fields alone", () => {
    const next = applyBodyToAsset(full, { rating: 0 });
    expect(next.metadata?.description).toBe("Tokyo Tower at noon");
    expect(next.metadata?.rating).toBe(0);
    expect(next.local_datetime).toBe(full.local_datetime);
  });

  it("sets coordinates together and forgets the old place until geocoding answers", () => {
    const next = applyBodyToAsset(full, { latitude: 48.8584, longitude: 2.2945 });
    expect(next.metadata?.latitude).toBe(48.8584);
    expect(next.metadata?.longitude).toBe(2.2945);
    expect(next.metadata?.display_label).toBeNull();
    expect(next.metadata?.city).toBeNull();
    expect(next.metadata?.timezone).toBeNull();
  });

  it("shows a cleared field as empty until the server says what the file has", () => {
    const next = applyBodyToAsset(full, {
      description: null,
      latitude: null,
      longitude: null,
      original_datetime: null,
    });
    expect(next.metadata?.description).toBeNull();
    expect(next.metadata?.latitude).toBeNull();
    expect(next.metadata?.original_datetime).toBeNull();
    // The effective capture time is the file's: unknown here, so the old position is kept.
    expect(next.local_datetime).toBe(full.local_datetime);
  });

  it("leaves a lean tile untouched when nothing it shows changes", () => {
    expect(applyBodyToAsset(lean, { rating: 5, description: "x", latitude: 1, longitude: 2 })).toBe(lean);
  });

  it("patches a lean timeline asset (metadata: null) without crashing", () => {
    const next = applyBodyToAsset(lean, { rating: 5, original_datetime: "2020-01-01T00:00:00" });
    expect(next.metadata).toBeNull();
    expect(next.local_datetime).toBe("2020-01-01T00:00:00");
  });
});

describe("mergeServerAsset", () => {
  const server = asset("asset_a", {
    updated_at: "2026-01-02T00:00:00.000Z",
    local_datetime: "2023-04-02T15:00:00+09:00",
    asset_urls: { thumbnail: { url: "/new-signature", mimetype: "image/webp", width: 360 } },
    metadata: metadata({ rating: 1, display_label: "Tokyo, Japan" }),
  });

  it("takes the whole server asset for a detail", () => {
    const merged = mergeServerAsset(full, server);
    expect(merged.metadata?.rating).toBe(1);
    expect(merged.asset_urls?.thumbnail.url).toBe("/new-signature");
  });

  it("keeps a tile lean and keeps its signed URL", () => {
    const tile = asset("asset_a", { asset_urls: { thumbnail: { url: "/old", mimetype: "image/webp", width: 360 } } });
    const merged = mergeServerAsset(tile, server);
    expect(merged.metadata).toBeNull();
    expect(merged.local_datetime).toBe("2023-04-02T15:00:00+09:00");
    expect(merged.asset_urls?.thumbnail.url).toBe("/old");
  });

  it("keeps the cleared place names while geocoding runs", () => {
    const optimistic = applyBodyToAsset(full, { latitude: 48.8584, longitude: 2.2945 });
    const merged = mergeServerAsset(optimistic, server, { keepPlace: true });
    expect(merged.metadata?.display_label).toBeNull();
    expect(merged.metadata?.rating).toBe(1);
  });
});

describe("mapCachedAsset / holdsAsset", () => {
  const bump = (a: Asset) => ({ ...a, local_datetime: "2000-01-01T00:00:00" });

  it("patches the asset inside a timeline segment and nothing else", () => {
    const other = asset("asset_b");
    const segment: TimelineSegment = { assets: [other, lean] };
    const next = mapCachedAsset(segment, "asset_a", bump);
    expect(next).not.toBe(segment);
    expect(next.assets[0]).toBe(other);
    expect(next.assets[1].local_datetime).toBe("2000-01-01T00:00:00");
    expect(holdsAsset(segment, "asset_a")).toBe(true);
  });

  it("returns the same object when the asset is not there", () => {
    const segment: TimelineSegment = { assets: [asset("asset_b")] };
    expect(mapCachedAsset(segment, "asset_a", bump)).toBe(segment);
    expect(holdsAsset(segment, "asset_a")).toBe(false);
    expect(mapCachedAsset(undefined, "asset_a", bump)).toBeUndefined();
  });

  it("patches infinite list pages", () => {
    const pages = {
      pages: [
        { data: [asset("asset_b")], has_more: true },
        { data: [lean], has_more: false },
      ],
      pageParams: [],
    };
    const next = mapCachedAsset(pages, "asset_a", bump);
    expect(next.pages[0]).toBe(pages.pages[0]);
    expect(next.pages[1].data[0].local_datetime).toBe("2000-01-01T00:00:00");
    expect(holdsAsset(pages, "asset_a")).toBe(true);
  });

  it("patches a detail only when it is that asset", () => {
    expect(mapCachedAsset(full, "asset_a", bump).local_datetime).toBe("2000-01-01T00:00:00");
    expect(mapCachedAsset(full, "asset_z", bump)).toBe(full);
  });
});
