import { describe, expect, it } from "vitest";
import type { Metadata } from "../../api/schemas";
import { MINUS } from "../../lib/datetime";
import {
  formatAperture,
  formatCamera,
  formatDimensions,
  formatExposure,
  formatExposureBias,
  formatFocalLength,
  formatMegapixels,
  formatShutter,
} from "./details-format";

const meta = (over: Partial<Metadata>): Metadata => ({
  asset_id: "a",
  created_at: "",
  updated_at: "",
  ...over,
});

describe("exposure", () => {
  it.each([
    [0.004, "1/250 s"],
    [0.008333333333333333, "1/120 s"],
    [0.002, "1/500 s"],
    [0.5, "1/2 s"],
    [0.3, "0.3 s"],
    [1, "1 s"],
    [2.5, "2.5 s"],
    [30, "30 s"],
  ])("shutter %d → %s", (seconds, text) => {
    expect(formatShutter(seconds)).toBe(text);
  });

  it("ignores missing or nonsense values", () => {
    expect(formatShutter(null)).toBeNull();
    expect(formatShutter(0)).toBeNull();
    expect(formatAperture(undefined)).toBeNull();
  });

  it("writes aperture, focal length and bias", () => {
    expect(formatAperture(2.8)).toBe("f/2.8");
    expect(formatAperture(8)).toBe("f/8");
    expect(formatAperture(1.78)).toBe("f/1.78");
    expect(formatFocalLength(35)).toBe("35 mm");
    expect(formatFocalLength(6.86)).toBe("6.86 mm");
    expect(formatExposureBias(-0.3)).toBe(`${MINUS}0.3 EV`);
    expect(formatExposureBias(0)).toBeNull();
  });

  it("joins the line the drawer shows", () => {
    expect(formatExposure(meta({ f_number: 2.8, exposure_time: 0.004, iso: 200, focal_length: 35 }))).toBe(
      "f/2.8 · 1/250 s · ISO 200 · 35 mm",
    );
    expect(formatExposure(meta({}))).toBeNull();
    expect(formatExposure(null)).toBeNull();
  });
});

describe("camera and size", () => {
  it("does not repeat the make", () => {
    expect(formatCamera(meta({ make: "Canon", model: "Canon EOS R5" }))).toBe("Canon EOS R5");
    expect(formatCamera(meta({ make: "SONY", model: "ILCE-7M4" }))).toBe("SONY ILCE-7M4");
    expect(formatCamera(meta({ make: "Apple" }))).toBe("Apple");
    expect(formatCamera(meta({}))).toBeNull();
  });

  it("writes dimensions and megapixels", () => {
    expect(formatDimensions(1600, 1067)).toBe("1600 × 1067");
    expect(formatDimensions(0, 0)).toBeNull();
    expect(formatMegapixels(1600, 1067)).toBe("1.7 MP");
    expect(formatMegapixels(8192, 5464)).toBe("45 MP");
  });
});
