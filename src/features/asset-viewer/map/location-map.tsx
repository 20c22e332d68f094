/**
 * The location picker's map (MapLibre GL). This module and maplibre-gl are
 * only loaded with `import()` when the drawer shows the location section, so
 * they are not part of the app's initial JavaScript.
 *
 * A click sets the location; the pin can be dragged. The map needs WebGL 2;
 * where the browser has none (some locked-down or GPU-less setups), it says
 * so and the coordinates field keeps working.
 */
import "maplibre-gl/dist/maplibre-gl.css";
import type { GeoJSONSource, Map as MapLibreMap, Marker } from "maplibre-gl";
import * as maplibregl from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { useEffect, useRef, useState } from "react";
import type { LatLng } from "../../../lib/geo";
import { loadBasemap, ONLINE_STYLE_URL, offlineStyle, paintFor } from "./basemap";

maplibregl.setWorkerUrl(workerUrl);

export interface LocationMapProps {
  position: LatLng | null;
  onPick: (position: LatLng) => void;
  theme: "light" | "dark";
}

/** WebGL 2 is what MapLibre 6 needs; null when it is available, else why not. */
export function webglProblem(): string | null {
  try {
    const canvas = document.createElement("canvas");
    return canvas.getContext("webgl2") ? null : "This browser has WebGL turned off, so the map can't be drawn.";
  } catch {
    return "This browser can't draw the map (no WebGL).";
  }
}

/** Close enough to see the coastline around the pin (the offline basemap is 1:50m, so not closer). */
const zoomWithPin = (offline: boolean) => (offline ? 5 : 12);
/** The inhabited world, shown when the photo has no location yet. */
const WORLD: [[number, number], [number, number]] = [
  [-170, -50],
  [180, 72],
];

async function fillOfflineSources(map: MapLibreMap): Promise<void> {
  const data = await loadBasemap();
  if (!map.getStyle()) return;
  await Promise.all([
    (map.getSource("land") as GeoJSONSource | undefined)?.setData(data.land),
    (map.getSource("borders") as GeoJSONSource | undefined)?.setData(data.borders),
    (map.getSource("graticule") as GeoJSONSource | undefined)?.setData(data.graticule),
  ]);
}

export default function LocationMap({ position, onPick, theme }: LocationMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const markerRef = useRef<Marker | null>(null);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  const themeRef = useRef(theme);
  themeRef.current = theme;
  const offline = useRef(ONLINE_STYLE_URL === null);
  const [problem, setProblem] = useState<string | null>(() => webglProblem());
  const [ready, setReady] = useState(false);

  // Create the map once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once; position and theme changes are applied by the effects below.
  useEffect(() => {
    if (problem || !container.current) return;
    let map: MapLibreMap;
    try {
      map = new maplibregl.Map({
        container: container.current,
        style: ONLINE_STYLE_URL ?? offlineStyle(themeRef.current),
        ...(position
          ? { center: [position.longitude, position.latitude] as [number, number], zoom: zoomWithPin(offline.current) }
          : { bounds: WORLD, fitBoundsOptions: { padding: 8 } }),
        minZoom: 0,
        maxZoom: offline.current ? 10 : 18,
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        renderWorldCopies: true,
        attributionControl: { compact: true },
      });
    } catch (error) {
      setProblem(error instanceof Error ? `The map couldn't start: ${error.message}` : "The map couldn't start.");
      return;
    }
    mapRef.current = map;
    map.touchZoomRotate.disableRotation();
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    map.getCanvas().setAttribute("aria-label", "Map: click to set the photo's location");

    map.on("load", () => {
      setReady(true);
      if (offline.current) void fillOfflineSources(map).catch((e) => console.error("basemap", e));
    });
    map.on("error", (event) => {
      // An online style that cannot be fetched: fall back to the basemap that ships with the app.
      if (!offline.current && !map.isStyleLoaded()) {
        offline.current = true;
        console.warn("Map style could not be loaded; using the offline basemap.", event.error);
        map.setMaxZoom(10);
        map.setStyle(offlineStyle(themeRef.current));
        map.once("style.load", () => void fillOfflineSources(map).catch(() => undefined));
      }
    });
    map.on("click", (event) => {
      const { lat, lng } = event.lngLat.wrap();
      onPickRef.current({ latitude: lat, longitude: lng });
    });

    return () => {
      markerRef.current = null;
      mapRef.current = null;
      map.remove();
    };
  }, [problem]);

  // Keep the pin where the asset is.
  const latitude = position?.latitude;
  const longitude = position?.longitude;
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (latitude === undefined || longitude === undefined) {
      markerRef.current?.remove();
      markerRef.current = null;
      return;
    }
    const lngLat: [number, number] = [longitude, latitude];
    const existing = markerRef.current;
    if (existing) {
      existing.setLngLat(lngLat);
    } else {
      const marker = new maplibregl.Marker({ draggable: true, color: "#047857" }).setLngLat(lngLat).addTo(map);
      const element = marker.getElement();
      element.setAttribute("aria-label", "Photo location (drag to move)");
      element.setAttribute("data-testid", "map-pin");
      marker.on("dragend", () => {
        const { lat, lng } = marker.getLngLat().wrap();
        onPickRef.current({ latitude: lat, longitude: lng });
      });
      markerRef.current = marker;
    }
    if (!map.getBounds().contains(lngLat)) {
      map.easeTo({ center: lngLat, zoom: Math.max(map.getZoom(), 4), duration: 400 });
    }
  }, [latitude, longitude]);

  // Follow the light/dark theme (offline basemap only; an online style has its own colours).
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !offline.current) return;
    for (const [layer, property, value] of paintFor(theme)) {
      if (map.getLayer(layer)) map.setPaintProperty(layer, property, value);
    }
  }, [theme, ready]);

  if (problem) {
    return (
      <div
        role="note"
        className="flex h-full items-center justify-center rounded-lg border border-dashed border-neutral-300 p-4 text-center text-sm text-neutral-600 dark:border-neutral-700 dark:text-neutral-400"
      >
        {problem} You can still type or paste coordinates below.
      </div>
    );
  }
  return (
    <div ref={container} data-map-ready={ready ? "" : undefined} className="h-full w-full overflow-hidden rounded-lg" />
  );
}
