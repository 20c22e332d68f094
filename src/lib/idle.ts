/**
 * Runs `run` when the browser is next idle, or after `timeout` ms at the
 * latest when one is given. Where there is no requestIdleCallback (Safari),
 * it runs after `fallbackMs`. Returns a function that cancels.
 */
export function whenIdle(
  run: () => void,
  { timeout, fallbackMs }: { timeout?: number; fallbackMs: number },
): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const id = window.requestIdleCallback(() => run(), timeout === undefined ? undefined : { timeout });
    return () => window.cancelIdleCallback(id);
  }
  const timer = window.setTimeout(run, fallbackMs);
  return () => window.clearTimeout(timer);
}
