/**
 * Capture-time editing on top of `capture-time.ts`: display labels, UTC
 * offsets of IANA time zones *at the photo's own date*, and turning a wall
 * clock + zone into an offset across DST gaps and overlaps.
 *
 * Everything works on the digits (`CaptureTime.wall`) and on whole minutes of
 * offset, never on `Date`'s local time zone, so the results are the same in
 * every browser whatever the viewer's own zone is, and for dates before 1970.
 * Zone data comes from the browser's ICU through `Intl.DateTimeFormat`, which
 * carries historical rules: Asia/Kathmandu is +05:30 before 1986 and +05:45
 * after. (date-fns-tz's `getTimezoneOffset` is not used: it reads the `Date`'s
 * *local* fields as a wall time in the zone, so its answer depends on the
 * viewer's own zone and is wrong for instants next to a transition.)
 */
import { type CaptureTime, epochMsToWall, formatOffset, parseCaptureTime, wallToEpochMs } from "./capture-time";

/** U+2212, the minus sign that reads (and is announced) as "minus"; wire values keep ASCII "-". */
export const MINUS = "\u2212";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Offsets offered besides the named zones, including the half- and
 * quarter-hour ones (India +05:30, Nepal +05:45, Marquesas −09:30,
 * Chatham +12:45 / +13:45, Eucla +08:45, Newfoundland −03:30 / −02:30).
 */
export const FIXED_OFFSETS: readonly number[] = [
  -12, -11, -10, -9.5, -9, -8, -7, -6, -5, -4, -3.5, -3, -2.5, -2, -1, 0, 1, 2, 3, 3.5, 4, 4.5, 5, 5.5, 5.75, 6, 6.5, 7,
  8, 8.75, 9, 9.5, 10, 10.5, 11, 12, 12.75, 13, 13.75, 14,
].map((h) => Math.round(h * 60));

/** "UTC+05:45", "UTC−09:30", "UTC+00:00". */
export function formatUtcOffset(offsetMinutes: number): string {
  return `UTC${formatOffset(offsetMinutes).replace("-", MINUS)}`;
}

/**
 * A reading as it came from the server, ready to edit. A trailing `Z` is
 * how the hosted service writes "offset unknown" (gumnut-api.md §1.3), so it is
 * read as naive: the editor must not invent a UTC offset the file never had.
 */
export function parseEditableCaptureTime(value: string | null | undefined): CaptureTime | null {
  if (!value) return null;
  const parsed = parseCaptureTime(value);
  if (!parsed) return null;
  return /z$/i.test(value.trim()) ? { wall: parsed.wall, offsetMinutes: null } : parsed;
}

/** The wire form of a reading: `2023-04-02T14:03:05+09:00`, or naive `2019-12-24T18:00:00`. */
export { type CaptureTime, formatCaptureTime } from "./capture-time";

function weekdayOf(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  // Date.UTC is proleptic Gregorian and does not care about 1970 or the viewer's zone.
  const day = new Date(0);
  day.setUTCFullYear(y, m - 1, d);
  return WEEKDAYS[day.getUTCDay()];
}

