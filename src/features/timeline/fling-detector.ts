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
 *
 * A fling also ends when no scroll event has come for `quietMs()`. Trackpads
 * and animated wheel scrolls send one per frame, but wheels that jump (and
 * any source on a busy machine) send them 50–150 ms apart: with a fixed
 * 80 ms, the scripted fling of bench:timeline "stopped" between events, and
 * each false stop asked for a screen of thumbnails (151 requests in one fling
 * instead of 91) that the next event cancelled.
 */
/** px per ms above which a fling starts… */
const ENTER = 2.5;
/** …and under which it ends. */
const LEAVE = 1.2;
/** Time constant of the speed's smoothing, ms. */
const SMOOTHING_MS = 60;
/** A fling ends after QUIET_GAPS times the usual gap between its events without one… */
const QUIET_GAPS = 3;
/** …but never sooner than QUIET_MIN_MS, nor later than QUIET_MAX_MS. */
const QUIET_MIN_MS = 100;
const QUIET_MAX_MS = 250;

export class FlingDetector {
  private speed = 0;
  private last: { t: number; top: number } | null = null;
  private flinging = false;
  /** Smoothed time between scroll events, ms (0 before two events). */
  private gap = 0;

  /** The position moved to `top` at time `now` (ms); true while this is a fling. A jump is never one. */
  update(top: number, now: number, jump = false): boolean {
    const last = this.last;
    this.last = { t: now, top };
    if (jump || last === null) return this.stop();
    const elapsed = Math.max(1, now - last.t);
    // A gap longer than a quiet spell belongs to no fling: it does not count.
    if (elapsed < QUIET_MAX_MS) this.gap = this.gap === 0 ? elapsed : this.gap + 0.3 * (elapsed - this.gap);
    const weight = 1 - Math.exp(-elapsed / SMOOTHING_MS);
    this.speed += weight * (Math.abs(top - last.top) / elapsed - this.speed);
    this.flinging = this.speed > (this.flinging ? LEAVE : ENTER);
    return this.flinging;
  }

  /** How long without a scroll event before a fling counts as over, ms. */
  quietMs(): number {
    return Math.min(QUIET_MAX_MS, Math.max(QUIET_MIN_MS, QUIET_GAPS * this.gap));
  }

  /** The grid has stopped: the next movement starts from rest. */
  stop(): false {
    this.speed = 0;
    this.flinging = false;
    return false;
  }
}
