"""GoTop wire constants: the message end, message types and labelled fields.

No vendor document could be found: everything here is read off device captures (traccar/traccar
GotopProtocolDecoderTest, used as data only): `<IMEI>,<type>,<A|V>,DATE:<yyMMdd>,TIME:<HHmmss>,
LAT:<deg><N|S>,LOT:<deg><E|W>` (`LON:` on newer firmware), `Speed:<km/h>`, a `-`-joined status
whose last two numbers are the battery and the GSM signal, a number, and the serving cell
`<MCC><MNC>-<LAC hex>-<CI hex>`. Types: CMD-T (tracking), CMD-F, CMD-X (keep-alive, no fix),
ALM-<code> (alarms).
"""

from __future__ import annotations

from typing import Final

END: Final = 0x23  # "#": ends a message (a line end does too)
CR: Final = 0x0D
LF: Final = 0x0A
MAX_FRAME_SIZE: Final = 512
KEEPALIVE: Final = "CMD-X"
ALARM_PREFIX: Final = "ALM-"
