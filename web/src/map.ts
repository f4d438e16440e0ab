// Leaflet maps with the tile layer the server configures (api.tile_url): the browser fetches the
// tiles, so a server without internet still serves a working UI to browsers that have it.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { useEffect, useRef, useState } from "preact/hooks";
import type { UiConfig } from "./api";

export function useMap(config: UiConfig) {
  const ref = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  useEffect(() => {
    const m = L.map(ref.current!, { worldCopyJump: true, zoomControl: true }).setView([20, 0], 2);
    L.tileLayer(config.tileUrl, { maxZoom: 19, attribution: config.tileAttribution }).addTo(m);
    setMap(m);
    return () => m.remove();
  }, [config.tileUrl]);
  return { ref, map };
}

/** A round marker with the device's name beside it; data-* attributes carry its state so tests
 * and people with dev tools can read where it is. */
export function deviceIcon(name: string, status: string, selected: boolean, course = 0): L.DivIcon {
  const html =
    `<div class="pin ${status}${selected ? " selected" : ""}">` +
    `<span class="arrow" style="transform:rotate(${Math.round(course)}deg)"></span></div>` +
    `<span class="label">${escape(name)}</span>`;
  return L.divIcon({ className: "device-marker", html, iconSize: [18, 18], iconAnchor: [9, 9] });
}

export function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
