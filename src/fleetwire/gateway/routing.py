"""Downlink routing on the scale-out tier: whatever must reach a connected device is published to
a subject only the gateway holding that device's connection consumes.

Each gateway subscribes once to ``<prefix>.down.gw.<gateway id>.>``. A JetStream key-value
bucket maps device id -> gateway id: a gateway writes the entry when a device identifies itself
on it and deletes it (only if it is still its own) when the connection ends, so a device that
reconnects elsewhere is found there. A sender reads the entry and publishes to that gateway's
subject (``send_downlink``); a message that lands on a gateway no longer holding the device is
routed again once, then dropped with a log line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from typing import TYPE_CHECKING

from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.js.kv import KeyValue

from fleetwire.config import RawLogSettings
from fleetwire.logs import kv

if TYPE_CHECKING:
    from fleetwire.gateway.connection import DeviceConnection

log = logging.getLogger("gateway")


def bucket_name(s: RawLogSettings) -> str:
    return f"{s.stream}_ROUTES"


async def routes(nc: NATS, s: RawLogSettings) -> KeyValue:
    js = nc.jetstream()
    try:
        return await js.key_value(bucket_name(s))
    except Exception:
        return await js.create_key_value(bucket=bucket_name(s), history=1)


async def send_downlink(nc: NATS, s: RawLogSettings, device_id: int, payload: bytes) -> bool:
    """Route ``payload`` to the gateway holding ``device_id``; False when none holds it."""
    bucket = await routes(nc, s)
    try:
        entry = await bucket.get(str(device_id))
    except Exception:
        return False
    if not entry.value:
        return False
    await nc.publish(f"{s.subject_prefix}.down.gw.{entry.value.decode()}.{device_id}", payload)
    await nc.flush()
    return True


class Router:
    def __init__(self, nc: NATS, s: RawLogSettings) -> None:
        self.nc = nc
        self.s = s
        self.id = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.held: dict[int, DeviceConnection] = {}
        self._revisions: dict[int, int] = {}
        self.bucket: KeyValue | None = None

    async def open(self) -> None:
        self.bucket = await routes(self.nc, self.s)
        await self.nc.subscribe(f"{self.s.subject_prefix}.down.gw.{self.id}.*", cb=self._on_msg)

    def attach(self, device_id: int, conn: DeviceConnection) -> None:
        self.held[device_id] = conn
        asyncio.get_running_loop().create_task(self._put(device_id))

    def detach(self, device_id: int | None, conn: DeviceConnection) -> None:
        if device_id is None or self.held.get(device_id) is not conn:
            return
        del self.held[device_id]
        asyncio.get_running_loop().create_task(self._delete(device_id))

    async def _put(self, device_id: int) -> None:
        assert self.bucket is not None
        try:
            self._revisions[device_id] = await self.bucket.put(str(device_id), self.id.encode())
        except Exception as e:
            log.warning(kv("route_put_failed", device_id=device_id, error=repr(e)))

    async def _delete(self, device_id: int) -> None:
        assert self.bucket is not None
        revision = self._revisions.pop(device_id, None)
        if revision is None:
            return
        with contextlib.suppress(Exception):  # another gateway wrote it since: leave theirs
            await self.bucket.delete(str(device_id), last=revision)

    async def _on_msg(self, msg: Msg) -> None:
        device_id = int(msg.subject.rsplit(".", 1)[1])
        conn = self.held.get(device_id)
        if conn is not None and conn.transport is not None and not conn.closing:
            conn.transport.write(msg.data)
            log.info(kv("downlink_sent", device_id=device_id, peer=conn.peer,
                        hex=msg.data[:64].hex()))  # fmt: skip
            return
        if msg.headers and msg.headers.get("rerouted"):
            log.warning(kv("downlink_dropped", device_id=device_id, reason="not connected"))
            return
        try:  # the device moved between the sender's look-up and now: route once more
            assert self.bucket is not None
            entry = await self.bucket.get(str(device_id))
            target = entry.value.decode() if entry.value else ""
        except Exception:
            target = ""
        if target and target != self.id:
            await self.nc.publish(
                f"{self.s.subject_prefix}.down.gw.{target}.{device_id}", msg.data,
                headers={"rerouted": "1"},
            )  # fmt: skip
        else:
            log.warning(kv("downlink_dropped", device_id=device_id, reason="not connected"))
