/**
 * Calendar arithmetic on naive day strings (`YYYY-MM-DD`) and month strings
 * (`YYYY-MM`). Counts buckets and capture times are wall-clock readings, so
 * they are never handed to the browser's time zone: every computation here
 * goes through `Date.UTC` and `getUTC*`, which do not depend on where the
 * viewer is.
 */

const DAY_MS = 86_400_000;

export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;
const MONTH_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const WEEKDAY_SHORT = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` string. */
export function dayNumber(day: string): number {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** The `YYYY-MM-DD` of a day number (inverse of `dayNumber`). */
export function dayFromNumber(n: number): string {
  const date = new Date(n * DAY_MS);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

export function addDays(day: string, n: number): string {
  return dayFromNumber(dayNumber(day) + n);
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isValidDay(text: string): boolean {
  const m = DAY_RE.exec(text);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(`${m[1]}-${m[2]}`);
}

/** True for a month written `YYYY-MM`. */
export function isValidMonth(text: string): boolean {
  const m = MONTH_RE.exec(text);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

export function daysInMonth(month: string): number {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** First and last day of a `YYYY-MM` month. */
export function monthFirstDay(month: string): string {
  return `${month}-01`;
}
export function monthLastDay(month: string): string {
  return `${month}-${pad(daysInMonth(month))}`;
}

/** "2024-07-04" → "Thu, 4 Jul 2024", from the digits. */
export function formatDayLabel(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${WEEKDAY_SHORT[weekday]}, ${d} ${MONTH_SHORT[m - 1]} ${y}`;
}

/** "2019-07" → "July 2019". */
export function formatMonthLabel(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${Number(month.slice(0, 4))}`;
}

/**
 * The exclusive naive bounds that select whole days `[oldest, newest]`
 * (gumnut-api.md §3.3/§3.6): after = the day before at 23:59:59.999999,
 * before = the day after at midnight. Both the list and the counts endpoint
 * read them as wall-clock bounds.
 */
export function dayWindow(newest: string, oldest: string): { after: string; before: string } {
  return { after: `${addDays(oldest, -1)}T23:59:59.999999`, before: `${addDays(newest, 1)}T00:00:00` };
}
