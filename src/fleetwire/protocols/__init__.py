"""Protocol registry: maps protocol names to their sans-I/O implementations.

Each protocol is a package here with the same files (constants, framing, inspect, decoding,
encoding, device, protocol); this module only knows their names.
"""

from __future__ import annotations

import importlib
from functools import cache

from fleetwire.protocols.base import SimulatedDevice, TrackerProtocol

# name -> package; the package exports PROTOCOL (a TrackerProtocol) and Device (a SimulatedDevice)
NAMES: tuple[str, ...] = (
    "teltonika", "gt06", "jt808", "ruptela", "galileo", "eelink", "meiligao", "meitrack", "h02",
    "gl200", "suntech", "wialon", "startek", "watch", "xexun", "gps103", "tk103", "atrack",
    "t800x", "topflytech", "osmand", "cellocator", "dmt", "calamp", "castel", "tzone",
    "navtelecom", "fifotrack", "arnavi", "gosafe", "totem", "xirgo", "pt502", "minifinder2",
    "ulbotech", "minifinder", "egts", "cguard", "box", "easytrack", "its", "t55", "trv", "ivt401",
    "jt600", "topin", "khd", "vt200", "huasheng", "taip", "megastek", "laipac", "tramigo",
    "wondex", "mobilogix", "aplicom", "telic", "tlt2h", "upro", "starlink", "v680", "intellitrac",
    "mictrack", "gotop", "navis",
)  # fmt: skip


@cache
def get(name: str) -> TrackerProtocol:
    if name not in NAMES:
        raise KeyError(f"unknown protocol {name!r}; known: {', '.join(NAMES)}")
    module = importlib.import_module(f"fleetwire.protocols.{name}")
    protocol: TrackerProtocol = module.PROTOCOL
    return protocol


def device_class(name: str) -> type[SimulatedDevice]:
    get(name)
    module = importlib.import_module(f"fleetwire.protocols.{name}")
    cls: type[SimulatedDevice] = module.Device
    return cls


def all_protocols() -> list[TrackerProtocol]:
    return [get(n) for n in NAMES]
