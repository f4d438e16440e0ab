"""Topflytech frames to Records: the text position message here, binary frames through the
T880x decoders (t800x.decoding). A text message of another type decodes to nothing.

Owns the text fields: UTC date-time yyMMddHHmmss, A/V validity, ddmm.mmmm coordinates with
hemisphere letters, speed (km/h, as in the TK103-style family these units belong to) and
course. The status run between the type and the date is kept raw.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.t800x import decoding as binary

from .constants import POSITION
from .framing import is_text, open_text


def _position(text: str, ctx: DecodeContext) -> list[Record]:
    m = POSITION.fullmatch(text)
    if m is None:
        return []  # another message type of the text family
    try:
        fix_time = datetime.strptime("20" + m["date"], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date-time {m['date']}") from e
    lat = int(m["lat_deg"]) + float(m["lat_min"]) / 60
    lon = int(m["lon_deg"]) + float(m["lon_min"]) / 60
    course = float(m["course"])
    if lat > 90 or lon > 180 or course > 360:
        raise InvalidField(f"out of range: {lat} {lon} course {course}")
    rec = Record(
        fix_time=fix_time,
        valid=m["valid"] == "A",
        latitude=round(-lat if m["lat_hem"] == "S" else lat, 6),
        longitude=round(-lon if m["lon_hem"] == "W" else lon, 6),
        speed=float(m["speed"]),
        course=course,
        attributes={"type": m["type"]},
    )
    if m["status"]:
        rec.attributes["raw"] = m["status"]
    return [rec]


def _text(frame: bytes, ctx: DecodeContext) -> list[Record]:
    open_text(frame)
    return _position(frame.decode("ascii"), ctx)


DECODERS: Final[dict[str, Callable[[bytes, DecodeContext], list[Record]]]] = {
    "text": _text,
    "binary": binary.decode,  # T880x: its own table by message type
}


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    return DECODERS["text" if is_text(frame) else "binary"](frame, ctx)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
