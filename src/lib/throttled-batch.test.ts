import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createThrottledBatch } from "./throttled-batch";

describe("createThrottledBatch", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("hands the first item over at once, and what comes within the interval together at its end", () => {
    const batches: number[][] = [];
    const batch = createThrottledBatch<number>(100, (items) => batches.push(items));
    batch.add(1);
    expect(batches).toEqual([[1]]);
    vi.advanceTimersByTime(30);
    batch.add(2);
    vi.advanceTimersByTime(30);
    batch.add(3);
    expect(batches).toEqual([[1]]);
    vi.advanceTimersByTime(39);
    expect(batches).toEqual([[1]]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([[1], [2, 3]]);
    // Within the interval after that batch: waits again, for the rest of it.
    vi.advanceTimersByTime(50);
    batch.add(4);
    vi.advanceTimersByTime(49);
    expect(batches).toEqual([[1], [2, 3]]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([[1], [2, 3], [4]]);
  });

  it("after a quiet spell, the next item goes at once again", () => {
    const batches: string[][] = [];
    const batch = createThrottledBatch<string>(100, (items) => batches.push(items));
    batch.add("a");
    vi.advanceTimersByTime(500);
    batch.add("b");
    expect(batches).toEqual([["a"], ["b"]]);
  });
});
