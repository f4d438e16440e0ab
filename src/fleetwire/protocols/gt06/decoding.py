"""GT06 frame content to Records: which decoder reads a frame, found through tables.

A protocol number alone does not fix a layout: firmware variants reuse numbers with other
content lengths (told apart by that length, as the captures show), and some numbers mean one
thing in the short (78 78) form and another in the long (79 79) form. The tables below say
which, checked in that order: (number, content length), then the long form, then the number.
Works on frames of any source: the envelope is checked again here, so a frame that fails its
CRC never yields records. Knows nothing about replies to the device (inspect.py) or sessions.
"""

from __future__ import annotations

from collections.abc import Callable

from fleetwire.errors import InvalidField
from fleetwire.model import Record
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from . import events, information, lbs, location, status
from .constants import MessageType as M
from .framing import NO_SERIAL, Envelope, open_frame

Decoder = Callable[[Reader, DecodeContext, Envelope], list[Record]]


def _nothing(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    return []


DECODERS: dict[int, Decoder] = {
    M.LOGIN: information.login,
    M.GPS: location.gps_only,
    M.GPS_LBS_OLD: location.gps_lbs,
    M.GPS_LBS: location.gps_lbs,
    M.STATUS: status.status,
    M.STRING_INFO: information.string_info,
    M.ALARM: location.alarm,
    M.LBS_EXTEND: lbs.lbs_multi,
    M.LBS_STATUS: lbs.lbs_status,
    M.GPS_LBS_EXTEND: location.gps_only,
    M.COMMAND_REPLY: information.command_reply,
    M.GPS_LBS_2: location.gps_lbs_2,
    M.HEARTBEAT: status.heartbeat,
    M.LBS_MULTI_3: lbs.lbs_multi,
    M.ALARM_2: location.alarm,
    M.ALARM_FENCES: location.alarm,
    M.LBS_MULTI: lbs.lbs_multi,
    M.ADDRESS_REQUEST: _nothing,  # asks for an address; its fix is re-sent as a location
    M.LBS_WIFI: lbs.lbs_multi,
    M.LBS_MULTI_2: lbs.lbs_multi,
    M.WIFI_5: lbs.lbs_multi,
    M.X1_GPS: location.x1_gps,
    M.STATUS_2: status.status_modules,
    M.GPS_LBS_3: location.gps_lbs_3,
    M.IBUTTON: location.ibutton,
    M.GPS_MODULAR: events.modular,
    M.TIME_REQUEST: _nothing,  # answered by inspect; carries no data
    M.INFO: information.info,
    M.ALARM_FILES: events.camera_alarm,
    M.SERIAL: information.serial_data,
    M.GPS_LBS_4G: location.gps_lbs_2,
    M.LBS_MULTI_4G: lbs.lbs_multi,
    M.WIFI_4G: lbs.lbs_multi,
    M.FENCE_SINGLE: location.fence_single,
    M.ALARM_FENCES_4G: location.alarm,
    M.LBS_ALARM_4G: lbs.lbs_alarm_4g,
    M.LBS_ADDRESS_4G: lbs.lbs_address_4g,
    M.PERIPHERAL: events.peripheral,
    M.WIFI_4: lbs.wifi_only,
    M.OBD: events.obd,
}

# Numbers that mean another layout in the 79 79 form.
LONG_DECODERS: dict[int, Decoder] = {
    M.GPS_LBS_STATUS_4: location.az735,
    M.WIFI_5: location.az735,
    M.GPS_LBS_8: location.gps_lbs_8,
}

# (number, content length) of firmware variants that reuse a number (short form only).
VARIANTS: dict[tuple[int, int], Decoder] = {
    (M.WIFI, 35): location.rfid,  # length byte 0x28
    (M.LBS_MULTI_3, 41): location.sr411,  # 0x2E
    (M.LBS_MULTI_3, 44): lbs.lbs_counted,  # 0x31 (Wanway S20)
    (M.GPS_LBS_5, 37): location.sl4x,  # 0x2A
    (M.GPS_LBS_STATUS_4, 34): location.sl4x,  # 0x27
    (M.GPS_LBS_STATUS_4, 36): location.sl4x,  # 0x29
    (M.WIFI_4G, 59): location.lw4g,  # 0x40
    (M.FENCE_SINGLE, 7): status.short_status,  # 0x0C (SeeWorld)
}

# The CRC-less GT03-style frames (framing.py): WiFi and cell lists.
COUNTED_DECODERS: dict[int, Decoder] = {
    M.WIFI: lbs.wifi_counted,
    M.WIFI_2: lbs.wifi_counted,
    M.GPS: location.gps_only,
    M.GPS_LBS_OLD: location.gps_lbs,
    M.GPS_LBS: location.gps_lbs,
}


def _decoder(env: Envelope) -> Decoder | None:
    proto = env.protocol
    if env.serial == NO_SERIAL:
        return COUNTED_DECODERS.get(proto)
    if env.long:
        return LONG_DECODERS.get(proto) or DECODERS.get(proto)
    return VARIANTS.get((proto, env.end - env.start)) or DECODERS.get(proto)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame. A type no decoder reads yet raises InvalidField, so the frame is
    kept as a dead letter for `fleetwire replay` once one does. The protocol base class checks
    the records against the sanity rules."""
    env = open_frame(frame)
    decoder = _decoder(env)
    if decoder is None:
        raise InvalidField(f"message type {env.protocol:02x} is not decoded yet")
    return decoder(Reader(frame, env.start, env.end), ctx, env)
