"""Gt06Protocol: the TrackerProtocol object the registry hands out; it only wires the GT06
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class Gt06Protocol(TrackerProtocol):
    name: ClassVar[str] = "gt06"
    default_port: ClassVar[int] = 5023
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    answers_commands: ClassVar[bool] = True
    messages: ClassVar[tuple[str, ...]] = (
        "login 0x01", "GPS 0x10/0x11/0x12/0x1E/0x22/0x37/0x38/0xA0 (+VXT01/S5/WeTrust/card/"
        "SeeWorld/NT20 layouts)", "heartbeat 0x13 (+OBD6/temperature layouts)/0x23/0x36",
        "alarm 0x16/0x26/0x27/0xA3/0xA4/0xA5", "cells 0x18/0x19/0x24/0x28/0x2C/0x2E/0xA1/0xA7",
        "WiFi 0x17/0x69 (CRC-less)/0xA2/0xF3", "RFID 0x17/0x61", "4G LW4G 0xA2",
        "SL4X/AZ735/X1 0x31/0x32/0x33/0x34", "info 0x94 (power/status text/door/ICCID/"
        "network/fuel/RFID/temperature+humidity)", "replies 0x15/0x21 (ICCID/position)",
        "peripheral data 0x9B", "camera alarm + video files 0x95", "modular + BLE tags 0x70",
        "peripheral status 0xF2", "OBD 0x8C", "LW/SEEWORLD/R11 readings (decode option 'model')",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "Concox GT06/GT06N/GT02/GT800", "Jimi JM-VL01/VL02/VL03", "TK100", "many clones",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
