"""The PROXY protocol header parser: headers built byte by byte from the specification
(haproxy.org/download/2.x/doc/proxy-protocol.txt, revision 2020/03/05; sections cited per test),
every prefix, corruption, and random bytes (only a result or ProxyHeaderError, ever)."""

from __future__ import annotations

import struct
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fleetwire.errors import FramingError
from fleetwire.gateway.proxy import MAX_V2_LENGTH, ProxyHeader, ProxyHeaderError, parse

# Section 2.2: "\x0D \x0A \x0D \x0A \x00 \x0D \x0A \x51 \x55 \x49 \x54 \x0A"
SIG = bytes([0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A])
PAYLOAD = b"\x00\x0f356307042441013"  # a Teltonika IMEI login: the device's bytes that follow


def v2(ver_cmd: int, fam: int, block: bytes, length: int | None = None) -> bytes:
    """Section 2.2, struct proxy_hdr_v2: sig[12], ver_cmd, fam, len (network order), block."""
    n = len(block) if length is None else length
    return SIG + bytes([ver_cmd, fam]) + struct.pack("!H", n) + block


def tlv(kind: int, value: bytes) -> bytes:
    """Section 2.2, struct pp2_tlv: type, length_hi, length_lo, value."""
    return bytes([kind, len(value) >> 8, len(value) & 0xFF]) + value


# Section 2.2, "\x11 : TCP over IPv4 ... Address length is 2*4 + 2*2 = 12 bytes", laid out as
# union proxy_addr.ipv4_addr: src_addr, dst_addr, src_port, dst_port, all in network order.
# The addresses and ports are those of the section 2.1 example line.
V2_TCP4 = v2(
    0x21,  # version 2 (high nibble), command PROXY (0x1)
    0x11,
    bytes([192, 168, 0, 1]) + bytes([192, 168, 0, 11]) + bytes([0xDC, 0x04]) + bytes([0x01, 0xBB]),
)
# Section 2.2, "\x21 : TCP over IPv6 ... Address length is 2*16 + 2*2 = 36 bytes".
V2_TCP6 = v2(
    0x21,
    0x21,
    bytes.fromhex("20010db8000000000000000000000001")
    + bytes.fromhex("20010db80000000000000000000000ff")
    + struct.pack("!HH", 56324, 5027),
)
# Section 2.2: LOCAL "should not present any address so it sets this field to zero", family
# AF_UNSPEC (\x00): what HAProxy's health checks send with check-send-proxy.
V2_LOCAL = v2(0x20, 0x00, b"")

GOLDEN = [
    (V2_TCP4, ProxyHeader(28, "PROXY", ("192.168.0.1", 56324), ("192.168.0.11", 443))),
    (V2_TCP6, ProxyHeader(52, "PROXY", ("2001:db8::1", 56324), ("2001:db8::ff", 5027))),
    (V2_LOCAL, ProxyHeader(16, "LOCAL", None, None)),
    # Section 2.1, the example line.
    (
        b"PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n",
        ProxyHeader(47, "PROXY", ("192.168.0.1", 56324), ("192.168.0.11", 443)),
    ),
    # Section 2.1, the longest lines a receiver must support (56 and 104 characters).
    (
        b"PROXY TCP4 255.255.255.255 255.255.255.255 65535 65535\r\n",
        ProxyHeader(56, "PROXY", ("255.255.255.255", 65535), ("255.255.255.255", 65535)),
    ),
    (
        b"PROXY TCP6 " + b"ffff:" * 7 + b"ffff " + b"ffff:" * 7 + b"ffff 65535 65535\r\n",
        ProxyHeader(
            104,
            "PROXY",
            ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65535),
            ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65535),
        ),
    ),
    # Section 2.1, "unknown connection (short form)" (15 chars) and the worst case (107 chars).
    (b"PROXY UNKNOWN\r\n", ProxyHeader(15, "PROXY", None, None)),
    (
        b"PROXY UNKNOWN " + b"ffff:" * 7 + b"ffff " + b"ffff:" * 7 + b"ffff 65535 65535\r\n",
        ProxyHeader(107, "PROXY", None, None),
    ),
    # Captured from HAProxy 2.6.12 (Debian 12 package) on loopback: `send-proxy-v2` on an IPv4
    # and an IPv6 frontend, the `check-send-proxy` health check of a `send-proxy-v2` server
    # (LOCAL, AF_UNSPEC, length 0), and `send-proxy` (v1; its checks send the same kind of line
    # with the check connection's own addresses).
    (
        bytes.fromhex("0d0a0d0a000d0a515549540a2111000c7f0000017f000001cd6c3ab3"),
        ProxyHeader(28, "PROXY", ("127.0.0.1", 52588), ("127.0.0.1", 15027)),
    ),
    (
        bytes.fromhex(
            "0d0a0d0a000d0a515549540a21210024000000000000000000000000000000010000000000000000"
            "000000000000000187e43ab5"
        ),
        ProxyHeader(52, "PROXY", ("::1", 34788), ("::1", 15029)),
    ),
    (bytes.fromhex("0d0a0d0a000d0a515549540a20000000"), ProxyHeader(16, "LOCAL", None, None)),
    (
        bytes.fromhex(
            "50524f58592054435034203132372e302e302e31203132372e302e302e312035383532342031353032"
            "380d0a"
        ),
        ProxyHeader(44, "PROXY", ("127.0.0.1", 58524), ("127.0.0.1", 15028)),
    ),
    # The brief's example, as HAProxy's send-proxy writes it.
    (
        b"PROXY TCP4 1.2.3.4 5.6.7.8 1111 2222\r\n",
        ProxyHeader(38, "PROXY", ("1.2.3.4", 1111), ("5.6.7.8", 2222)),
    ),
]


