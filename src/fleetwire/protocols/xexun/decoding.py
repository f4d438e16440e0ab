"""Xexun message content to a Record: the RMC sentence, the alarm text, and the full layout's tail
(satellites, altitude, battery, charging, cell). One message type, so no dispatch table: each
part has its own small function. The envelope is checked again here, so a message that fails its
checksums never yields a record. Knows nothing about sessions.
"""

from __future__ import annotations

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._nmea import rmc, zero_filled
from fleetwire.protocols._text import finite
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import ALARMS, IGNITION_OFF, IGNITION_ON
from .framing import open_frame

_HEX = frozenset("0123456789abcdefABCDEF")


def _int(text: str, base: int = 10) -> int:
    digits = _HEX if base == 16 else frozenset("0123456789")
    if not text or any(c not in digits for c in text):
        raise InvalidField(f"bad number {text!r}")
    return int(text, base)


def _rmc(sentence: str, ctx: DecodeContext) -> Record:
    f = sentence.split(",")
    blank = len(f) >= 10 and not f[9] and not f[1].strip(".0")
    if blank and not (f[3].strip("0.") or f[5].strip("0.")):
        # firmware without a fix yet blanks the time and date and zeroes the coordinates
        # (Traccar's XexunProtocolDecoderTest, first message): a status record of its own time
        return Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    rec = zero_filled(rmc(f[1:], None))
    rec.fix_time = device_clock_to_utc(rec.fix_time, ctx)
    return rec


def _alarm_text(status: str, rec: Record) -> None:
    """ "<F|L>,<text>," before the IMEI: the text names an alarm or an ignition change."""
    text = status.partition(",")[2].strip(" ,").lower()
    if not text:
        return
    rec.attributes["event"] = text
    if text.startswith(IGNITION_ON):
        rec.attributes["ignition"] = True
    elif text.startswith(IGNITION_OFF):
        rec.attributes["ignition"] = False
    for prefix, alarm in ALARMS:
        if text.startswith(prefix):
            rec.attributes["alarm"] = alarm
            rec.kind = RecordKind.EVENT
            return


def _power(text: str, a: Attributes) -> None:
    """ "F:4.28V" (F full / L low) and optional "/ADC1=0.20V/ADC2=0.00V"."""
    for i, part in enumerate(text.split("/")):
        name, sep, value = part.partition(":" if i == 0 else "=")
        if not sep or not value.endswith("V"):
            raise InvalidField(f"bad voltage {part!r}")
        volts = finite(value[:-1])
        if i == 0:
            a["battery"] = volts
        elif name.startswith("ADC") and name[3:].isdigit():
            a[f"adc{int(name[3:])}"] = volts


def _tail(tail: list[str], rec: Record) -> None:
    """satellites, altitude, battery, charging, length, CRC, MCC, MNC, LAC, cell id."""
    a = rec.attributes
    if tail[0]:
        rec.satellites = _int(tail[0])
    if tail[1]:
        rec.altitude = finite(tail[1])
    if tail[2]:
        _power(tail[2], a)
    if tail[3]:
        a["charge"] = tail[3] == "1"
    mcc, mnc, lac, cid = tail[6:10]
    if mcc and mnc and lac and cid:
        a.update(mcc=_int(mcc), mnc=_int(mnc), lac=_int(lac, 16), cid=_int(cid, 16))


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    # the full layout without a sentence has no fix: a status report
    no_fix = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    rec = _rmc(env.rmc, ctx) if env.rmc else no_fix
    _alarm_text(env.status, rec)
    if env.full:
        _tail(env.tail, rec)
    if rec.satellites is not None and rec.satellites >= 100:
        raise InvalidField(f"satellites {rec.satellites}")
    return [rec]
