// The raw frames behind a record: every frame the device sent around the position's receive time,
// as the gateway stored it in the raw log (hex, peer, connection), the one nearest in time marked.
import { useEffect, useState } from "preact/hooks";
import { api, type Device, type RawFrame } from "../api";
import { hexdump, time } from "../format";
import { PickDevice } from "./Shell";

const WINDOW_MS = 2000;

export function Raw({ device, params }: { device?: Device; params: URLSearchParams }) {
  const at = params.get("time");
  const [frames, setFrames] = useState<RawFrame[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!device) return;
    setFrames(null);
    setError(null);
    const centre = at ? new Date(at).getTime() : Date.now();
    const [from, to] = at ? [centre - WINDOW_MS, centre + WINDOW_MS] : [centre - 600_000, centre + 1000];
    api.raw(device, new Date(from), new Date(to)).then(
      (f) => setFrames(at ? f : f.slice(-20)),
      (e: Error) => setError(e.message),
    );
  }, [device?.id, at]);

  if (!device) return <PickDevice what="raw frames" />;
  const centre = at ? new Date(at).getTime() : NaN;
  let nearest = -1;
  if (frames && at)
    frames.forEach((f, i) => {
      const d = Math.abs(new Date(f.received).getTime() - centre);
      if (nearest < 0 || d < Math.abs(new Date(frames[nearest].received).getTime() - centre)) nearest = i;
    });

  return (
    <div class="split">
      <div class="toolbar">
        <h2>Raw frames of {device.name}</h2>
        <span class="note">
          {at ? `received within ${WINDOW_MS / 1000} s of ${time(at)}` : "the last frames of the past 10 minutes"}
          {params.get("position") ? ` (position #${params.get("position")})` : ""}
        </span>
      </div>
      {error && <p class="error pad">{error}</p>}
      {frames && frames.length === 0 && <p class="note pad">No frames in this window.</p>}
      <div class="table-wrap pad" data-testid="raw-frames">
        {frames?.map((f, i) => (
          <section class={`frame${i === nearest ? " nearest" : ""}`} key={f.seq}>
            <header>
              #{f.seq} · {f.protocol}/{f.transport} · {time(f.received)} · from {f.peer} · connection {f.connection} ·{" "}
              {f.hex.length / 2} bytes
            </header>
            <pre>{hexdump(f.hex)}</pre>
            {f.context && <pre class="context">context {f.context}</pre>}
          </section>
        ))}
      </div>
    </div>
  );
}
