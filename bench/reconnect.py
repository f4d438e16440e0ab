"""Reconnect benchmark: how long after its login a returning device gets a command queued while it
was away. A real gateway on loopback, a Teltonika device reconnecting N times (its id from the
gateway's cache after the first visit), one command queued before each return; the registry poll
is 60 s, so only the attach at login can deliver in time.

    python bench/reconnect.py --reconnects 100
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from fleetwire.config import ApiSettings, GatewaySettings, ProtocolSettings, Settings
from fleetwire.gateway.server import Gateway
from fleetwire.protocols import NAMES, teltonika
from fleetwire.simulate.track import Track, start_time
from fleetwire.store.commands import BlockingCommands
from fleetwire.testing import free_port

IMEI = "356307042441013"


async def visit(gw: Gateway, track: Track, report: bool) -> tuple[float, asyncio.StreamWriter]:
    """Log in (and report); return how long until the first downlink bytes, 0 when none asked."""
    dev = teltonika.Device(IMEI)
    r, w = await asyncio.open_connection("127.0.0.1", gw.ports["teltonika", "tcp"])
    frame, reply = dev.login()
    w.write(frame)
    assert await asyncio.wait_for(r.readexactly(len(reply)), 10) == reply
    logged_in = time.monotonic()
    if report:
        frame, ack = dev.report([track.next()])
        w.write(frame)
        assert await asyncio.wait_for(r.readexactly(len(ack)), 10) == ack
        return 0.0, w
    await asyncio.wait_for(r.read(4096), 10)
    return time.monotonic() - logged_in, w


async def run(settings: Settings, store: BlockingCommands, n: int) -> list[float]:
    gw = Gateway(settings)
    await gw.start()
    waits: list[float] = []
    track = Track(0, start_time())
    try:
        _, w = await visit(gw, track, report=True)
        w.close()
        device_id = 0
        while not device_id:
            await asyncio.sleep(0.01)
            device_id = gw.committer.devices.get(IMEI) or 0
        for i in range(n):
            while gw.dispatcher.by_device:  # the last connection is gone
                await asyncio.sleep(0.005)
            await asyncio.to_thread(store.create, device_id, "custom", {"data": f"c{i}"})
            waited, w = await visit(gw, track, report=False)
            waits.append(waited)
            w.close()
    finally:
        await gw.stop()
    return waits


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--reconnects", type=int, default=100)
    args = ap.parse_args()
    data = Path(tempfile.mkdtemp(prefix="fleetwire-reconnect-")) / "data"
    data.mkdir()
    settings = Settings(
        data_dir=data,
        gateway=GatewaySettings(host="127.0.0.1", command_poll=60.0),
        api=ApiSettings(host="127.0.0.1", port=free_port()),
        protocols={name: ProtocolSettings(port=0) for name in NAMES},
    )
    store = BlockingCommands.of(settings)
    waits = sorted(asyncio.run(run(settings, store, args.reconnects)))
    ms = [w * 1000 for w in waits]
    print(f"reconnects          {len(ms)} (registry poll 60 s: only the attach at login delivers)")
    p50, p99 = ms[len(ms) // 2], ms[int(len(ms) * 0.99)]
    print(f"login ACK → command p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {ms[-1]:.1f} ms")


if __name__ == "__main__":
    main()
