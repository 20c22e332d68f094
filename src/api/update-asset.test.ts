import { describe, expect, it } from "vitest";
import { buildUpdateBody, checkUpdateBody, describeUpdate } from "./update-asset";

describe("buildUpdateBody", () => {
  it("keeps omitted fields omitted", () => {
    expect(buildUpdateBody({})).toEqual({});
    const body = buildUpdateBody({ rating: 3 });
    expect(body).toEqual({ rating: 3 });
    expect(Object.keys(body)).toEqual(["rating"]);
  });

  it("treats an explicit undefined as omitted", () => {
    const body = buildUpdateBody({ description: undefined, rating: 2 });
    expect(Object.hasOwn(body, "description")).toBe(false);
  });

  it("sends null to clear each field", () => {
    expect(buildUpdateBody({ description: null })).toEqual({ description: null });
    expect(buildUpdateBody({ originalDatetime: null })).toEqual({ original_datetime: null });
    expect(buildUpdateBody({ rating: null })).toEqual({ rating: null });
  });

  it("clears the description when the text is blank", () => {
    expect(buildUpdateBody({ description: "" })).toEqual({ description: null });
    expect(buildUpdateBody({ description: "  \n " })).toEqual({ description: null });
    expect(buildUpdateBody({ description: " Tokyo Tower " })).toEqual({ description: " Tokyo Tower " });
  });

  it("always sends latitude and longitude together", () => {
    expect(buildUpdateBody({ location: { latitude: 48.8584, longitude: 2.2945 } })).toEqual({
      latitude: 48.8584,
      longitude: 2.2945,
    });
    const cleared = buildUpdateBody({ location: null });
    expect(cleared).toEqual({ latitude: null, longitude: null });
    expect(Object.keys(cleared).sort()).toEqual(["latitude", "longitude"]);
  });

  it("keeps 0 as a real rating, not a clear", () => {
    expect(buildUpdateBody({ rating: 0 })).toEqual({ rating: 0 });
  });

  it("passes the capture time through as written", () => {
    expect(buildUpdateBody({ originalDatetime: "2023-04-02T14:03:05+05:45" })).toEqual({
      original_datetime: "2023-04-02T14:03:05+05:45",
    });
  });

  it("combines several fields", () => {
    expect(buildUpdateBody({ rating: 5, location: null, description: "x" })).toEqual({
      description: "x",
      latitude: null,
      longitude: null,
      rating: 5,
    });
  });
});

describe("checkUpdateBody (the server's rules)", () => {
  it("accepts what the builder makes", () => {
    expect(checkUpdateBody(buildUpdateBody({ location: { latitude: -90, longitude: 180 } })).ok).toBe(true);
    expect(checkUpdateBody(buildUpdateBody({ originalDatetime: "1965-01-01T00:00:00" })).ok).toBe(true);
  });

  it("refuses out-of-range coordinates and ratings", () => {
    const lat = checkUpdateBody({ latitude: 91, longitude: 0 });
    expect(lat.ok).toBe(false);
    expect(!lat.ok && lat.message).toMatch(/^latitude:/);
    expect(checkUpdateBody({ latitude: 0, longitude: -181 }).ok).toBe(false);
    expect(checkUpdateBody({ rating: 6 }).ok).toBe(false);
    expect(checkUpdateBody({ rating: 2.5 }).ok).toBe(false);
  });

  it("enforces the pair rule", () => {
    const half = checkUpdateBody({ latitude: 10 });
    expect(!half.ok && half.message).toMatch(/together/);
    expect(checkUpdateBody({ latitude: null, longitude: 3 }).ok).toBe(false);
  });

  it("refuses a malformed capture time", () => {
    expect(checkUpdateBody({ original_datetime: "2023-02-30T10:00:00" }).ok).toBe(false);
    expect(checkUpdateBody({ original_datetime: "yesterday" }).ok).toBe(false);
  });
});

describe("describeUpdate", () => {
  it("names the fields for messages", () => {
    expect(describeUpdate({ rating: 1 })).toBe("the rating");
    expect(describeUpdate({ latitude: null, longitude: null })).toBe("the location");
    expect(describeUpdate({ description: "a", original_datetime: null })).toBe("the description and the capture time");
  });
});
