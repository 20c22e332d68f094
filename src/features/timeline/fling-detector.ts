/**
 * Tells a fling from reading speed. During a fling tiles start no thumbnail
 * request and decode no placeholder, and no page is fetched for what flies
 * past (see timeline-view.tsx).
 *
 * Scroll events come in uneven steps (two in one frame, then none for one), so
 * the speed is smoothed over SMOOTHING_MS. A fling starts above ENTER px/ms
 * and ends below LEAVE: with one threshold, a speed that hovers around it
 * flipped every tile on the screen between the two states on every other
 * event, each flip a render of the whole grid and a burst of requests started
 * and cancelled. At a steady 4,000 px/s that halved the frame rate.
 */
/** px per ms above which a fling starts… */
const ENTER = 2.5;
/** …and under which it ends. */
const LEAVE = 1.2;
/** Time constant of the speed's smoothing, ms. */
const SMOOTHING_MS = 60;

export class FlingDetector {
  private speed = 0;
  private last: { t: number; top: number } | null = null;
  private flinging = false;

  /** The position moved to `top` at time `now` (ms); true while this is a fling. A jump is never one. */
  update(top: number, now: number, jump = false): boolean {
    const last = this.last;
    this.last = { t: now, top };
    if (jump || last === null) return this.stop();
    const elapsed = Math.max(1, now - last.t);
    const weight = 1 - Math.exp(-elapsed / SMOOTHING_MS);
    this.speed += weight * (Math.abs(top - last.top) / elapsed - this.speed);
    this.flinging = this.speed > (this.flinging ? LEAVE : ENTER);
    return this.flinging;
  }

  /** The grid has stopped: the next movement starts from rest. */
  stop(): false {
    this.speed = 0;
    this.flinging = false;
    return false;
  }
}
