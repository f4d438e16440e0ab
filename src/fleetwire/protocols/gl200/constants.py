"""Queclink @Track wire constants and the tables that map its codes to the shared vocabulary.

Owns what the vendor documents fix (GL300 TRACGL300AN001, GV200 TRACGV200AN003, GV300
TRACGV300AN002, GMT100 TRACGMT100AN001): message prefixes, the binary headers and where their
length sits, motion states, the message -> alarm table. Knows nothing about parsing.
"""

from __future__ import annotations

from typing import Final

# Text messages: "+<TYPE>:GT<XXX>,<fields>$". RESP live, BUFF buffered while offline, ACK answers
# to commands and the heartbeat, EVT event reports of newer firmware (same layout as RESP).
TEXT_TYPES: Final = (b"RESP", b"BUFF", b"ACK", b"EVT")
TEXT_PREFIXES: Final = tuple(b"+" + t + b":GT" for t in TEXT_TYPES)
TERMINATOR: Final = 0x24  # "$"

# Binary messages: "+" + 3 letters, then type/mask bytes and a length that counts the whole
# frame (header to the closing CR LF). Value: (offset of the length, its size in bytes). Layouts
# from the GV200 document section 4 and captures in traccar Gl200FrameDecoderTest.
BINARY_LENGTH: Final[dict[bytes, tuple[int, int]]] = {
    b"RSP": (9, 2),  # type(1) mask(4) length(2)
    b"BSP": (9, 2),
    b"EVT": (9, 2),
    b"BVT": (9, 2),
    b"INF": (7, 2),  # type(1) mask(2) length(2)
    b"BNF": (7, 2),
    b"LGN": (6, 2),  # type(1) mask(1) length(2)
    b"ACK": (6, 1),  # type(1) mask(1) length(1)
    b"HBD": (5, 1),  # mask(1) length(1)
}
BINARY_MIN: Final = 12  # header, a length and the CR LF at least
COORD_SCALE: Final = 1_000_000  # binary coordinates: signed degrees x 10^6

MAX_FRAME_SIZE: Final = 4096  # GTCAN text reports run to ~700 bytes; binary reports < 1.5 KB
MAX_LEADING_EOL: Final = 4  # CR/LF a firmware put after the previous "$", kept with this frame

# <State> / first byte of <Device Status> (GV300 document, GTINF): ignition, moving.
MOTION: Final[dict[str, tuple[bool | None, bool]]] = {
    "16": (False, True),  # tow
    "1A": (False, True),  # fake tow
    "11": (False, False),  # ignition off rest
    "12": (False, True),  # ignition off motion
    "21": (True, False),  # ignition on rest
    "22": (True, True),  # ignition on motion
    "41": (None, False),  # sensor rest (no ignition signal)
    "42": (None, True),  # sensor motion
}

# Message -> alarm. GEO and HBM are refined by their report type in decoding.
ALARMS: Final[dict[str, str]] = {
    "GTSOS": "sos",
    "GTSPD": "overspeed",
    "GTTOW": "tow",
    "GTBPL": "lowBattery",
    "GTMPN": "powerRestored",
    "GTMPF": "powerCut",
    "GTPNA": "powerOn",
    "GTPFA": "powerOff",
    "GTGIN": "geofenceEnter",
    "GTGOT": "geofenceExit",
}
# GTHBM report type (second digit of <Report ID/Report Type>): harsh behaviour kind.
HARSH: Final[dict[str, str]] = {"0": "hardBraking", "1": "hardAcceleration", "2": "hardCornering"}

# Messages whose <Number> field may announce several positions ("the green part repeats").
MULTI_POSITION: Final = frozenset({"GTFRI", "GTERI"})
MAX_POSITIONS: Final = 15  # <Number> 0 - 15

# Device type (first two hex digits of the protocol version) -> the model name that is also the
# factory password of its commands. From the documents' own examples (1A0102 GL300, 040100
# GV200, 060100 GV300, 080100 GMT100, 020002 GL200); other types use the protocol's name.
MODEL_PASSWORDS: Final[dict[str, str]] = {
    "02": "gl200",
    "04": "gv200",
    "06": "gv300",
    "08": "gmt100",
    "1A": "gl300",
}
DEFAULT_PASSWORD: Final = "gl200"

# Protocol version prefix -> model: the first 2 hex digits (device type), or the first 6 of a
# 10-digit version. From the vendor documents' examples and operators' captures; some message
# layouts differ by model (GTINF, GTCAN, GTERI).
MODELS: Final[dict[str, str]] = {
    "02": "GL200", "04": "GV200", "06": "GV300", "08": "GMT100", "09": "GV50P", "0F": "GV55",
    "10": "GV55 LITE", "11": "GL500", "1A": "GL300", "1F": "GV500", "21": "GL200", "25": "GV300",
    "27": "GV300W", "28": "GL300VC", "2C": "GL300W", "2D": "GV500VC", "2F": "GV55", "4F": "GV56",
    "30": "GL300", "31": "GV65", "35": "GV200", "36": "GV500", "3F": "GMT100", "40": "GL500",
    "41": "GV75W", "42": "GT501", "44": "GL530", "45": "GB100", "50": "GV55W", "52": "GL50",
    "55": "GL50B", "5E": "GV500MAP", "6E": "GV310LAU", "74": "GV350CEU", "BD": "CV200",
    "C2": "GV600M", "C3": "GL320M", "DC": "GV600MG", "DE": "GL500M", "DF": "CV100LG",
    "F1": "GV350M", "F8": "GV800W", "FC": "GV600W", "802004": "GV58LAU", "802005": "GV355CEU",
    "80201E": "GV30CEU",
}  # fmt: skip
