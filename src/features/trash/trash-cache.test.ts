import { describe, expect, it } from "vitest";
import { type Asset, assetSchema } from "../../api/schemas";
import { chunk } from "../../api/trash-assets";
import { removeAssets } from "./trash-cache";

const asset = (id: string): Asset =>
  assetSchema.parse({
    id,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    original_file_name: `${id}.jpg`,
    mime_type: "image/jpeg",
    local_datetime: "2024-01-01T00:00:00",
  });

describe("removeAssets", () => {
  it("takes the ids out of a timeline segment", () => {
    const data = { assets: [asset("a"), asset("b"), asset("c")] };
    expect(removeAssets(data, new Set(["b"])).assets.map((a) => a.id)).toEqual(["a", "c"]);
  });

  it("takes the ids out of infinite list pages, keeping untouched pages", () => {
    const first = { data: [asset("a")], has_more: true };
    const data = { pages: [first, { data: [asset("b"), asset("c")], has_more: false }], pageParams: [undefined, "a"] };
    const next = removeAssets(data, new Set(["c"]));
    expect(next.pages[0]).toBe(first);
    expect(next.pages[1].data.map((a) => a.id)).toEqual(["b"]);
  });

  it("returns the same object when nothing is there", () => {
    const segment = { assets: [asset("a")] };
    expect(removeAssets(segment, new Set(["z"]))).toBe(segment);
    const detail = asset("a");
    expect(removeAssets(detail, new Set(["a"]))).toBe(detail);
    expect(removeAssets(undefined, new Set(["a"]))).toBeUndefined();
  });
});

describe("chunk", () => {
  it("cuts into runs of at most 200 by default", () => {
    const ids = Array.from({ length: 401 }, (_, i) => `id${i}`);
    const parts = chunk(ids);
    expect(parts.map((p) => p.length)).toEqual([200, 200, 1]);
    expect(parts.flat()).toEqual(ids);
  });

  it("gives nothing for nothing and refuses a size below 1", () => {
    expect(chunk([])).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});
