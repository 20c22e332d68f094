/**
 * The map's basemap.
 *
 * Offline (the default): Natural Earth 1:50m countries from `world-atlas`,
 * shipped with the app as a hashed asset (about 750 KB, fetched only when a
 * map is shown) and turned into GeoJSON land and border layers, with a light
 * and a dark palette. No tiles, no glyphs, no network beyond our own server.
 *
 * Online: set `VITE_MAP_STYLE_URL` at build time to a MapLibre style URL
 * (for example an OpenFreeMap or MapTiler style) to use real tiles instead;
 * if that style cannot be loaded, the map falls back to the offline basemap.
 */
import type { Feature, FeatureCollection, Geometry, MultiLineString } from "geojson";
import type { StyleSpecification } from "maplibre-gl";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countriesUrl from "world-atlas/countries-50m.json?url";

/** A MapLibre style URL for online tiles, or null for the offline basemap. */
export const ONLINE_STYLE_URL: string | null = import.meta.env.VITE_MAP_STYLE_URL?.trim() || null;

export interface BasemapData {
  land: FeatureCollection;
  borders: Feature<MultiLineString>;
  graticule: Feature<MultiLineString>;
}

let loading: Promise<BasemapData> | null = null;

function graticule(step = 15): Feature<MultiLineString> {
  const lines: number[][][] = [];
  for (let lng = -180; lng <= 180; lng += step) {
    lines.push(Array.from({ length: 33 }, (_, i) => [lng, -80 + i * 5]));
  }
  for (let lat = -75; lat <= 75; lat += step) {
    lines.push(Array.from({ length: 73 }, (_, i) => [-180 + i * 5, lat]));
  }
  return { type: "Feature", properties: {}, geometry: { type: "MultiLineString", coordinates: lines } };
}

/** Fetches and converts the shipped TopoJSON once per page. */
export function loadBasemap(): Promise<BasemapData> {
  if (loading) return loading;
  loading = fetch(countriesUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`The offline basemap did not load (${response.status}).`);
      return response.json() as Promise<Topology<{ countries: GeometryCollection }>>;
    })
    .then((topology): BasemapData => {
      const countries = topology.objects.countries;
      const land = feature(topology, countries) as FeatureCollection<Geometry>;
      const borders = mesh(topology, countries, (a, b) => a !== b);
      return {
        land,
        borders: { type: "Feature", properties: {}, geometry: borders },
        graticule: graticule(),
      };
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

export interface BasemapPalette {
  ocean: string;
  land: string;
  coast: string;
  border: string;
  graticule: string;
}

export const PALETTES: Record<"light" | "dark", BasemapPalette> = {
  light: { ocean: "#dbeafe", land: "#f5f5f0", coast: "#9ca3af", border: "#c4c4bc", graticule: "#bfdbfe" },
  dark: { ocean: "#0c1a2b", land: "#262626", coast: "#525252", border: "#404040", graticule: "#13263d" },
};

const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };

/** The offline style; its sources start empty and are filled by `loadBasemap`. */
export function offlineStyle(theme: "light" | "dark"): StyleSpecification {
  const p = PALETTES[theme];
  return {
    version: 8,
    name: "Gumleaf offline",
    sources: {
      land: { type: "geojson", data: EMPTY, attribution: "Natural Earth" },
      borders: { type: "geojson", data: EMPTY },
      graticule: { type: "geojson", data: EMPTY },
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": p.ocean } },
      { id: "graticule", type: "line", source: "graticule", paint: { "line-color": p.graticule, "line-width": 1 } },
      { id: "land", type: "fill", source: "land", paint: { "fill-color": p.land, "fill-antialias": true } },
      { id: "coast", type: "line", source: "land", paint: { "line-color": p.coast, "line-width": 0.6 } },
      {
        id: "borders",
        type: "line",
        source: "borders",
        paint: { "line-color": p.border, "line-width": ["interpolate", ["linear"], ["zoom"], 1, 0.5, 6, 1.2] },
      },
    ],
  };
}

/** Paint colours for a theme switch without reloading the style. */
export function paintFor(
  theme: "light" | "dark",
): [layer: string, property: "background-color" | "line-color" | "fill-color", value: string][] {
  const p = PALETTES[theme];
  return [
    ["background", "background-color", p.ocean],
    ["graticule", "line-color", p.graticule],
    ["land", "fill-color", p.land],
    ["coast", "line-color", p.coast],
    ["borders", "line-color", p.border],
  ];
}
