/**
 * When the grid last moved. Thumbnails that arrive while it moves appear at
 * once; only those that arrive while it is still fade in. A fade is an opacity
 * animation, which the browser composites as one layer per image: dozens at a
 * time while scrolling cost whole frames on a machine without a GPU.
 */
let movedAt = Number.NEGATIVE_INFINITY;

/** How long after the last movement the grid counts as still. */
const STILL_AFTER_MS = 200;

export function markGridMoved(): void {
  movedAt = performance.now();
}

export function gridIsStill(): boolean {
  return performance.now() - movedAt > STILL_AFTER_MS;
}
