import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ScrollController, type ScrollElement } from "./scroll-controller";
import { createScrollMapping, toPhysical } from "./scroll-mapping";

/** A scroll container as the controller sees it; `scrollBy` plays the browser scrolling it. */
class FakeScroller implements ScrollElement {
  private value = 0;
  private listener: (() => void) | null = null;
  writes: number[] = [];
  constructor(private readonly maxPhysical: number) {}
  get scrollTop(): number {
    return this.value;
  }
  set scrollTop(v: number) {
    this.value = Math.min(this.maxPhysical, Math.max(0, v));
    this.writes.push(this.value);
    this.listener?.(); // the browser fires a scroll event for our own writes too
  }
  addEventListener(_type: "scroll", listener: () => void): void {
    this.listener = listener;
  }
  removeEventListener(): void {
    this.listener = null;
  }
  /** The user scrolls by `delta` physical px (wheel, trackpad, thumb). */
  scrollBy(delta: number): void {
    this.value = Math.min(this.maxPhysical, Math.max(0, this.value + delta));
    this.listener?.();
  }
}

function setup(logicalHeight: number, viewport: number, cap?: number) {
  const mapping = createScrollMapping(logicalHeight, viewport, cap);
  const element = new FakeScroller(mapping.maxPhysical);
  const controller = new ScrollController();
  controller.attach(element);
  controller.setMapping(mapping, 0);
  element.writes = [];
  const seen: number[] = [];
  controller.subscribe((top) => seen.push(top));
  return { mapping, element, controller, seen };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("ScrollController under the cap", () => {
  it("follows the browser's scroll position exactly, with no shift", () => {
    const { element, controller, seen } = setup(50_000, 800);
    element.scrollBy(1234);
    expect(controller.top).toBe(1234);
    expect(controller.shift).toBe(0);
    expect(seen).toEqual([1234]);
    controller.scrollTo(40_000, "jump");
    expect(element.scrollTop).toBe(40_000);
    vi.advanceTimersByTime(1000);
    expect(element.writes).toEqual([40_000]); // no re-basing ever
  });
});

describe("ScrollController over the cap (1:1 scrolling, proportional scrollbar)", () => {
  // 40M px of content in a 15M px spacer: ratio ≈ 2.67.
  const HEIGHT = 40_000_000;
  const VIEWPORT = 800;

  it("moves the content 1:1 with small scrolls, keeping the shift", () => {
    const { element, controller } = setup(HEIGHT, VIEWPORT);
    controller.scrollTo(10_000_000, "jump");
    const startP = element.scrollTop;
    const shift = controller.shift;
    expect(startP).toBeCloseTo(toPhysical(controller.mapping, 10_000_000), 6);
    for (let i = 0; i < 20; i++) element.scrollBy(120);
    expect(controller.top).toBeCloseTo(10_000_000 + 2400, 6);
    expect(controller.shift).toBe(shift);
    for (let i = 0; i < 10; i++) element.scrollBy(-120);
    expect(controller.top).toBeCloseTo(10_000_000 + 1200, 6);
  });

  it("reads a thumb drag (thousands of px at once) proportionally, and the ends as the library's ends", () => {
    const { mapping, element, controller } = setup(HEIGHT, VIEWPORT);
    element.scrollBy(mapping.maxPhysical / 2);
    expect(controller.top).toBeCloseTo(mapping.maxLogical / 2, 0);
    element.scrollBy(mapping.maxPhysical);
    expect(controller.top).toBe(mapping.maxLogical);
    element.scrollBy(-mapping.maxPhysical);
    expect(controller.top).toBe(0);
    expect(controller.shift).toBe(0);
  });

  it("a jump is placed proportionally; a scroll keeps the shift", () => {
    const { mapping, element, controller } = setup(HEIGHT, VIEWPORT);
    controller.scrollTo(20_000_000, "jump");
    expect(element.scrollTop).toBeCloseTo(20_000_000 / mapping.ratio, 6);
    element.scrollBy(500);
    const physical = element.scrollTop;
    controller.scrollTo(controller.top + 300, "user"); // e.g. Arrow Down on the container
    expect(element.scrollTop).toBeCloseTo(physical + 300, 6);
  });

  it("scrolling down 1:1 from the top still reaches the oldest row, re-basing near the spacer's end", () => {
    // A small cap so that the walk is short: 100,000 px of content in a 5,000 px spacer.
    const { mapping, element, controller } = setup(100_000, 500, 5000);
    expect(mapping.ratio).toBeGreaterThan(20);
    let previous = controller.top;
    let rebases = 0;
    let steps = 0;
    while (element.scrollTop < mapping.maxPhysical && steps < 10_000) {
      const writes = element.writes.length;
      element.scrollBy(40);
      steps++;
      if (element.writes.length > writes) rebases++;
      const moved = controller.top - previous;
      // Never backwards; 1:1 until the last screens, never faster than the proportional speed (+ slack) there.
      expect(moved).toBeGreaterThanOrEqual(0);
      expect(moved).toBeLessThanOrEqual(40 * mapping.ratio * 1.06);
      previous = controller.top;
    }
    expect(controller.top).toBe(mapping.maxLogical);
    expect(rebases).toBeGreaterThan(0);
    // Most of the way was 1:1: far more steps than the spacer's length alone would take.
    expect(steps).toBeGreaterThan(mapping.maxPhysical / 40);
  });

  it("scrolling up 1:1 from a thumb drop in the middle reaches the newest photo", () => {
    const { mapping, element, controller } = setup(100_000, 500, 5000);
    element.scrollBy(mapping.maxPhysical / 2);
    let previous = controller.top;
    let steps = 0;
    while (element.scrollTop > 0 && steps < 10_000) {
      element.scrollBy(-40);
      steps++;
      expect(controller.top).toBeLessThanOrEqual(previous);
      previous = controller.top;
    }
    expect(controller.top).toBe(0);
  });

  it("re-bases the thumb to the proportional place once scrolling stops, without moving the content", () => {
    const { mapping, element, controller, seen } = setup(HEIGHT, VIEWPORT);
    controller.scrollTo(10_000_000, "jump");
    for (let i = 0; i < 100; i++) element.scrollBy(600); // 60,000 px 1:1: the thumb is ~2 px off
    const top = controller.top;
    const events = seen.length;
    const writes = element.writes.length;
    vi.advanceTimersByTime(100);
    expect(element.writes.length).toBe(writes); // not while still scrolling
    vi.advanceTimersByTime(500);
    expect(element.writes.length).toBe(writes + 1);
    expect(element.scrollTop).toBeCloseTo(toPhysical(mapping, top), 6);
    expect(controller.top).toBe(top);
    expect(controller.shift).toBeCloseTo(top - element.scrollTop, 6);
    expect(seen.length).toBe(events + 1);
  });
});
