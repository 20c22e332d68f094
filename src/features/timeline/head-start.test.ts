import { afterEach, describe, expect, it, vi } from "vitest";
import { apiFetch } from "../../api/client";
import { discardEarlyAnswers, startEarlyRequests, takeEarlyAnswer } from "../../api/early-requests";
import { getAssetCounts } from "../../api/get-asset-counts";
import { type Asset, countsPageSchema } from "../../api/schemas";
import {
  earlyTimelinePaths,
  HEAD_DAYS_PATH,
  HEAD_PAGE_PATH,
  headDaysOfChunk,
  headPartOf,
  MONTHS_PATHS,
} from "./head-start";
import type { Segment, SegmentPart } from "./segments";
import type { MonthChunk } from "./use-timeline-days";

afterEach(() => vi.unstubAllGlobals());

/** A fetch that records what it was asked for and answers `body` (JSON). */
function stubFetch(body: unknown = { data: [], has_more: false }) {
  const asked: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify(body), { status: 200 });
    }),
  );
  return asked;
}

const bucket = (day: string, count = 3) => ({ time_bucket: `${day}T00:00:00`, count });
const asset = (id: string, day: string) => ({ id, local_datetime: `${day}T12:00:00` }) as Asset;
const segment = (s: Partial<Segment>): Segment => ({
  index: 0,
  firstDay: 0,
  lastDay: 0,
  newest: "2024-07-04",
  oldest: "2024-07-01",
  start: 0,
  count: 3,
  paged: false,
  ...s,
});
const part = (s: Partial<Segment>, ref: SegmentPart["ref"] = null): SegmentPart => ({
  id: "p",
  segment: segment(s),
  ref,
});

describe("earlyTimelinePaths", () => {
  it("asks for the months, the newest days and the newest page at the top of the timeline", () => {
    expect(earlyTimelinePaths("/", "")).toEqual([...MONTHS_PATHS, HEAD_DAYS_PATH, HEAD_PAGE_PATH]);
  });
  it("asks only for the months on a deep link, and for nothing elsewhere", () => {
    expect(earlyTimelinePaths("/", "?at=2019-07")).toEqual([...MONTHS_PATHS]);
    expect(earlyTimelinePaths("/trash", "")).toEqual([]);
    expect(earlyTimelinePaths("/asset/a1", "")).toEqual([]);
  });
  it("names exactly what the counts client requests, so that apiFetch finds the early answers", async () => {
    const asked = stubFetch();
    await getAssetCounts({ groupBy: "month" });
    await getAssetCounts({ groupBy: "month", order: "asc" });
    await getAssetCounts({ groupBy: "day" });
    expect(asked).toEqual([...MONTHS_PATHS, HEAD_DAYS_PATH]);
  });
});

describe("early answers", () => {
  it("are taken once by apiFetch; the next call asks the network", async () => {
    const asked = stubFetch({ data: [bucket("2024-07-04")], has_more: false });
    startEarlyRequests(["/api/x?once"]);
    expect(asked).toEqual(["/api/x?once"]);
    const page = await apiFetch("/api/x?once", { schema: countsPageSchema });
    expect(page.data).toHaveLength(1);
    expect(asked).toHaveLength(1);
    await apiFetch("/api/x?once", { schema: countsPageSchema });
    expect(asked).toHaveLength(2);
  });
  it("are dropped when this tab writes to the library", async () => {
    const asked = stubFetch({ data: [], has_more: false });
    startEarlyRequests(["/api/x?write"]);
    await apiFetch("/api/assets/a1", { method: "PATCH", body: { rating: 3 }, schema: countsPageSchema });
    expect(takeEarlyAnswer("/api/x?write")).toBeNull();
    startEarlyRequests(["/api/x?upload"]);
    discardEarlyAnswers();
    expect(takeEarlyAnswer("/api/x?upload")).toBeNull();
    expect(asked).toHaveLength(3);
  });
  it("expire: an answer older than the TTL is not used", () => {
    stubFetch();
    startEarlyRequests(["/api/x?old"], () => 0);
    expect(takeEarlyAnswer("/api/x?old", () => 10_001)).toBeNull();
  });
  it("turn an error status into the same ApiError as a normal request", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(JSON.stringify({ detail: "nope" }), { status: 500 })),
    );
    startEarlyRequests(["/api/x?error"]);
    await expect(apiFetch("/api/x?error", { schema: countsPageSchema })).rejects.toThrow("nope");
  });
});

