import { describe, expect, it } from "vitest";
import { buildLayout, DEFAULT_LAYOUT_CONFIG, itemsInRange } from "./layout";
import { addDays } from "./naive-date";
import { createScrollMapping, DEFAULT_SCROLL_CAP, toLogical, toPhysical, wheelDeltaPixels } from "./scroll-mapping";

describe("createScrollMapping", () => {
  it("is the identity when the content fits under the cap", () => {
    const m = createScrollMapping(10_000.4, 800);
    expect(m).toMatchObject({ physicalHeight: 10_001, maxLogical: 9_201, maxPhysical: 9_201, ratio: 1 });
    expect(toLogical(m, 1234)).toBe(1234);
    expect(toPhysical(m, 1234)).toBe(1234);
  });

  it("caps the spacer and maps the scroll ranges end to end", () => {
    const m = createScrollMapping(40_000_000, 1000);
    expect(m.physicalHeight).toBe(DEFAULT_SCROLL_CAP);
    expect(m.maxPhysical).toBe(DEFAULT_SCROLL_CAP - 1000);
    expect(m.maxLogical).toBe(40_000_000 - 1000);
    expect(m.ratio).toBeCloseTo((40_000_000 - 1000) / (DEFAULT_SCROLL_CAP - 1000), 9);
    expect(toLogical(m, 0)).toBe(0);
    expect(toLogical(m, m.maxPhysical)).toBe(m.maxLogical);
    expect(toPhysical(m, m.maxLogical)).toBe(m.maxPhysical);
  });

  it("takes a configurable cap (tests use small ones)", () => {
    const m = createScrollMapping(100_000, 500, 5000);
    expect(m.physicalHeight).toBe(5000);
    expect(m.ratio).toBeCloseTo(99_500 / 4500, 9);
  });

  it("never leaves less than two screens to scroll when the cap is absurdly small", () => {
    const m = createScrollMapping(100_000, 500, 10);
    expect(m.physicalHeight).toBe(1000);
    expect(m.maxPhysical).toBe(500);
  });

  it("snaps a rounded bottom offset to the logical bottom", () => {
    const m = createScrollMapping(30_000_000, 937, 15_000_000);
    expect(toLogical(m, m.maxPhysical - 0.4)).toBe(m.maxLogical);
    expect(toLogical(m, m.maxPhysical - 1)).toBeLessThan(m.maxLogical);
    expect(toLogical(m, m.maxPhysical + 50)).toBe(m.maxLogical);
    expect(toLogical(m, -3)).toBe(0);
  });

  it("round-trips physical ↔ logical", () => {
    const m = createScrollMapping(27_123_457, 911);
    for (const logical of [0, 1, 999.5, 1_234_567, 13_000_000, 27_000_000, m.maxLogical]) {
      expect(toLogical(m, toPhysical(m, logical))).toBeCloseTo(logical, 3);
    }
    for (const physical of [0, 10, 7_654_321.25, m.maxPhysical - 1]) {
      expect(toPhysical(m, toLogical(m, physical))).toBeCloseTo(physical, 3);
    }
  });
});

describe("reaching the oldest row of a 2,000,000-asset library", () => {
  const n = 9000;
  const days = Array.from({ length: n }, (_, i) => addDays("2025-06-30", -i));
  const counts = Array.from({ length: n }, (_, i) => (i === n - 1 ? 2_000_000 - 222 * (n - 1) : 222));
  const viewport = 911;

  for (const width of [375 - 52, 1170, 2400]) {
    it(`at a content width of ${width} px`, () => {
      const layout = buildLayout(days, counts, { ...DEFAULT_LAYOUT_CONFIG, width });
      const m = createScrollMapping(layout.totalHeight, viewport);
      expect(layout.totalHeight).toBeGreaterThan(DEFAULT_SCROLL_CAP);
      expect(m.physicalHeight).toBeLessThanOrEqual(DEFAULT_SCROLL_CAP);
      // The scrollbar dragged to the bottom: scrollTop = maxPhysical (browsers may round it).
      for (const physical of [m.maxPhysical, Math.round(m.maxPhysical - 0.3)]) {
        const top = toLogical(m, physical);
        const visible = itemsInRange(layout, top, top + viewport);
        const last = visible.at(-1);
        expect(last?.kind).toBe("row");
        if (last?.kind === "row") {
          expect(last.day).toBe(n - 1);
          expect(last.firstAsset + last.count).toBe(2_000_000);
          // The whole last row is on screen, above the bottom padding.
          expect(last.top + last.height).toBeLessThanOrEqual(top + viewport);
        }
      }
    });
  }
});

describe("wheelDeltaPixels", () => {
  it("converts lines and pages to pixels", () => {
    expect(wheelDeltaPixels(120, 0, 800)).toBe(120);
    expect(wheelDeltaPixels(3, 1, 800)).toBe(120);
    expect(wheelDeltaPixels(-1, 2, 800)).toBe(-800);
  });
});
