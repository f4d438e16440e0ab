"""The HTTP/1.1 request envelope on a TCP byte stream: where a request ends, and opening one.

A request is its request line and headers up to the blank line, then ``Content-Length`` bytes of
body (none without the header). Keep-alive connections carry requests back to back, so this is a
framer like any other. Chunked bodies cannot be framed without decoding them and no tracker sends
them: they are refused. Knows nothing about what the parameters mean (payload.py).
"""

from __future__ import annotations

from typing import NamedTuple

from fleetwire.errors import FramingError, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import HEADER_END, MAX_FRAME_SIZE, METHOD_PREFIXES, METHODS, VERSIONS

_STARTS = b"GP"  # first letters of the methods: where garbage may end
_WINDOW = 2048  # bytes looked at first for the end of the headers


class Request(NamedTuple):
    method: str
    target: str  # origin-form (/?id=...) or absolute-form (http://host/?id=...)
    content_type: str  # lower-cased media type without parameters; "" when absent
    body: bytes


def _method_state(buf: Buffer) -> int:
    """1: starts with a method and a space; 0: may still become one; -1: cannot."""
    head = bytes(buf[:5])
    for prefix in METHOD_PREFIXES:
        if head.startswith(prefix):
            return 1
        if prefix.startswith(head):
            return 0
    return -1


def _garbage_run(buf: Buffer) -> int:
    """Bytes before the next byte that may begin a method (G or P)."""
    data = bytes(buf[: MAX_FRAME_SIZE + 1])  # only on the garbage path
    cut = len(data)
    for letter in _STARTS:
        i = data.find(letter, 1)
        if 0 < i < cut:
            cut = i
    return cut


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next request (see base.NEED_MORE)."""
    if not buf:
        return NEED_MORE
    state = _method_state(buf)
    if state < 0:
        return -_garbage_run(buf)
    if state == 0:
        return NEED_MORE
    # Copy a small window first: glued requests must not each cost a copy of the whole buffer.
    head = bytes(buf[:_WINDOW])
    end = head.find(HEADER_END)
    if end < 0 and len(buf) > _WINDOW:
        head = bytes(buf[: MAX_FRAME_SIZE + len(HEADER_END)])
        end = head.find(HEADER_END)
    line_end = head.find(b"\r\n")
    if line_end < 0:
        return NEED_MORE  # past the size cap the Framer raises FrameTooLarge
    if _request_line(head[:line_end]) is None:
        return -1  # "GET " then no request line: step past it so a real one behind is found
    if end < 0:
        return NEED_MORE
    header_size = end + len(HEADER_END)
    length, _ = _headers(head[line_end + 2 : end])
    return header_size + length


def _request_line(line: bytes) -> tuple[str, str] | None:
    parts = line.decode("latin-1").split(" ")
    if len(parts) != 3:
        return None
    method, target, version = parts
    if method not in METHODS or version not in VERSIONS or not target:
        return None
    if not (target.startswith("/") or target.lower().startswith(("http://", "https://"))):
        return None
    return method, target


def _headers(block: bytes) -> tuple[int, str]:
    """Content-Length and content type from the header lines.

    A body we cannot delimit (chunked, a bad or contradictory length) cannot be resynchronised
    by skipping bytes, so it is a FramingError: the connection is closed, as RFC 9112 6.3 asks.
    """
    length: int | None = None
    content_type = ""
    for raw in block.split(b"\r\n") if block else ():
        name, sep, value = raw.partition(b":")
        if not sep or not name or name != name.strip():
            raise FramingError(f"bad header line {raw[:60]!r}")
        key = name.decode("latin-1").lower()
        text = value.decode("latin-1").strip()
        if key == "content-length":
            if not text.isdigit() or not text.isascii() or len(text) > 9:
                raise FramingError(f"bad Content-Length {text[:20]!r}")
            if length is not None and int(text) != length:
                raise FramingError("contradictory Content-Length headers")
            length = int(text)
        elif key == "transfer-encoding":
            raise FramingError(f"Transfer-Encoding {text[:20]!r} is not supported")
        elif key == "content-type":
            content_type = text.split(";", 1)[0].strip().lower()
    return length or 0, content_type


def open_request(frame: bytes) -> Request:
    """Check one whole request; raise the device's error for anything else."""
    end = frame.find(HEADER_END)
    if end < 0:
        if _method_state(frame) < 0:
            raise FramingError(f"not an HTTP request: {frame[:16]!r}")
        raise TruncatedFrame(f"{len(frame)} bytes without the end of the headers")
    line_end = frame.find(b"\r\n")
    parsed = _request_line(frame[:line_end])
    if parsed is None:
        raise FramingError(f"bad request line {frame[: min(line_end, 60)]!r}")
    method, target = parsed
    length, content_type = _headers(frame[line_end + 2 : end])
    total = end + len(HEADER_END) + length
    if len(frame) != total:
        if len(frame) < total:
            raise TruncatedFrame(f"body of {len(frame) - end - 4} bytes, {length} declared")
        raise FramingError(f"{len(frame) - total} bytes after the declared body")
    return Request(method, target, content_type, frame[total - length :])


def build_request(target: str, body: bytes = b"", content_type: str = "") -> bytes:
    """A request as the simulator and tests send it (GET without a body, POST with one)."""
    if not body:
        return f"GET {target} HTTP/1.1\r\nHost: fleetwire\r\n\r\n".encode("ascii")
    head = f"POST {target} HTTP/1.1\r\nHost: fleetwire\r\nContent-Type: {content_type}\r\n"
    return f"{head}Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body