describe("headDaysOfChunk", () => {
  const chunk: MonthChunk = {
    newest: "2024-07",
    oldest: "2024-06",
    months: [
      { month: "2024-07", count: 6 },
      { month: "2024-06", count: 3 },
    ],
  };
  it("cuts the chunk's days from the newest days when they reach past it", () => {
    const head = {
      data: [bucket("2024-07-04"), bucket("2024-07-01"), bucket("2024-06-10"), bucket("2024-05-31")],
      has_more: true,
    };
    expect(headDaysOfChunk(head, chunk)?.map((b) => b.time_bucket.slice(0, 10))).toEqual([
      "2024-07-04",
      "2024-07-01",
      "2024-06-10",
    ]);
  });
  it("takes them all when the library has no more days", () => {
    const head = { data: [bucket("2024-07-04", 6), bucket("2024-06-10")], has_more: false };
    expect(headDaysOfChunk(head, chunk)).toHaveLength(2);
  });
  it("gives up when the days do not add up to the months: the library changed in between", () => {
    // Opened empty, then a first upload: the early answer says there is nothing.
    expect(headDaysOfChunk({ data: [], has_more: false }, chunk)).toBeNull();
    expect(
      headDaysOfChunk({ data: [bucket("2024-07-04", 5), bucket("2024-06-10")], has_more: false }, chunk),
    ).toBeNull();
  });
  it("gives up when the answer may stop inside the chunk, or holds days newer than it", () => {
    expect(headDaysOfChunk({ data: [bucket("2024-07-04"), bucket("2024-06-10")], has_more: true }, chunk)).toBeNull();
    expect(headDaysOfChunk({ data: [bucket("2024-08-02"), bucket("2024-05-01")], has_more: true }, chunk)).toBeNull();
  });
});

describe("headPartOf", () => {
  const head = {
    data: [asset("a", "2024-07-04"), asset("b", "2024-07-04"), asset("c", "2024-07-01"), asset("d", "2024-06-30")],
    has_more: true,
  };
  it("cuts the first segment's assets from the newest page", () => {
    expect(headPartOf(head, part({}))?.assets.map((a) => a.id)).toEqual(["a", "b", "c"]);
  });
  it("gives up when the page does not hold as many as the day counts say", () => {
    // Opened empty, then a first upload: the early page has none of it.
    expect(headPartOf({ data: [], has_more: false }, part({ count: 1 }))).toBeNull();
    expect(headPartOf(head, part({ count: 4 }))).toBeNull();
  });
  it("is only for the part that starts at the newest asset", () => {
    expect(headPartOf(head, part({ start: 3, index: 1 }))).toBeNull();
  });
  it("gives up when the page may stop inside the segment, or starts after it", () => {
    expect(headPartOf({ ...head, data: head.data.slice(0, 3) }, part({}))).toBeNull();
    expect(headPartOf({ ...head, data: head.data.slice(0, 3), has_more: false }, part({}))?.assets).toHaveLength(3);
    expect(headPartOf(head, part({ newest: "2024-07-03" }))).toBeNull();
  });
  it("is the newest page of a big day when all of it is that day, and nothing else of it", () => {
    const big = { data: Array.from({ length: 200 }, (_, i) => asset(`x${i}`, "2024-07-04")), has_more: true };
    const day = { newest: "2024-07-04", oldest: "2024-07-04", count: 900, paged: true };
    expect(headPartOf(big, part(day, { dir: "desc", page: 0 }))?.assets).toHaveLength(200);
    expect(headPartOf(big, part(day, { dir: "desc", page: 1 }))).toBeNull();
    expect(headPartOf(big, part(day, { dir: "asc", page: 0 }))).toBeNull();
    expect(headPartOf(head, part(day, { dir: "desc", page: 0 }))).toBeNull();
  });
});
