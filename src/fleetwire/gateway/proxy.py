# Owns: parsing the HAProxy PROXY protocol header (binary version 2, and the version 1 text line)
# that a TCP load balancer prepends to each connection, so the gateway can log and store the
# device's real address instead of the balancer's. Sans-I/O: bytes in, a ProxyHeader (or "need
# more bytes") out. Must not know sockets, asyncio, configuration or any tracker protocol; whether
# a listener expects the header at all is the caller's configuration, never guessed from the bytes
# (spec section 5: auto-detection would let any client spoof its address).
#
# Written from the specification, haproxy.org/download/2.x/doc/proxy-protocol.txt ("The PROXY
# protocol, Versions 1 & 2", revision 2020/03/05). Section numbers below refer to it.
"""Sans-I/O parser for the HAProxy PROXY protocol header, version 2 (binary) and version 1 (text).

``parse(buf)`` looks at the first bytes a connection received and returns ``None`` while the
header is incomplete, a :class:`ProxyHeader` once it is whole (``length`` bytes to strip; the
device's own bytes follow), or raises :class:`ProxyHeaderError`, the peer's fault: the connection
must be closed. Nothing else escapes it, whatever the bytes.

``source`` is ``None`` when the real connection endpoints apply: a v2 ``LOCAL`` command (HAProxy's
health checks), a v2 ``AF_UNSPEC`` or ``AF_UNIX`` address, or a v1 ``UNKNOWN`` line.

Version 1 (HAProxy ``send-proxy``) is accepted as well as version 2 (``send-proxy-v2``), as the
spec recommends for v2 receivers (section 2); v1 has no command, so a v1 line is reported as
``command="PROXY"``, and ``UNKNOWN`` like the v2 ``PROXY`` + ``AF_UNSPEC`` pair.

TLVs (section 2.2) are not interpreted, but for IPv4/IPv6 addresses they are walked and a TLV that
overruns the header is rejected, as HAProxy's own receiver does. A ``PP2_TYPE_CRC32C`` TLV is not
verified (the spec requires verification only from receivers that support the checksum).
"""

from __future__ import annotations

import ipaddress
import re
import struct
from dataclasses import dataclass
from typing import Literal

from fleetwire.errors import FramingError

__all__ = ["MAX_V1_LENGTH", "MAX_V2_LENGTH", "ProxyHeader", "ProxyHeaderError", "parse"]

# Section 2.2: the 12-byte signature, with a NUL at the 5th position.
V2_SIGNATURE = b"\x0d\x0a\x0d\x0a\x00\x0d\x0a\x51\x55\x49\x54\x0a"
V2_FIXED_LENGTH = 16  # signature, ver_cmd, fam, len (struct proxy_hdr_v2)
# Our cap on a whole v2 header (16 + the length field). Addresses take at most 216 bytes (AF_UNIX)
# and HAProxy's TLVs (ALPN, authority, unique id, SSL) fit well within this.
MAX_V2_LENGTH = 4096
# Section 2.1: "If the CRLF sequence is not found in the first 107 characters, the receiver should
# declare the line invalid."
MAX_V1_LENGTH = 107
V1_PREFIX = b"PROXY "

_V2_HEAD = struct.Struct("!BBH")  # ver_cmd, fam, len after the 12-byte signature
_TLV_HEAD = struct.Struct("!BH")  # type, length (section 2.2, struct pp2_tlv)
_PORTS = struct.Struct("!HH")

_COMMANDS: dict[int, Literal["LOCAL", "PROXY"]] = {0x0: "LOCAL", 0x1: "PROXY"}
# Section 2.2, the 14th byte: address family (high nibble) and transport (low nibble). The valid
# combinations, each with the address length it needs; any other value must be rejected.
_UNSPEC, _INET, _INET6, _UNIX = 0x0, 0x1, 0x2, 0x3
_ADDRESS_LENGTHS = {
    0x00: 0,  # UNSPEC
    0x11: 12,  # TCP over IPv4: 2*4 + 2*2
    0x12: 12,  # UDP over IPv4
    0x21: 36,  # TCP over IPv6: 2*16 + 2*2
    0x22: 36,  # UDP over IPv6
    0x31: 216,  # UNIX stream: 2*108
    0x32: 216,  # UNIX datagram
}

# Section 2.1: exactly one space between fields, no leading zeros on ports, CRLF only.
_PORT = rb"(0|[1-9][0-9]{0,4})"
_V1_INET = re.compile(
    rb"PROXY (TCP4|TCP6) ([0-9a-fA-F:.]{1,39}) ([0-9a-fA-F:.]{1,39}) " + _PORT + b" " + _PORT
)
_V1_UNKNOWN = re.compile(rb"PROXY UNKNOWN( [\x20-\x7e]*)?")

Address = tuple[str, int]


class ProxyHeaderError(FramingError):
    """The PROXY protocol header is malformed: the peer's fault, and the connection must close."""

    reason = "proxy_header"


@dataclass(frozen=True, slots=True)
class ProxyHeader:
    """A whole PROXY protocol header. ``length``: bytes to strip from the start of the stream.
    ``source``/``destination``: ``(ip, port)`` of the original connection, or ``None`` when the
    real connection endpoints apply."""

    length: int
    command: Literal["LOCAL", "PROXY"]
    source: Address | None
    destination: Address | None


def parse(buf: bytes | bytearray | memoryview) -> ProxyHeader | None:
    """Parse the PROXY header at the start of ``buf``; ``None``: need more bytes.

    Raises :class:`ProxyHeaderError` when ``buf`` cannot start a valid header. A prefix of a valid
    header always gives ``None``; bytes after the header are never looked at."""
    if buf[:1] == V2_SIGNATURE[:1]:
        return _parse_v2(buf)
    if buf[:1] == V1_PREFIX[:1]:
        return _parse_v1(buf)
    if not buf:
        return None
    raise ProxyHeaderError(f"not a PROXY protocol header: starts {bytes(buf[:16]).hex()}")


