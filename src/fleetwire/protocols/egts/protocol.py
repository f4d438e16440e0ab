"""EgtsProtocol: the TrackerProtocol object the registry hands out; it wires the EGTS modules
(framing, inspect, decoding, encoding) to the shared contract and holds no state.

Default port 5162: traccar/traccar's port list, `egts.port` (the stored copy of setup/default.xml
predates EGTS; the port is the one Traccar's forum gives for its EGTS listener). The default
detect() fits: a packet must open with 0x01 and a header whose CRC-8 holds, pass its data CRC
and carry an identity (the terminal's TERM_IDENTITY, or a record's object id).
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class EgtsProtocol(TrackerProtocol):
    name: ClassVar[str] = "egts"
    default_port: ClassVar[int] = 5162  # traccar: egts.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "EGTS_PT_APPDATA and EGTS_PT_SIGNED_APPDATA (answered by EGTS_PT_RESPONSE with "
        "EGTS_SR_RECORD_RESPONSE per record)",
        "auth: TERM_IDENTITY (answered by RESULT_CODE), VEHICLE_DATA, DISPATCHER_IDENTITY",
        "teledata: POS_DATA, EXT_POS_DATA, AD_SENSORS_DATA, COUNTERS_DATA, STATE_DATA, "
        "ACCEL_DATA, LOOPIN_DATA, ABS_DIG_SENS_DATA, ABS_AN_SENS_DATA, ABS_CNTR_DATA, "
        "ABS_LOOPIN_DATA, LIQUID_LEVEL_SENSOR, PASSENGERS_COUNTERS",
        "commands: COMMAND_DATA answers (CT_COMCONF)", "terminal EGTS_PT_RESPONSE",
        "(GOST 33472/33465 and Order 285 layouts, checked on public captures; encrypted or "
        "compressed packets refused)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "ERA-GLONASS and EGTS terminals (GOST 33472/33465, Order 285)", "EGTS retranslators",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
