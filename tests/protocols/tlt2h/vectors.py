"""Real TLT-2H messages used as test data, each with its source.

TRACCAR: captures in traccar/traccar src/test/java/org/traccar/protocol/
Tlt2hProtocolDecoderTest.java (used as data only), with the closing `##` line the devices send
and the reference's frame decoder strips. MANUAL: the Mictrack MT600 manual's sample message as
quoted in invertedtomato/mictrack-receiver MessageParserTests ("Example from manual").
"""

from __future__ import annotations

CLOSE = b"##"  # devices send CR LF after it, which the framer passes over

# TRACCAR
V500 = (  # the reference asserts 2013-03-07 22:38:35, valid, -6.25591, 107.14297
    b"#357671030946351#V500#0000#AUTO#1\r\n"
    b"#$GPRMC,223835.000,A,0615.3545,S,10708.5779,E,14.62,97.41,070313,,,D*70\r\n" + CLOSE
)
THREE = (  # three records, the same checksum on each line, the last line without CR LF
    b"#123456789000001#V3338#0000#SMS#3\r\n"
    b"#25ee0dff$GPRMC,083945.180,A,2233.4249,N,11406.0046,E,0.00,315.00,251207,,,A*6E\r\n"
    b"#25ee0dff$GPRMC,083950.180,A,2233.4249,N,11406.0046,E,0.00,315.00,251207,,,A*6E\r\n"
    b"#25ee0dff$GPRMC,083955.180,A,2233.4249,N,11406.0046,E,0.00,315.00,251207,,,A*6E##"
)
EMPTY_USER = (  # `##` inside the header: an empty user field
    b"#357671030108689##0000#AUTO#1\r\n"
    b"#13AE2F8F$GPRMC,211452.000,A,0017.378794,S,03603.441981,E,0.000,0,060216,,,A*68\r\n" + CLOSE
)
NO_FIX = b"#860517049471362#MT700#0000#AUTO#1\r\n#36$GPRMC,,V,,,,,,,,,,A*5C\r\n" + CLOSE
WIFI = (
    b"#867198059727390#MT700#0000#AUTO#1\r\n#40$WIFI,123532.00,A,-62,D8325A0ABADD,-64,"
    b"EC172F8965BC,-64,7405A5D457D4,260321*07\r\n" + CLOSE
)
MT600_PLUS = (  # four more header fields before the state
    b"#860425040088567#MT600+#0000#0#1#129#40#0#AUTOLOW#1\r\n"
    b"#000321901$GPRMC,172030.00,A,4845.2906,N,01910.2742,E,0.01,,041219,,,A*43\r\n" + CLOSE
)
WEST = (  # longitude degrees written without their leading zero (4631.8154 = 46 31.8154)
    b"#353686009063310#353686009063310#0000#AUTO#2\r\n"
    b"#239757a9$GPRMC,150252.001,A,2326.6856,S,4631.8154,W,,,260513,,,A*52\r\n"
    b"#239757a9$GPRMC,150322.001,A,2326.6854,S,4631.8157,W,,,260513,,,A*55##"
)
SPLIT_HEADER = (  # the reference gives no position: the header is broken over two lines
    b"#861075026000000#\r\n#0000#AUTO#1\r\n#002c4968045$GPRMC,001556.00,A,3542.1569,N,"
    b"13938.9814,E,7.38,185.71,160417,,,A*55\r\n" + CLOSE
)

# MANUAL
MANUAL = (
    b"#863835023427631#MT600#0000#AUTO#1\r\n#a52d15e5803$GPRMC,094632.00,A,2237.7776,N,"
    b"11402.1399,E,0.07,309.62,030116,,,A*49\r\n" + CLOSE
)

VALID = [V500, THREE, EMPTY_USER, NO_FIX, WIFI, MT600_PLUS, WEST, MANUAL]
