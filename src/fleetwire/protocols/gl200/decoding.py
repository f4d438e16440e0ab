"""@Track text messages to Records: one small decoder per message, found through a table.

Owns the meaning of each message (alarm, ignition, report type, the field before the position
block); the position block and the model-specific fields after it are reports.py's; binary (HEX)
frames go to binary.py. Knows nothing about replies.
"""

from __future__ import annotations

from collections.abc import Callable

from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols.base import DecodeContext

from . import binary, extras, reports
from .constants import ALARMS, HARSH, MAX_POSITIONS, MOTION, MULTI_POSITION
from .framing import Text, check_binary, is_binary, open_text
from .inspect import identity

# Adds what a message says besides its positions; gets the fields and the block's index.
Extra = Callable[[list[str], int, Attributes], None]
Decoder = Callable[[Text, DecodeContext], list[Record]]


def _finish(rec: Record, attrs: Attributes) -> Record:
    rec.attributes.update(attrs)
    if "alarm" in rec.attributes:
        rec.kind = RecordKind.EVENT
    elif not rec.has_position:
        rec.kind = RecordKind.STATUS
    return rec


def _report_type(f: list[str], s: int) -> tuple[str, str]:
    """(report id, report type): one "XY" field (GV family) or two fields (GL family)."""
    rt = f[s - 2] if s >= 2 else ""
    if len(rt) == 2:
        return rt[0], rt[1]
    return (f[s - 3] if s >= 3 else ""), rt


def _positions(msg: Text, ctx: DecodeContext, extra: Extra | None = None) -> list[Record]:
    f = msg.fields
    fallback = reports.send_time(f, ctx)
    attrs: Attributes = {"archive": True} if msg.kind == "BUFF" else {}
    alarm = ALARMS.get(msg.name)
    if alarm:
        attrs["alarm"] = alarm
    s = reports.find_block(f)
    if s is None:
        if extra is not None:
            extra(f, 0, attrs)
        return [_finish(Record(fix_time=fallback), attrs)]
    n = 1
    if msg.name in MULTI_POSITION and f[s - 1].isdigit():
        n = min(max(int(f[s - 1]), 1), MAX_POSITIONS)
    starts = [s]
    end = s + reports.width(f, s)
    # a count the message cannot hold (or a field that only looks like one): keep the blocks
    # that are there
    while len(starts) < n and reports.is_block(f, end):
        starts.append(end)
        end += reports.width(f, end)
    records = [reports.block(f, k, fallback) for k in starts]
    if extra is not None:
        extra(f, s, attrs)
    if msg.name in MULTI_POSITION:
        _external_power(f, s, attrs)
    tail = f[end:-2]
    reports.tail(tail, attrs)
    if msg.name == "GTERI":
        extras.digital_fuel(f, tail, f[0], attrs)
        extras.ble_accessories(f, tail, f[0], attrs)
    for rec in records[:-1]:
        _finish(rec, {k: v for k, v in attrs.items() if k in ("archive", "alarm")})
    _finish(records[-1], attrs)
    return records


# --- what each message adds ---------------------------------------------------------------------


def _external_power(f: list[str], s: int, attrs: Attributes) -> None:
    """GV family GTFRI/GTERI: <External Power VCC> (mV) before <Report ID/Report Type>."""
    if s >= 3 and len(f[s - 2]) == 2 and f[s - 3].isdigit() and len(f[s - 3]) <= 5:
        attrs["power"] = int(f[s - 3]) / 1000


def _geofence(f: list[str], s: int, attrs: Attributes) -> None:
    if s:
        fence, kind = _report_type(f, s)
        attrs["alarm"] = "geofenceEnter" if kind == "1" else "geofenceExit"
        if fence.isdigit():
            attrs["geofence"] = int(fence)


def _harsh(f: list[str], s: int, attrs: Attributes) -> None:
    alarm = HARSH.get(_report_type(f, s)[1]) if s else None
    if alarm:
        attrs["alarm"] = alarm


def _ignition(on: bool) -> Extra:
    def extra(f: list[str], s: int, attrs: Attributes) -> None:
        attrs["ignition"] = on

    return extra


def _state(f: list[str], s: int, attrs: Attributes) -> None:
    if s and f[s - 1].upper() in MOTION:
        reports.motion_state(f[s - 1], attrs)


def _battery(f: list[str], s: int, attrs: Attributes) -> None:
    if s and reports.is_decimal(f[s - 1]):
        attrs["battery"] = float(f[s - 1])


def _battery_level(f: list[str], s: int, attrs: Attributes) -> None:
    """GTSTR / GTCTN (GL500, GL530): <Battery Percentage> right before the position block."""
    if s and f[s - 1].isdigit() and int(f[s - 1]) <= 100:
        attrs["batteryLevel"] = int(f[s - 1])


