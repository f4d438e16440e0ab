"""Real TRV messages used as test data (traccar TrvProtocolDecoderTest, used as data only), with
the `#` that ends each on the wire."""

from __future__ import annotations

from .captures import CAPTURES

VALID: list[bytes] = [c.frame for c in CAPTURES.captures]
LOGIN = b"TRVAP00353456789012345#"
IW_LOGIN = b"IWAP00353456789012345#"
LOCATION = b"TRVAP01080524A2232.9806N11404.9355E000.1061830323.8706000908000102,460,0,9520,3671#"
YP14 = VALID[8]
HEARTBEAT = b"TRVCP01,06000908000102#"
HEALTH = b"IWAPHP,60,130,85,95,90,36.5,,,,,,,#"
COMMAND_ANSWER = b"IWAPXL,080835#"
