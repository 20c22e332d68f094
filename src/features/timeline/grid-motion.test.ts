import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { gridIsStill, markGridMoved } from "./grid-motion";

describe("gridIsStill", () => {
  // One fake clock for the file: the module keeps its time between tests, and a new fake clock starts over.
  beforeAll(() => vi.useFakeTimers());
  afterAll(() => vi.useRealTimers());

  it("counts the grid as moving for a moment after a scroll, and longer after a jump", () => {
    markGridMoved("scroll");
    expect(gridIsStill()).toBe(false);
    vi.advanceTimersByTime(201);
    expect(gridIsStill()).toBe(true);

    markGridMoved("jump");
    vi.advanceTimersByTime(300);
    expect(gridIsStill()).toBe(false);
    vi.advanceTimersByTime(301);
    expect(gridIsStill()).toBe(true);
  });

  it("a scroll just after a jump does not cut the jump's landing short", () => {
    markGridMoved("jump");
    vi.advanceTimersByTime(100);
    markGridMoved("scroll");
    vi.advanceTimersByTime(300);
    expect(gridIsStill()).toBe(false);
    vi.advanceTimersByTime(201);
    expect(gridIsStill()).toBe(true);
  });
});
