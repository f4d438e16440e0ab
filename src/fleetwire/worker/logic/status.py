"""Device status events from the frames a device sends (Traccar's deviceOnline, deviceOffline,
deviceUnknown): online when a frame comes while the device was not online; offline when frames
come on a new connection while it was online (the old one closed); unknown when nothing came for
`status.timeout`, found by a periodic sweep. Stamped with receive times, not fix times, and kept
apart from the position state (frames arrive in receive order, positions are processed in fix
order). State: {"st": status, "seen": ms, "conn": connection id}.

Where the gateway appended session records (rawlog.base.SESSION), ``session`` takes them: online
as a frame would be, offline when the device's current connection closed, at the close."""

from __future__ import annotations

from typing import Any

from fleetwire.rawlog.base import OFFLINE
from fleetwire.worker.logic.config import LogicConfig
from fleetwire.worker.logic.model import Outputs, event


def frame(s: dict[str, Any], device_id: int, received_ms: int, connection: int,
          out: Outputs, *, switch: bool = True) -> None:  # fmt: skip
    """``switch``: a frame on another connection means the old one closed (False for
    protocols whose connections come and go with each request: HTTP)."""
    if received_ms < s.get("seen", 0):
        return  # a frame older than one already seen (a replayed batch) changes nothing
    if switch and s.get("st") == "online" and s.get("conn") not in (None, connection):
        out.events.append(event(device_id, "deviceOffline", s["seen"], None))
        s["st"] = "offline"
    if s.get("st") != "online":
        out.events.append(event(device_id, "deviceOnline", received_ms, None))
    s.update(st="online", seen=received_ms, conn=connection)


def sweep(s: dict[str, Any], device_id: int, now_ms: int, cfg: LogicConfig,
          out: Outputs) -> bool:  # fmt: skip
    """Whether the device went unknown (and the event is in ``out``)."""
    if s.get("st") != "online" or now_ms - s.get("seen", now_ms) < cfg.status_timeout * 1000:
        return False
    at = s["seen"] + int(cfg.status_timeout * 1000)
    out.events.append(event(device_id, "deviceUnknown", at, None))
    s["st"] = "unknown"
    return True


def session(s: dict[str, Any], device_id: int, received_ms: int, connection: int, note: bytes,
            out: Outputs) -> None:  # fmt: skip
    """A session record: ``note`` is rawlog.base.ONLINE or OFFLINE."""
    if note != OFFLINE:
        frame(s, device_id, received_ms, connection, out)
        return
    if s.get("st") != "online" or s.get("conn") != connection or received_ms < s.get("seen", 0):
        return  # an older connection closing after the device moved to a new one, or replayed
    out.events.append(event(device_id, "deviceOffline", received_ms, None))
    # "seen" moves to the close (what a redelivered record is older than); "data" keeps the
    # last frame's time, which inactivity counts from
    s.update(st="offline", data=s.get("seen"), seen=received_ms)
