import { describe, expect, it } from "vitest";
import { FlingDetector } from "./fling-detector";

/** A scroll position that moves on from where the last `feed` left it. */
const positions = new WeakMap<FlingDetector, { t: number; top: number }>();

/** Feeds scroll events `stepMs` apart, each `deltas[i]` px further; returns the detector's answer after each. */
function feed(detector: FlingDetector, deltas: number[], stepMs = 16) {
  let at = positions.get(detector);
  if (!at) {
    at = { t: 0, top: 0 };
    detector.update(at.top, at.t);
  }
  const answers = deltas.map((delta) => {
    at.t += stepMs;
    at.top += delta;
    return detector.update(at.top, at.t);
  });
  positions.set(detector, at);
  return answers;
}

describe("FlingDetector", () => {
  it("reading speed is not a fling; a fast scroll becomes one within a few events", () => {
    expect(feed(new FlingDetector(), Array(20).fill(10))).not.toContain(true); // 0.6 px/ms
    const fast = feed(new FlingDetector(), Array(10).fill(80)); // 5 px/ms
    expect(fast.indexOf(true)).toBeGreaterThan(0);
    expect(fast.indexOf(true)).toBeLessThanOrEqual(4);
    expect(fast.at(-1)).toBe(true);
  });

  it("uneven events near the threshold do not flip it back and forth", () => {
    // 2.6 px/ms on average, delivered as a large step then a tiny one, as wheel events arrive.
    const detector = new FlingDetector();
    const answers = feed(detector, Array(40).fill([75, 8]).flat());
    const started = answers.indexOf(true);
    expect(started).toBeGreaterThan(0);
    const flips = answers.slice(started).filter((answer, i, all) => i > 0 && answer !== all[i - 1]).length;
    expect(flips).toBe(0);
  });

  it("ends once the speed falls under the lower threshold, not at the upper one", () => {
    const detector = new FlingDetector();
    feed(detector, Array(10).fill(80));
    // 2 px/ms: under ENTER but over LEAVE, the fling goes on…
    expect(feed(detector, Array(10).fill(32))).not.toContain(false);
    // …at 0.5 px/ms it is over.
    expect(feed(detector, Array(10).fill(8)).at(-1)).toBe(false);
  });

  it("a jump is never a fling, and the next movement starts from rest", () => {
    const detector = new FlingDetector();
    feed(detector, Array(10).fill(80));
    expect(detector.update(900_000, 200, true)).toBe(false);
    // 10 px in 16 ms from rest: the speed before the jump is not carried over.
    expect(detector.update(900_010, 216)).toBe(false);
  });

  it("waits for a stop in proportion to how far apart the fling's events come", () => {
    // A trackpad: an event per frame. A stop shows after 100 ms.
    const trackpad = new FlingDetector();
    feed(trackpad, Array(10).fill(80));
    expect(trackpad.quietMs()).toBe(100);
    // A wheel that jumps 900 px per event, 60 ms apart: 100 ms would end the fling between two events.
    const wheel = new FlingDetector();
    expect(feed(wheel, Array(10).fill(900), 60).at(-1)).toBe(true);
    expect(wheel.quietMs()).toBeGreaterThan(170);
    expect(wheel.quietMs()).toBeLessThanOrEqual(180);
    // Never longer than 250 ms, however slow the events; a pause longer than that is not a gap.
    const slow = new FlingDetector();
    feed(slow, Array(5).fill(2000), 200);
    expect(slow.quietMs()).toBe(250);
    feed(trackpad, [80], 5000);
    expect(trackpad.quietMs()).toBe(100);
  });
});
