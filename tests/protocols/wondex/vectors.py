"""Real WondeX frames used as test data, each with its source (used as data only).

FRM: traccar/traccar src/test/java/org/traccar/protocol/WondexFrameDecoderTest.java (whole, as
  they arrive).
DEC: src/test/java/org/traccar/protocol/WondexProtocolDecoderTest.java, with the CR LF text
  lines travel with restored.
"""

from __future__ import annotations

# FRM
HEARTBEAT = bytes.fromhex("d0d70b0001ca9a3b")  # unit 1000000001
NOT_HEARTBEAT = bytes.fromhex("f0d70b0001ca9a3b")
VT10_LINE = b"1044989601,20130323095515,13.572776,52.400838,0,000,72,0,2\r\n"

# DEC
VT300 = b"2000000001,20140529213210,-63.179111,9.781493,0,0,54.0,8,2,0.0,0,0.01,0.01,0,0,0,0\r\n"
VT300_SHORT = b"210000001,20070313170040,121.123456,12.654321,0,233,0,9,2,0.0,0,0.00,0.00,0\r\n"
BATTERY = b"3997324533,20140326074908,28.797603,47.041635,0,48,0,6,2,3.90V,0\r\n"
KAZAKH = b"2000000108,20151030145404,76.948633,43.354700,0,140,15,100,1,1325,125.4,10.5,0.0\r\n"
NEGATIVE_ALTITUDE = b"1044989601,20130322172647,13.572583,52.401070,22,204,-49,0,2\r\n"
OK_VERSION = b"$OK:VER=M7 2.003 DVB rev02c,V2\r\n"
ERR_LOCATION = b"$ERR:GETLOCATION=1\r\n"

WHOLE = [HEARTBEAT, VT10_LINE, VT300, VT300_SHORT, BATTERY, KAZAKH, NEGATIVE_ALTITUDE,
         OK_VERSION, ERR_LOCATION]  # fmt: skip
