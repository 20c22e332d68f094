import { afterEach, describe, expect, it, vi } from "vitest";
import { allMonthsFromBothEnds } from "./use-timeline-days";

/** A fake counts endpoint over `months` (newest first), paging like §3.6. */
function serve(months: string[]) {
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (input: string) => {
    const url = new URL(input, "http://x");
    calls.push(url.search);
    const asc = url.searchParams.get("order") === "asc";
    const limit = Number(url.searchParams.get("limit") ?? 20);
    const after = url.searchParams.get("starting_after_bucket");
    let list = (asc ? months.toReversed() : months).map((m) => `${m}-01T00:00:00`);
    if (after) list = list.filter((b) => (asc ? b > after : b < after));
    const page = list.slice(0, limit);
    const body = { data: page.map((time_bucket) => ({ time_bucket, count: 1 })), has_more: list.length > limit };
    return new Response(JSON.stringify(body), { status: 200 });
  });
  return calls;
}

function monthsBack(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const y = 2025 - Math.floor(i / 12);
    const m = 12 - (i % 12);
    out.push(`${y}-${String(m).padStart(2, "0")}`);
  }
  return out;
}

describe("allMonthsFromBothEnds", () => {
  afterEach(() => vi.unstubAllGlobals());

  for (const n of [0, 1, 200, 201, 300, 400, 401, 650]) {
    it(`returns all ${n} months, newest first, each once`, async () => {
      const months = monthsBack(n);
      const calls = serve(months);
      const buckets = await allMonthsFromBothEnds({});
      expect(buckets.map((b) => b.time_bucket.slice(0, 7))).toEqual(months);
      // Fewer than 400 months take one round trip (two requests in parallel).
      if (n < 400) expect(calls).toHaveLength(2);
    });
  }
});
