"""Topflytech frames used as test data, each with its source.

TEXT: the capture in traccar/traccar src/test/java/org/traccar/protocol/
TopflytechProtocolDecoderTest.java (data only). That test feeds the decoder what its frame
decoder leaves after splitting the stream at ")", so the closing parenthesis the device sends
is restored here. The binary frames are the T880x captures of tests/protocols/t800x/vectors.py
(traccar T800xProtocolDecoderTest): the same wire format reaches this port from current models.
"""

from __future__ import annotations

from tests.protocols.t800x import vectors as t800x

TEXT = (
    b"(880316890094910BP00XG00b600000000L00074b54S00000000R0C0F0014000100f0130531152205A0706."
    b"1395S11024.0965E000.0251.25)"
)
# The same message with another type code and no position block: a text message we keep but
# do not decode (built from TEXT).
TEXT_OTHER = b"(880316890094910BP05XG00b600000000)"

BINARY_LOGIN = t800x.OLD_LOGIN
BINARY_LOCATION = t800x.VEHICLE_LOCATION
BINARY_ALARM = t800x.OLD_ALARM

VALID = [TEXT, TEXT_OTHER, BINARY_LOGIN, BINARY_LOCATION, BINARY_ALARM, t800x.ASSET_NETWORK]
