"""Test doubles that are real network parts: an SMTP server (aiosmtpd) that keeps what it
receives, an HTTP receiver (aiohttp) that dedupes by ``X-Fleetwire-Id`` and checks the
signature, and a TCP relay in front of a real broker that the test can take down and bring back
(the broker itself is shared with other tests)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import os
import socket
import time
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from typing import Any

import orjson
import pytest
from aiohttp import web
from aiosmtpd.controller import Controller


class Inbox:
    """The handler of an aiosmtpd Controller: every mail it accepts, parsed, in order."""

    def __init__(self) -> None:
        self.mails: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mails.append(message_from_bytes(envelope.content))
        return "250 OK"

    def wait(self, n: int, timeout: float = 10.0) -> list[Message]:
        """The mails once there are at least ``n`` (fails after ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        while len(self.mails) < n and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.mails) >= n, f"{len(self.mails)} mails, wanted {n}"
        return self.mails


@contextlib.contextmanager
def smtp_server(port: int) -> Iterator[Inbox]:
    """A real SMTP server on 127.0.0.1:``port`` (in its own thread) for the ``with`` block."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
        controller.loop.close()  # aiosmtpd leaves its thread's loop open


def require(port: int, what: str) -> None:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return
    except OSError:
        pass
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not running on 127.0.0.1:{port} (CI must start it)")
    pytest.skip(f"{what} is not running on 127.0.0.1:{port}")


class Receiver:
    """Webhook receiver: keeps every request (repeats too) in arrival order."""

    def __init__(self, port: int, secret: str = "", delay: float = 0.0) -> None:
        self.port = port
        self.secret = secret
        self.delay = delay
        self.requests: list[tuple[str, dict[str, object]]] = []  # (id, body)
        self.bad_signatures = 0
        self.status = 200
        self._runner: web.AppRunner | None = None

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        if self.secret:
            want = "sha256=" + hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
            if request.headers.get("X-Fleetwire-Signature") != want:
                self.bad_signatures += 1
                return web.Response(status=401)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.status == 200:
            self.requests.append((request.headers["X-Fleetwire-Id"], orjson.loads(body)))
        return web.Response(status=self.status)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def unique_ids(self) -> set[str]:
        return {i for i, _ in self.requests}


class Relay:
    """127.0.0.1:<port> -> 127.0.0.1:<target>, with ``down()`` cutting every connection and
    refusing new ones until ``up()``."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.port = 0
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    async def _pipe(self, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        with contextlib.suppress(Exception):
            while data := await r.read(65536):
                w.write(data)
                await w.drain()
        w.close()

    async def _client(self, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        try:
            ur, uw = await asyncio.open_connection("127.0.0.1", self.target)
        except OSError:
            w.close()
            return
        self._writers.update((w, uw))
        for t in (asyncio.create_task(self._pipe(r, uw)), asyncio.create_task(self._pipe(ur, w))):
            self._pipes.add(t)
            t.add_done_callback(self._pipes.discard)

    async def up(self) -> None:
        self._server = await asyncio.start_server(self._client, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def down(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
        for w in list(self._writers):
            w.transport.abort()
        self._writers.clear()
        if server is not None:
            await server.wait_closed()
