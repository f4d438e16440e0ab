"""What a JT/T 808 frame means to the gateway, from its envelope and message id only.

Checks the envelope (flags, escaping, check code, header length), takes the identity from the
phone number every header carries, and builds the exact reply: 0x8100 with an auth code for a
registration, the 0x8001 general response for every other message the standard answers. The
platform serial comes from the session; the phone field and 2019 version are remembered there
for commands. No body decoding (only the record count of a batch) and no clock.
"""

from __future__ import annotations

from typing import NamedTuple

from fleetwire.protocols.base import FrameKind, Session, Uplink

from . import text
from .constants import (
    LOCK_ACK_BIT,
    LOCK_IDS,
    REGISTER_UNKNOWN_TERMINAL,
    RESULT_FAILURE,
    RESULT_OK,
    answered_generally,
)
from .constants import MessageType as M
from .framing import Envelope, is_text, open_frame, phone_id
from .replies import (
    PHONE_KEY,
    VERSION_KEY,
    auth_code,
    general_response,
    lock_response,
    next_serial,
    register_response,
)


class _Policy(NamedTuple):
    kind: FrameKind
    records: int


_KINDS: dict[int, _Policy] = {
    M.REGISTER: _Policy(FrameKind.LOGIN, 1),
    M.AUTH: _Policy(FrameKind.LOGIN, 0),
    M.HEARTBEAT: _Policy(FrameKind.HEARTBEAT, 0),
    M.LOCATION: _Policy(FrameKind.DATA, 1),
    M.LOCATION_BATCH: _Policy(FrameKind.DATA, 1),  # real count read below
    M.LOCATION_BATCH_VENDOR: _Policy(FrameKind.DATA, 1),  # real count read below
    M.DRIVER_INFO: _Policy(FrameKind.DATA, 1),
    M.TRANSPARENT: _Policy(FrameKind.DATA, 1),
    M.WAYBILL: _Policy(FrameKind.DATA, 1),
    M.VENDOR_TEXT_ANSWER: _Policy(FrameKind.REPLY, 1),
    M.VENDOR_UNICODE_ANSWER: _Policy(FrameKind.REPLY, 1),
    M.TERMINAL_RESPONSE: _Policy(FrameKind.REPLY, 1),
    M.LOCATION_ANSWER: _Policy(FrameKind.REPLY, 1),
    M.PARAMETERS: _Policy(FrameKind.REPLY, 1),
    M.ATTRIBUTES: _Policy(FrameKind.REPLY, 1),
    M.VEHICLE_CONTROL_ANSWER: _Policy(FrameKind.REPLY, 1),
    M.QUESTION_ANSWER: _Policy(FrameKind.REPLY, 1),
    M.UPGRADE_RESULT: _Policy(FrameKind.DATA, 1),
    M.EVENT_REPORT: _Policy(FrameKind.DATA, 1),
    M.MULTIMEDIA_EVENT: _Policy(FrameKind.DATA, 1),
    M.MULTIMEDIA_DATA: _Policy(FrameKind.DATA, 1),
    M.CAN_DATA: _Policy(FrameKind.DATA, 1),
    M.ACCELERATION: _Policy(FrameKind.DATA, 1),
    M.LOCK_REPORT: _Policy(FrameKind.DATA, 1),
    M.LOCK_REPORT_STORED: _Policy(FrameKind.DATA, 1),
}
_OTHER = _Policy(FrameKind.OTHER, 0)


def _records(env: Envelope, policy: _Policy) -> int:
    if env.subpackaged or env.encrypted:
        return 0  # a part or a sealed body: the decoder yields nothing from it
    if env.msg_id == M.AUTH:
        return 0 if env.version is None else 1  # only the 2019 body says something new
    if env.msg_id == M.LOCATION_BATCH:
        if env.end - env.start < 2:
            return 0
        return (env.data[env.start] << 8) | env.data[env.start + 1]
    if env.msg_id == M.LOCATION_BATCH_VENDOR:
        count, pos = 0, env.start
        while pos < env.end:  # {length(1), body} to the end
            count, pos = count + 1, pos + 1 + env.data[pos]
        return count
    return policy.records


def _replies(env: Envelope, unique_id: str, serial: int) -> tuple[bytes, bytes]:
    """(ack, reject) for a frame that is answered."""
    if env.msg_id == M.REGISTER:
        code = auth_code(unique_id)
        ok = register_response(env.phone, env.version, serial, env.serial, RESULT_OK, code)
        refuse = register_response(
            env.phone, env.version, serial, env.serial, REGISTER_UNKNOWN_TERMINAL, b""
        )
        return ok, refuse
    ok = general_response(env.phone, env.version, serial, env.serial, env.msg_id, RESULT_OK)
    refuse = general_response(
        env.phone, env.version, serial, env.serial, env.msg_id, RESULT_FAILURE
    )
    return ok, refuse


def inspect(frame: bytes, session: Session) -> Uplink:
    if is_text(frame):
        return text.inspect(frame, session)
    env = open_frame(frame)
    unique_id = phone_id(env.phone)
    session.state[PHONE_KEY] = env.phone
    session.state[VERSION_KEY] = env.version
    policy = _KINDS.get(env.msg_id, _OTHER)
    ack = reject = b""
    if env.msg_id in LOCK_IDS:
        if env.attrs & LOCK_ACK_BIT:  # the lock asks for an answer only with bit 15 set
            serial = next_serial(session)
            ack = lock_response(env.phone, serial, env.msg_id, RESULT_OK)
            reject = lock_response(env.phone, serial, env.msg_id, RESULT_FAILURE)
    elif env.msg_id == M.REGISTER or answered_generally(env.msg_id):
        ack, reject = _replies(env, unique_id, next_serial(session))
    return Uplink(
        kind=policy.kind,
        unique_id=unique_id,
        ack=ack,
        reject=reject,
        records=_records(env, policy),
    )