@pytest.mark.parametrize(("raw", "expected"), GOLDEN)
def test_golden_headers(raw: bytes, expected: ProxyHeader) -> None:
    assert expected.length == len(raw)
    assert parse(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), GOLDEN)
def test_bytes_after_the_header_are_left_alone(raw: bytes, expected: ProxyHeader) -> None:
    buf = raw + PAYLOAD
    header = parse(buf)
    assert header == expected
    assert buf[header.length :] == PAYLOAD


@pytest.mark.parametrize(("raw", "expected"), GOLDEN)
def test_parse_accepts_bytearray_and_memoryview(raw: bytes, expected: ProxyHeader) -> None:
    assert parse(bytearray(raw + PAYLOAD)) == expected
    assert parse(memoryview(raw + PAYLOAD)) == expected


@pytest.mark.parametrize(("raw", "expected"), GOLDEN)
def test_every_prefix_of_a_valid_header_needs_more(raw: bytes, expected: ProxyHeader) -> None:
    for n in range(len(raw)):
        assert parse(raw[:n]) is None, n


def test_v2_udp_is_parsed_too() -> None:
    # Section 2.2, "\x12 : UDP over IPv4" and "\x22 : UDP over IPv6".
    assert parse(v2(0x21, 0x12, bytes(V2_TCP4[16:]))) == GOLDEN[0][1]
    assert parse(v2(0x21, 0x22, bytes(V2_TCP6[16:]))) == GOLDEN[1][1]


def test_v2_tlvs_are_skipped() -> None:
    # Section 2.2: PP2_TYPE_ALPN 0x01, AUTHORITY 0x02, NOOP 0x04, UNIQUE_ID 0x05, and PP2_TYPE_SSL
    # 0x20 with its client byte, verify word and a PP2_SUBTYPE_SSL_VERSION (0x21) sub-TLV.
    tlvs = (
        tlv(0x01, b"h2")
        + tlv(0x02, b"gps.example.com")
        + tlv(0x04, b"")
        + tlv(0x05, bytes(range(32)))
        + tlv(0x20, b"\x01" + b"\x00\x00\x00\x00" + tlv(0x21, b"TLSv1.3"))
    )
    raw = v2(0x21, 0x11, bytes(V2_TCP4[16:]) + tlvs)
    assert parse(raw + PAYLOAD) == ProxyHeader(
        len(raw), "PROXY", ("192.168.0.1", 56324), ("192.168.0.11", 443)
    )
    for n in range(len(raw)):
        assert parse(raw[:n]) is None


def test_v2_crc32c_tlv_is_skipped_not_checked() -> None:
    # Section 2.2.3: the CRC32c TLV must be verified only by receivers that support it; we don't.
    raw = v2(0x21, 0x21, bytes(V2_TCP6[16:]) + tlv(0x03, b"\xde\xad\xbe\xef"))
    assert parse(raw) == replace(GOLDEN[1][1], length=len(raw))


