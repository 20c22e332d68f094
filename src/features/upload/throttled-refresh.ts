/**
 * Runs `refresh` at most once per `intervalMs`, never two at a time: the
 * first request runs at once (the first new asset shows without delay), and
 * requests arriving while one runs or within the interval are folded into one
 * more run afterwards. 1,000 uploads finishing in a minute cause ~120
 * refetches of the timeline, not 1,000.
 *
 * The interval stretches to twice the last refresh's duration, so refreshing
 * takes at most half the time: when the server is busy (with these very
 * uploads) the timeline's refetches do not crowd them out.
 */
export interface ThrottledRefresh {
  request(): void;
  /** Resolves when no refresh is running or waiting. */
  idle(): Promise<void>;
  dispose(): void;
}

export function createThrottledRefresh(
  refresh: () => Promise<unknown>,
  { intervalMs = 500, now = Date.now }: { intervalMs?: number; now?: () => number } = {},
): ThrottledRefresh {
  let running: Promise<void> | null = null;
  let wanted = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastStart = Number.NEGATIVE_INFINITY;
  let lastDuration = 0;
  let disposed = false;
  let idleWaiters: Array<() => void> = [];

  const settleIdle = () => {
    if (running || wanted || timer) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const start = () => {
    timer = null;
    if (disposed) return;
    wanted = false;
    lastStart = now();
    // A failed refetch is the list's own error to show (react-query keeps it on
    // the query); the next request refreshes again.
    running = refresh().then(
      () => undefined,
      () => undefined,
    );
    void running.then(() => {
      running = null;
      lastDuration = now() - lastStart;
      if (wanted) schedule();
      else settleIdle();
    });
  };

  const schedule = () => {
    if (running || timer || disposed) return;
    const wait = lastStart + Math.max(intervalMs, 2 * lastDuration) - now();
    if (wait <= 0) start();
    else timer = setTimeout(start, wait);
  };

  return {
    request() {
      wanted = true;
      schedule();
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      wanted = false;
      settleIdle();
    },
  };
}
