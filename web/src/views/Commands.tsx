// Send a command to a device and watch it go through Fleetwire's queue: queued (the device is
// offline or busy), sent, acknowledged, answered with the device's reply, or failed/expired.
import { useEffect, useState } from "preact/hooks";
import { api, type Device, type QueuedCommand } from "../api";
import { time } from "../format";
import { PickDevice } from "./Shell";

const OPEN = new Set(["queued", "sent", "acknowledged"]);

export function Commands({ device }: { device?: Device }) {
  const [types, setTypes] = useState<string[]>([]);
  const [type, setType] = useState("");
  const [data, setData] = useState("");
  const [queue, setQueue] = useState<QueuedCommand[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = async () => {
    if (!device) return;
    try {
      setQueue(await api.queue(device));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  useEffect(() => {
    if (!device) return;
    setError(null);
    setMessage(null);
    api.commandTypes(device.id).then(
      (t) => {
        const names = t.map((x) => x.type);
        setTypes(names);
        setType((cur) => (names.includes(cur) ? cur : (names[0] ?? "")));
      },
      (e: Error) => setError(e.message),
    );
    void refresh();
  }, [device?.id]);

  // poll while a command is still on its way; a finished queue needs no polling
  const open = queue.some((c) => OPEN.has(c.state));
  useEffect(() => {
    if (!open) return;
    const t = setInterval(refresh, 1000);
    return () => clearInterval(t);
  }, [open, device?.id]);

  if (!device) return <PickDevice what="commands" />;

  const send = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const attributes = type === "custom" ? { data } : {};
      const sent = await api.sendCommand(device.id, type, attributes);
      setMessage(`Command ${type} accepted${sent?.id ? ` (#${sent.id})` : ""}.`);
      await refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <div class="split">
      <div class="toolbar">
        <h2>Commands for {device.name}</h2>
      </div>
      <form class="command pad" onSubmit={send}>
        <label>
          Type
          <select name="type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
            {types.map((t) => (
              <option value={t}>{t}</option>
            ))}
          </select>
        </label>
        {type === "custom" && (
          <label>
            Text
            <input name="data" value={data} onInput={(e) => setData(e.currentTarget.value)} placeholder="e.g. getver" />
          </label>
        )}
        <button type="submit" disabled={!type}>
          Send
        </button>
        {message && <span class="note">{message}</span>}
      </form>
      {error && <p class="error pad">{error}</p>}
      <div class="table-wrap">
        <table data-testid="command-queue">
          <thead>
            <tr>
              <th>#</th>
              <th>Type</th>
              <th>State</th>
              <th>Created</th>
              <th>Sent</th>
              <th>Answered</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((c) => (
              <tr key={c.id} data-command-id={c.id}>
                <td>{c.id}</td>
                <td>{c.type}</td>
                <td>
                  <span class={`state ${c.state}`}>{c.state}</span>
                </td>
                <td>{time(c.created)}</td>
                <td>{time(c.sent)}</td>
                <td>{time(c.answered)}</td>
                <td class="result">{c.result ?? c.error ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {queue.length === 0 && <p class="note pad">No commands for this device yet.</p>}
      </div>
    </div>
  );
}
