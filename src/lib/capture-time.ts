/**
 * Capture times are wall-clock readings with an optional UTC offset
 * (gumnut-api.md §1.3). They are not instants: "2024-02-25T06:57:27-08:00" and
 * "2024-02-25T06:57:27" (naive) are both valid, and the offset must survive a
 * round trip unchanged. JavaScript's Date cannot represent that, so this module
 * works on the digits.
 */

export interface CaptureTime {
  /** Fixed-width wall clock, `YYYY-MM-DDTHH:MM:SS.ffffff`; sorts chronologically as text. */
  wall: string;
  /** Minutes east of UTC, or null when the reading is naive. */
  offsetMinutes: number | null;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses an ISO 8601 date-time, keeping the offset as written. Returns null when invalid. */
export function parseCaptureTime(input: string): CaptureTime | null {
  const m = ISO_RE.exec(input.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "00", frac = "", tz] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes: number | null = null;
  if (tz) {
    if (tz.toUpperCase() === "Z") offsetMinutes = 0;
    else {
      const sign = tz[0] === "-" ? -1 : 1;
      const digits = tz.slice(1).replace(":", "");
      const oh = Number(digits.slice(0, 2));
      const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
      if (oh > 18 || om > 59) return null;
      offsetMinutes = sign * (oh * 60 + om);
    }
  }
  const micro = `${frac}000000`.slice(0, 6);
  const wall = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${micro}`;
  return { wall, offsetMinutes };
}

/** `+05:45`, `-07:00`, `+00:00`. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

/** Renders a stored reading: fraction trimmed, offset appended when known. */
export function formatCaptureTime(wall: string, offsetMinutes: number | null): string {
  let text = wall;
  const dot = text.indexOf(".");
  if (dot !== -1) {
    const frac = text.slice(dot + 1).replace(/0+$/, "");
    text = frac ? `${text.slice(0, dot)}.${frac}` : text.slice(0, dot);
  }
  return offsetMinutes === null ? text : text + formatOffset(offsetMinutes);
}

/** Milliseconds since the epoch of a wall-clock reading taken as if it were UTC. */
export function wallToEpochMs(wall: string): number {
  const [date, time] = wall.split("T");
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi, sf] = time.split(":");
  const [s, f = "0"] = sf.split(".");
  return Date.UTC(y, mo - 1, d, Number(h), Number(mi), Number(s), Number(f.slice(0, 3).padEnd(3, "0")));
}

/** Fixed-width wall clock of an epoch (microseconds kept from `micro`). */
export function epochMsToWall(ms: number, micro?: string): string {
  const dt = new Date(ms);
  const frac = micro ?? `${pad(dt.getUTCMilliseconds(), 3)}000`;
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1, 2)}-${pad(dt.getUTCDate(), 2)}T${pad(dt.getUTCHours(), 2)}:${pad(dt.getUTCMinutes(), 2)}:${pad(dt.getUTCSeconds(), 2)}.${frac}`;
}

/** The UTC wall clock of an aware reading (same fixed width), or null for a naive one. */
export function toUtcWall(t: CaptureTime): string | null {
  if (t.offsetMinutes === null) return null;
  const ms = wallToEpochMs(t.wall) - t.offsetMinutes * 60_000;
  return epochMsToWall(ms, t.wall.slice(20, 26));
}
