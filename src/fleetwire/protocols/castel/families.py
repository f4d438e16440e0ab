"""The two other Castel families to Records: CC firmware ("@@" with a version other than 3 or 4)
and MPIP ("$$", no version byte). Both carry the SC GPS_ITEM.

CC: login 0x4001 (a GPS item, then the unit state) and heartbeat 0x4206 (history flag, count,
then per record a GPS item and the unit state); the state is status (U32), battery (U8, scale
unknown), odometer (U32, m), geofence id, geofence flags and other flags (1 each), LAC and cell
id (U16 each). MPIP: 0x4001/0x4201/0x4202/0x4206 carry a GPS item; login 0x2001 an index and
a Unix time (U32 each) and a byte before it. Layouts from the public captures of traccar
CastelProtocolDecoderTest and the field list its decoder reads.
"""

from __future__ import annotations

from typing import Final

from fleetwire.model import Record
from fleetwire.protocols._binary import Reader

from .constants import CcMsg, MpipMsg
from .items import gps_item, le

_GEOFENCE_AND_FLAGS: Final = 3
_MPIP_POSITIONS: Final = frozenset(
    {MpipMsg.POSITION, MpipMsg.ALARM, MpipMsg.ALARM_2, MpipMsg.POSITION_2}
)
_MPIP_LOGIN_HEAD: Final = 4 + 4 + 1


def _cc_item(r: Reader) -> Record:
    rec = gps_item(r, {})
    a = rec.attributes
    a["status"] = le(r, 4)
    r.skip(1)  # battery, on a scale no source states
    a["odometer"] = le(r, 4)
    r.skip(_GEOFENCE_AND_FLAGS)
    a["lac"], a["cid"] = le(r, 2), le(r, 2)
    return rec


def cc(r: Reader, msg_type: int) -> list[Record]:
    if msg_type == CcMsg.LOGIN:
        return [_cc_item(r)]  # firmware and hardware version strings follow
    if msg_type == CcMsg.HEARTBEAT:
        r.skip(1)  # 1: history
        return [_cc_item(r) for _ in range(r.u8())]
    return []


def mpip(r: Reader, msg_type: int) -> list[Record]:
    if msg_type in _MPIP_POSITIONS:
        return [gps_item(r, {})]
    if msg_type == MpipMsg.LOGIN:
        r.skip(_MPIP_LOGIN_HEAD)
        return [gps_item(r, {})]
    return []
