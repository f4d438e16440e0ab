// The live state: devices and their latest positions, loaded over REST once and then kept current
// by the WebSocket /api/socket (frames {devices}, {positions}, {events}; {} is the keepalive).
// A dropped socket reloads both lists and reconnects; code 4000 is our own close at logout.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, type Device, type Event, type Position } from "./api";

export interface Live {
  devices: Map<number, Device>;
  positions: Map<number, Position>;
  /** the last few positions per device seen over the socket, oldest first: the live trail */
  trails: Map<number, Position[]>;
  /** events pushed since the page opened, newest first, with when they arrived (ms) */
  events: (Event & { receivedAt: number })[];
  connected: boolean;
  /** the REST lists have been read once */
  loaded: boolean;
  error: string | null;
  socket: WebSocket | null;
}

const TRAIL = 200;

/** The newest fix time (ms) of one device, or of all, as the end of a default report period:
 * devices upload late, so "the last hour" means the last hour the device reported. */
export function newestFix(live: Live, deviceId?: number): number | undefined {
  const times = [...live.positions.values()]
    .filter((p) => deviceId === undefined || p.deviceId === deviceId)
    .map((p) => new Date(p.fixTime).getTime());
  return times.length ? Math.max(...times) : undefined;
}

export function useLive(onUnauthorized: () => void): Live {
  const [state, setState] = useState<Live>({
    devices: new Map(),
    positions: new Map(),
    trails: new Map(),
    events: [],
    connected: false,
    loaded: false,
    error: null,
    socket: null,
  });
  const stopped = useRef(false);

  useEffect(() => {
    stopped.current = false;
    let socket: WebSocket | null = null;
    let retry: number | undefined;

    const reload = async () => {
      try {
        const [devices, positions] = await Promise.all([api.devices(), api.latest()]);
        setState((s) => ({
          ...s,
          error: null,
          loaded: true,
          devices: new Map(devices.map((d) => [d.id, d])),
          positions: new Map(positions.map((p) => [p.deviceId, p])),
        }));
      } catch (e) {
        if ((e as { status?: number }).status === 401) onUnauthorized();
        setState((s) => ({ ...s, loaded: true, error: String((e as Error).message) }));
      }
    };

    const merge = (msg: { devices?: Device[]; positions?: Position[]; events?: Event[] }) =>
      setState((s) => {
        const next = { ...s };
        if (msg.devices?.length) {
          next.devices = new Map(s.devices);
          for (const d of msg.devices) next.devices.set(d.id, d);
        }
        if (msg.positions?.length) {
          next.positions = new Map(s.positions);
          next.trails = new Map(s.trails);
          for (const p of msg.positions) {
            const old = next.positions.get(p.deviceId);
            if (old && old.fixTime > p.fixTime) continue;
            next.positions.set(p.deviceId, p);
            const trail = [...(next.trails.get(p.deviceId) ?? []), p];
            next.trails.set(p.deviceId, trail.slice(-TRAIL));
          }
        }
        if (msg.events?.length) {
          const at = Date.now();
          next.events = [...msg.events.map((e) => ({ ...e, receivedAt: at })), ...s.events].slice(0, 50);
        }
        return next;
      });

    const connect = () => {
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      socket = new WebSocket(`${scheme}://${location.host}/api/socket`);
      setState((s) => ({ ...s, socket }));
      socket.onopen = () => setState((s) => ({ ...s, connected: true }));
      socket.onmessage = (m) => {
        try {
          merge(JSON.parse(m.data));
        } catch {
          /* not JSON: ignore, as Traccar clients do */
        }
      };
      socket.onclose = (e) => {
        setState((s) => ({ ...s, connected: false }));
        if (stopped.current || e.code === 4000) return;
        void reload();
        retry = window.setTimeout(connect, 5000);
      };
    };

    void reload().then(() => {
      if (!stopped.current) connect();
    });
    return () => {
      stopped.current = true;
      window.clearTimeout(retry);
      socket?.close(4000);
    };
  }, []);

  return state;
}
