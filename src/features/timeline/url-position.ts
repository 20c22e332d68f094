/**
 * The timeline's position in the URL: `?at=YYYY-MM-DD` (the day at the top of
 * the screen) or `?at=YYYY-MM` (a month, shown from its newest day).
 */
import { isValidDay, isValidMonth } from "./naive-date";

export const AT_PARAM = "at";

/** The `at` of a search string, or null when it is missing or not a real day or month. */
export function parseAt(search: string): string | null {
  const at = new URLSearchParams(search).get(AT_PARAM);
  if (at === null) return null;
  return isValidDay(at) || isValidMonth(at) ? at : null;
}

/** `search` with `at` set (or removed when null); other parameters are kept. Returns "" or "?…". */
export function withAt(search: string, at: string | null): string {
  const params = new URLSearchParams(search);
  if (at === null) params.delete(AT_PARAM);
  else params.set(AT_PARAM, at);
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
