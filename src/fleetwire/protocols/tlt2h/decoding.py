"""TLT-2H messages -> Records: one per record line. `$GPRMC` lines give positions (a line
without a fix, all fields empty, gives none); `$WIFI` lines (MT700) give a status record at their
time with the access points seen. The header's state word goes to every record as ``event``, and
as an alarm or the ignition where the document says what it means. The field before the `$` is
read as a cell or the backup voltage by its length (constants.py); other lengths, seen on some
firmware without a document, are left in the raw log. Sentence checksums are not checked:
captured devices send the same checksum on lines that differ (Tlt2hProtocolDecoderTest, the
V3338 message).
"""

from __future__ import annotations

from datetime import datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._nmea import date_time, rmc, zero_filled
from fleetwire.protocols.base import DecodeContext

from .constants import (
    ALARMS,
    BACKUP_VOLTAGE_SIZE,
    CELL_SIZES,
    IGNITION,
    LAC_DIGITS,
    MIN_HEADER_FIELDS,
    SENTENCE,
)
from .framing import open_text

_WIFI_MIN = 4  # head, time, status, date


def header(line: str) -> tuple[str, str]:
    """(IMEI, state word) of the header line; the device's error for any other line."""
    f = line.split("#")
    if len(f) < MIN_HEADER_FIELDS or not f[1].isdigit() or not f[-1].isdigit():
        raise InvalidField(f"bad header line {line[:40]!r}")
    return f[1], f[-2]


def _sentence(line: str) -> tuple[str, list[str]]:
    """The field before the `$` and the sentence's fields, its checksum cut off."""
    if not line.startswith("#") or SENTENCE not in line:
        raise InvalidField(f"bad record line {line[:40]!r}")
    lead, sentence = line[1:].split(SENTENCE, 1)
    return lead, sentence.split("*", 1)[0].split(",")


def _lead(text: str, attrs: Attributes) -> None:
    """The cell (LAC+CI in hex) or the MT700's backup voltage before the sentence."""
    hexdigits = all(c in "0123456789abcdefABCDEF" for c in text)
    if len(text) in CELL_SIZES and hexdigits:
        attrs["lac"], attrs["cid"] = int(text[:LAC_DIGITS], 16), int(text[LAC_DIGITS:], 16)
    elif len(text) == BACKUP_VOLTAGE_SIZE and text.isdigit():
        attrs["battery"] = int(text) / 10


def _gprmc(f: list[str]) -> Record | None:
    if len(f) > 3 and not f[3]:
        return None  # no fix yet: every position field empty
    return zero_filled(rmc(f[1:], None))


def _wifi(f: list[str]) -> Record:
    if len(f) < _WIFI_MIN or len(f) % 2:
        raise InvalidField(f"WIFI sentence with {len(f)} fields")
    points = [f"{mac}:{rssi}" for rssi, mac in zip(f[3:-1:2], f[4:-1:2], strict=True)]
    a: Attributes = {"wifi": ",".join(points)} if points else {}
    when: datetime = date_time(f[1], f[-1])
    return Record(fix_time=when, kind=RecordKind.STATUS, attributes=a)


_SENTENCES = {"GPRMC": _gprmc, "GNRMC": _gprmc, "WIFI": _wifi}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    lines = open_text(frame, closed=False)
    _, state = header(lines[0])
    records: list[Record] = []
    for line in lines[1:]:
        lead, f = _sentence(line)
        parse = _SENTENCES.get(f[0])
        rec = parse(f) if parse is not None else None
        if rec is None:
            continue
        a = rec.attributes
        a["event"] = state
        if state in ALARMS:
            a["alarm"] = ALARMS[state]
        if state in IGNITION:
            a["ignition"] = IGNITION[state]
        _lead(lead, a)
        records.append(rec)
    return records
