"""Cellocator transmission reasons that name an alarm of shared/attributes.md.

Owns the small table from the Type 0 "Transmission Reason" byte to ``alarm`` values. Every
reason also goes out raw as ``event``. The vendor's table could not be read in full for this
package; the codes below are the ones whose meaning two public descriptions agree on (see the
package report), and every other reason stays an ``event`` only. Knows nothing about the wire.
"""

from __future__ import annotations

from typing import Final

ALARMS: Final[dict[int, str]] = {
    8: "tow",  # towing detection
    15: "accident",  # crash detection
    34: "overspeed",  # over speed start
    70: "sos",  # distress (panic) button pressed
    80: "powerCut",  # main power disconnected
    81: "lowBattery",  # low main power level
    99: "hardBraking",
    100: "hardCornering",  # sudden course change
    101: "hardAcceleration",
    158: "tampering",
}
