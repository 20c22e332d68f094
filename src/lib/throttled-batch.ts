/**
 * Items handed over in batches, at most one batch per `everyMs`: the first
 * item after a quiet spell goes at once, and those that come within `everyMs`
 * of a hand-over wait and go together at its end. For visual changes that
 * arrive in bursts, where the cost is in how many frames change rather than
 * in how much each one changes.
 */
export interface ThrottledBatch<T> {
  add(item: T): void;
}

export function createThrottledBatch<T>(everyMs: number, flush: (items: T[]) => void): ThrottledBatch<T> {
  let waiting: T[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlush = Number.NEGATIVE_INFINITY;

  const run = () => {
    timer = undefined;
    lastFlush = performance.now();
    const items = waiting;
    waiting = [];
    flush(items);
  };

  return {
    add(item) {
      waiting.push(item);
      if (timer !== undefined) return;
      const wait = lastFlush + everyMs - performance.now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
  };
}
