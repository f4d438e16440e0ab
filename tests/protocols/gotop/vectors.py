"""Real GoTop messages used as test data (traccar GotopProtocolDecoderTest, used as data only),
with a `#` end."""

from __future__ import annotations

from .captures import CAPTURES

VALID: list[bytes] = [c.frame for c in CAPTURES.captures if c.frame]
KEEPALIVE = b"353327020412763,CMD-X#"
TRACKING = VALID[2]  # 013226009991924,CMD-T,A,DATE:130802,... with a cell
ALARM = VALID[1]  # 867688038677542,ALM-D1,V,...
