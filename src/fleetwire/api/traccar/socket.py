"""Traccar's WebSocket /api/socket: authenticated by the session cookie or `?token=` (never a
header), refused with HTTP 503 as Traccar's Jetty does; on open the latest position of every
device the user may see, then `devices`, `positions` and `events` frames from the live feed,
and `{}` every 55 s as a keepalive. What the client sends is read and ignored (W sends `{}`
as a probe); pings are answered by the server's WebSocket layer."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated

import orjson
from fastapi import APIRouter, Depends, Response, WebSocket
from starlette.websockets import WebSocketDisconnect

from fleetwire.api.traccar.context import Context
from fleetwire.api.traccar.feed import LiveFeed, Subscriber
from fleetwire.api.traccar.models import position_json
from fleetwire.api.traccar.socket_auth import socket_user
from fleetwire.store.users import User


def socket_router(ctx: Context, feed: LiveFeed) -> APIRouter:
    r = APIRouter(tags=["traccar: socket"])

    async def pump(ws: WebSocket, sub: Subscriber) -> None:
        while True:
            try:
                frame = await asyncio.wait_for(sub.queue.get(), feed.keepalive)
            except TimeoutError:
                frame = "{}"
            if frame is None:  # too slow to keep up: close, the client reconnects
                await ws.close(1013)
                return
            await ws.send_text(frame)

    @r.websocket("/api/socket")
    async def socket(ws: WebSocket, user: Annotated[User | None, Depends(socket_user)]) -> None:
        if user is None:
            await ws.send_denial_response(
                Response("WebSocket Endpoint Creation Refused", status_code=503)
            )
            return
        await ws.accept()
        sub = await feed.subscribe(user)
        sender: asyncio.Task[None] | None = None
        try:
            latest = await ctx.latest_by_device(sub.devices)
            protocols = await ctx.protocols(latest)
            first = [position_json(p, protocols.get(d)) for d, p in sorted(latest.items())]
            await ws.send_text(orjson.dumps({"positions": first}).decode())
            sender = asyncio.create_task(pump(ws, sub))
            while True:
                receive = asyncio.create_task(ws.receive())
                done, _ = await asyncio.wait({receive, sender}, return_when=asyncio.FIRST_COMPLETED)
                if sender in done:
                    receive.cancel()
                    break
                if receive.result()["type"] == "websocket.disconnect":
                    break
        except WebSocketDisconnect:
            pass
        finally:
            feed.unsubscribe(sub)
            if sender is not None:
                sender.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await sender

    return r
