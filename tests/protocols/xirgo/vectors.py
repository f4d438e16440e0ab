"""Real Xirgo messages used as test data, each with its source.

TRACCAR: device captures in traccar/traccar
src/test/java/org/traccar/protocol/XirgoProtocolDecoderTest.java (used as data only; the
tananaev/traccar copy of that file adds the 2169X capture). Where a capture there is held
without its `##` (traccar's frame decoder strips the delimiter) the `##` is restored.
Layout names are those of the vendor documents listed in src/fleetwire/protocols/xirgo/
constants.py; each capture's layout is named where the field values show it.
"""

from __future__ import annotations

# XT-2150 layout (22 fields, rev 2.1B "Device Message Formats"): event 4003, virtual ignition on
XT2150_4003 = (
    b"$$357207059646786,4003,2015/05/19,15:54:56,-20.21422,-70.14927,37.5,1.8,0.0,11,0.8,12.9,"
    b"31,297,1,0,0.0,0.0,0,1,1,1##"
)
XT2150_4003_B = (
    b"$$357207059646786,4003,2015/05/19,15:55:27,-20.21421,-70.14920,33.6,0.4,0.0,11,0.8,12.9,"
    b"31,297,1,0,0.0,0.0,0,1,1,1##"
)
# XT-2060-G layout (21 fields, rev 1.2G): 6031 movement stop; `##` restored
XT2060_6031 = (
    b"$$354898045650537,6031,2015/02/26,15:47:26,33.42552,-112.30308,287.8,0,0,0,0,0.0,7,1.2,2,"
    b"0.0,12.2,22,1,0,82.3##"
)
# XT-2060 layout + AX,AY,AZ (24 fields): 6001 direction change, 4002 ignition-off periodic
XT2060A_6001 = (
    b"$$355922061611345,6001,2016/08/25,20:10:51,51.13042,-114.22752,1197,44.7,0.0,0.0,2622,27,"
    b"12,0.8,1,0.0,13.9,24,1,0,0.0,-70,-809,688##"
)
XT2060A_6001_B = (
    b"$$355922061611345,6001,2016/08/25,20:10:38,51.12948,-114.22637,1203,34.8,0.0,0.0,1377,215,"
    b"12,0.8,1,0.0,13.8,28,1,0,0.0,-309,-566,754##"
)
XT2060A_4002 = (
    b"$$355922060162167,4002,2016/04/21,17:04:50,39.83253,-76.66102,232,0.0,0.0,0.0,0,0,12,1.2,"
    b"0,0.0,9.2,15,1,0,0.0,35,-8,1059##"
)
# XT-2060 6015 layout (VN, FWM, FWO, PF) + AX,AY,AZ (28 fields): power up / GPS lock
XT2060A_6015 = (
    b"$$355922060162167,6015,2016/04/21,17:26:52,39.83267,-76.66139,230,0.0,0.0,0.0,779,0,8,1.2,"
    b"0,0.0,13.0,19,1,1C4BJWDG4GL191009,X0z1-1137CD1,0402,3GATT,0,83.9,-70,-715,738##"
)
# 17 fields: the XT-2150/XT4860 head (UID..GS) and two more traccar calls "old"
SHORT_6001 = (
    b"$$354660046140722,6001,2013/01/22,15:36:18,25.80907,-80.32531,7.1,19,165.2,11,0.8,11.1,"
    b"17,1,1,3.9,2##"
)
# 31 fields, no documented layout: decoded as far as every layout agrees
LONG_4001 = (
    b"$$352054058132185,4001,2017/04/21,00:01:05,32.54659,-116.90670,143.2,0,0,0,598,0.0,12,0.9,"
    b"765840,7.0,14.5,19,1,1,0011,8.5,63.2,5,21999,184,255,671,207,100,185##"
)
LONG_6011 = (
    b"$$352054058132185,6011,2017/04/21,04:57:10,32.49658,-116.85957,250.9,0,0,0,602,0.0,12,0.8,"
    b"765876,7.0,14.1,21,1,1,0011,10.1,0.0,5,170917890,280,255,627,0,100,167##"
)
# configured forms (newer units, 9-digit ids, mm/dd/yyyy dates), with the form traccar sets
FORM_A = "UID,EV,D,T,LT,LN,AL,GSPT,HD,SV,HP,BV,CQ,GS,SI,IG,OT"
FORM_A_4002 = (
    b"$$183900034,4002,03/30/2019,02:15:22,46.848577,-114.022213,978,0.0,172.3,16,1.2,13.291,"
    b"20,3,2,2,1##"
)
FORM_B = "UID,EV,D,T,LT,LN,AL,GSPT,SV,HP,BV,CQ,MI,GS,SI,IG,OT"
FORM_B_4002 = (
    b"$$184800793,4002,03/15/2019,21:30:21,46.848582,-114.022237,9733,0.0,18,1.1,13.605,20,0,3,"
    b"89011703278246523602,2,0##"
)
# a firmware-version answer: no date, not a location message
VERSION_6115 = b"$$184800619,6115,Y1z1.1179AA2.3.7c79d34,,,000##"

REPORTS = [
    XT2150_4003, XT2150_4003_B, XT2060_6031, XT2060A_6001, XT2060A_6001_B, XT2060A_4002,
    XT2060A_6015, SHORT_6001, LONG_4001, LONG_6011, FORM_A_4002, FORM_B_4002,
]  # fmt: skip
VALID = [*REPORTS, VERSION_6115]
