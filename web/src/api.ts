// The API the UI speaks: Traccar-compatible routes (session, devices, positions, reports,
// commands, users, permissions) plus Fleetwire's own raw frames and command queue. Every path
// the UI uses is named here, and nowhere else.

export interface Server {
  registration: boolean;
  newServer?: boolean;
  emailEnabled?: boolean; // the server can send email: password reset is offered
  attributes: Record<string, unknown>;
}

export interface User {
  id: number;
  name: string;
  email: string;
  login?: string | null;
  administrator: boolean;
  readonly: boolean;
  disabled: boolean;
  attributes: Record<string, unknown>;
}

export interface Device {
  id: number;
  name: string;
  uniqueId: string;
  status: "online" | "offline" | "unknown";
  lastUpdate: string | null;
  positionId: number;
  disabled: boolean;
  attributes: Record<string, unknown>;
}

export interface Position {
  id: number;
  deviceId: number;
  protocol?: string;
  serverTime: string;
  deviceTime: string;
  fixTime: string;
  valid: boolean;
  latitude: number;
  longitude: number;
  altitude: number;
  speed: number; // knots
  course: number;
  attributes: Record<string, unknown>;
}

export interface Event {
  id: number | string;
  deviceId: number;
  type: string;
  eventTime: string;
  positionId: number;
  attributes: Record<string, unknown>;
}

export interface Trip {
  deviceId: number;
  deviceName: string;
  startTime: string;
  endTime: string;
  distance: number;
  averageSpeed: number;
  maxSpeed: number;
  duration: number;
  startLat: number;
  startLon: number;
  endLat: number;
  endLon: number;
}

export interface Stop {
  deviceId: number;
  deviceName: string;
  startTime: string;
  endTime: string;
  latitude: number;
  longitude: number;
  duration: number;
  engineHours: number;
}

/** A command in Fleetwire's queue, with its delivery state. */
export interface QueuedCommand {
  id: number;
  deviceId: number;
  type: string;
  attributes: Record<string, unknown>;
  state: string;
  created: string | null;
  sent: string | null;
  acknowledged: string | null;
  answered: string | null;
  finished: string | null;
  result: string | null;
  error: string | null;
}

export interface RawFrame {
  seq: number;
  protocol: string;
  transport: string;
  received: string;
  peer: string;
  connection: number;
  hex: string;
  context: string | null;
}

export interface UiConfig {
  tileUrl: string;
  tileAttribution: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: BodyInit, type?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (type) headers["Content-Type"] = type;
  const r = await fetch(path, { method, body, headers, credentials: "same-origin" });
  const text = await r.text();
  if (!r.ok) {
    let message = text || r.statusText;
    try {
      const detail = JSON.parse(text).detail;
      if (typeof detail === "string") message = detail;
      else if (Array.isArray(detail)) // FastAPI's validation errors: say which parameter and why
        message = detail.map((d: { loc?: unknown[]; msg?: string }) => `${(d.loc ?? []).slice(1).join(".")}: ${d.msg}`).join("; ");
    } catch {
      /* plain-text error, as Traccar sends */
    }
    throw new ApiError(r.status, `${r.status}: ${message}`);
  }
  return (text ? JSON.parse(text) : null) as T;
}

const get = <T>(path: string) => request<T>("GET", path);
const json = <T>(method: string, path: string, body: unknown) =>
  request<T>(method, path, JSON.stringify(body), "application/json");

export const query = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined).map(([k, v]) => [k, String(v)]),
  ).toString();

export const api = {
  config: () => get<UiConfig>("/api/ui/config"),
  server: () => get<Server>("/api/server"),
  async session(): Promise<User | null> {
    try {
      return await get<User>("/api/session");
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 401)) return null;
      throw e;
    }
  },
  login: (email: string, password: string) =>
    request<User>("POST", "/api/session", new URLSearchParams({ email, password }), "application/x-www-form-urlencoded"),
  logout: () => request<null>("DELETE", "/api/session"),
  register: (name: string, email: string, password: string) => json<User>("POST", "/api/users", { name, email, password }),
  resetPassword: (email: string) =>
    request<null>("POST", "/api/password/reset", new URLSearchParams({ email }), "application/x-www-form-urlencoded"),
  updatePassword: (token: string, password: string) =>
    request<null>("POST", "/api/password/update", new URLSearchParams({ token, password }), "application/x-www-form-urlencoded"),

  devices: (userId?: number) => get<Device[]>(userId === undefined ? "/api/devices" : `/api/devices?${query({ userId })}`),
  latest: () => get<Position[]>("/api/positions"),
  history: (deviceId: number, from: Date, to: Date) =>
    get<Position[]>(`/api/positions?${query({ deviceId, from: from.toISOString(), to: to.toISOString() })}`),
  positions: (ids: number[]) => get<Position[]>(`/api/positions?${ids.map((id) => `id=${id}`).join("&")}`),

  reportUrl: (kind: string, deviceId: number | undefined, from: Date, to: Date, format = "") =>
    `/api/reports/${kind}${format ? "/" + format : ""}?${query({ deviceId, from: from.toISOString(), to: to.toISOString() })}`,
  report: <T>(kind: "trips" | "stops" | "events" | "route", deviceId: number | undefined, from: Date, to: Date) =>
    get<T[]>(api.reportUrl(kind, deviceId, from, to)),

  commandTypes: (deviceId: number) => get<{ type: string }[]>(`/api/commands/types?${query({ deviceId })}`),
  sendCommand: (deviceId: number, type: string, attributes: Record<string, unknown>) =>
    json<{ id: number }>("POST", "/api/commands/send", { deviceId, type, attributes }),
  queue: (device: Device) => get<QueuedCommand[]>(`/api/commands/queue?${query({ device: device.uniqueId })}`),

  raw: (device: Device, from: Date, to: Date) =>
    get<RawFrame[]>(`/api/raw?${query({ device: device.uniqueId, from: from.toISOString(), to: to.toISOString() })}`),

  users: () => get<User[]>("/api/users"),
  createUser: (user: Partial<User> & { password: string }) => json<User>("POST", "/api/users", user),
  deleteUser: (id: number) => request<null>("DELETE", `/api/users/${id}`),
  link: (userId: number, deviceId: number) => json<null>("POST", "/api/permissions", { userId, deviceId }),
  unlink: (userId: number, deviceId: number) => json<null>("DELETE", "/api/permissions", { userId, deviceId }),
};
