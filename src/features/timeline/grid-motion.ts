/**
 * When the grid last moved. Thumbnails that arrive while it moves appear at
 * once; only those that arrive while it is still fade in. A fade is an opacity
 * animation, which the browser composites as one layer per image: dozens at a
 * time while scrolling cost whole frames on a machine without a GPU.
 *
 * A jump (scrubber, keyboard, Back/Forward) puts a whole new screen up at
 * once, and its thumbnails come in over the next few hundred milliseconds:
 * they are part of the landing, like those of a scroll, and appear at once
 * too. Faded one by one, a layer each, they made the landing's frames late.
 * A thumbnail that comes later than that, on a still screen, fades in.
 */
let stillFrom = Number.NEGATIVE_INFINITY;

/** How long after the last movement of a scroll the grid counts as still. */
const STILL_AFTER_SCROLL_MS = 200;
/** How long after a jump the grid counts as still. */
const STILL_AFTER_JUMP_MS = 600;

export function markGridMoved(how: "scroll" | "jump"): void {
  const after = how === "jump" ? STILL_AFTER_JUMP_MS : STILL_AFTER_SCROLL_MS;
  // A scroll right after a jump does not cut the jump's landing short.
  stillFrom = Math.max(stillFrom, performance.now() + after);
}

export function gridIsStill(): boolean {
  return performance.now() > stillFrom;
}
