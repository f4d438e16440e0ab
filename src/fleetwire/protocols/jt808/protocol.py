"""Jt808Protocol: the TrackerProtocol object the registry hands out; it only wires the JT/T 808
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class Jt808Protocol(TrackerProtocol):
    name: ClassVar[str] = "jt808"
    default_port: ClassVar[int] = 5015
    # TCP only: the standard allows UDP, but devices using it are rare and a datagram would
    # need its own reply path; add Transport.UDP once one is met.
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    answers_commands: ClassVar[bool] = True  # 0x0001 general response (0x0201 for 0x8201)
    messages: ClassVar[tuple[str, ...]] = (
        "register 0x0100 (2011/2013/2019)",
        "authentication 0x0102",
        "heartbeat 0x0002",
        "logout 0x0003",
        "location 0x0200 (standard items, JT/T 1078 video alarms 0x14-0x18, active-safety "
        "alarm labels 0x64/0x65, vendor items: battery, power, temperatures, tyres, locks 0xD5, "
        "OBD text, DTCs, ICCID, IMEI, driver, steps, 0xEB block with alarm words and timezone)",
        "location answer 0x0201",
        "batch upload 0x0704 (2013/2019)",
        "vendor batch and battery report 0x0210",
        "terminal response 0x0001",
        "parameter answer 0x0104",
        "attribute answer 0x0107",
        "waybill/command text 0x0701",
        "driver identification 0x0702",
        "transparent data 0x0900 (OBD line, OBD report with GPS, driver sign-in, text)",
        "text answers 0x1300/0x6006",
        "upgrade result 0x0108",
        "event report 0x0301",
        "question answer 0x0302",
        "vehicle control answer 0x0500",
        "multimedia event 0x0800 and data 0x0801 (its location)",
        "CAN bus data 0x0705",
        "MV710G/AL300/JC371 readings (decode option 'model')",
    )
    devices: ClassVar[tuple[str, ...]] = (
        "Huabao",
        "Jimi JC series",
        "Howen",
        "G10LS",
        "JT/T 808 dashcams and vehicle terminals",
    )

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
