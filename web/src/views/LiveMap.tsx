// The live map: one marker per device at its latest position, moved as positions arrive over the
// socket, with the trail it drew since the page opened. A chosen device is followed and described.
import L from "leaflet";
import { useEffect, useRef } from "preact/hooks";
import type { UiConfig } from "../api";
import { ago, kmh, time } from "../format";
import type { Live } from "../live";
import { deviceIcon, useMap } from "../map";
import { navigate } from "../router";

export function LiveMap({ config, live, selected }: { config: UiConfig; live: Live; selected?: number }) {
  const { ref, map } = useMap(config);
  const markers = useRef(new Map<number, L.Marker>());
  const trails = useRef(new Map<number, L.Polyline>());
  const fitted = useRef(false);

  useEffect(() => {
    if (!map) return;
    for (const [deviceId, p] of live.positions) {
      const d = live.devices.get(deviceId);
      const name = d?.name ?? String(deviceId);
      const icon = deviceIcon(name, d?.status ?? "unknown", deviceId === selected, p.course);
      let m = markers.current.get(deviceId);
      if (!m) {
        m = L.marker([p.latitude, p.longitude], { icon, title: name }).addTo(map);
        m.on("click", () => navigate("/", { device: deviceId }));
        markers.current.set(deviceId, m);
      } else {
        m.setLatLng([p.latitude, p.longitude]);
        m.setIcon(icon);
      }
      const el = m.getElement();
      if (el) {
        el.dataset.deviceId = String(deviceId);
        el.dataset.lat = String(p.latitude);
        el.dataset.lon = String(p.longitude);
        el.dataset.fixTime = p.fixTime;
      }
      const points = (live.trails.get(deviceId) ?? []).map((q) => [q.latitude, q.longitude] as L.LatLngTuple);
      let t = trails.current.get(deviceId);
      if (!t) {
        t = L.polyline(points, { color: "#1565c0", weight: 3, opacity: 0.7 }).addTo(map);
        trails.current.set(deviceId, t);
      } else t.setLatLngs(points);
    }
    for (const [deviceId, m] of markers.current) // a device no longer visible (link removed)
      if (!live.positions.has(deviceId)) {
        m.remove();
        trails.current.get(deviceId)?.remove();
        markers.current.delete(deviceId);
        trails.current.delete(deviceId);
      }
    if (!fitted.current && live.positions.size) {
      fitted.current = true;
      const all = [...live.positions.values()].map((p) => [p.latitude, p.longitude] as L.LatLngTuple);
      if (selected === undefined) map.fitBounds(L.latLngBounds(all).pad(0.2), { maxZoom: 15 });
    }
  }, [map, live.positions, live.devices, live.trails, selected]);

  const position = selected === undefined ? undefined : live.positions.get(selected);
  useEffect(() => {
    if (map && position) map.setView([position.latitude, position.longitude], Math.max(map.getZoom(), 15));
  }, [map, selected, position?.latitude, position?.longitude]);

  const device = selected === undefined ? undefined : live.devices.get(selected);
  return (
    <div class="map-screen">
      <div class="map" ref={ref} data-testid="live-map" />
      {device && (
        <div class="panel card" data-testid="device-panel">
          <h3>{device.name}</h3>
          <dl>
            <dt>Unique id</dt>
            <dd>{device.uniqueId}</dd>
            <dt>Status</dt>
            <dd>
              <span class={`dot ${device.status}`} /> {device.status}
            </dd>
            <dt>Last update</dt>
            <dd title={device.lastUpdate ?? ""}>{ago(device.lastUpdate ?? position?.serverTime)}</dd>
            {position && (
              <>
                <dt>Fix time</dt>
                <dd>{time(position.fixTime)}</dd>
                <dt>Position</dt>
                <dd>
                  {position.latitude.toFixed(5)}, {position.longitude.toFixed(5)}
                </dd>
                <dt>Speed</dt>
                <dd>{kmh(position.speed).toFixed(0)} km/h</dd>
                <dt>Course</dt>
                <dd>{Math.round(position.course)}°</dd>
              </>
            )}
          </dl>
          <div class="actions">
            <button onClick={() => navigate("/history", { device: device.id })}>History</button>
            <button onClick={() => navigate("/commands", { device: device.id })}>Command</button>
            <button
              onClick={() => navigate("/raw", { device: device.id, position: position?.id, time: position?.serverTime })}
            >
              Raw frames
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
