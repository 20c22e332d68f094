/**
 * Logical ↔ physical scroll positions. Browsers cap an element's height
 * (about 16.7 million CSS px in Chrome, 17.9 million in Firefox), and a
 * million photos in a grid is taller than that. The timeline lays itself out
 * in *logical* pixels of any height and gives the scroll container a spacer
 * of at most `cap` *physical* pixels; a physical scroll position maps
 * linearly to a logical one, so that the scrollbar's bottom is the
 * library's bottom.
 *
 * The mapping is between scroll ranges, not heights: `maxPhysical`
 * (spacer − viewport) maps to `maxLogical` (content − viewport), so the last
 * row is reachable exactly, whatever the ratio.
 */

/** Below every browser's limit, with room for rounding. */
export const DEFAULT_SCROLL_CAP = 15_000_000;

export interface ScrollMapping {
  logicalHeight: number;
  /** Height of the spacer in the DOM. */
  physicalHeight: number;
  viewportHeight: number;
  /** Largest logical scroll offset: the content's bottom at the viewport's bottom. */
  maxLogical: number;
  maxPhysical: number;
  /** Logical px per physical px; 1 when the content fits under the cap. */
  ratio: number;
}

export function createScrollMapping(
  logicalHeight: number,
  viewportHeight: number,
  cap: number = DEFAULT_SCROLL_CAP,
): ScrollMapping {
  const logical = Math.max(0, Math.ceil(logicalHeight));
  const viewport = Math.max(0, Math.floor(viewportHeight));
  // A cap smaller than two screens would leave nothing to scroll; it only happens in tests.
  const physical = Math.min(logical, Math.max(Math.floor(cap), viewport * 2));
  const maxLogical = Math.max(0, logical - viewport);
  const maxPhysical = Math.max(0, physical - viewport);
  const ratio = maxPhysical > 0 && maxLogical > maxPhysical ? maxLogical / maxPhysical : 1;
  return { logicalHeight: logical, physicalHeight: physical, viewportHeight: viewport, maxLogical, maxPhysical, ratio };
}

export function clampLogical(mapping: ScrollMapping, logical: number): number {
  if (!(logical > 0)) return 0;
  return Math.min(logical, mapping.maxLogical);
}

/**
 * The logical offset of a physical `scrollTop`. The bottom snaps to
 * `maxLogical`: browsers round scroll offsets, and the last row must still be
 * reachable.
 */
export function toLogical(mapping: ScrollMapping, physical: number): number {
  if (!(physical > 0)) return 0;
  if (physical >= mapping.maxPhysical - 0.5) return mapping.maxLogical;
  return clampLogical(mapping, physical * mapping.ratio);
}

export function toPhysical(mapping: ScrollMapping, logical: number): number {
  const l = clampLogical(mapping, logical);
  if (l >= mapping.maxLogical) return mapping.maxPhysical;
  return l / mapping.ratio;
}

/** A wheel event's vertical delta in CSS px, whatever its `deltaMode`. */
export function wheelDeltaPixels(deltaY: number, deltaMode: number, viewportHeight: number, lineHeight = 40): number {
  if (deltaMode === 1) return deltaY * lineHeight;
  if (deltaMode === 2) return deltaY * viewportHeight;
  return deltaY;
}
