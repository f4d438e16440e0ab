"""TLT-2H messages -> Records: one per record line. `$GPRMC` lines give positions (a line
without a fix, all fields empty, gives none); `$WIFI` lines (MT700) give a status record at their
time with the access points seen. The header's state word goes to every record as ``event``,
SOS as an alarm. The cell field before the `$` has no documented layout (its length differs per
model) and is left in the raw log. Sentence checksums are not checked: captured devices send
the same checksum on lines that differ (Tlt2hProtocolDecoderTest, the V3338 message).
"""

from __future__ import annotations

from datetime import datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._rmc import clock, rmc
from fleetwire.protocols.base import DecodeContext

from .constants import ALARMS, MIN_HEADER_FIELDS, SENTENCE
from .framing import open_text

_WIFI_MIN = 4  # head, time, status, date


def header(line: str) -> tuple[str, str]:
    """(IMEI, state word) of the header line; the device's error for any other line."""
    f = line.split("#")
    if len(f) < MIN_HEADER_FIELDS or not f[1].isdigit() or not f[-1].isdigit():
        raise InvalidField(f"bad header line {line[:40]!r}")
    return f[1], f[-2]


def _sentence(line: str) -> list[str]:
    if not line.startswith("#") or SENTENCE not in line:
        raise InvalidField(f"bad record line {line[:40]!r}")
    return line.split(SENTENCE, 1)[1].split("*", 1)[0].split(",")


def _gprmc(f: list[str]) -> Record | None:
    if len(f) > 3 and not f[3]:
        return None  # no fix yet: every position field empty
    return rmc(f)


def _wifi(f: list[str]) -> Record:
    if len(f) < _WIFI_MIN or len(f) % 2:
        raise InvalidField(f"WIFI sentence with {len(f)} fields")
    points = [f"{mac}:{rssi}" for rssi, mac in zip(f[3:-1:2], f[4:-1:2], strict=True)]
    a: Attributes = {"wifi": ",".join(points)} if points else {}
    when: datetime = clock(f[1], f[-1])
    return Record(fix_time=when, kind=RecordKind.STATUS, attributes=a)


_SENTENCES = {"GPRMC": _gprmc, "GNRMC": _gprmc, "WIFI": _wifi}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    lines = open_text(frame, closed=False)
    _, state = header(lines[0])
    records: list[Record] = []
    for line in lines[1:]:
        f = _sentence(line)
        parse = _SENTENCES.get(f[0])
        rec = parse(f) if parse is not None else None
        if rec is None:
            continue
        rec.attributes["event"] = state
        if state in ALARMS:
            rec.attributes["alarm"] = ALARMS[state]
        records.append(rec)
    return records
