"""Watch framing: real frames through the shared framer in every shape, brackets inside
content, escaped binary, misstated lengths, garbage and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.watch import PROTOCOL
from fleetwire.protocols.watch.framing import build, frame_length, open_frame, unescape
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_glued_real_frames() -> None:
    assert_framing(
        PROTOCOL,
        [v.LK_3G, v.UD_BRACKET_SSID, v.VOICE_ESCAPED, v.ZJ_AL, v.UD2_SHORT_LENGTH, v.LK_BARE,
         v.AL_CUSTOMER_LONG_LENGTH, v.BPHRT],
    )  # fmt: skip


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:24].decode("ascii", "replace"))
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_bracketed_ssid_does_not_end_the_frame() -> None:
    cut = v.UD_BRACKET_SSID.index(b"]") + 1  # "[LG_Wall-Mount A/C]"
    assert cut < len(v.UD_BRACKET_SSID)
    assert frame_length(v.UD_BRACKET_SSID[:cut]) == NEED_MORE


def test_escaped_binary_is_counted_unescaped() -> None:
    env = open_frame(v.VOICE_ESCAPED)
    assert env.content == b"TK,#!AMR" + bytes.fromhex("7d5b5d2c2aff")  # TRACCAR_FRAME result
    assert env.header.length == 14 == len(env.content)
    assert unescape(b"}\x06}") == b"}\x06}"  # not an escape: kept as sent
    # an escaped ']' inside binary does not end the frame
    frame = b"[CS*1234567890*0003*TK,}\x03]"
    assert frame_length(frame + v.LK_3G) == len(frame)


def test_misstated_lengths_end_at_the_first_unbalanced_bracket() -> None:
    assert framer(PROTOCOL).feed(v.UD2_SHORT_LENGTH + v.LK_3G) == [v.UD2_SHORT_LENGTH, v.LK_3G]
    long_frame = v.AL_CUSTOMER_LONG_LENGTH
    assert framer(PROTOCOL).feed(long_frame + v.LK_3G) == [long_frame, v.LK_3G]


def test_header_needs_more_and_garbage() -> None:
    for part in (b"", b"[", b"[S", b"[SG", b"[SG*", b"[SG*88", b"[SG*88*00", b"[SG*88*0002*L"):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(b"abc[SG") == -3
    assert frame_length(b"abcdef") == -6
    assert frame_length(b"[sg*88*0002*LK]") == -1  # maker in capitals
    assert frame_length(b"[SG**0002*LK]") == -1  # no id
    assert frame_length(b"[SG*88*00G2*LK]") == -1  # length not hex
    assert frame_length(b"[SG*88*0002-LK]") == -1
    assert frame_length(b"[SG*" + b"8" * 21) == -1  # id too long
    # a header whose content never closes: given up after the slack, not waited on forever
    stuck = b"[SG*88*0002*LKxxxx" + b"x" * 300
    assert frame_length(stuck) == -1


def test_frame_over_the_cap_is_refused() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"[SG*88*FFFF*" + b"x" * PROTOCOL.max_frame_size)


def test_build_answer() -> None:
    assert build("SG", "8800000015", "LK") == v.LK_ANSWER
    assert build("ZJ", "014111001332708", "AL", "0075") == b"[ZJ*014111001332708*0075*0002*AL]"
