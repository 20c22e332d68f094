/**
 * API requests started before the app's code has finished loading.
 *
 * Opening the timeline is a chain of round trips: month counts, then the day
 * counts of the months on screen, then their page of assets, then
 * thumbnails. Each step used to wait for the app's script to evaluate and
 * for React's first render, about 400 ms on a slow machine. Some answers can
 * be known from the URL alone: every timeline needs the month counts. At the
 * top of the library, the newest day counts and the newest page of assets
 * are needed too. The entry module asks for those first (early-start.ts),
 * and `apiFetch` takes each answer once instead of asking again.
 *
 * This module imports nothing: it runs before the rest of the bundle (zod,
 * React) is evaluated.
 */

/** What `apiFetch` needs of a response. null: the request did not get an answer. */
export type EarlyAnswer = { status: number; statusText: string; text: string } | null;

/** An early answer is used only this long after it was asked for: later, the library may have changed. */
export const EARLY_ANSWER_TTL_MS = 10_000;

const started = new Map<string, { at: number; answer: Promise<EarlyAnswer> }>();

/** Starts a GET of each path (same origin), as `apiFetch` would. */
export function startEarlyRequests(paths: readonly string[], now: () => number = () => performance.now()): void {
  for (const path of paths) {
    if (started.has(path)) continue;
    const answer = fetch(path, { headers: { Accept: "application/json" } })
      .then(async (response) => ({
        status: response.status,
        statusText: response.statusText,
        text: await response.text(),
      }))
      .catch(() => null);
    started.set(path, { at: now(), answer });
  }
}

/**
 * Drops every answer not taken yet. Called when this tab changes the library
 * (any API write, an upload): an answer from before may no longer be true.
 */
export function discardEarlyAnswers(): void {
  started.clear();
}

/** The early answer for `path`, once: later calls (a refetch) go to the network. null when there is none. */
export function takeEarlyAnswer(
  path: string,
  now: () => number = () => performance.now(),
): Promise<EarlyAnswer> | null {
  const entry = started.get(path);
  started.delete(path);
  return entry && now() - entry.at <= EARLY_ANSWER_TTL_MS ? entry.answer : null;
}
