import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFrameQueue } from "./frame-queue";

describe("createFrameQueue", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs at most the given number per frame, in the order added", () => {
    const queue = createFrameQueue(3);
    const ran: number[] = [];
    for (let i = 0; i < 7; i++) queue.add(() => ran.push(i));
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(16);
    expect(ran).toEqual([0, 1, 2]);
    vi.advanceTimersByTime(16);
    expect(ran).toEqual([0, 1, 2, 3, 4, 5]);
    vi.advanceTimersByTime(16);
    expect(ran).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("a withdrawn task does not run and takes no place; the same function added twice runs twice", () => {
    const queue = createFrameQueue(2);
    const ran: string[] = [];
    const withdraw = queue.add(() => ran.push("gone"));
    const again = () => ran.push("again");
    queue.add(again);
    queue.add(again);
    withdraw();
    vi.advanceTimersByTime(16);
    expect(ran).toEqual(["again", "again"]);
  });
});
