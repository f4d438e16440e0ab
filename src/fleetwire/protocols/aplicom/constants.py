"""Aplicom numbers: packet types, the version byte's flags, the selector bits of the D protocol
and the size cap. Knows nothing about parsing.

Sources. The vendor document, "Aplicom D protocol, Protocol Version 2.0, Specification rev.
6.1.0" (Aplicom Oy, order code S100300), is indexed by the search tool, but only its title page
and revision history could be read. The header layout and the selector bits below are therefore
taken from public descriptions of the format (a Kaitai description and a protocol summary in
public repositories) and every one of them is checked against the real packets in
tests/protocols/aplicom/captures.jsonl: the header sizes add up to each packet's length, the
fields land on plausible times (2006-2018), Finnish coordinates and speeds.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final


class PacketType(IntEnum):
    """The first byte, an ASCII letter naming the protocol the packet speaks."""

    D = 0x44  # GPS, I/O and vehicle data
    E = 0x45  # tachograph data
    F = 0x46  # CAN (FMS) data
    H = 0x48  # histograms


TYPES: Final = frozenset(int(t) for t in PacketType)

# The version byte: bit 7 says the unit id is the 7-byte IMEI (else a 3-byte unit id), bit 6
# says a 3-byte selector follows the length (else the default selector below applies).
IMEI_ID: Final = 0x80
HAS_SELECTOR: Final = 0x40
IMEI_SIZE: Final = 7
SHORT_ID_SIZE: Final = 3
LENGTH_SIZE: Final = 2
SELECTOR_SIZE: Final = 3  # not counted by the length field

# D packets without a selector carry: event, time, GPS, speed, ADC, I/O, trip 1 and the driver
# id. Checked on the captured version 01 packet, whose 43 data bytes are exactly these fields.
DEFAULT_SELECTOR: Final = 0x0002FF


class Sel(IntEnum):
    """D protocol selector bits: which fields the data holds, in the order read (decoding.py)."""

    TIME = 0x000004  # snapshot time, seconds since 1970 UTC
    GPS = 0x000008  # validity byte (before the time), fix time, latitude, longitude, satellites
    SPEED = 0x000010  # speed km/h, maximum speed km/h, course / 2
    ADC = 0x000020  # four 16-bit analogue inputs
    IO = 0x000040  # inputs byte (after the speed), outputs byte (after the trip counters)
    TRIP1 = 0x000080
    TRIP2 = 0x000100
    DRIVER = 0x000200  # 48-bit driver id
    KEYPAD = 0x000400
    ALTITUDE = 0x000800  # signed metres
    EVENT_DATA = 0x001000  # event-specific bytes at the end
    SNAPSHOT = 0x002000  # 16-bit snapshot counter
    STATE = 0x004000  # 8 bytes of state flags
    POWER = 0x008000  # external and battery voltage, mV
    PULSE1 = 0x010000  # pulse rate (16 bits) and count (32 bits)
    PULSE2 = 0x020000
    CELL = 0x080000  # 11 bytes of serving cell data


# E packets: a 16-bit tachograph event before the time when this bit is set.
E_TACHO_EVENT: Final = 0x000008


class TachoSel(IntEnum):
    """E protocol selector bits after the time, in the order read (tachograph.py)."""

    TACHO_TIME = 0x000010  # the tachograph's clock, 8 bytes
    STATES = 0x000020  # work state, driver 1 and 2 states, status: a byte each
    SPEED = 0x000040  # 1/256 km/h
    ODOMETER = 0x000080  # 5 m units
    TRIP = 0x000100  # 5 m units
    K_FACTOR = 0x008000  # pulses per km (read before the RPM)
    RPM = 0x000200  # 1/8 rpm
    EXTRA = 0x000400
    VIN = 0x000800  # 18 characters
    REGISTRATION = 0x001000  # nation byte, 13 characters, terminator
    CARD1 = 0x002000  # driver card: slot, nation, 16-character number, 4 bytes
    CARD2 = 0x004000


GPS_VALID: Final = 0x40  # in the validity byte
MICRODEGREES: Final = 1e6

# The length field allows 64 KB; captured packets are under 500 bytes (a D packet with CAN event
# data is the largest). Chosen with room to spare, so that a stray letter in garbage cannot make
# the framer wait for kilobytes.
MAX_FRAME_SIZE: Final = 4096
