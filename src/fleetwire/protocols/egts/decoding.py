"""EGTS packets to Records: each teledata record (one per EGTS_SR_POS_DATA, with the
subrecords that follow it) becomes a position, or a status when it carries sensors only; the
auth service's VEHICLE_DATA gives the VIN and the commands service's answers a result. Other
services, the terminal's EGTS_PT_RESPONSE and the auth handshake decode to nothing.

Whose records: a terminal that authenticated (TERM_IDENTITY; inspect passes its TID as the
frame's context) sends its own. A connection that never authenticated is identified packet by
packet by the first record's object id (OID): it may be a retranslator carrying many objects in
one packet, and only the records of the object the packet is identified as (its first OID) are
decoded, the others stay in the raw log. Checks every checksum again (the worker may decode
frames the gateway never ACKed) and raises only DeviceErrors.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record
from fleetwire.protocols._records import classify
from fleetwire.protocols.base import DecodeContext

from .auth import vehicle_vin
from .constants import CT_COMCONF, EPOCH_2010, PacketType, Service, Sub
from .framing import Packet, open_packet
from .records import ServiceRecord, service_records
from .teledata import SUBRECORDS, Fix, pos_data


def egts_time(seconds: int) -> datetime:
    return datetime.fromtimestamp(EPOCH_2010 + seconds, UTC)


def _record(fix: Fix, rec: ServiceRecord, ctx: DecodeContext) -> Record:
    seconds = fix.time if fix.time is not None else rec.time
    attributes = fix.attributes
    kind = classify(attributes, fix.alarms, fix.latitude is not None)
    return Record(
        fix_time=ctx.received if seconds is None else egts_time(seconds),
        kind=kind,
        valid=fix.valid,
        latitude=fix.latitude,
        longitude=fix.longitude,
        altitude=fix.altitude,
        speed=fix.speed,
        course=fix.course,
        satellites=fix.satellites,
        attributes=attributes,
    )


def _teledata(rec: ServiceRecord, ctx: DecodeContext) -> list[Record]:
    out: list[Record] = []
    fix = Fix()
    for srt, srd in rec.subrecords:
        if srt == Sub.POS_DATA:
            if fix.time is not None:  # a second position in one record starts a new fix
                out.append(_record(fix, rec, ctx))
                fix = Fix()
            pos_data(srd, fix)
            continue
        handler = SUBRECORDS.get(srt)
        if handler is not None:
            handler(srd, fix)
    if fix.time is not None or fix.attributes:
        out.append(_record(fix, rec, ctx))
    return out


def _auth(rec: ServiceRecord, ctx: DecodeContext) -> list[Record]:
    for srt, srd in rec.subrecords:
        if srt == Sub.VEHICLE_DATA:
            vin = vehicle_vin(srd)
            if vin:
                return [_record(Fix(attributes={"vin": vin}), rec, ctx)]
    return []


def _commands(rec: ServiceRecord, ctx: DecodeContext) -> list[Record]:
    """EGTS_SR_COMMAND_DATA answers (CT_COMCONF): CT/CCT, CID (4), SID (4), flags, [CHS],
    [ACL, AC], then the confirmed command's data; kept as the answer's result."""
    out = []
    for srt, srd in rec.subrecords:
        if srt != Sub.COMMAND_DATA or len(srd) < 10 or srd[0] >> 4 != CT_COMCONF:
            continue
        cid = int.from_bytes(srd[1:5], "little")
        result = f"command {cid}: confirmation type {srd[0] & 0x0F}"
        out.append(_record(Fix(attributes={"result": result}), rec, ctx))
    return out


SERVICES: Final[dict[int, Callable[[ServiceRecord, DecodeContext], list[Record]]]] = {
    Service.TELEDATA: _teledata,
    Service.AUTH: _auth,
    Service.COMMANDS: _commands,
}


def own_object(records: list[ServiceRecord], ctx: DecodeContext) -> int | None:
    """The object whose records are the device's, or None when every record is."""
    if ctx.context:
        return None  # an authenticated terminal: all it sends is its own
    oids = [r.oid for r in records if r.oid is not None]
    if not oids:
        return None
    uid = ctx.unique_id
    if uid is not None and uid.isdigit() and int(uid) in oids:
        return int(uid)
    return oids[0]


def readable(frame: bytes) -> Packet:
    packet = open_packet(frame)
    if not packet.readable:
        raise InvalidField(f"encrypted or compressed packet (flags {packet.flags:#04x})")
    return packet


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    packet = readable(frame)
    if packet.packet_type == PacketType.RESPONSE:
        return []  # the terminal confirming our packets
    records = service_records(packet)
    own = own_object(records, ctx)
    out: list[Record] = []
    for rec in records:
        if own is not None and rec.oid is not None and rec.oid != own:
            continue
        handler = SERVICES.get(rec.sst)
        if handler is not None:
            out += handler(rec, ctx)
    return out
