"""Real Fifotrack frames used as test data, each with its source.

TRACCAR_DEC: device captures in traccar/traccar
src/test/java/org/traccar/protocol/FifotrackProtocolDecoderTest.java (used as data only). That
test holds frames without their final CR LF (its frame decoder strips them; the vendor format
ends every frame with one and pack-len does not count it), so they are given back here.
TRACCAR_ENC: traccar/traccar src/test/java/org/traccar/protocol/FifotrackProtocolEncoderTest.java.
DOC: "FIFOTRACK Q3 COMMAND LIST" V1.6 (manualslib.com copy), section 1 "GPRS Command Format"
and the command pages cited by each vector.
"""

from __future__ import annotations


def t(text: str) -> bytes:
    """A text frame from the decoder test, with the CR LF that ends it on the wire."""
    return text.encode("ascii") + b"\r\n"


# TRACCAR_DEC, A01 (2020 firmware): no alarm, invalid fix, MCC 502
A01_2020 = t(
    "$$118,863003046473534,258,A01,,201007231735,V,3.067783,101.672858,0,176,96,189890,0,A0,03,0,"
    "502|19|5C1|93349F,196|4E0|6C,1,*13"
)
# TRACCAR_DEC, A01 (2019): alarm code 4, southern hemisphere, 8-digit status word
A01_SOUTH = t(
    "$$116,869270049149999,5,A01,4,190925080127,V,-15.804260,35.061506,0,0,1198,0,0,900000C0,02,0,"
    "650|10|12C|B24,18B|4C8|72,1,*01"
)
# TRACCAR_DEC, A01 alarm 38 with an RFID card (the test expects driver id 11837543)
A01_RFID = t(
    "$$125,869467049296388,548,A01,38,190619025856,A,22.333905,113.590261,0,12,60,16666,0,0000,00,"
    "0,460|0|2694|13F8,1A2|4C1|0|0,B4A067,*7A"
)
# TRACCAR_DEC, A01 alarm 2 (SOS). Edited in that test: its pack-len says 123 for 124 counted
# bytes and its checksum does not match, so it serves as a frame devices never send.
EDITED_SOS = t(
    "$$123,869467049296388,B996,A01,2,190624131813,V,22.333746,113.590670,0,124,-1,26347,0,0004,00,"
    "0,460|0|2694|5A5D,174|0|0|0,B48CEB,*77"
)
# TRACCAR_DEC, A01 (2016): valid fix, card and a trailing field
A01_2016 = t(
    "$$135,866104023192332,29,A01,,160606093046,A,22.546430,114.079730,0,186,181,0,415322,0000,02,"
    "2,460|0|27B3|EA7,A2F|3B9|3|0,940C7E,31.76|30.98*46"
)
# TRACCAR_DEC, A00 (2016 firmware, no RFID and trailing fields)
A00_AB = t(
    "$$105,866104023179743,AB,A00,,161007085534,A,54.738791,25.271918,0,350,151,0,17929,0000,0,,"
    "246|1|65|96DB,936|0*0B"
)
A00_5 = t(
    "$$103,866104023179743,5,A00,,161006192841,A,54.738791,25.271918,0,342,200,0,4265,0000,0,,"
    "246|1|65|96DB,9C4|0*75"
)
A00_4 = t(
    "$$103,866104023179743,4,A00,,161006192810,V,54.738791,25.271918,0,158,122,0,4235,0000,0,,"
    "246|1|65|96DB,9C5|0*69"
)
# TRACCAR_DEC, D05: the answer to a photo command (photo size 13152, id 23FFD339)
D05 = t("$$79,868345037864709,382,D05,190220085833,22.643210,114.018176,1,1,1,13152,23FFD339*25")

# TRACCAR_ENC: Traccar's D05 request. Its checksum 9F is the byte sum of "##24,...,3*", not the
# XOR the vendor documents give (XOR is 75, which every device capture above agrees with).
TRACCAR_ENC_D05 = b"##24,123456789012345,1,D05,3*9F\r\n"

# Every frame above that is a whole valid device frame.
VALID = [A01_2020, A01_SOUTH, A01_RFID, A01_2016, A00_AB, A00_5, A00_4, D05]


def xor8(data: bytes) -> int:
    """The checksum written independently of the one under test."""
    result = 0
    for i in range(len(data)):
        result = result ^ data[i]
    return result


def frame(start: bytes, ident: str, work_no: str, content: bytes) -> bytes:
    """A frame built by hand: pack-len from the comma before the ID to the `*`, then the XOR."""
    rest = f",{ident},{work_no},".encode() + content
    body = str(len(rest)).encode() + rest
    return start + body + b"*" + f"{xor8(body):02X}".encode() + b"\r\n"