@pytest.mark.parametrize(
    "bad_tlvs",
    [
        b"\x01",  # a TLV header cut short
        b"\x01\x00",
        b"\x01\x00\x05abcd",  # a value shorter than its length
        tlv(0x04, b"") + b"\x02\x00\x10",
    ],
)
def test_v2_tlv_overrunning_the_header_is_rejected(bad_tlvs: bytes) -> None:
    with pytest.raises(ProxyHeaderError, match="TLV"):
        parse(v2(0x21, 0x11, bytes(V2_TCP4[16:]) + bad_tlvs))


def test_v2_local_ignores_family_and_skips_any_block() -> None:
    # Section 2.2: "Receivers MUST always consider this field to skip the appropriate number of
    # bytes and must not assume zero is presented for LOCAL connections."
    raw = v2(0x20, 0x11, bytes(V2_TCP4[16:]) + b"junk")
    assert parse(raw + PAYLOAD) == ProxyHeader(32, "LOCAL", None, None)
    assert parse(v2(0x20, 0xFF, b"\x01")) == ProxyHeader(17, "LOCAL", None, None)


def test_v2_unspec_and_unix_give_no_address() -> None:
    # Section 2.2: AF_UNSPEC "the receiver should ignore address information"; AF_UNIX (\x31,
    # \x32) "Address length is 2*108 = 216 bytes" - a path is no use as a device's address.
    assert parse(v2(0x21, 0x00, b"whatever")) == ProxyHeader(24, "PROXY", None, None)
    unix = b"/run/haproxy.sock".ljust(108, b"\x00") * 2
    assert parse(v2(0x21, 0x31, unix)) == ProxyHeader(232, "PROXY", None, None)
    assert parse(v2(0x21, 0x32, unix)) == ProxyHeader(232, "PROXY", None, None)


def test_errors_are_framing_errors() -> None:
    assert issubclass(ProxyHeaderError, FramingError)
    assert ProxyHeaderError.reason == "proxy_header"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\x00\x0f356307042441013", "not a PROXY protocol header"),  # a device without HAProxy
        (b"GET / HTTP/1.1\r\n", "not a PROXY protocol header"),
        (SIG[:6] + b"\xff", "signature"),
        (b"\r\n\r\n\x00\r\nQUIX\n\x21\x11\x00\x0c", "signature"),
        (SIG + b"\x11", "version 1"),  # section 2.2: the receiver must only accept \x2
        (SIG + b"\x31", "version 3"),
        (SIG + b"\x22", "command 0x2"),  # section 2.2: unassigned commands must be dropped
        (SIG + b"\x2f", "command 0xf"),
        (v2(0x21, 0x13, bytes(12)), "family"),  # section 2.2: other values must be rejected
        (v2(0x21, 0x41, bytes(12)), "family"),
        (v2(0x21, 0x10, bytes(12)), "family"),
        (v2(0x21, 0x11, bytes(11)), "needs 12"),  # an address block too short for its family
        (v2(0x21, 0x21, bytes(12)), "needs 36"),
        (v2(0x21, 0x31, bytes(36)), "needs 216"),
        (v2(0x21, 0x11, b"", length=MAX_V2_LENGTH - 15), "exceeds"),  # decided before the block
        (v2(0x20, 0x00, b"", length=0xFFFF), "exceeds"),
        (b"PROXI", "signature"),
        (b"PROXY\r\n", "signature"),
        (b"PROXY TCP4 1.2.3.4 5.6.7.8 1111 2222\n", "bare LF"),  # section 2.1: CRLF only
        (b"PROXY TCP4 1.2.3.4 5.6.7.8 1111 2222\r\r\n", "malformed"),
        (b"PROXY TCP4 1.2.3.4  5.6.7.8 1111 2222\r\n", "malformed"),  # exactly one space
        (b"PROXY TCP4 1.2.3.4 5.6.7.8 01111 2222\r\n", "malformed"),  # no heading zeroes
        (b"PROXY TCP4 1.2.3.4 5.6.7.8 1111 65536\r\n", "out of range"),
        (b"PROXY TCP4 1.2.3.04 5.6.7.8 1111 2222\r\n", "IPv4"),
        (b"PROXY TCP4 1.2.3.256 5.6.7.8 1111 2222\r\n", "IPv4"),
        (b"PROXY TCP4 ::1 5.6.7.8 1111 2222\r\n", "IPv4"),  # the family dictates the format
        (b"PROXY TCP6 1.2.3.4 ::1 1111 2222\r\n", "IPv6"),
        (b"PROXY TCP6 ::ffff:1.2.3.4 ::1 1111 2222\r\n", "IPv6"),
        (b"PROXY TCP6 ::1%eth0 ::1 1111 2222\r\n", "malformed"),
        (b"PROXY UDP4 1.2.3.4 5.6.7.8 1111 2222\r\n", "malformed"),
        (b"PROXY TCP4 1.2.3.4 5.6.7.8 1111\r\n", "malformed"),
        (b"PROXY UNKNOWNX\r\n", "malformed"),
        (b"PROXY UNKNOWN \xff\r\n", "malformed"),
        (b"PROXY " + b"x" * 101, "without CRLF"),  # section 2.1: not within 107 characters
        (b"PROXY UNKNOWN " + b"f" * 92 + b"\r\n", "without CRLF"),  # 108 characters
    ],
)
def test_malformed_headers_are_rejected(raw: bytes, message: str) -> None:
    with pytest.raises(ProxyHeaderError, match=message):
        parse(raw + PAYLOAD)


