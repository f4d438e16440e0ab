"""EGTS numbers: transport header layout, packet types, services, subrecord types, record and
position flags, processing result codes, source (event cause) codes and the size cap. Knows
nothing about parsing.

Sources: GOST 33472-2015 / GOST R 54619-2011 (transport and service layers: header, service data
records, EGTS_PT_RESPONSE, EGTS_SR_RECORD_RESPONSE, the auth service) and GOST 33465-2015 with
Order No. 285 of the Ministry of Transport of Russia, 31 July 2012 (teledata subrecords and
their fields), as published with kuznetsovin/egts-protocol (docs/gost33472-2015.pdf,
docs/gost54619-2011.pdf, docs/mitransNo285.pdf); every layout checked against the real frames of
tests/protocols/egts/vectors.py. All multi-byte fields are little-endian.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

PRV: Final = 0x01  # protocol version, the first byte of every packet
HEADER_SIZES: Final = frozenset({11, 16})  # HL: 16 when the route fields (RTE) are present
PRF_MASK: Final = 0xC0  # header prefix, always 00
RTE_FLAG: Final = 0x20  # route fields PRA, RCA, TTL present
ENA_MASK: Final = 0x18  # encryption algorithm; 00: none
CMP_FLAG: Final = 0x04  # compressed frame data
MIN_HEADER: Final = 11
CRC16_SIZE: Final = 2
MAX_FDL: Final = 65517  # GOST: the frame data is at most 65517 bytes
MAX_FRAME_SIZE: Final = 16 + MAX_FDL + CRC16_SIZE

EPOCH_2010: Final = 1_262_304_000  # NTM and TM count seconds from 2010-01-01 00:00:00 UTC
COORD_SCALE: Final = 0xFFFF_FFFF  # LAT = |lat| / 90 * scale, LONG = |lon| / 180 * scale


class PacketType(IntEnum):
    RESPONSE = 0  # EGTS_PT_RESPONSE: RPID, PR, then record confirmations
    APPDATA = 1  # EGTS_PT_APPDATA: service data records
    SIGNED_APPDATA = 2  # EGTS_PT_SIGNED_APPDATA: SIGL, SIGD, then service data records


class Service(IntEnum):
    AUTH = 1
    TELEDATA = 2
    COMMANDS = 4
    FIRMWARE = 9
    ECALL = 10


class Result(IntEnum):
    """Processing result codes (PR, RST, RCD) the server sends."""

    OK = 0
    UNS_PROTOCOL = 128
    DECRYPT_ERROR = 129
    INC_HEADERFORM = 131
    INC_DATAFORM = 132
    DATACRC_ERROR = 138


# record flags (RFL)
OBFE: Final = 0x01  # object id OID present
EVFE: Final = 0x02  # event id EVID present
TMFE: Final = 0x04  # time TM present
RSOD: Final = 0x40  # the recipient service is on the terminal (set in the server's records)


class Sub(IntEnum):
    """Subrecord types (SRT). Auth service: 0-9; teledata: 16-28; commands: 51."""

    RECORD_RESPONSE = 0
    TERM_IDENTITY = 1
    MODULE_DATA = 2
    VEHICLE_DATA = 3
    DISPATCHER_IDENTITY = 5
    AUTH_PARAMS = 6
    AUTH_INFO = 7
    SERVICE_INFO = 8
    RESULT_CODE = 9
    POS_DATA = 16
    EXT_POS_DATA = 17
    AD_SENSORS_DATA = 18
    COUNTERS_DATA = 19
    # 20: STATE_DATA in Order 285 (five bytes: what devices send), ACCEL_DATA in GOST 33465
    ACCEL_OR_STATE = 20
    STATE_DATA = 21  # GOST 33465's number for the same five-byte state
    LOOPIN_DATA = 22
    ABS_DIG_SENS_DATA = 23
    ABS_AN_SENS_DATA = 24
    ABS_CNTR_DATA = 25
    ABS_LOOPIN_DATA = 26
    LIQUID_LEVEL_SENSOR = 27
    PASSENGERS_COUNTERS = 28
    COMMAND_DATA = 51


STATE_SIZE: Final = 5

# TERM_IDENTITY flags, in the order their fields follow TID
HDIDE: Final = 0x01  # home dispatcher id, 2 bytes
IMEIE: Final = 0x02  # IMEI, 15 characters
IMSIE: Final = 0x04  # IMSI, 16 characters
LNGCE: Final = 0x08  # language code, 3 characters
SSRA: Final = 0x10  # service support flag, no field
NIDE: Final = 0x20  # network id, 3 bytes
BSE: Final = 0x40  # buffer size, 2 bytes
MNE: Final = 0x80  # MSISDN, 15 characters
IMEI_SIZE: Final = 15

# POS_DATA flags (FLG)
VLD: Final = 0x01  # valid fix
FIX_3D: Final = 0x02
CS_PZ90: Final = 0x04  # coordinates in PZ-90.02 rather than WGS 84
BB: Final = 0x08  # from the black box (stored, sent late)
MV: Final = 0x10  # moving
LAHS: Final = 0x20  # southern latitude
LOHS: Final = 0x40  # western longitude
ALTE: Final = 0x80  # altitude ALT present
POS_SIZE: Final = 21  # NTM LAT LONG FLG SPD DIR ODM DIN SRC; then ALT (3) and SRCD (2)
SPEED_MASK: Final = 0x3FFF  # SPD bits 0-13, 0.1 km/h
ALTS: Final = 0x4000  # SPD bit 14: altitude below sea level
DIRH: Final = 0x8000  # SPD bit 15: bit 8 of the direction

# EXT_POS_DATA flags, in the order their fields follow
VFE: Final = 0x01  # VDOP, 2 bytes, x100
HFE: Final = 0x02  # HDOP
PFE: Final = 0x04  # PDOP
SFE: Final = 0x08  # satellites, 1 byte
NSFE: Final = 0x10  # navigation systems bit mask, 2 bytes

# LIQUID_LEVEL_SENSOR flags
LLSN_MASK: Final = 0x07  # sensor number
RDF: Final = 0x08  # raw data follow instead of a 4-byte value
LLSVU_SHIFT: Final = 4  # 2-bit unit: 0 uncalibrated, 1 percent (0.1 %), 2 litres (0.1 l)
LLSEF: Final = 0x40  # sensor error

# SRC: what made the terminal record the position (Order 285, table of sources) -> alarm
SOURCE_ALARMS: Final[dict[int, str]] = {
    7: "overspeed",  # one of the speed thresholds exceeded
    10: "tampering",  # case opened
    11: "powerCut",  # external power lost, on backup power
    12: "lowBattery",  # backup battery below its threshold
    13: "sos",  # alarm button pressed
    15: "sos",  # emergency call
    20: "hardAcceleration",
    21: "hardBraking",
    25: "gpsAntennaCut",  # navigation antenna disconnected or faulty
    27: "lowspeed",  # speed below one of the thresholds
    28: "movement",  # moving with the ignition off
}

# COMMAND_DATA: CT (high nibble of the first byte) and the codes the server sends
CT_COMCONF: Final = 0x1  # the terminal's answer to a command
CT_COM: Final = 0x5  # a command for the terminal
COMMAND_RAW_DATA: Final = 0x0000  # EGTS_RAW_DATA: data in the terminal's own format
COMMAND_RESTART: Final = 0x0008  # EGTS_RESTART
