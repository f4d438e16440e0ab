"""Who opens /api/socket: Traccar accepts the `?token=` of an API token or the JSESSIONID
cookie of a login session (Origin-checked), never an Authorization header: a handshake that
carries one is refused like an anonymous one (503). The rest is api/auth.py's
`connection_user`."""

from __future__ import annotations

from fastapi import WebSocket

from fleetwire.api.auth import connection_user
from fleetwire.store.users import User


async def socket_user(websocket: WebSocket) -> User | None:
    if "authorization" in websocket.headers:
        return None
    return await connection_user(websocket)
