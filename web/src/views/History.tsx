// A device's history for a period: the track on the map with its start, end and stops, and the
// positions below; each position opens the raw frames it was decoded from.
import L from "leaflet";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, type Device, type Position, type Stop, type UiConfig } from "../api";
import { duration, kmh, localInput, time } from "../format";
import { useMap } from "../map";
import { navigate } from "../router";
import { PickDevice } from "./Shell";

const SHOWN_ROWS = 500;
const NO_STOPS: Stop[] = [];

/** The period the path names, else the `hours` up to `now` (ms) and a minute on, so that the fix
 * of the minute the screen opened is in. */
export function period(params: URLSearchParams, hours: number, now: number): [Date, Date] {
  const to = params.get("to") ? new Date(params.get("to")!) : new Date(now + 60_000);
  const from = params.get("from") ? new Date(params.get("from")!) : new Date(to.getTime() - hours * 3600_000);
  return [from, to];
}

/** The day up to a fix (ms) and a minute on, as /history's from and to. */
function dayTo(fix: number): { from: string; to: string } {
  const to = fix + 60_000;
  return { from: new Date(to - 24 * 3600_000).toISOString(), to: new Date(to).toISOString() };
}

export function PeriodForm({ from, to, onShow }: { from: Date; to: Date; onShow: (from: Date, to: Date) => void }) {
  const [f, setF] = useState(localInput(from));
  const [t, setT] = useState(localInput(to));
  return (
    <form
      class="period"
      onSubmit={(e) => {
        e.preventDefault();
        onShow(new Date(f), new Date(t));
      }}
    >
      <label>
        From <input type="datetime-local" name="from" value={f} onInput={(e) => setF(e.currentTarget.value)} />
      </label>
      <label>
        To <input type="datetime-local" name="to" value={t} onInput={(e) => setT(e.currentTarget.value)} />
      </label>
      <button type="submit">Show</button>
    </form>
  );
}

/** When a screen opened (ms), the end of its default period: what an operator opens a history or
 * a report for is what happened lately, whatever a device's own clock or upload delay says.
 * Fixed once per screen, so that a re-render neither moves the period nor fetches it again. */
export function useOpenedAt(screen: string): number {
  const fixed = useRef({ screen, at: Date.now() });
  if (fixed.current.screen !== screen) fixed.current = { screen, at: Date.now() };
  return fixed.current.at;
}

/** `lastFix` (ms): the device's newest fix the live feed knows, offered when the period holds
 * nothing after it (a device that has been silent since). */
export function History(props: { config: UiConfig; device?: Device; params: URLSearchParams; now: number; lastFix?: number }) {
  const { config, device, params, now, lastFix } = props;
  const [from, to] = period(params, 24, now);
  const { ref, map } = useMap(config);
  const key = `${device?.id}|${from.toISOString()}|${to.toISOString()}`;
  // each answer kept with the period it is for: a new period shows nothing of the last one, and
  // a slow answer for a period left behind does not land on the new one
  const [fetched, setFetched] = useState<{ key: string; track: Position[] } | null>(null);
  const [stopsFetched, setStopsFetched] = useState<{ key: string; stops: Stop[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const track = fetched?.key === key ? fetched.track : null;
  const stops = stopsFetched?.key === key ? stopsFetched.stops : NO_STOPS;

  useEffect(() => {
    if (!device) return;
    setError(null);
    api.history(device.id, from, to).then((t) => setFetched({ key, track: t }), (e: Error) => setError(e.message));
    api.report<Stop>("stops", device.id, from, to).then(
      (s) => setStopsFetched({ key, stops: s }),
      () => setStopsFetched({ key, stops: NO_STOPS }),
    );
  }, [key]);

  useEffect(() => {
    if (!map || !track) return;
    const layer = L.layerGroup().addTo(map);
    const points = track.map((p) => [p.latitude, p.longitude] as L.LatLngTuple);
    if (points.length) {
      L.polyline(points, { color: "#1565c0", weight: 4 }).addTo(layer);
      L.circleMarker(points[0], { radius: 7, color: "#2e7d32", fillOpacity: 1 }).bindTooltip(`Start ${time(track[0].fixTime)}`).addTo(layer);
      L.circleMarker(points[points.length - 1], { radius: 7, color: "#c62828", fillOpacity: 1 })
        .bindTooltip(`End ${time(track[track.length - 1].fixTime)}`)
        .addTo(layer);
      map.fitBounds(L.latLngBounds(points).pad(0.15), { maxZoom: 17 });
    }
    for (const s of stops)
      L.circleMarker([s.latitude, s.longitude], { radius: 9, color: "#ef6c00", fillColor: "#ffb74d", fillOpacity: 0.9, className: "stop" })
        .bindTooltip(`Stop ${time(s.startTime)} – ${time(s.endTime)} (${duration(s.duration)})`)
        .addTo(layer);
    return () => layer.remove();
  }, [map, track, stops]);

  if (!device) return <PickDevice what="history" />;
  return (
    <div class="split">
      <div class="toolbar">
        <h2>History of {device.name}</h2>
        <PeriodForm
          key={key}
          from={from}
          to={to}
          onShow={(f, t) => navigate("/history", { device: device.id, from: f.toISOString(), to: t.toISOString() })}
        />
        {track && (
          <span class="note" data-testid="history-summary">
            {track.length} positions, {stops.length} stops
          </span>
        )}
      </div>
      {error && <p class="error pad">{error}</p>}
      <div class="map short" ref={ref} data-testid="history-map" />
      <div class="table-wrap">
        {track && track.length === 0 && (
          <p class="note pad" data-testid="history-empty">
            No positions in this period.
            {lastFix !== undefined && lastFix < from.getTime() && (
              <>
                {" "}
                The last one is from {time(new Date(lastFix).toISOString())}.{" "}
                <button class="link" onClick={() => navigate("/history", { device: device.id, ...dayTo(lastFix) })}>
                  Show the day up to it
                </button>
              </>
            )}
          </p>
        )}
        {track && track.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>Fix time</th>
                <th>Latitude</th>
                <th>Longitude</th>
                <th>Speed km/h</th>
                <th>Course</th>
                <th>Valid</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {track
                .slice(-SHOWN_ROWS)
                .reverse()
                .map((p) => (
                  <tr key={p.id}>
                    <td>{time(p.fixTime)}</td>
                    <td>{p.latitude.toFixed(6)}</td>
                    <td>{p.longitude.toFixed(6)}</td>
                    <td>{kmh(p.speed).toFixed(0)}</td>
                    <td>{Math.round(p.course)}</td>
                    <td>{p.valid ? "yes" : "no"}</td>
                    <td>
                      <button class="link" onClick={() => navigate("/raw", { device: device.id, position: p.id, time: p.serverTime })}>
                        raw
                      </button>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
