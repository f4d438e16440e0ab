"""Real Laipac sentences used as test data, each with its source (used as data only).

TRC: traccar/traccar src/test/java/org/traccar/protocol/LaipacProtocolDecoderTest.java, with the
  CR LF they travel with restored.
NRF: the handshake a public device-side implementation (a Nordic nRF relay emulating a Laipac
  unit, gsm_msg.c) quotes from a real unit.
"""

from __future__ import annotations

# TRC
RMC_CELL = (
    b"$AVRMC,80006405,212645,r,3013.9938,N,08133.3998,W,0.00,0.00,010317,a,4076,0,1,0,0,"
    b"53170583,310260*78\r\n"
)
RMC_VOLTS = (
    b"$AVRMC,99999999,164339,A,4351.0542,N,07923.5445,W,0.29,78.66,180703,0,3.727,17,1,0,0*37\r\n"
)
RMC_LOWER = (
    b"$AVRMC,99999999,164339,a,4351.0542,N,07923.5445,W,0.29,78.66,180703,0,3.727,17,1,0,0*17\r\n"
)
RMC_NO_FIX = (
    b"$AVRMC,MSG00002,003049,V,0000.0000,N,00000.0000,E,0.00,0.00,200614,H,3804,167,1,0,0,"
    b"0D7AB913,020408*71\r\n"
)
RMC_SOS = (
    b"$AVRMC,358174067149865,142945,R,5050.1254,N,00420.0490,E,0.00,0.00,190318,3,3455,119,1,"
    b"0,0,3EE4A617,020610*53\r\n"
)
AVSYS = b"$AVSYS,99999999,V1.50,SN0000103,32768*15\r\n"
EAVSYS = b"$EAVSYS,MSG00002,8931086013104404999,,Owner,0x52014406*76\r\n"
ECHK = b"$ECHK,99999999,0*35\r\n"

# NRF
NRF_RMC = (
    b"$AVRMC,80004680,204730,r,4351.5177,N,07923.0563,W,0.27,0.00,110517,a,3299,626,1,0,0*7D\r\n"
)

WHOLE = [RMC_CELL, RMC_VOLTS, RMC_LOWER, RMC_NO_FIX, RMC_SOS, AVSYS, EAVSYS, ECHK, NRF_RMC]
