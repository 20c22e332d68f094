import { formatOffset, parseCaptureTime } from "./capture-time";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * "2023-04-04T14:03:27.66+09:00" → "4 Apr 2023, 14:03 +09:00": the wall clock
 * where the photo was taken, read from the digits, never shifted into the
 * viewer's time zone. A naive reading has no offset to show; neither does a
 * trailing `Z`, which Gumnut writes when the offset is unknown (§1.3).
 */
export function formatCaptureLabel(localDatetime: string): string {
  const parsed = parseCaptureTime(localDatetime);
  if (!parsed) return localDatetime;
  const [date, time] = parsed.wall.split("T");
  const [year, month, day] = date.split("-");
  const clock = time.slice(0, 5);
  const label = `${Number(day)} ${MONTHS[Number(month) - 1]} ${Number(year)}, ${clock}`;
  const unknownOffset = /z$/i.test(localDatetime.trim());
  return parsed.offsetMinutes === null || unknownOffset ? label : `${label} ${formatOffset(parsed.offsetMinutes)}`;
}

/** Decimal units, one decimal below 10: 1536 → "1.5 KB", 2_400_000 → "2.4 MB", 18_000_000 → "18 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes < 1000) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** 75.4 → "1:15"; 3725 → "1:02:05". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/**
 * 12345 → "12,345" in the browser's locale, as `toLocaleString()` says it; one
 * formatter for all, since `toLocaleString()` builds a new one on every call
 * and the upload panel formats its counts every frame.
 */
const countFormat = new Intl.NumberFormat();
export const formatCount = (n: number): string => countFormat.format(n);

/** 1 → "1 item", 12345 → "12,345 items": a count and its noun, in the same locale as formatCount. */
export const formatCountOf = (n: number, one: string, many = `${one}s`): string =>
  `${formatCount(n)} ${n === 1 ? one : many}`;
