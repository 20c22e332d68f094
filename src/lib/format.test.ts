import { describe, expect, it } from "vitest";
import { formatBytes, formatCaptureLabel, formatCountOf, formatDuration } from "./format";

describe("formatCaptureLabel", () => {
  it("shows the wall clock and offset as written, not in the viewer's zone", () => {
    expect(formatCaptureLabel("2023-04-04T14:03:27.66+09:00")).toBe("4 Apr 2023, 14:03 +09:00");
    expect(formatCaptureLabel("2024-02-25T06:57:27-08:00")).toBe("25 Feb 2024, 06:57 -08:00");
    expect(formatCaptureLabel("2019-12-31T23:59:59+05:45")).toBe("31 Dec 2019, 23:59 +05:45");
  });

  it("shows no offset for a naive reading or an unknown-offset Z", () => {
    expect(formatCaptureLabel("2011-07-01T08:00:00")).toBe("1 Jul 2011, 08:00");
    expect(formatCaptureLabel("2011-07-01T08:00:00Z")).toBe("1 Jul 2011, 08:00");
  });

  it("passes through what it cannot read", () => {
    expect(formatCaptureLabel("yesterday")).toBe("yesterday");
  });
});

describe("formatBytes", () => {
  it("uses decimal units with one decimal below 10", () => {
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(2_400_000)).toBe("2.4 MB");
    expect(formatBytes(18_000_000)).toBe("18 MB");
  });
});

describe("formatDuration", () => {
  it("formats minutes and hours", () => {
    expect(formatDuration(75.4)).toBe("1:15");
    expect(formatDuration(3725)).toBe("1:02:05");
  });
});

describe("formatCountOf", () => {
  it("groups the digits and picks the noun by the count", () => {
    expect(formatCountOf(1, "item")).toBe("1 item");
    expect(formatCountOf(0, "item")).toBe("0 items");
    expect(formatCountOf(12_345, "file")).toMatch(/^12.345 files$/);
    expect(formatCountOf(2, "person", "people")).toBe("2 people");
  });
});
