"""Unit conversions shared by protocol decoders and simulated devices."""

from __future__ import annotations

from typing import Final

# km/h per knot: many devices report the NMEA RMC speed, which is knots (1 kn = 1,852 m/h)
KNOTS: Final = 1.852
