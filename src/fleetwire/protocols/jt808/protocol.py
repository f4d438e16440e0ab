"""Jt808Protocol: the TrackerProtocol object the registry hands out; it only wires the JT/T 808
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE, TEXT_OPEN


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
        "alarm labels 0x64/0x65, vendor items: battery, power, temperatures, BLE sensors 0xE6, "
        "tyres, locks 0x33/0x60/0x63/0xD5, driving alarms 0xFE, OBD text, DTCs, ICCID, IMEI, "
        "driver, steps, firmware, 0xEB block with alarm words, motion and timezone)",
        "location answer 0x0201",
        "batch upload 0x0704 (2013/2019)",
        "vendor batch and battery report 0x0210",
        "terminal response 0x0001",
        "parameter answer 0x0104",
        "attribute answer 0x0107",
        "waybill/command text 0x0701",
        "driver identification 0x0702",
        "transparent data 0x0900 (OBD line, OBD report with GPS and trouble codes, driver "
        "sign-in, AOVX BLE tags 0x53 and sensor samples 0x54, text)",
        "Jointech lock reports 0x5501/0x5502 (answered 0x4401) and their '(...)' text answers",
        "accelerometer samples 0x2070",
        "text answers 0x1300/0x6006",
        "upgrade result 0x0108",
        "event report 0x0301",
        "question answer 0x0302",
        "vehicle control answer 0x0500",
        "multimedia event 0x0800 and data 0x0801 (its location)",
        "CAN bus data 0x0705",
        "MV710G/AL300/JC371 readings (decode option 'model'; JC371 state block 0xE8 2003)",
    )
    devices: ClassVar[tuple[str, ...]] = (
        "Huabao",
        "Jimi JC series",
        "Howen",
        "Jointech electronic locks",
        "AOVX GL100/AL300/VL300",
        "G10LS",
        "JT/T 808 dashcams and vehicle terminals",
    )

    def detect(self, head: bytes) -> Detection:
        # a lock's "(...)" text comes between its 7E frames, never first; a connection that
        # opens with "(" is JT600's
        if head[:1] == bytes((TEXT_OPEN,)):
            return Detection.NO
        return super().detect(head)

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
