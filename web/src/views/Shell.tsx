// The logged-in frame: top bar with the screens, the device list on the left, the screen the
// path names on the right. Holds the live state so every screen sees the same devices.
import { useEffect, useState } from "preact/hooks";
import { api, type UiConfig, type User } from "../api";
import { ago } from "../format";
import { newestFix, useLive } from "../live";
import { navigate, useRoute } from "../router";
import { Commands } from "./Commands";
import { History, useOpenedAt } from "./History";
import { LiveMap } from "./LiveMap";
import { Raw } from "./Raw";
import { Reports } from "./Reports";
import { Users } from "./Users";

const SCREENS: [string, string][] = [
  ["/", "Map"],
  ["/history", "History"],
  ["/reports", "Reports"],
  ["/commands", "Commands"],
  ["/raw", "Raw frames"],
];

export function Shell({ user, config, onLogout }: { user: User; config: UiConfig; onLogout: () => void }) {
  const live = useLive(onLogout);
  const route = useRoute();
  const selected = Number(route.params.get("device")) || undefined;
  const device = selected === undefined ? undefined : live.devices.get(selected);
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 5000); // keep "12 s ago" honest
    return () => clearInterval(t);
  }, []);

  const logout = async () => {
    live.socket?.close(4000);
    await api.logout().catch(() => undefined);
    history.replaceState(null, "", "/");
    onLogout();
  };
  const screens = user.administrator ? [...SCREENS, ["/users", "Users"] as [string, string]] : SCREENS;
  const devices = [...live.devices.values()].sort((a, b) => a.name.localeCompare(b.name));
  const toasts = live.events.filter((e) => Date.now() - e.receivedAt < 10_000).slice(0, 3);

  const now = useOpenedAt(`${route.path}|${selected}`);
  let screen;
  switch (route.path) {
    case "/history":
      screen = <History config={config} device={device} params={route.params} now={now} lastFix={newestFix(live, selected)} />;
      break;
    case "/reports":
      screen = <Reports devices={live.devices} device={device} params={route.params} now={now} loaded={live.loaded} />;
      break;
    case "/commands":
      screen = <Commands device={device} />;
      break;
    case "/raw":
      screen = <Raw device={device} params={route.params} />;
      break;
    case "/users":
      screen = user.administrator ? <Users devices={devices} me={user} /> : null;
      break;
    default:
      screen = <LiveMap config={config} live={live} selected={selected} />;
  }

  return (
    <div class="shell">
      <header>
        <strong class="brand">Fleetwire</strong>
        <nav>
          {screens.map(([path, label]) => (
            <a
              href={path}
              class={route.path === path ? "active" : ""}
              onClick={(e) => {
                e.preventDefault();
                navigate(path, { device: selected });
              }}
            >
              {label}
            </a>
          ))}
        </nav>
        <span class={`conn ${live.connected ? "on" : "off"}`} title="WebSocket /api/socket">
          {live.connected ? "live" : "offline"}
        </span>
        <span class="me">{user.email}</span>
        <button class="link" onClick={logout}>
          Log out
        </button>
      </header>
      <aside class="devices">
        <h2>Devices ({devices.length})</h2>
        {live.error && <p class="error">{live.error}</p>}
        {devices.length === 0 && !live.error && <p class="note">No devices yet. They appear when they first connect.</p>}
        <ul>
          {devices.map((d) => (
            <li
              key={d.id}
              data-device-id={d.id}
              class={d.id === selected ? "selected" : ""}
              onClick={() => navigate(route.path, { device: d.id === selected ? undefined : d.id })}
            >
              <span class={`dot ${d.status}`} title={d.status} />
              <span class="name">{d.name}</span>
              <span class="status">{d.status}</span>
              <span class="updated" title={d.lastUpdate ?? ""}>
                {ago(d.lastUpdate ?? live.positions.get(d.id)?.serverTime)}
              </span>
            </li>
          ))}
        </ul>
      </aside>
      <main>{screen}</main>
      {toasts.length > 0 && (
        <div class="toasts">
          {toasts.map((e) => (
            <div class="toast" key={String(e.id)}>
              <b>{live.devices.get(e.deviceId)?.name ?? e.deviceId}</b>: {String(e.attributes.message ?? e.type)}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** A hint shown by the screens that need one device chosen first. */
export function PickDevice({ what }: { what: string }) {
  return <p class="note pad">Choose a device in the list on the left to see its {what}.</p>;
}
