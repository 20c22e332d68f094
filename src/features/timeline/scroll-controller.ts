/**
 * Owns the timeline's scroll position in LOGICAL pixels (see scroll-mapping.ts).
 *
 * The browser scrolls natively, on its compositor thread, so frames keep
 * coming while the main thread renders rows. When the content fits under the
 * height cap, physical and logical px are the same. When it does not (the
 * mapping's ratio is above 1), the content is placed at
 * `physical = logical − shift`:
 *
 * - small moves (wheel, trackpad, touch, keys, a click in the track) keep
 *   `shift`, so the content moves 1:1 under the finger;
 * - a big move (the scrollbar thumb dragged: one thumb px is thousands of
 *   content px) or a deliberate jump is placed proportionally, so that the
 *   scrollbar's top and bottom are the library's newest and oldest photos;
 * - near either end of the spacer, when 1:1 would run out of physical room
 *   before the content ends, the position is re-based to the proportional one
 *   (one write of `scrollTop`, and the content does not move on screen) and
 *   the last screens speed up just enough for both ends to meet;
 * - once scrolling has stopped, a drift between the two that the scrollbar
 *   thumb would show is corrected the same way.
 *
 * Listeners hear about every change with the reason: `user` for scrolling,
 * `jump` for a deliberate move (scrubber, keyboard, URL) whose destination
 * should load at once. Whoever draws the content reads `shift` to place it.
 */
import { clampLogical, createScrollMapping, type ScrollMapping, toLogical, toPhysical } from "./scroll-mapping";

export type ScrollReason = "user" | "jump";
export type ScrollListener = (top: number, reason: ScrollReason) => void;

/** The part of a scroll container the controller uses (an HTMLElement; a plain object in unit tests). */
export interface ScrollElement {
  scrollTop: number;
  addEventListener(type: "scroll", listener: () => void, options?: AddEventListenerOptions): void;
  removeEventListener(type: "scroll", listener: () => void): void;
}

/** How close to an end of the spacer (in viewports) the 1:1 movement checks it still has room. */
const EDGE_VIEWPORTS = 3;
/** A move of more viewports than this at once is the scrollbar's thumb, not a scroll. */
const THUMB_VIEWPORTS = 2;
/** After this long without a scroll event, a drift the thumb would show is corrected. */
const SETTLE_MS = 250;
/** The drift is corrected when the thumb would be this many px off. */
const THUMB_DRIFT_PX = 2;

export class ScrollController {
  private element: ScrollElement | null = null;
  private mappingValue: ScrollMapping = createScrollMapping(0, 0);
  private logical = 0;
  /** logical − physical; 0 whenever the content fits under the cap. */
  private shiftValue = 0;
  /** The physical offset we last wrote and have not yet seen the browser move away from. */
  private written: number | null = null;
  private readonly listeners = new Set<ScrollListener>();
  private settleTimer: ReturnType<typeof setTimeout> | undefined;

  get top(): number {
    return this.logical;
  }

  /** logical − physical: where the content must be drawn inside the spacer. */
  get shift(): number {
    return this.shiftValue;
  }

  get mapping(): ScrollMapping {
    return this.mappingValue;
  }

  get viewportHeight(): number {
    return this.mappingValue.viewportHeight;
  }

  attach(element: ScrollElement): () => void {
    this.element = element;
    element.addEventListener("scroll", this.onScroll, { passive: true });
    return () => {
      element.removeEventListener("scroll", this.onScroll);
      clearTimeout(this.settleTimer);
      if (this.element === element) this.element = null;
    };
  }

