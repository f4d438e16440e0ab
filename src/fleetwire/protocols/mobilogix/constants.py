"""Mobilogix constants: message types, status bits, alarms, reply and command words.

Mobilogix's "MT2000S T Message Protocol Over The Air" v1.0 (2020) is not public beyond its
table of contents (T1 login and S1 its answer, T3 location and S3, T14 heartbeat, ...). The
field meanings, the `[<time>,S<n>]` answers (`[<time>,S1,1]` to a login), the alarm meaning of
T8-T15, the status bits and the command words (S4 position, S6 relay, S7 reboot) are those of a
public Mobilogix driver that cites that document (fognetx, mobilogix driver); the layouts are
checked against captures (traccar/traccar MobilogixProtocolDecoderTest). Knows nothing about
parsing.
"""

from __future__ import annotations

from typing import Final

START: Final = 0x5B  # '['
END: Final = 0x5D  # ']'
MAX_FRAME_SIZE: Final = 512
LOGIN: Final = "T1"
NO_ANSWER: Final = frozenset({"T6"})

ALARMS: Final[dict[str, str]] = {
    "T8": "lowBattery",
    "T9": "vibration",
    "T10": "powerCut",
    "T11": "lowPower",
    "T12": "geofenceExit",
    "T13": "overspeed",
    "T15": "tow",
}

# status byte bits: 0 relay released (engine enabled), 1 charging, 2 ignition, 3 moving
RELAY_RELEASED, CHARGING, IGNITION, MOVING = 0x01, 0x02, 0x04, 0x08
