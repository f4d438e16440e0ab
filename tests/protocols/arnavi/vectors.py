"""Real ARNAVI frames used as test data, each with its source.

TRACCAR_DECODER: traccar/traccar src/test/java/org/traccar/protocol/
ArnaviBinaryProtocolDecoderTest.java (device captures: HEADER, HEADER2 and packages with one
and two TAGS packets); TRACCAR_FRAME: ...ArnaviFrameDecoderTest.java (packages with TEXT and
BINARY packets, and a command result). Data only: no code was taken from there.
"""

from __future__ import annotations


def h(*parts: str) -> bytes:
    return bytes.fromhex("".join(parts))


# TRACCAR_DECODER testHeader1Decode: HEADER (version 22), id 0x00030FC9F5450CF3
HEADER_V1 = h("ff22f30c45f5c90f0300")
# TRACCAR_DECODER testHeader2Decode: HEADER2 (version 23), same id
HEADER_V2 = h("ff23f30c45f5c90f0300")
# TRACCAR_DECODER testHeader1Decode: package 1 with one TAGS packet (2017-07-07 05:09:55)
ONE_RECORD = h(
    "5b01012800a3175f5903513934420447221c42055402781e0900f0c5215b4e0084005c00007c005d0000a300",
    "fa37010000295d",
)
# TRACCAR_DECODER testHeader2Decode: package 1 with the same TAGS packet twice
TWO_RECORDS = h(
    "5b01012800a3175f5903513934420447221c42055402781e0900f0c5215b4e0084005c00007c005d0000a300",
    "fa3701000029012800a3175f5903513934420447221c42055402781e0900f0c5215b4e0084005c00007c005d",
    "0000a300fa37010000295d",
)
# TRACCAR_FRAME: a TEXT packet "traccar"
TEXT = h("5b01030700e3f16b50747261636361721b5d")
# TRACCAR_FRAME: two TEXT packets
TWO_TEXTS = h("5b01030700e3f16b50747261636361721b030700e3f16b50747261636361721b5d")
# TRACCAR_FRAME: a BINARY packet
BINARY = h("5b01061400e3f16b5003298b5e4204cbd514420500191000080400ff021b5d")
# TRACCAR_FRAME: two BINARY packets
TWO_BINARIES = h(
    "5b01061400e3f16b5003298b5e4204cbd514420500191000080400ff021b061400e3f16b5003298b5e4204",
    "cbd514420500191000080400ff021b5d",
)
# TRACCAR_FRAME: the device's answer to a command (parcel number FD, result 00)
COMMAND_RESULT = h("5bfd005d")

PACKAGES = (ONE_RECORD, TWO_RECORDS, TEXT, TWO_TEXTS, BINARY, TWO_BINARIES, COMMAND_RESULT)
VALID = (HEADER_V1, HEADER_V2, *PACKAGES)
