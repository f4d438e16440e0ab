"""Wialon IPS frames used as test data, each with its source.

TRACCAR: device captures in traccar/traccar
src/test/java/org/traccar/protocol/WialonProtocolDecoderTest.java (used as data only; the test
file holds them without the CR LF that ends every TCP packet, added back here). GURTAM: the
examples and layouts of Gurtam's "Wialon IPS communication protocol" v1.1/v2.0 (copies cited in
shared/protocols.md section 10); v2.0 frames built from them get their CRC from
``crc16_arc_reference`` below, a bitwise implementation independent of the package's.
"""

from __future__ import annotations


def crc16_arc_reference(data: bytes) -> int:
    """CRC-16/ARC bit by bit (poly 0xA001 reflected, init 0): the protocol's Appendix."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def v2(kind: str, body: str, sep: str = ";") -> bytes:
    """A v2.0 packet: ``body``, the separator, its CRC in upper-case hex, CR LF."""
    signed = (body + sep).encode()
    return b"#%s#%s%04X\r\n" % (kind.encode(), signed, crc16_arc_reference(signed))


def tcp(text: str) -> bytes:
    return text.encode() + b"\r\n"


# --- TRACCAR captures ---------------------------------------------------------------------------
# v2.0 login whose CRC does not match its text (no variant of the text gives CE45)
LOGIN_V2_BAD_CRC = tcp("#L#2.0;42001300083;;CE45")
LOGIN_V1 = tcp("#L#123456789012345;test")
LOGIN_V1_NA = tcp("#L#2002;NA")
PING = tcp("#P#")
# v2.0 D with a correct CRC (F24A), params of a CAN-bus firmware
D_V2_CAN = tcp(
    "#D#101118;061143;0756.0930;N;12338.6403;E;18.223;99.766;-4.000;10;0.800;NA;NA;NA;NA;"
    "101_521347:1:521249,101_521126:1:6593598,101_521127:1:774780,101_521072_21.1:1:0,"
    "101_521072_21.2:1:71353;F24A"
)
# v2.0 D with no date/time or fix data and the CRC written as 0x9b0
D_V2_NA_TIME = tcp(
    "#D#NA;NA;5429.681944502211763;N;02654.60403650999069;E;NA;NA;NA;NA;NA;NA;NA;1.0;NA;"
    "m1:1:9196679,d1:1:15397,t1:1:20,b1:1:162,fuel1:2:21588.0,pv1:2:35.98,finish:1:1;0x9b0"
)
D_V2_NO_FIX = tcp(
    "#D#120319;112003;NA;NA;NA;NA;0.000;NA;NA;0;NA;NA;NA;NA;NA;101_521347:1:521246,"
    "101_158:1:510,101_521055:1:510,101_521055_2.9:1:509,101_521056:1:3;626B"
)
D_V1_CAN = tcp(
    "#D#151216;135910;5321.1466;N;04441.7929;E;87;156;265.000000;12;1.000000;241;NA;NA;NA;"
    "odo:2:0.000000,total_fuel:1:430087,can_fls:1:201,can_taho:1:11623,can_mileage:1:140367515"
)
D_V1_BOARD = tcp(
    "#D#151216;140203;5312.59514;N;04830.37834;E;53;273;NA;10;NA;NA;NA;NA;NA;"
    "EvId:1:1,Board:2:12.81,Accum:2:4.28"
)
SD_V1 = tcp("#SD#270413;205601;5544.6025;N;03739.6834;E;1;2;3;4")
SD_V1_EMPTY_COURSE = tcp("#SD#021214;065947;2237.7552;N;11404.8851;E;0.000;;170.9;5")
# the Gurtam params example (count1:1:564,fuel:2:45.8,hw:3:V4.5) in a captured D
D_V1_DOC_PARAMS = tcp(
    "#D#270413;205601;5544.6025;N;03739.6834;E;1;2;3;4;0.0;0;0;14.77,0.02,3.6;NA;"
    "count1:1:564,fuel:2:45.8,hw:3:V4.5"
)
D_V1_INPUTS = tcp(
    "#D#190114;051312;4459.6956;N;04105.9930;E;35;306;204.000000;12;NA;452986639;NA;"
    "106.000000;NA;sats_gps:1:9,sats_glonass:1:3,balance:2:12123.000000,stay_balance:1:0"
)
D_V1_EMPTY_PARAMS = tcp(
    "#D#021214;065947;2237.7552;N;11404.8851;E;0.000;;170.9;5;1.74;NA;NA;NA;NA;NA"
)
B_V1_TWO = (
    "#B#080914;073235;5027.50625;N;03026.19321;E;0.700;0.000;NA;4;NA;NA;NA;;NA;Батарея:3:100 %|"
    "080914;073420;5027.50845;N;03026.18854;E;1.996;292.540;NA;4;NA;NA;NA;;NA;Батарея:3:100 %\r\n"
).encode()
B_V1_ONE = (
    "#B#110914;102132;5027.50728;N;03026.20369;E;1.979;288.170;NA;NA;NA;NA;NA;;NA;"
    "Батарея:3:100 %\r\n"
).encode()
# minutes "64.0167" in the latitude: out of range, refused by the decoder
B_V1_MINUTES_PAST_60 = tcp(
    "#B#110315;045857;5364.0167;N;06127.8262;E;0;155;965;7;2.40;4;0;14.77,0.02,3.6;AB45DF01145;"
)
# UDP datagrams (id in front, no CR LF in the capture)
UDP_D_V2 = D_V2_CAN[:-2].replace(b"#D#", b"99999999#D#", 1)
UDP_SD_V1 = b"99999999#SD#270413;205601;5544.6025;N;03739.6834;E;1;2;3;4"

# --- GURTAM layouts with v2.0 CRCs --------------------------------------------------------------
LOGIN_V2 = v2("L", "2.0;865905020722118;NA")
SD_V2 = v2("SD", "270413;205601;5544.6025;N;03739.6834;E;1;2;3;4")
D_V2_DOC = v2(
    "D",
    "270413;205601;5544.6025;S;03739.6834;W;1;2;3;4;0.9;5;2;14.77,0.02,3.6;AB45DF01145;"
    "count1:1:564,fuel:2:45.8,hw:3:V4.5,SOS:1:1",
)
B_V2 = v2(
    "B",
    "270413;205601;5544.6025;N;03739.6834;E;1;2;3;4|270413;205611;5544.6030;N;03739.6840;E;5;6;7;8",
    sep="|",
)
M_V2 = v2("M", "Arrived; waiting")
M_V1 = tcp("#M#Need a break")
IMAGE_PART = b"#I#4;0;2;270413;205601;cam1.jpg\r\n\xff\xd8\r\n"
IMAGE_LAST = b"#I#3;1;2;270413;205601;cam1.jpg\r\n#\xff\xd9"
ANSWER_MESSAGE = tcp("#AM#1")

TCP_FRAMES = [
    LOGIN_V1, LOGIN_V1_NA, LOGIN_V2, PING, D_V2_CAN, D_V2_NA_TIME, D_V2_NO_FIX, D_V1_CAN,
    D_V1_BOARD, SD_V1, SD_V1_EMPTY_COURSE, D_V1_DOC_PARAMS, D_V1_INPUTS, D_V1_EMPTY_PARAMS,
    B_V1_TWO, B_V1_ONE, SD_V2, D_V2_DOC, B_V2, M_V2, M_V1, IMAGE_PART, IMAGE_LAST, ANSWER_MESSAGE,
]  # fmt: skip
VALID = TCP_FRAMES
