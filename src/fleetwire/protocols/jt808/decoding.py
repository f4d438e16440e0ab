"""JT/T 808 frame bodies to Records: the table from message id to its decoder.

The envelope is checked again here, so a frame that fails its check code never yields records.
A message no decoder reads yet, a sub-package (reassembly spans frames) and an encrypted body
raise InvalidField: the frame stays in the raw log as a dead letter with that reason, and
replay decodes it once a decoder exists. Knows nothing about replies or sessions.
"""

from __future__ import annotations

from collections.abc import Callable

from fleetwire.errors import InvalidField
from fleetwire.model import Record
from fleetwire.protocols.base import DecodeContext

from . import answers, events, location, lock, registration, text, transparent
from .constants import MessageType as M
from .framing import Envelope, is_text, open_frame

Decoder = Callable[[Envelope, DecodeContext], list[Record]]


def _nothing(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """Heartbeat and logout: empty bodies; the reply and the raw log are all they need."""
    return []


DECODERS: dict[int, Decoder] = {
    M.LOCATION: location.report,
    M.LOCATION_ANSWER: location.answer,
    M.LOCATION_BATCH: location.batch,
    M.LOCATION_BATCH_VENDOR: location.batch_short,
    M.REGISTER: registration.register,
    M.AUTH: registration.auth,
    M.TERMINAL_RESPONSE: answers.general,
    M.PARAMETERS: answers.parameters,
    M.ATTRIBUTES: answers.attributes,
    M.WAYBILL: answers.waybill,
    M.DRIVER_INFO: answers.driver,
    M.VENDOR_TEXT_ANSWER: answers.vendor_text,
    M.VENDOR_UNICODE_ANSWER: answers.unicode_text,
    M.TRANSPARENT: transparent.decode,
    M.UPGRADE_RESULT: events.upgrade_result,
    M.EVENT_REPORT: events.event_report,
    M.QUESTION_ANSWER: events.question_answer,
    M.VEHICLE_CONTROL_ANSWER: events.control_answer,
    M.MULTIMEDIA_EVENT: events.media_event,
    M.MULTIMEDIA_DATA: events.media_data,
    M.CAN_DATA: events.can_data,
    M.LOCK_REPORT: lock.report,
    M.LOCK_REPORT_STORED: lock.report,
    M.ACCELERATION: events.acceleration,
    M.HEARTBEAT: _nothing,
    M.LOGOUT: _nothing,
}


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    if env.subpackaged:
        raise InvalidField(f"message {env.msg_id:04x} is a sub-package: not reassembled yet")
    if env.encrypted:
        raise InvalidField(f"message {env.msg_id:04x} is encrypted ({env.attrs:04x})")
    decoder = DECODERS.get(env.msg_id)
    if decoder is None:
        raise InvalidField(f"message {env.msg_id:04x} is not decoded yet")
    return decoder(env, ctx)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    if is_text(frame):
        return text.decode(frame, ctx)
    return _decode(frame, ctx)
