"""Downlink delivery: commands from the registry go down the socket the device opened.

A command is delivered when its device is connected (at once when it connects or identifies
itself, else within one poll of the registry), one at a time per device where the protocol's
devices answer commands, in priority then creation order. It is marked "sent" BEFORE its bytes
are written: a crash in between leaves a command that fails for lack of an answer, never one
sent twice (an immobiliser must not fire twice). The commands store is the registry's async
one (store/commands.py), the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

from fleetwire.errors import EncodeError
from fleetwire.logs import kv
from fleetwire.model import Command
from fleetwire.store.commands import Commands, StoredCommand

if TYPE_CHECKING:
    from fleetwire.gateway.connection import DeviceConnection

log = logging.getLogger("gateway")

_REUSE = 0.1  # s a round woken by a login may reuse the registry's list of queued devices


class Dispatcher:
    def __init__(self, store: Commands, poll: float = 0.5, reply_timeout: float = 60.0) -> None:
        self.store = store
        self._poll = poll
        self._reply_timeout = reply_timeout
        self.by_device: dict[int, DeviceConnection] = {}
        # the connections with a command awaiting its answer: the reply timeout is checked over
        # these, not over every connection (a gateway holds tens of thousands, nearly all idle)
        self.awaiting: set[DeviceConnection] = set()
        self._wake = asyncio.Event()
        self._expired_at = 0.0
        # the devices with queued commands, as the registry last said and when: a round woken by
        # a login reuses an answer younger than _REUSE instead of asking again (a login storm
        # woke some fifty rounds a second, each a registry query); a round that reused one is
        # followed by a fresh round once it is that old, so a command queued just before a
        # login waits at most _REUSE, not a poll interval (which may be a minute)
        self._queued: set[int] = set()
        self._queued_at = float("-inf")
        self._reuse = min(poll, _REUSE)
        self._recheck = False  # a round reused the answer: the next one is fresh, and soon
        self._gather = min(0.02, poll / 4)  # s a woken round waits for the wakes behind it

    def attach(self, device_id: int, conn: DeviceConnection) -> None:
        self.by_device[device_id] = conn
        self._wake.set()

    def detach(self, device_id: int | None, conn: DeviceConnection) -> None:
        if device_id is not None and self.by_device.get(device_id) is conn:
            del self.by_device[device_id]
        if conn.inflight is None:  # one awaiting an answer still times out, and fails, here
            self.awaiting.discard(conn)

    def on_reply(self, conn: DeviceConnection) -> None:
        """The device answered: the command in flight is acknowledged, the next may go."""
        inflight = conn.inflight
        if inflight is None:
            return
        conn.inflight = None
        self.awaiting.discard(conn)
        asyncio.get_running_loop().create_task(self.store.mark_acknowledged(inflight[0]))
        self._wake.set()

    async def run(self) -> None:
        failing = 0  # rounds failed in a row: logged once when it starts and once when it ends
        while True:
            woken = False
            timeout = self._poll
            if self._recheck:
                now = asyncio.get_running_loop().time()
                timeout = max(0.0, min(timeout, self._queued_at + self._reuse - now))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)
                woken = True
                # woken by a login or an answer: the ones just behind it share the round, so
                # a login storm (thousands a second after a restart) costs tens of rounds a
                # second, not one registry query per device
                await asyncio.sleep(self._gather)
            self._wake.clear()
            try:
                await self._round(fresh=not woken)
            except Exception:  # the registry may be busy, full or down: try again next round
                if not failing:
                    log.exception(kv("downlink_round_failed"))
                failing += 1
                continue
            if failing:
                log.warning(kv("downlink_recovered", failed_rounds=failing))
                failing = 0

    async def _round(self, fresh: bool = True) -> None:
        """One delivery round; ``fresh``: ask the registry which devices have queued commands
        even if its last answer is younger than _REUSE. Every round a timer starts is fresh."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        if fresh:
            self._recheck = False
        for conn in list(self.awaiting):
            inflight = conn.inflight
            if inflight is None:
                self.awaiting.discard(conn)
            elif now - inflight[1] > self._reply_timeout:
                conn.inflight = None
                self.awaiting.discard(conn)
                await self.store.mark_failed(inflight[0], "no answer from the device")
        # a write: once a poll interval, not at every attach (queued_for skips expired ones)
        if now - self._expired_at >= self._poll:
            self._expired_at = now
            await self.store.expire()
        if not self.by_device:
            return
        # the few devices with queued commands first, then the commands of those connected
        # here: a round costs what is queued, not what is connected
        self._recheck = not (fresh or now - self._queued_at >= self._reuse)
        if not self._recheck:
            self._queued = await self.store.queued_devices()
            self._queued_at = now
        by_device = self.by_device
        ready = [
            d for d in self._queued
            if (c := by_device.get(d)) is not None and c.inflight is None and not c.closing
        ]  # fmt: skip
        if not ready:
            return
        commands = await self.store.queued_for(ready)
        chosen: dict[int, StoredCommand] = {}
        for cmd in commands:
            chosen.setdefault(cmd.device_id, cmd)  # the first in delivery order
        for cmd in chosen.values():
            target = self.by_device.get(cmd.device_id)
            if target is not None and target.inflight is None:
                await self._send(target, cmd)

    async def _send(self, conn: DeviceConnection, cmd: StoredCommand) -> None:
        db = self.store
        try:
            payload = conn.proto.encode_command(Command(cmd.type, cmd.attributes), conn.session)
        except EncodeError as e:  # UnsupportedCommand included: ours, not the device's
            await db.mark_failed(cmd.id, f"cannot encode: {e}")
            return
        awaits = conn.proto.answers_commands
        if not await db.mark_sent(cmd.id, awaits):
            return  # cancelled or expired meanwhile
        t = conn.transport
        if t is None or conn.closing:
            await db.mark_failed(cmd.id, "connection closed before delivery")
            return
        t.write(payload)
        if awaits:
            conn.inflight = (cmd.id, asyncio.get_running_loop().time())
            self.awaiting.add(conn)
        log.info(kv("command_sent", id=cmd.id, type=cmd.type, device=conn.session.unique_id,
                    peer=conn.peer, hex=payload[:128].hex()))  # fmt: skip