/** "Sun, 2 Apr 2023" from the date digits of a wall clock. */
export function formatWallDate(wall: string): string {
  const date = wall.slice(0, 10);
  const [y, m, d] = date.split("-").map(Number);
  return `${weekdayOf(date)}, ${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * "Sun, 2 Apr 2023, 14:03:05 (UTC+09:00)", read from the digits and never
 * shifted into the viewer's zone. Naive readings say so: "(no time zone)".
 */
export function formatCaptureDisplay(value: string | CaptureTime): string {
  const t = typeof value === "string" ? parseEditableCaptureTime(value) : value;
  if (!t) return typeof value === "string" ? value : "";
  const clock = t.wall.slice(11, 19);
  const zone = t.offsetMinutes === null ? "no time zone" : formatUtcOffset(t.offsetMinutes);
  return `${formatWallDate(t.wall)}, ${clock} (${zone})`;
}

/** The instant of an aware reading in ms since the epoch; null for a naive one. */
export function captureInstantMs(t: CaptureTime): number | null {
  return t.offsetMinutes === null ? null : wallToEpochMs(t.wall) - t.offsetMinutes * MINUTE;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** A cached formatter that spells an instant out in `zone`, or null for a zone the browser doesn't know. */
function zoneFormatter(zone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        era: "short",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      formatter = null;
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** True for a zone name the browser knows (IANA or `Etc/…`). */
export function isKnownTimeZone(zone: string): boolean {
  return zoneFormatter(zone) !== null;
}

/**
 * Minutes east of UTC that `zone` observed at the instant `epochMs`, or null
 * for an unknown zone: the zone's wall clock at that instant, read as if it
 * were UTC, minus the instant. Local mean time before standard time
 * (Kathmandu was +05:41:16 until 1920) is rounded to the minute, since ISO
 * offsets have none.
 */
export function zoneOffsetMinutes(zone: string, epochMs: number): number | null {
  const formatter = zoneFormatter(zone);
  if (!formatter || !Number.isFinite(epochMs)) return null;
  const instant = Math.floor(epochMs / 1000) * 1000;
  const fields: Record<string, string> = {};
  for (const part of formatter.formatToParts(instant)) fields[part.type] = part.value;
  const year = fields.era === "BC" || fields.era === "B" ? 1 - Number(fields.year) : Number(fields.year);
  const wall = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  wall.setUTCFullYear(year, Number(fields.month) - 1, Number(fields.day));
  wall.setUTCHours(Number(fields.hour) % 24, Number(fields.minute), Number(fields.second), 0);
  return Math.round((wall.getTime() - instant) / MINUTE);
}

/** How a wall-clock reading maps into a zone. */
export type ZoneResolution =
  /** The reading exists once. */
  | { kind: "unique"; offsetMinutes: number }
  /**
   * The reading falls in a gap (clocks jumped forward past it). `offsetMinutes`
   * is the offset after the transition, which is the one we use.
   */
  | { kind: "gap"; offsetMinutes: number; before: number; after: number }
  /** The reading happened twice (clocks went back); `earlier` is the first occurrence (the larger offset). */
  | { kind: "overlap"; earlier: number; later: number };

/**
 * Which offsets `zone` could give the wall clock `wall`. Looks at the zone's
 * offsets within a day and a half either side (every real transition is
 * shorter than that) and keeps those that are consistent: at the instant
 * `wall − offset`, the zone really observed `offset`.
 */
export function resolveWallInZone(wall: string, zone: string): ZoneResolution | null {
  const wallMs = wallToEpochMs(wall);
  const candidates = new Set<number>();
  for (const hours of [-36, -18, -6, 0, 6, 18, 36]) {
    const offset = zoneOffsetMinutes(zone, wallMs + hours * HOUR);
    if (offset === null) return null;
    candidates.add(offset);
  }
  const valid = [...candidates].filter((o) => zoneOffsetMinutes(zone, wallMs - o * MINUTE) === o).sort((a, b) => b - a);
  if (valid.length === 1) return { kind: "unique", offsetMinutes: valid[0] };
  if (valid.length > 1) return { kind: "overlap", earlier: valid[0], later: valid[valid.length - 1] };
  // A gap: read with the larger offset the instant is still before the jump,
  // read with the smaller it is already after it.
  const sorted = [...candidates].sort((a, b) => a - b);
  const before = zoneOffsetMinutes(zone, wallMs - sorted[sorted.length - 1] * MINUTE) ?? sorted[0];
  const after = zoneOffsetMinutes(zone, wallMs - sorted[0] * MINUTE) ?? sorted[sorted.length - 1];
  return { kind: "gap", offsetMinutes: after, before, after };
}

/** The one offset a resolution settles on: a gap's post-transition offset, an overlap's first occurrence. */
export function resolvedOffset(r: ZoneResolution, prefer: "earlier" | "later" = "earlier"): number {
  if (r.kind === "overlap") return prefer === "earlier" ? r.earlier : r.later;
  return r.offsetMinutes;
}

/**
 * The offset `zone` had *on the photo's date*, for labelling zone choices: at
 * the photo's instant when it has one, else with the naive wall clock read
 * as local time in that zone.
 */
export function zoneOffsetForPhoto(t: CaptureTime, zone: string): number | null {
  const instant = captureInstantMs(t);
  if (instant !== null) return zoneOffsetMinutes(zone, instant);
  // Fast path (this labels every zone in the picker): the same offset a day either side
  // means no transition near this wall clock, so that offset is the answer.
  const wallMs = wallToEpochMs(t.wall);
  const here = zoneOffsetMinutes(zone, wallMs);
  if (here === null) return null;
  if (zoneOffsetMinutes(zone, wallMs - 24 * HOUR) === here && zoneOffsetMinutes(zone, wallMs + 24 * HOUR) === here) {
    return here;
  }
  const r = resolveWallInZone(t.wall, zone);
  return r === null ? null : resolvedOffset(r);
}

/**
 * `Etc/GMT+5` is five hours *behind* UTC (POSIX signs are inverted), so its
 * label must say UTC−05:00; labels come from the zone's real offset, and
 * these zones also get a plain-language note.
 */
export function zoneLabel(zone: string, offsetMinutes: number | null): string {
  const offset = offsetMinutes === null ? "" : ` (${formatUtcOffset(offsetMinutes)})`;
  const name = zone.replaceAll("_", " ");
  if (/^Etc\/GMT[+-]\d+$/.test(zone) && offsetMinutes !== null) {
    return `${name}${offset}, ${offsetMinutes < 0 ? "behind" : "ahead of"} UTC`;
  }
  return `${name}${offset}`;
}

/**
 * CLDR (and so `Intl.supportedValuesOf`) still lists some zones under names
 * IANA has since replaced; people look for the current ones.
 */
const CURRENT_ZONE_NAMES: Record<string, string> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

let zoneList: readonly string[] | null = null;

/**
 * Every zone the browser knows under its current IANA name, plus UTC and the
 * `Etc/GMT±N` zones (engines leave those out of `supportedValuesOf`).
 */
export function listTimeZones(): readonly string[] {
  if (zoneList) return zoneList;
  const zones = new Set<string>();
  const supported = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  for (const zone of supported) {
    const current = CURRENT_ZONE_NAMES[zone];
    zones.add(current && isKnownTimeZone(current) ? current : zone);
  }
  zones.add("UTC");
  for (let n = 1; n <= 14; n++) {
    zones.add(`Etc/GMT-${n}`);
    if (n <= 12) zones.add(`Etc/GMT+${n}`);
  }
  zoneList = [...zones].filter(isKnownTimeZone).sort();
  return zoneList;
}

/** The `<input type="date">` and `<input type="time" step="1">` values of a wall clock. */
export function wallInputs(wall: string): { date: string; time: string } {
  return { date: wall.slice(0, 10), time: wall.slice(11, 19) };
}

/**
 * A new wall clock from date and time inputs ("2023-04-02", "14:03" or
 * "14:03:05"), keeping the reading's offset (or naive-ness). The fraction of
 * a second survives when the seconds did not change. Null when invalid.
 */
export function withWallInputs(t: CaptureTime, date: string, time: string): CaptureTime | null {
  const hms = /^\d{2}:\d{2}$/.test(time) ? `${time}:00` : time;
  const parsed = parseCaptureTime(`${date}T${hms}`);
  if (!parsed || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}:\d{2}$/.test(hms)) return null;
  const sameSecond = parsed.wall.slice(0, 19) === t.wall.slice(0, 19);
  return { wall: sameSecond ? t.wall : parsed.wall, offsetMinutes: t.offsetMinutes };
}

/** The same instant, read with another offset (only for a reading that has an instant). */
export function convertToOffset(t: CaptureTime, offsetMinutes: number): CaptureTime | null {
  const instant = captureInstantMs(t);
  if (instant === null) return null;
  return { wall: epochMsToWall(instant + offsetMinutes * MINUTE, t.wall.slice(20, 26)), offsetMinutes };
}

/** What the zone control holds: no offset, a fixed offset, or a named zone. */
export type ZoneChoice = { kind: "naive" } | { kind: "offset"; offsetMinutes: number } | { kind: "zone"; zone: string };

export function zoneChoiceValue(choice: ZoneChoice): string {
  if (choice.kind === "naive") return "naive";
  if (choice.kind === "offset") return `offset:${formatOffset(choice.offsetMinutes)}`;
  return `zone:${choice.zone}`;
}

export function parseZoneChoice(value: string): ZoneChoice | null {
  if (value === "naive") return { kind: "naive" };
  if (value.startsWith("offset:")) {
    const t = parseCaptureTime(`2000-01-01T00:00:00${value.slice(7)}`);
    return t && t.offsetMinutes !== null ? { kind: "offset", offsetMinutes: t.offsetMinutes } : null;
  }
  if (value.startsWith("zone:")) {
    const zone = value.slice(5);
    return isKnownTimeZone(zone) ? { kind: "zone", zone } : null;
  }
  return null;
}

/** The choice that describes a stored reading as it is (its own offset, or naive). */
export function choiceOf(t: CaptureTime): ZoneChoice {
  return t.offsetMinutes === null ? { kind: "naive" } : { kind: "offset", offsetMinutes: t.offsetMinutes };
}

export interface CaptureEdit {
  /** The date and time inputs. */
  date: string;
  time: string;
  choice: ZoneChoice;
  /** For a reading in a DST overlap: which of the two occurrences. */
  overlap: "earlier" | "later";
  /**
   * With an aware original and a new zone or offset: keep the same moment and
   * move the clock (true), or keep the clock reading and move the moment (false).
   */
  keepMoment: boolean;
}

export type CaptureEditResult =
  | { ok: true; value: CaptureTime; resolution: ZoneResolution | null }
  | { ok: false; message: string };

/**
 * The reading an edit produces from the stored one. Editing the date or time
 * keeps the offset; a zone or offset is applied only when the user chose one.
 * A named zone gets the offset it had at that wall clock (historical rules,
 * DST), reporting a gap or an overlap so the picker can say so.
 */
export function applyCaptureEdit(original: CaptureTime, edit: CaptureEdit): CaptureEditResult {
  const edited = withWallInputs(original, edit.date, edit.time);
  if (!edited) return { ok: false, message: "Enter a valid date and time." };
  const { choice } = edit;
  if (choice.kind === "naive") return { ok: true, value: { wall: edited.wall, offsetMinutes: null }, resolution: null };

  const canConvert = edit.keepMoment && edited.offsetMinutes !== null;
  if (choice.kind === "offset") {
    if (canConvert && choice.offsetMinutes !== edited.offsetMinutes) {
      const converted = convertToOffset(edited, choice.offsetMinutes);
      if (converted) return { ok: true, value: converted, resolution: null };
    }
    return { ok: true, value: { wall: edited.wall, offsetMinutes: choice.offsetMinutes }, resolution: null };
  }

  if (canConvert) {
    const instant = captureInstantMs(edited) as number;
    const offset = zoneOffsetMinutes(choice.zone, instant);
    if (offset === null) return { ok: false, message: `Unknown time zone ${choice.zone}.` };
    const converted = convertToOffset(edited, offset) as CaptureTime;
    return { ok: true, value: converted, resolution: { kind: "unique", offsetMinutes: offset } };
  }
  const resolution = resolveWallInZone(edited.wall, choice.zone);
  if (!resolution) return { ok: false, message: `Unknown time zone ${choice.zone}.` };
  return {
    ok: true,
    value: { wall: edited.wall, offsetMinutes: resolvedOffset(resolution, edit.overlap) },
    resolution,
  };
}
