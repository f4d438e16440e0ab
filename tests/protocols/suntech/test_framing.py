"""Suntech framing: real reports through the shared framer in every shape, CR/LF inside serial
data (UEX) not splitting a report, binary reports, resync on garbage."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.suntech import PROTOCOL
from fleetwire.protocols.suntech.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_glued_real_frames() -> None:
    assert_framing(
        PROTOCOL,
        [
            v.ST300_STT,
            v.FRAME_UEX,
            v.SA200_ALV,
            v.BINARY_81,
            v.UNIVERSAL_STT,
            v.ST600_UEX,
            v.DOC_REBOOT_RES,
            v.ST910_LOCATION,
        ],
    )


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:10].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_crlf_inside_serial_data_does_not_end_the_report() -> None:
    # SuntechFrameDecoderTest: "…;Q_D=0B\r\n;B4;028498;4.1;1\r" is one frame
    inner = v.FRAME_UEX.index(b"\r\n")
    assert frame_length(v.FRAME_UEX[: inner + 2]) == NEED_MORE
    assert frame_length(v.FRAME_UEX) == len(v.FRAME_UEX)
    assert frame_length(v.ST600_UEX[: v.ST600_UEX.index(b"\n\r") + 2]) == NEED_MORE


def test_keep_alive_frame_and_trailing_line_feed() -> None:
    assert frame_length(v.FRAME_ALV) == 19
    fr = framer(PROTOCOL)
    assert fr.feed(v.SA200_ALV + b"\n" + v.SA200_STT) == [v.SA200_ALV, b"\n" + v.SA200_STT]
    assert fr.skipped == 0


def test_header_needs_more_and_garbage_is_skipped() -> None:
    for part in (b"", b"S", b"ST30", b"ST300ST", b"STT", b"\r\n", b"\x81\x00"):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(b"xyzST300STT;1") == -3
    assert frame_length(b"ST300XYZ;123\r") < 0
    assert frame_length(b"ST300STT;12\x00\x01\r") == -11  # a byte no report has


def test_binary_reports() -> None:
    assert frame_length(v.BINARY_81[:8]) == 81  # announced before the rest arrives
    assert frame_length(b"\x81\xff\xff\x05\x20\x00\x13\x38") == -1  # longer than any report
    assert frame_length(b"\x81\x00\x4e\x0a\x20\x00\x13\x38") == -1  # id not BCD


def test_unterminated_report_over_the_cap_is_refused() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"ST300STT;123456;" + b"1;" * 2000)
