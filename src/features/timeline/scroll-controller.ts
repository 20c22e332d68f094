/**
 * Owns the timeline's scroll position in LOGICAL pixels (see scroll-mapping.ts).
 *
 * - A scroll event from the browser (scrollbar drag, touch, keyboard on the
 *   container) is read as physical and converted; a position we wrote
 *   ourselves keeps its exact logical value, so "scroll to the last row"
 *   lands exactly even when one physical px is worth several logical ones.
 * - When the content is taller than the cap (ratio > 1), wheel events are
 *   taken over and move the content 1:1 in logical px; otherwise the browser
 *   scrolls natively.
 * - Listeners hear about every change with the reason: `user` for scrolling,
 *   `jump` for a deliberate move (scrubber, keyboard, URL) whose destination
 *   should load at once.
 */
import { clampLogical, createScrollMapping, type ScrollMapping, toLogical, toPhysical } from "./scroll-mapping";

export type ScrollReason = "user" | "jump";
export type ScrollListener = (top: number, reason: ScrollReason) => void;

export class ScrollController {
  private element: HTMLElement | null = null;
  private mappingValue: ScrollMapping = createScrollMapping(0, 0);
  private logical = 0;
  /** The physical offset we last wrote and have not yet seen the browser move away from. */
  private written: number | null = null;
  private readonly listeners = new Set<ScrollListener>();

  get top(): number {
    return this.logical;
  }

  get mapping(): ScrollMapping {
    return this.mappingValue;
  }

  get viewportHeight(): number {
    return this.mappingValue.viewportHeight;
  }

  get scrollElement(): HTMLElement | null {
    return this.element;
  }

  attach(element: HTMLElement): () => void {
    this.element = element;
    element.addEventListener("scroll", this.onScroll, { passive: true });
    return () => {
      element.removeEventListener("scroll", this.onScroll);
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

  scrollTo(logicalTop: number, reason: ScrollReason = "jump"): void {
    if (reason === "jump") this.cancelGlide();
    this.logical = clampLogical(this.mappingValue, logicalTop);
    const element = this.element;
    if (element) {
      const physical = toPhysical(this.mappingValue, this.logical);
      this.written = physical;
      element.scrollTop = physical;
    }
    this.emit(reason);
  }

  scrollBy(delta: number, reason: ScrollReason = "user"): void {
    this.cancelGlide();
    if (delta !== 0) this.scrollTo(this.logical + delta, reason);
  }

  private glideTarget: number | null = null;
  private glideFrame = 0;

  /**
   * A wheel delta, eased over a few frames when it is a mouse-wheel notch
   * (tens of px at once) the way browsers smooth-scroll, at once when it is a
   * trackpad's stream of small deltas.
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

  /** True when the browser cannot be left to scroll by itself: one physical px is not one logical px. */
  get takesOverWheel(): boolean {
    return this.mappingValue.ratio > 1.0001;
  }

  private readonly onScroll = (): void => {
    const element = this.element;
    if (!element) return;
    const physical = element.scrollTop;
    if (this.written !== null && Math.abs(physical - this.written) < 1) return; // our own write
    this.written = null;
    this.cancelGlide(); // the scrollbar or a touch took over
    const next = toLogical(this.mappingValue, physical);
    if (next === this.logical) return;
    this.logical = next;
    this.emit("user");
  };

  private emit(reason: ScrollReason): void {
    for (const listener of this.listeners) listener(this.logical, reason);
  }
}
