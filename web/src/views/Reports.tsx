// Trips, stops and events of one device (or all) for a period, as tables, with export: CSV made
// here from the rows shown, xlsx from the reports API (its /xlsx form).
import { useEffect, useState } from "preact/hooks";
import { api, type Device } from "../api";
import { csv, download, duration, km, kmh, time } from "../format";
import { navigate } from "../router";
import { PeriodForm, period } from "./History";

type Kind = "trips" | "stops" | "events";
type Row = Record<string, unknown>;
type Column = [key: string, label: string, show: (v: unknown, row: Row) => string];

const asTime = (v: unknown) => time(v as string);
const plain = (v: unknown) => (v === null || v === undefined ? "–" : String(v));
const coord = (v: unknown) => (typeof v === "number" ? v.toFixed(5) : "–");

const COLUMNS: Record<Kind, Column[]> = {
  trips: [
    ["deviceName", "Device", plain],
    ["startTime", "Start", asTime],
    ["endTime", "End", asTime],
    ["distance", "Distance", (v) => km(Number(v))],
    ["averageSpeed", "Avg km/h", (v) => kmh(Number(v)).toFixed(0)],
    ["maxSpeed", "Max km/h", (v) => kmh(Number(v)).toFixed(0)],
    ["duration", "Duration", (v) => duration(Number(v))],
  ],
  stops: [
    ["deviceName", "Device", plain],
    ["startTime", "Start", asTime],
    ["endTime", "End", asTime],
    ["latitude", "Latitude", coord],
    ["longitude", "Longitude", coord],
    ["duration", "Duration", (v) => duration(Number(v))],
  ],
  events: [
    ["deviceId", "Device", plain],
    ["eventTime", "Time", asTime],
    ["type", "Type", plain],
    ["attributes", "Details", (v) => Object.entries((v as Row) ?? {}).map(([k, x]) => `${k}=${x}`).join(" ")],
  ],
};

/** `loaded`: the live lists are in, so that a path's device is known before the first fetch. */
export function Reports(props: { devices: Map<number, Device>; device?: Device; params: URLSearchParams; now: number; loaded: boolean }) {
  const { devices, device, params, now, loaded } = props;
  const kind = (["trips", "stops", "events"].includes(params.get("kind") ?? "") ? params.get("kind") : "trips") as Kind;
  const [from, to] = period(params, 24, now);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = `${kind}|${device?.id}|${from.toISOString()}|${to.toISOString()}`;
  const go = (p: Record<string, string | number | undefined>) =>
    navigate("/reports", { kind, device: device?.id, from: from.toISOString(), to: to.toISOString(), ...p });

  useEffect(() => {
    if (!loaded) return;
    setRows(null);
    setError(null);
    api.report<Row>(kind, device?.id, from, to).then(setRows, (e: Error) => setError(e.message));
  }, [key, loaded]);

  const columns = COLUMNS[kind];
  const shown = (rows ?? []).map((r) => (kind === "events" ? { ...r, deviceId: devices.get(Number(r.deviceId))?.name ?? r.deviceId } : r));
  return (
    <div class="split">
      <div class="toolbar">
        <h2>Reports: {device ? device.name : "all devices"}</h2>
        <div class="tabs">
          {(["trips", "stops", "events"] as Kind[]).map((k) => (
            <button class={k === kind ? "active" : ""} onClick={() => go({ kind: k })}>
              {k}
            </button>
          ))}
        </div>
        <PeriodForm key={key} from={from} to={to} onShow={(f, t) => go({ from: f.toISOString(), to: t.toISOString() })} />
        <button disabled={!rows?.length} onClick={() => download(`${kind}.csv`, csv(rows ?? [], columns.map((c) => c[0])))}>
          CSV
        </button>
        <a class="button" href={api.reportUrl(kind, device?.id, from, to, "xlsx")} download={`${kind}.xlsx`}>
          xlsx
        </a>
      </div>
      {error && <p class="error pad">{error}</p>}
      {rows && rows.length === 0 && <p class="note pad">No {kind} in this period.</p>}
      {rows && rows.length > 0 && (
        <div class="table-wrap">
          <table data-testid={`report-${kind}`}>
            <thead>
              <tr>
                {columns.map(([, label]) => (
                  <th>{label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr>
                  {columns.map(([k, , show]) => (
                    <td>{show(r[k], r)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