def _parse_v2(buf: bytes | bytearray | memoryview) -> ProxyHeader | None:
    head = bytes(buf[:V2_FIXED_LENGTH])
    if head[:12] != V2_SIGNATURE[: len(head[:12])]:
        raise ProxyHeaderError(f"wrong PROXY v2 signature: {head[:12].hex()}")
    if len(head) < 13:
        return None
    version, command = head[12] >> 4, head[12] & 0x0F
    if version != 2:
        raise ProxyHeaderError(f"unsupported PROXY protocol version {version} (only 2)")
    if command not in _COMMANDS:
        raise ProxyHeaderError(f"unknown PROXY v2 command {command:#x}")
    if len(head) < V2_FIXED_LENGTH:
        return None
    _, fam, block_length = _V2_HEAD.unpack_from(head, 12)
    total = V2_FIXED_LENGTH + block_length
    if total > MAX_V2_LENGTH:
        raise ProxyHeaderError(f"PROXY v2 header of {total} bytes exceeds {MAX_V2_LENGTH}")
    if len(buf) < total:
        return None
    if command == 0x0:
        # Section 2.2: LOCAL (health checks) - use the real endpoints and discard the protocol
        # block "including the family which is ignored", whatever its length.
        return ProxyHeader(total, "LOCAL", None, None)
    needed = _ADDRESS_LENGTHS.get(fam)
    if needed is None:
        raise ProxyHeaderError(f"invalid PROXY v2 address family/transport byte {fam:#04x}")
    if block_length < needed:
        raise ProxyHeaderError(
            f"PROXY v2 address block of {block_length} bytes, family {fam:#04x} needs {needed}"
        )
    block = bytes(buf[V2_FIXED_LENGTH:total])
    family = fam >> 4
    if family in (_UNSPEC, _UNIX):
        # UNSPEC: "the receiver should ignore address information"; what follows is unknown, so
        # nothing is walked. AF_UNIX paths mean nothing to a device: the real endpoints apply.
        return ProxyHeader(total, "PROXY", None, None)
    size = 4 if family == _INET else 16
    src_ip = ipaddress.ip_address(block[:size])
    dst_ip = ipaddress.ip_address(block[size : 2 * size])
    src_port, dst_port = _PORTS.unpack_from(block, 2 * size)
    _check_tlvs(block, needed)
    return ProxyHeader(total, "PROXY", (str(src_ip), src_port), (str(dst_ip), dst_port))


def _check_tlvs(block: bytes, offset: int) -> None:
    """Walk the TLVs after the addresses (section 2.2); each must fit in the block exactly."""
    while offset < len(block):
        if offset + _TLV_HEAD.size > len(block):
            raise ProxyHeaderError(f"PROXY v2 TLV header cut short at offset {16 + offset}")
        tlv_type, tlv_length = _TLV_HEAD.unpack_from(block, offset)
        offset += _TLV_HEAD.size + tlv_length
        if offset > len(block):
            raise ProxyHeaderError(f"PROXY v2 TLV {tlv_type:#04x} overruns the header")


def _parse_v1(buf: bytes | bytearray | memoryview) -> ProxyHeader | None:
    start = bytes(buf[:MAX_V1_LENGTH])
    if start[:6] != V1_PREFIX[: len(start[:6])]:
        raise ProxyHeaderError(f"wrong PROXY v1 signature: {start[:6]!r}")
    end = start.find(b"\n")
    if end < 0:
        if len(start) >= MAX_V1_LENGTH:
            raise ProxyHeaderError(f"PROXY v1 line without CRLF in its first {MAX_V1_LENGTH} bytes")
        return None
    if end == 0 or start[end - 1] != 0x0D:
        raise ProxyHeaderError("PROXY v1 line ends in a bare LF, not CRLF")
    line = start[: end - 1]
    length = end + 1
    if _V1_UNKNOWN.fullmatch(line):
        # Section 2.1: "the receiver must ignore anything presented before the CRLF" and use the
        # real connection's parameters.
        return ProxyHeader(length, "PROXY", None, None)
    match = _V1_INET.fullmatch(line)
    if match is None:
        raise ProxyHeaderError(f"malformed PROXY v1 line: {line!r}")
    proto, src, dst, src_port, dst_port = match.groups()
    version = 4 if proto == b"TCP4" else 6
    return ProxyHeader(
        length,
        "PROXY",
        (_v1_address(src, version), _v1_port(src_port)),
        (_v1_address(dst, version), _v1_port(dst_port)),
    )


def _v1_address(text: bytes, version: int) -> str:
    """An address in the family the line announced. ``ipaddress`` refuses leading zeros in IPv4
    (section 2.1 forbids them); the regex has already kept out scope ids and other characters."""
    try:
        if version == 4:
            return str(ipaddress.IPv4Address(text.decode("ascii")))
        if b"." in text:  # section 2.1: IPv6 as hexadecimal groups, no dotted IPv4 tail
            raise ValueError("dotted quad in an IPv6 address")
        return str(ipaddress.IPv6Address(text.decode("ascii")))
    except ValueError as exc:
        raise ProxyHeaderError(f"bad IPv{version} address {text!r} in PROXY v1 line") from exc


def _v1_port(text: bytes) -> int:
    port = int(text)
    if port > 0xFFFF:
        raise ProxyHeaderError(f"port {port} out of range in PROXY v1 line")
    return port