def _can(f: list[str], s: int, attrs: Attributes) -> None:
    extras.can(f, f[0], attrs)


def _accessory(mask_at: int) -> Extra:
    def extra(f: list[str], s: int, attrs: Attributes) -> None:
        extras.accessory(f, mask_at, attrs)

    return extra


def _transparent(f: list[str], s: int, attrs: Attributes) -> None:
    extras.transparent(f, attrs)


def _warning(f: list[str], s: int, attrs: Attributes) -> None:
    extras.warning(f, attrs)


def _data(f: list[str], s: int, attrs: Attributes) -> None:
    if s:
        attrs["data"] = f[s - 1]


def _plain(extra: Extra | None = None) -> Decoder:
    def decoder(msg: Text, ctx: DecodeContext) -> list[Record]:
        return _positions(msg, ctx, extra)

    return decoder


# --- messages without a position ----------------------------------------------------------------


def _power(msg: Text, ctx: DecodeContext) -> list[Record]:
    """GTPNA / GTPFA: power on / off, no position."""
    attrs: Attributes = {"alarm": ALARMS[msg.name]}
    if msg.kind == "BUFF":
        attrs["archive"] = True
    return [Record(reports.send_time(msg.fields, ctx), RecordKind.EVENT, attributes=attrs)]


def _information(msg: Text, ctx: DecodeContext) -> list[Record]:
    """GTINF: the prefix all models share (state, ICCID, CSQ RSSI), then the power inputs and
    the backup battery (extras.information). The version-less GT300 layout carries nothing
    read here: no record."""
    version, _ = identity(msg)
    if not version:
        return []
    f = msg.fields
    attrs: Attributes = {"type": version[:-4].upper(), "versionFw": version[-4:].upper()}
    if len(f) > 6:
        reports.motion_state(f[3], attrs)
        if f[4].isalnum():
            attrs["iccid"] = f[4]
        if f[5].isdigit():
            attrs["rssi"] = int(f[5])
        extras.information(f, version, attrs)
    return [Record(reports.send_time(f, ctx), RecordKind.STATUS, attributes=attrs)]


def _acknowledgement(msg: Text, ctx: DecodeContext) -> list[Record]:
    """+ACK:GTxxx (not the heartbeat): the device's answer to a command."""
    if msg.name == "GTHBD":
        return []
    version, _ = identity(msg)
    f = msg.fields
    body = f[3:-2] if version else f[1:-2]
    result = ",".join([msg.name, *body])
    return [Record(reports.send_time(f, ctx), RecordKind.STATUS, attributes={"result": result})]


_PLAIN = (
    "GTFRI", "GTERI", "GTSOS", "GTSPD", "GTRTL", "GTDOG", "GTIGL", "GTDIS", "GTIOB", "GTTOW",
    "GTPNL", "GTNMR", "GTAIS", "GTMPN", "GTMPF", "GTLBC", "GTIDA", "GTSTC", "GTTMP",
    "GTSWG", "GTLSW", "GTTSW", "GTGIN", "GTGOT", "GTTRI", "GTGCR", "GTTEM", "GTJDR", "GTJDS",
    "GTOBD", "GTGSM", "GTWIF", "GTLBS", "GTVER",
)  # fmt: skip

DECODERS: dict[str, Decoder] = {
    **{name: _plain() for name in _PLAIN},
    "GTGEO": _plain(_geofence),
    "GTGES": _plain(_geofence),
    "GTHBM": _plain(_harsh),
    "GTIGN": _plain(_ignition(True)),
    "GTIGF": _plain(_ignition(False)),
    "GTVGN": _plain(_ignition(True)),
    "GTVGF": _plain(_ignition(False)),
    "GTSTT": _plain(_state),
    "GTBPL": _plain(_battery),
    "GTDAT": _plain(_data),
    "GTSTR": _plain(_battery_level),
    "GTCTN": _plain(_battery_level),
    "GTCAN": _plain(_can),
    "GTBAA": _plain(_accessory(7)),
    "GTBID": _plain(_accessory(5)),
    "GTDTT": _plain(_transparent),
    "GTDAR": _plain(_warning),
    "GTPNA": _power,
    "GTPFA": _power,
    "GTINF": _information,
}


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    if is_binary(frame):
        return binary.decode(check_binary(frame), ctx)
    msg = open_text(frame)
    identity(msg)  # a message without an identity is malformed, whatever its type
    if msg.kind == "ACK":
        return _acknowledgement(msg, ctx)
    decoder = DECODERS.get(msg.name)
    return decoder(msg, ctx) if decoder is not None else []


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
