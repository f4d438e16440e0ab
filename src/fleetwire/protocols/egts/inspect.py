"""What an EGTS packet means to the gateway: who sent it and the exact reply, from the
transport header and the record envelopes (only TERM_IDENTITY's content is read).

Replies (GOST 33472 transport and service layers): every application packet gets an
EGTS_PT_RESPONSE naming its PID with result EGTS_PC_OK and, for each of its service records,
an EGTS_SR_RECORD_RESPONSE confirming that record's number (the terminal deletes what is
confirmed). A TERM_IDENTITY is also answered, in a second packet, by the auth service's
EGTS_SR_RESULT_CODE 0, which ends the authorisation: without it a terminal that follows the
GOST waits and sends nothing else. The server's packet ids and record numbers count per
connection in the session. The terminal's own EGTS_PT_RESPONSE (to the result code, to a
command) is kept without a reply. A packet whose data CRC fails gets EGTS_PC_DATACRC_ERROR and
is resent; an encrypted or compressed one (no algorithm is fixed for either) is refused with
EGTS_PC_DECRYPT_ERROR or EGTS_PC_UNS_PROTOCOL.

Identity: the IMEI of TERM_IDENTITY (else its TID); on a connection that never authenticates
(a retranslator, say) each packet is identified by the object id (OID) of its first record.
"""

from __future__ import annotations

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .auth import Identity, term_identity
from .constants import CT_COMCONF, ENA_MASK, PacketType, Result, Service, Sub
from .framing import build_packet, open_packet, response
from .records import ServiceRecord, confirmation, response_header, result_code, service_records

PID = "pid"  # the server's packet counter, per connection
RN = "rn"  # the server's record counter, per connection
_TID = "tid"


def next_number(session: Session, key: str) -> int:
    n: int = session.state.get(key, 0)
    session.state[key] = (n + 1) & 0xFFFF
    return n


def _identity(records: list[ServiceRecord]) -> Identity | None:
    for rec in records:
        if rec.sst != Service.AUTH:
            continue
        for srt, srd in rec.subrecords:
            if srt == Sub.TERM_IDENTITY:
                return term_identity(srd)
    return None


def _kind(records: list[ServiceRecord], identity: Identity | None) -> FrameKind:
    if identity is not None:
        return FrameKind.LOGIN
    if any(r.sst == Service.TELEDATA for r in records):
        return FrameKind.DATA
    for rec in records:
        for srt, srd in rec.subrecords:
            if srt == Sub.COMMAND_DATA and srd and srd[0] >> 4 == CT_COMCONF:
                return FrameKind.REPLY
    return FrameKind.OTHER


def _context(session: Session) -> bytes:
    tid = session.state.get(_TID)
    return b"" if tid is None else int(tid).to_bytes(4, "little")


def inspect(frame: bytes, session: Session) -> Uplink:
    packet = open_packet(frame)
    if not packet.readable:
        code = Result.DECRYPT_ERROR if packet.flags & ENA_MASK else Result.UNS_PROTOCOL
        reply = response(packet.pid, code, b"", next_number(session, PID))
        raise InvalidField(f"encrypted or compressed packet (flags {packet.flags:#04x})",
                           reply=reply)  # fmt: skip
    if packet.packet_type == PacketType.RESPONSE:
        response_header(packet)
        service_records(packet)
        return Uplink(FrameKind.OTHER, context=_context(session))
    records = service_records(packet)
    identity = _identity(records)
    uid: str | None = None
    if identity is not None:
        session.state[_TID] = identity.tid
        uid = identity.unique_id
    elif _TID not in session.state:
        # no terminal authenticated: each packet is its first object's (a retranslator's
        # packets may each be about another vehicle)
        oid = next((r.oid for r in records if r.oid is not None), None)
        uid = None if oid is None else str(oid)
    confirmations = b"".join(
        confirmation(next_number(session, RN), rec.rn, rec.rst, rec.sst) for rec in records
    )
    ack = response(packet.pid, Result.OK, confirmations, next_number(session, PID))
    if identity is not None:
        done = result_code(next_number(session, RN))
        ack += build_packet(next_number(session, PID), PacketType.APPDATA, done)
    teledata = sum(r.sst == Service.TELEDATA for r in records)
    return Uplink(
        _kind(records, identity), unique_id=uid, ack=ack, records=teledata,
        context=_context(session),
    )  # fmt: skip
