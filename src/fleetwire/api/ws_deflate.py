"""The API's WebSocket connections: uvicorn's websockets protocol, with a message that several
sockets send compressed once instead of once per socket.

Browsers offer permessage-deflate and uvicorn accepts it with context takeover, so every socket
compressed every frame in its own zlib stream: the live feed's frame for a thousand devices,
sent to fifty administrators, was compressed fifty times on the event loop (bench/websocket.py
--deflate). Here the server answers with `server_no_context_takeover`, which RFC 7692 (7.1.1.1)
lets it add unasked: each message is then compressed on its own, so its compressed frame depends
only on its text and the window size, and the sockets the feed hands the same text to send the
bytes the first of them made. Clients notice nothing: the same text frames, still compressed
(the price is the ratio a shared zlib window gave small frames; the feed's frames are large).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.extensions.permessage_deflate import (
    PerMessageDeflate,
    ServerPerMessageDeflateFactory,
)
from websockets.frames import Frame, Opcode
from websockets.protocol import State

WINDOW_BITS = 12  # uvicorn's choices: a 4 KiB window, a small zlib state per socket
MEM_LEVEL = 5
SHARE_MIN = 1024  # characters: shorter texts (keepalives, single events) compress per socket
CACHE = 64  # compressed frames kept: a poll's distinct frames (one per device set) ...
CACHE_CHARS = 8_000_000  # ... and at most this much text held for them


class _Frames:
    """The compressed frames of the last texts sent, by (text, window bits), least recently
    used dropped first: a poll's frame for every administrator stays while the users' frames
    of that poll come and go between its sends. A str hashes once (CPython keeps the hash) and
    the feed sends one str object to every socket, so a hit costs an identity comparison."""

    def __init__(self) -> None:
        self._by_text: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._chars = 0

    def get(self, text: str, deflate: PerMessageDeflate) -> bytes:
        key = (text, deflate.local_max_window_bits)
        frame = self._by_text.get(key)
        if frame is not None:
            self._by_text.move_to_end(key)
            return frame
        # the connection's own extension: a fresh compressor per message (no context
        # takeover), so these are the bytes its own send would have written
        frame = Frame(Opcode.TEXT, text.encode()).serialize(mask=False, extensions=[deflate])
        self._by_text[key] = frame
        self._chars += len(text)
        while len(self._by_text) > 1 and (len(self._by_text) > CACHE or self._chars > CACHE_CHARS):
            (old, _), _ = self._by_text.popitem(last=False)
            self._chars -= len(old)
        return frame


_FRAMES = _Frames()


class SharedDeflateProtocol(WebSocketsSansIOProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.config.ws_per_message_deflate:
            self.conn.available_extensions = [
                ServerPerMessageDeflateFactory(
                    server_no_context_takeover=True,
                    server_max_window_bits=WINDOW_BITS,
                    client_max_window_bits=WINDOW_BITS,
                    compress_settings={"memLevel": MEM_LEVEL},
                )
            ]

    def _deflate(self) -> PerMessageDeflate | None:
        """The negotiated permessage-deflate, if it is the only extension and compresses each
        message on its own."""
        exts = self.conn.extensions
        only = exts[0] if len(exts) == 1 else None
        if isinstance(only, PerMessageDeflate) and only.local_no_context_takeover:
            return only
        return None

    async def send(self, message: Any) -> None:
        text = message.get("text") if message["type"] == "websocket.send" else None
        deflate = self._deflate() if isinstance(text, str) and len(text) >= SHARE_MIN else None
        if deflate is None:
            await super().send(message)
            return
        await self.writable.wait()
        usable = self.handshake_complete and self.initial_response is None
        if self.disconnected or self.close_sent or not usable or self.conn.state is not State.OPEN:
            await super().send(message)  # its checks and errors for every other state
            return
        assert isinstance(text, str)
        self.transport.write(_FRAMES.get(text, deflate))