  subscribe(listener: ScrollListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Adopts a new mapping (new content height or viewport) and puts the content
   * at `logicalTop`. Call it after the spacer has its new height in the DOM.
   */
  setMapping(mapping: ScrollMapping, logicalTop: number, reason: ScrollReason = "jump"): void {
    this.mappingValue = mapping;
    this.scrollTo(logicalTop, reason);
  }

  /**
   * Puts the content at `logicalTop`: proportionally for a jump, keeping the
   * current shift for a scroll (while the spacer has room for it).
   */
  scrollTo(logicalTop: number, reason: ScrollReason = "jump"): void {
    if (reason === "jump") this.cancelGlide();
    const m = this.mappingValue;
    this.logical = clampLogical(m, logicalTop);
    let physical = toPhysical(m, this.logical);
    if (reason === "user" && m.ratio > 1) {
      const kept = this.logical - this.shiftValue;
      if (kept >= 0 && kept <= m.maxPhysical && !this.outOfRoom(this.logical, kept)) physical = kept;
    }
    this.place(physical);
    this.emit(reason);
  }

  scrollBy(delta: number, reason: ScrollReason = "user"): void {
    this.cancelGlide();
    if (delta !== 0) this.scrollTo(this.logical + delta, reason);
  }

  private glideTarget: number | null = null;
  private glideFrame = 0;

  /**
   * A wheel delta for a part of the page the browser does not scroll (the
   * scrubber's rail), eased over a few frames when it is a mouse-wheel notch
   * the way browsers smooth-scroll, at once when it is a trackpad's stream of
   * small deltas.
   */
  wheel(delta: number): void {
    if (Math.abs(delta) < 40 && this.glideTarget === null) {
      this.scrollBy(delta);
      return;
    }
    const from = this.glideTarget ?? this.logical;
    this.glideTarget = clampLogical(this.mappingValue, from + delta);
    if (this.glideFrame !== 0) return;
    const step = () => {
      const target = this.glideTarget;
      if (target === null) return;
      const remaining = target - this.logical;
      if (Math.abs(remaining) < 1) {
        this.glideTarget = null;
        this.glideFrame = 0;
        this.scrollTo(target, "user");
        return;
      }
      this.scrollTo(this.logical + remaining * 0.35, "user");
      this.glideFrame = requestAnimationFrame(step);
    };
    this.glideFrame = requestAnimationFrame(step);
  }

  private cancelGlide(): void {
    if (this.glideFrame !== 0) cancelAnimationFrame(this.glideFrame);
    this.glideFrame = 0;
    this.glideTarget = null;
  }

  /** Writes a physical offset (ours: the scroll event it causes is ignored) and the shift that goes with it. */
  private place(physical: number): void {
    this.shiftValue = this.mappingValue.ratio > 1 ? this.logical - physical : 0;
    const element = this.element;
    if (element) {
      this.written = physical;
      element.scrollTop = physical;
    }
  }

  /**
   * True when, at (logical, physical), the spacer's room left in either
   * direction is within a few screens of its end but the content's is more
   * than the proportional share of it: moving 1:1 would hit the spacer's end
   * with photos still beyond it.
   */
  private outOfRoom(logical: number, physical: number): boolean {
    const m = this.mappingValue;
    const edge = EDGE_VIEWPORTS * Math.max(1, m.viewportHeight);
    const slack = 1.05 * m.ratio;
    const above = physical < edge && logical > physical * slack + 1;
    const roomBelow = m.maxPhysical - physical;
    const below = roomBelow < edge && m.maxLogical - logical > roomBelow * slack + 1;
    return above || below;
  }

  private readonly onScroll = (): void => {
    const element = this.element;
    if (!element) return;
    const physical = element.scrollTop;
    if (this.written !== null && Math.abs(physical - this.written) < 1) return; // our own write
    this.written = null;
    this.cancelGlide(); // the scrollbar or a touch took over
    const previous = this.logical;
    const previousShift = this.shiftValue;
    this.follow(physical);
    if (this.mappingValue.ratio > 1) {
      // Entering an end's last screens with too much content left: re-base while a few screens remain.
      if (this.outOfRoom(this.logical, physical)) this.place(toPhysical(this.mappingValue, this.logical));
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(this.settle, SETTLE_MS);
    }
    // A new shift alone must be heard too: the content is drawn at logical − shift.
    if (this.logical !== previous || this.shiftValue !== previousShift) this.emit("user");
  };

  /** Sets the logical offset and the shift for a physical offset the browser scrolled to. */
  private follow(physical: number): void {
    const m = this.mappingValue;
    if (m.ratio <= 1) {
      this.shiftValue = 0;
      this.logical = toLogical(m, physical);
      return;
    }
    const from = this.logical - this.shiftValue;
    const delta = physical - from;
    let logical: number;
    if (physical <= 0.5 || physical >= m.maxPhysical - 0.5 || Math.abs(delta) > THUMB_VIEWPORTS * m.viewportHeight) {
      // The scrollbar's thumb, or an end of it: the ends of the scrollbar are the ends of the library.
      logical = toLogical(m, physical);
    } else {
      // 1:1, except in an end's last screens, where the content's room left is spent over the spacer's.
      const roomP = delta < 0 ? from : m.maxPhysical - from;
      const roomL = delta < 0 ? this.logical : m.maxLogical - this.logical;
      const edge = EDGE_VIEWPORTS * Math.max(1, m.viewportHeight);
      const factor = roomP > 0 && roomP < edge && roomL > roomP ? roomL / roomP : 1;
      logical = clampLogical(m, this.logical + delta * factor);
    }
    this.logical = logical;
    this.shiftValue = logical - physical;
  }

  /** Scrolling stopped: if the thumb would show a drift from the proportional position, re-base. */
  private readonly settle = (): void => {
    const m = this.mappingValue;
    if (!this.element || m.ratio <= 1) return;
    const physical = this.logical - this.shiftValue;
    const proportional = toPhysical(m, this.logical);
    const thumbPx = (Math.abs(physical - proportional) / Math.max(1, m.physicalHeight)) * m.viewportHeight;
    if (thumbPx >= THUMB_DRIFT_PX) {
      this.place(proportional);
      this.emit("user");
    }
  };

  private emit(reason: ScrollReason): void {
    for (const listener of this.listeners) listener(this.logical, reason);
  }
}
