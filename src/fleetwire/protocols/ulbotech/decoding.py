"""Ulbotech frames to Records: a binary data frame is one record (its blocks decoded by
blocks.py); a text frame is a data record (GPS, STT, MGR, ADC items), a command answer (a
status record with `result`) or a heartbeat (no record).

Checks every envelope again (the worker may decode frames the gateway never ACKed) and raises
only DeviceErrors; binary frames of another type decode to no records.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final

from fleetwire.errors import FramingError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._records import classify
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .blocks import Fix, put_status, walk
from .constants import FLAG, HEADER_SIZE, NO_TIME, FrameType
from .framing import Binary, Shape, Text, frame_time, open_binary, open_text

_TEXT_ADC: Final = {"0": "power", "1": "deviceTemp", "2": "battery", "3": "adc1"}
_GPS_ITEMS: Final = 6  # fix dimension; N/S latitude; E/W longitude; speed; course; HDOP
_FIXED: Final = frozenset({"2", "3"})


def _record(fix: Fix, time: datetime) -> Record:
    attributes = fix.attributes
    kind = classify(attributes, fix.alarms, fix.latitude is not None)
    return Record(
        fix_time=time,
        kind=kind,
        valid=fix.valid,
        latitude=fix.latitude,
        longitude=fix.longitude,
        speed=fix.speed,
        course=fix.course,
        attributes=attributes,
    )


# --- binary ----------------------------------------------------------------------------------


def _data(env: Binary, ctx: DecodeContext) -> list[Record]:
    fix = walk(env.content, HEADER_SIZE - 1)
    # The time's top bit flags a 3D fix (vendor tool). Set in a frame without a position, it
    # is the sign of a clock that was never set (captured: -86400, the day before 2000-01-01,
    # right after a reboot), so the frame is dated by its arrival, as one with time 0 is.
    unknown = not env.seconds or (env.fix_3d and fix.latitude is None)
    return [_record(fix, ctx.received if unknown else frame_time(env.seconds))]


BINARY: Final[dict[int, Callable[[Binary, DecodeContext], list[Record]]]] = {
    FrameType.DATA: _data,
}


def _binary(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_binary(frame)
    decoder = BINARY.get(env.frame_type)
    return [] if decoder is None else decoder(env, ctx)


# --- text ------------------------------------------------------------------------------------


def _text_time(stamp: str, ctx: DecodeContext) -> datetime:
    if stamp == NO_TIME:
        return ctx.received
    try:
        t = datetime(
            2000 + int(stamp[10:12]), int(stamp[8:10]), int(stamp[6:8]),
            int(stamp[0:2]), int(stamp[2:4]), int(stamp[4:6]), tzinfo=UTC,
        )  # fmt: skip
    except ValueError as e:
        raise InvalidField(f"bad text time {stamp!r}") from e
    return device_clock_to_utc(t, ctx)


def _signed(value: str, positive: str, negative: str) -> float:
    sign = {positive: 1.0, negative: -1.0}.get(value[:1])
    if sign is None:
        raise InvalidField(f"bad hemisphere in {value!r}")
    return sign * float(value[1:])


def _gps(value: str, fix: Fix) -> None:
    items = value.split(";")
    if len(items) != _GPS_ITEMS:
        raise InvalidField(f"GPS item {value!r}")
    dim, lat, lon, speed, course, hdop = items
    if not math.isfinite(float(hdop)):
        raise InvalidField(f"HDOP {hdop!r}")
    fix.attributes["hdop"] = float(hdop)
    if dim not in _FIXED:
        return
    latitude, longitude = _signed(lat, "N", "S"), _signed(lon, "E", "W")
    if not (abs(latitude) <= 90 and abs(longitude) <= 180):
        raise InvalidField(f"position out of range: {lat} {lon}")
    fix.latitude, fix.longitude, fix.valid = latitude, longitude, True
    fix.speed, fix.course = float(speed), float(course)
    if not (0 <= fix.speed < 1000 and 0 <= fix.course <= 360):
        raise InvalidField(f"speed {speed} or course {course} out of range")


def _stt(value: str, fix: Fix) -> None:
    words = [int(v, 16) for v in value.split(";")]
    if len(words) != 2 or not all(0 <= w <= 0xFFFF for w in words):
        raise InvalidField(f"STT item {value!r}")
    put_status(words[0], words[1], fix)


def _mgr(value: str, fix: Fix) -> None:
    if not value.isdigit():
        raise InvalidField(f"MGR item {value!r}")
    fix.attributes["odometer"] = int(value)


def _adc(value: str, fix: Fix) -> None:
    items = value.split(";")
    if len(items) % 2:
        raise InvalidField(f"ADC item {value!r}")
    for channel, reading in zip(items[::2], items[1::2], strict=True):
        reading_value = float(reading)
        if not math.isfinite(reading_value):
            raise InvalidField(f"ADC value {reading!r}")
        fix.attributes[_TEXT_ADC.get(channel, f"adc{channel}")] = reading_value


TEXT_ITEMS: Final[dict[str, Callable[[str, Fix], None]]] = {
    "GPS": _gps,
    "STT": _stt,
    "MGR": _mgr,
    "ADC": _adc,
}


def _text_data(t: Text, ctx: DecodeContext) -> list[Record]:
    fix = Fix()
    for item in t.fields:
        key, _, value = item.partition(":")
        parse = TEXT_ITEMS.get(key)
        if parse is None or not value:
            continue
        try:
            parse(value, fix)
        except (ValueError, OverflowError) as e:
            raise InvalidField(f"bad {key} item {value!r}") from e
    return [_record(fix, _text_time(t.stamp, ctx))]


def _answer(t: Text, ctx: DecodeContext) -> list[Record]:
    attributes: dict[str, Any] = {"result": ",".join(t.fields)}
    return [Record(_text_time(t.stamp, ctx), RecordKind.STATUS, attributes=attributes)]


def _heartbeat(t: Text, ctx: DecodeContext) -> list[Record]:
    return []


TEXT: Final[dict[Shape, Callable[[Text, DecodeContext], list[Record]]]] = {
    Shape.DATA: _text_data,
    Shape.ANSWER: _answer,
    Shape.HEARTBEAT: _heartbeat,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    if not frame:
        raise FramingError("empty frame")
    if frame[0] == FLAG:
        return _binary(frame, ctx)
    t = open_text(frame)
    return TEXT[t.shape](t, ctx)
