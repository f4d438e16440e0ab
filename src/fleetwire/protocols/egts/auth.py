"""The EGTS auth service's subrecords a terminal sends: EGTS_SR_TERM_IDENTITY (who it is) and
EGTS_SR_VEHICLE_DATA (the VIN). Knows those layouts only.

TERM_IDENTITY: TID (4), flags, then per flag HDID (2), IMEI (15 characters), IMSI (16), LNGC
(3), NID (3), BS (2), MSISDN (15). Terminals without an IMEI send zeros or pad a short one
with NULs (a real capture: "865905" and nine NULs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from fleetwire.errors import TruncatedFrame
from fleetwire.protocols._binary import Reader

from .constants import HDIDE, IMEI_SIZE, IMEIE

_VIN_SIZE: Final = 17


@dataclass(slots=True, frozen=True)
class Identity:
    tid: int
    imei: str  # empty when the terminal sent none

    @property
    def unique_id(self) -> str:
        """The IMEI when the terminal gives one (what operators register), else the TID."""
        return self.imei or str(self.tid)


def term_identity(srd: memoryview) -> Identity:
    r = Reader(srd)
    tid = int.from_bytes(r.bytes(4), "little")
    flags = r.u8()
    if flags & HDIDE:
        r.skip(2)
    imei = ""
    if flags & IMEIE:
        raw = r.bytes(IMEI_SIZE).split(b"\0", 1)[0]
        text = raw.decode("latin-1").strip()
        if text.isdigit() and text.strip("0"):
            imei = text
    return Identity(tid, imei)


def vehicle_vin(srd: memoryview) -> str:
    """The VIN of EGTS_SR_VEHICLE_DATA (VIN 17, VHT 4, VPST 4), empty when not printable."""
    if len(srd) < _VIN_SIZE:
        raise TruncatedFrame(f"vehicle data of {len(srd)} bytes")
    text = bytes(srd[:_VIN_SIZE]).split(b"\0", 1)[0].decode("latin-1").strip()
    return text if text.isalnum() and text.isascii() else ""
