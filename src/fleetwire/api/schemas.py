"""Response shapes, for the OpenAPI description (bodies are serialised with orjson directly)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class DeviceOut(BaseModel):
    id: int
    uniqueId: str
    name: str | None
    protocol: str | None
    disabled: bool
    created: datetime
    lastUpdate: datetime | None = Field(None, description="fix time of the latest position")


class PositionOut(BaseModel):
    id: int = Field(description="store id; 0 for a latest position")
    deviceId: int
    uniqueId: str
    kind: str = Field(description="position, status or event")
    time: datetime = Field(description="fix time, ISO-8601 UTC")
    serverTime: datetime
    valid: bool
    latitude: float | None
    longitude: float | None
    altitude: float | None = Field(description="metres")
    speed: float | None = Field(description="km/h")
    course: float | None
    satellites: int | None
    attributes: dict[str, Any]
    frame: int = Field(description="sequence number of the raw frame it was decoded from")


class RawFrameOut(BaseModel):
    seq: int
    deviceId: int
    uniqueId: str
    protocol: str
    transport: str
    received: datetime
    connection: int
    peer: str
    hex: str
    context: str | None = None  # hex of what decoding needs from earlier frames (Navtelecom)


class DeadLetterOut(BaseModel):
    frame: int = Field(description="sequence number of the raw frame")
    deviceId: int
    uniqueId: str | None
    protocol: str
    error: str = Field(
        description="why: the decoder's error, or 'InvalidRecord: ...' naming each record of the"
        " frame that failed the sanity check, its field and value (the frame's other records"
        " are stored as positions)"
    )
    at: datetime = Field(description="when the worker found it")


class ErrorOut(BaseModel):
    detail: str
