import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client";
import { parseRetryAfter, toLocalIsoString, UploadError } from "../../api/upload-asset";
import { classifyUploadError } from "./classify-upload-error";
import { createThrottledRefresh } from "./throttled-refresh";
import { deviceAssetId, getDeviceId, uploadFieldsFor } from "./upload-fields";
import { formatTimeLeft, summaryDetail, summaryHeadline } from "./upload-format";
import type { UploadSummary } from "./upload-queue";

describe("classifyUploadError", () => {
  const err = (status: number, message = "x", retryAfterMs: number | null = null) =>
    new UploadError({ kind: status === 0 ? "network" : "http", status, message }, retryAfterMs);

  it("retries what may pass next time: no answer, 5xx, 408, 429 (with Retry-After)", () => {
    expect(classifyUploadError(err(0))).toMatchObject({ action: "retry" });
    expect(classifyUploadError(err(500))).toMatchObject({ action: "retry" });
    expect(classifyUploadError(err(502, "x", 1000))).toEqual({ action: "retry", message: "x", retryAfterMs: 1000 });
    expect(classifyUploadError(err(408))).toMatchObject({ action: "retry" });
    expect(classifyUploadError(err(429, "busy", 1000))).toEqual({
      action: "retry",
      message: "busy",
      retryAfterMs: 1000,
      throttled: true,
    });
  });

  it("rejects other 4xx with the server's reason; a full disk (507) fails without retrying", () => {
    const issues = [{ loc: ["body", "asset_data"], msg: '"a.txt" is not a photo or video', type: "value_error" }];
    expect(classifyUploadError(new ApiError({ kind: "http", status: 422, message: "asset_data: …", issues }))).toEqual({
      action: "reject",
      message: '"a.txt" is not a photo or video',
    });
    expect(classifyUploadError(err(400, "ambiguous library"))).toEqual({
      action: "reject",
      message: "ambiguous library",
    });
    expect(classifyUploadError(err(507, "full"))).toEqual({ action: "fail", message: "full" });
    expect(classifyUploadError(new Error("weird"))).toEqual({ action: "fail", message: "weird" });
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds, an HTTP date, and retry-after-ms", () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    expect(parseRetryAfter("3", null, now)).toBe(3000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 12:00:10 GMT", null, now)).toBe(10_000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 11:00:00 GMT", null, now)).toBe(0);
    expect(parseRetryAfter("1", "250", now)).toBe(250);
    expect(parseRetryAfter(null, null, now)).toBeNull();
    expect(parseRetryAfter("soon", null, now)).toBeNull();
  });
});

describe("upload fields", () => {
  it("keeps one device id per browser", () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    const first = getDeviceId(storage);
    expect(first).toMatch(/^gumleaf-web-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(getDeviceId(storage)).toBe(first);
    expect(getDeviceId(null)).not.toBe(first);
  });

  it("derives device_asset_id from the path, size and last-modified time, and both dates from lastModified", () => {
    const file = new File(["12345"], "a.jpg", { lastModified: Date.UTC(2024, 4, 6, 7, 8, 9, 10) });
    expect(deviceAssetId(file, "Trip/a.jpg")).toBe(`Trip/a.jpg-5-${file.lastModified}`);
    const fields = uploadFieldsFor(file, "Trip/a.jpg", "gumleaf-web-x");
    expect(fields.fileCreatedAt).toBe(fields.fileModifiedAt);
    expect(fields.fileModifiedAt).toBe(toLocalIsoString(file.lastModified));
    // The local reading plus its offset is the same instant.
    expect(Date.parse(fields.fileModifiedAt)).toBe(file.lastModified);
    expect(fields.fileModifiedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
  });
});

describe("createThrottledRefresh", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs at once, then folds a burst into one more run per interval, never two at a time", async () => {
    const starts: number[] = [];
    const refresh = createThrottledRefresh(
      async () => {
        starts.push(Date.now());
        await new Promise((r) => setTimeout(r, 100));
      },
      { intervalMs: 500 },
    );
    const t0 = Date.now();
    refresh.request();
    for (let i = 0; i < 120; i++) {
      await vi.advanceTimersByTimeAsync(10);
      refresh.request();
    }
    await vi.advanceTimersByTimeAsync(5000);
    expect(starts.map((s) => s - t0)).toEqual([0, 500, 1000, 1500]);
    await refresh.idle();
  });

  it("spaces refreshes out to twice their duration when they are slow", async () => {
    let running = 0;
    let maxRunning = 0;
    const starts: number[] = [];
    const refresh = createThrottledRefresh(
      async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        starts.push(Date.now());
        await new Promise((r) => setTimeout(r, 700));
        running -= 1;
      },
      { intervalMs: 500 },
    );
    const t0 = Date.now();
    refresh.request();
    for (let i = 0; i < 100; i++) {
      await vi.advanceTimersByTimeAsync(10);
      refresh.request();
    }
    await vi.advanceTimersByTimeAsync(5000);
    // Each takes 700 ms, so the next starts 1,400 ms after the last one started.
    expect(starts.map((s) => s - t0)).toEqual([0, 1400]);
    expect(maxRunning).toBe(1);
    await refresh.idle();
  });
});

describe("upload wording", () => {
  const summary = (over: Partial<UploadSummary>): UploadSummary => ({
    total: 40,
    finished: 12,
    active: 28,
    counts: {
      queued: 10,
      hashing: 1,
      checking: 0,
      waiting: 14,
      uploading: 3,
      added: 10,
      duplicate: 2,
      rejected: 0,
      failed: 0,
      cancelled: 0,
      skipped: 0,
    },
    bytesTotal: 120_000_000,
    bytesDone: 34_000_000,
    speed: 12_000_000,
    secondsLeft: 7.2,
    paused: false,
    concurrency: 3,
    ...over,
  });

  it("says how far along it is, and how it ended", () => {
    expect(summaryHeadline(summary({}))).toBe("Uploading: 12 of 40 files done");
    expect(summaryDetail(summary({}))).toBe("34 MB of 120 MB · 12 MB/s · 8 s left");
    expect(summaryHeadline(summary({ paused: true }))).toBe("Paused: 12 of 40 files done");
    const counts = { ...summary({}).counts, queued: 0, hashing: 0, waiting: 0, uploading: 0, added: 37, rejected: 1 };
    expect(summaryHeadline(summary({ active: 0, finished: 40, counts }))).toBe(
      "Done: 37 added, 2 already in library, 1 rejected",
    );
  });

  it("rounds time left up", () => {
    expect(formatTimeLeft(0.2)).toBe("1 s left");
    expect(formatTimeLeft(95)).toBe("2 min left");
    expect(formatTimeLeft(3600)).toBe("1 h left");
    expect(formatTimeLeft(4000)).toBe("1 h 7 min left");
  });
});
