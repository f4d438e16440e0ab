"""Registration (0x0100) and authentication (0x0102) bodies: who the terminal says it is."""

from __future__ import annotations

from fleetwire.model import Attributes, Record
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from .blocks import status_record, text
from .framing import Envelope


def register(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0100: province(2) city(2) maker, model, terminal id, plate colour(1), plate (GBK).
    Field sizes: 5/8/7 (2011), 5/20/7 (2013), 11/30/30 (2019); 2011 and 2013 differ only in
    length, and a 2013 body is at least 37 bytes before the plate."""
    r = Reader(env.data, env.start, env.end)
    if env.version is not None:
        sizes = (11, 30, 30)
    elif r.remaining >= 37:
        sizes = (5, 20, 7)
    else:
        sizes = (5, 8, 7)
    r.skip(4)  # province and city codes
    attrs: Attributes = {}
    for key, size in zip(("manufacturer", "model", "terminalId"), sizes, strict=True):
        value = text(r.bytes(size))
        if value:
            attrs[key] = value
    attrs["plateColor"] = r.u8()
    plate = text(r.bytes(r.remaining), "gbk")
    if plate:
        attrs["plate"] = plate
    return status_record(ctx, attrs)


def auth(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0102: the auth code alone before 2019 (nothing to keep); 2019 adds the IMEI and the
    software version after a length-prefixed code."""
    if env.version is None:
        return []
    r = Reader(env.data, env.start, env.end)
    r.skip(r.u8())
    attrs: Attributes = {}
    imei = text(r.bytes(15))
    if imei:
        attrs["imei"] = imei
    version = text(r.bytes(20))
    if version:
        attrs["versionFw"] = version
    return status_record(ctx, attrs)
