"""`fleetwire decode`: frames from lines, one connection, records as JSON lines.

Each line is inspected (checksum, identity) and decoded with the identity the connection has
so far, exactly as gateway and worker would; no registry is needed. A record that fails the
sanity check is an error line naming its field and value, as the worker's dead letter would.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import orjson

from fleetwire.errors import DeviceError
from fleetwire.model import Record
from fleetwire.protocols import get
from fleetwire.protocols.base import DecodeContext, Session, TrackerProtocol, Transport
from fleetwire.protocols.framing import Framer
from fleetwire.sanity import sane_records


def record_json(record: Record, frame: int, unique_id: str | None) -> dict[str, Any]:
    return {
        "frame": frame,
        "device": unique_id,
        "kind": str(record.kind),
        "time": record.fix_time.astimezone(UTC)
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z"),
        "valid": record.valid,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "altitude": record.altitude,
        "speed": record.speed,
        "course": record.course,
        "satellites": record.satellites,
        "attributes": record.attributes,
    }


def whole_frame(proto: TrackerProtocol, line: bytes) -> bytes:
    """``line`` as the device sent it: the line itself when the protocol's framer takes it as
    one whole frame, else the line with the first terminator that makes it one (a text
    protocol's CR, CR LF, LF or its own end mark, lost when the input was split into lines),
    else the line unchanged, for inspect() to refuse with its reason."""
    for candidate in (line, *(line + end for end in proto.terminators)):
        if Framer(proto.frame_length, proto.max_frame_size).feed(candidate) == [candidate]:
            return candidate
    return line


def decode_lines(
    protocol: str, lines: Sequence[bytes], *, as_hex: bool = False, udp: bool = False
) -> Iterator[str]:
    proto = get(protocol)
    transport = Transport.UDP if udp else Transport.TCP
    session = Session(transport)
    for n, raw in enumerate(lines, 1):
        line = raw.strip() if as_hex else raw.rstrip(b"\r\n")
        if not line:
            continue
        try:
            frame = bytes.fromhex(line.decode("ascii")) if as_hex else line
            if not udp:
                frame = whole_frame(proto, frame)
            if udp:
                session = Session(transport)
            up = proto.inspect(frame, session)
            if up.unique_id is not None:
                session.unique_id = up.unique_id
            ctx = DecodeContext(session.unique_id, datetime.now(UTC), transport, context=up.context)
            records, refused = sane_records(proto.decode(frame, ctx), ctx.received)
        except (DeviceError, ValueError, UnicodeDecodeError) as e:
            yield orjson.dumps({"frame": n, "error": f"{type(e).__name__}: {e}"}).decode()
            continue
        except Exception as e:  # a decoder bug: say so, go on with the next line
            yield orjson.dumps({"frame": n, "error": f"bug {type(e).__name__}: {e}"}).decode()
            continue
        for _field, reason in refused:
            yield orjson.dumps({"frame": n, "error": f"InvalidRecord: {reason}"}).decode()
        for r in records:
            yield orjson.dumps(
                record_json(r, n, session.unique_id), option=orjson.OPT_NON_STR_KEYS
            ).decode()
