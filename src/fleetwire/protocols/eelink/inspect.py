"""What an Eelink package means to the gateway, from its header only.

Checks the envelope, reads the IMEI (login content, or the UDP header) and gives the exact
response: the package's own pid and sequence with no content (`67 67 pid 00 02 seq`). The V2.0
table marks every UP package as answered except location packages over TCP ("Y/N"); V1.8 GPS
packages get none either. The device's answer to an instruction (0x80) is not answered.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from fleetwire.errors import TruncatedFrame
from fleetwire.protocols._binary import bcd
from fleetwire.protocols.base import FrameKind, Session, Transport, Uplink

from .constants import IMEI_BYTES, Pid
from .framing import Package, build, open_frame


class _Policy(NamedTuple):
    kind: FrameKind
    records: int


_POLICY: Final[dict[int, _Policy]] = {
    Pid.LOGIN: _Policy(FrameKind.LOGIN, 0),
    Pid.HEARTBEAT: _Policy(FrameKind.HEARTBEAT, 1),
    Pid.GPS: _Policy(FrameKind.DATA, 1),
    Pid.ALARM: _Policy(FrameKind.DATA, 1),
    Pid.STATE: _Policy(FrameKind.DATA, 1),
    Pid.OBD: _Policy(FrameKind.DATA, 1),
    Pid.LOCATION: _Policy(FrameKind.DATA, 1),
    Pid.WARNING: _Policy(FrameKind.DATA, 1),
    Pid.REPORT: _Policy(FrameKind.DATA, 1),
    Pid.MESSAGE: _Policy(FrameKind.DATA, 1),
    Pid.INSTRUCTION: _Policy(FrameKind.REPLY, 1),
}
_OTHER: Final = _Policy(FrameKind.OTHER, 0)
_UNANSWERED_TCP: Final = frozenset({Pid.GPS, Pid.LOCATION})
_UNANSWERED_UDP: Final = frozenset({Pid.GPS})


def login_imei(frame: bytes, pkg: Package) -> str:
    """The login's IMEI: 8 BCD bytes, the leading zero nibble dropped."""
    if pkg.end - pkg.start < IMEI_BYTES:
        raise TruncatedFrame(f"login content of {pkg.end - pkg.start} bytes has no IMEI")
    digits = bcd(frame[pkg.start : pkg.start + IMEI_BYTES])
    return digits[1:] if digits[0] == "0" else digits


def _answered(pid: int, transport: Transport) -> bool:
    if pid >= Pid.INSTRUCTION:
        return False
    unanswered = _UNANSWERED_UDP if transport is Transport.UDP else _UNANSWERED_TCP
    return pid not in unanswered


def inspect(frame: bytes, session: Session) -> Uplink:
    pkg = open_frame(frame)
    policy = _POLICY.get(pkg.pid, _OTHER)
    imei = login_imei(frame, pkg) if pkg.pid == Pid.LOGIN else pkg.imei
    ack = build(pkg.pid, pkg.sequence) if _answered(pkg.pid, session.transport) else b""
    return Uplink(policy.kind, unique_id=imei, ack=ack, records=policy.records)
