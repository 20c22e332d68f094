/**
 * Coordinates typed or pasted by a person: "48.8584, 2.2945", "48.8584 2.2945",
 * "48.8584° N, 2.2945° E", "33.8568 S 151.2153 E", "48°51'30.2\"N 2°17'40.2\"E".
 * Ranges are not checked here: the wire schema (`updateAssetSchema`) does that,
 * with the server's own messages.
 */

export interface LatLng {
  latitude: number;
  longitude: number;
}

export type ParsedCoordinates = { ok: true; value: LatLng } | { ok: false; message: string };

// One coordinate: optional leading hemisphere, a signed number of degrees, optional minutes and
// seconds (only after a degree sign), optional trailing hemisphere. Sticky: parsed in sequence.
const COMPONENT =
  /\s*([NSEW])?\s*([+-]?\d+(?:\.\d+)?)\s*(?:(?:°|º|deg\b)\s*(?:(\d+(?:\.\d+)?)\s*['′’]\s*)?(?:(\d+(?:\.\d+)?)\s*(?:["″”]|'')\s*)?)?([NSEW])?\s*/iy;
const SEPARATOR = /\s*[,;/]?\s*/y;

interface Component {
  value: number;
  axis: "lat" | "lng" | null;
}

function readComponent(text: string, at: number): { component: Component; end: number } | null {
  COMPONENT.lastIndex = at;
  const m = COMPONENT.exec(text);
  if (!m || m[0].trim() === "") return null;
  const [, before, degrees, minutes, seconds, after] = m;
  if (before && after) return null;
  const hemisphere = (before ?? after)?.toUpperCase();
  let value = Math.abs(Number(degrees)) + Number(minutes ?? 0) / 60 + Number(seconds ?? 0) / 3600;
  if ((minutes !== undefined && Number(minutes) >= 60) || (seconds !== undefined && Number(seconds) >= 60)) return null;
  const negative = degrees.startsWith("-") || hemisphere === "S" || hemisphere === "W";
  if (negative) value = -value;
  const axis = hemisphere === "N" || hemisphere === "S" ? "lat" : hemisphere ? "lng" : null;
  return { component: { value, axis }, end: COMPONENT.lastIndex };
}

const FORMAT_HINT = 'Enter latitude and longitude, like "48.8584, 2.2945".';

export function parseCoordinates(input: string): ParsedCoordinates {
  const text = input.trim();
  if (text === "") return { ok: false, message: FORMAT_HINT };
  const first = readComponent(text, 0);
  if (!first) return { ok: false, message: FORMAT_HINT };
  SEPARATOR.lastIndex = first.end;
  SEPARATOR.exec(text);
  const second = readComponent(text, SEPARATOR.lastIndex);
  if (!second || second.end !== text.length) return { ok: false, message: FORMAT_HINT };

  let [lat, lng] = [first.component, second.component];
  if (lat.axis === "lng" || lng.axis === "lat") [lat, lng] = [lng, lat];
  if (lat.axis === "lng" || lng.axis === "lat") {
    return { ok: false, message: "One value must be a latitude (N/S) and the other a longitude (E/W)." };
  }
  return { ok: true, value: { latitude: lat.value, longitude: lng.value } };
}

/** Up to six decimals (about 10 cm), trailing zeros dropped: "48.8584". */
function decimal(value: number): string {
  return String(Number(value.toFixed(6)));
}

/** The text-field form, which `parseCoordinates` reads back: "48.8584, 2.2945". */
export function formatCoordinates({ latitude, longitude }: LatLng): string {
  return `${decimal(latitude)}, ${decimal(longitude)}`;
}

/** For reading: "48.8584° N, 2.2945° E". */
export function formatCoordinatesHuman({ latitude, longitude }: LatLng): string {
  const lat = `${decimal(Math.abs(latitude))}° ${latitude < 0 ? "S" : "N"}`;
  const lng = `${decimal(Math.abs(longitude))}° ${longitude < 0 ? "W" : "E"}`;
  return `${lat}, ${lng}`;
}