def test_a_short_wrong_start_is_rejected_at_once() -> None:
    # Section 2.1: "abort the connection as soon as possible".
    for raw in (b"\x00", b"G", b"\r\n\r\n\x01", b"PROXX", b"PROXY_"):
        with pytest.raises(ProxyHeaderError):
            parse(raw)


def test_the_cap_is_a_whole_header() -> None:
    raw = v2(0x21, 0x11, bytes(V2_TCP4[16:]) + tlv(0x04, bytes(MAX_V2_LENGTH - 16 - 12 - 3)))
    assert len(raw) == MAX_V2_LENGTH
    assert parse(raw) == replace(GOLDEN[0][1], length=MAX_V2_LENGTH)


def _corruptions() -> list[bytes]:
    """Every golden header with each byte replaced by a few values."""
    out = []
    for raw, _ in GOLDEN:
        for i in range(len(raw)):
            for value in (0x00, 0x0A, 0x0D, 0x20, 0xFF, raw[i] ^ 0x01):
                out.append(raw[:i] + bytes([value]) + raw[i + 1 :])
    return out


def test_corrupted_headers_parse_or_raise_the_header_error() -> None:
    for raw in _corruptions():
        for n in range(len(raw) + 1):
            _parse_or_header_error(raw[:n])


def _parse_or_header_error(buf: bytes) -> None:
    """The fuzz invariant: a header, None, or ProxyHeaderError; a header never claims more bytes
    than there are, and "need more" never goes past the cap (a caller's buffer stays bounded)."""
    try:
        header = parse(buf)
    except ProxyHeaderError:
        return
    if header is None:
        assert len(buf) < MAX_V2_LENGTH
    else:
        assert 0 < header.length <= len(buf)
        assert header.command in ("LOCAL", "PROXY")


@given(st.binary(max_size=300))
def test_random_bytes(buf: bytes) -> None:
    _parse_or_header_error(buf)


@given(st.binary(max_size=300))
def test_random_bytes_after_the_v2_signature(tail: bytes) -> None:
    _parse_or_header_error(SIG + tail)


@given(
    st.sampled_from([0x20, 0x21, 0x22, 0x11]),
    st.sampled_from([0x00, 0x11, 0x12, 0x21, 0x22, 0x31, 0x32, 0x13, 0x40]),
    st.binary(max_size=300),
    st.integers(0, 0xFFFF) | st.none(),
)
def test_random_v2_fields(ver_cmd: int, fam: int, block: bytes, length: int | None) -> None:
    _parse_or_header_error(v2(ver_cmd, fam, block, length))


@given(st.binary(max_size=120))
def test_random_bytes_after_the_v1_prefix(tail: bytes) -> None:
    _parse_or_header_error(b"PROXY " + tail)


@given(
    st.sampled_from([b"TCP4", b"TCP6", b"UNKNOWN"]),
    st.lists(st.text("0123456789abcdef:. ", max_size=40).map(str.encode), max_size=5),
)
def test_random_v1_fields(proto: bytes, fields: list[bytes]) -> None:
    _parse_or_header_error(b"PROXY " + proto + b"".join(b" " + f for f in fields) + b"\r\n")


def test_need_more_stops_before_the_cap() -> None:
    # The length field promises 4080 bytes; every shorter buffer needs more, then it is whole.
    raw = v2(0x20, 0x00, bytes(MAX_V2_LENGTH - 16))
    assert parse(raw[:-1]) is None
    assert parse(raw) == ProxyHeader(MAX_V2_LENGTH, "LOCAL", None, None)
    _parse_or_header_error(b"PROXY " + b"1" * (MAX_V2_LENGTH * 2))
