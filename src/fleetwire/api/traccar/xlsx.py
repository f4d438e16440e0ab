"""Report rows as an xlsx workbook (openpyxl, write-only): one sheet, a header row of the
rows' keys, nested values (attributes, geofence ids) as JSON text."""

from __future__ import annotations

import io
from typing import Any

import orjson
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(v: Any) -> Any:
    if isinstance(v, dict | list):
        return orjson.dumps(v).decode()
    return v


def workbook(title: str, rows: list[dict[str, Any]]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31] or "report")
    keys: list[str] = []
    for row in rows:
        keys += [k for k in row if k not in keys]
    ws.append(keys)
    for row in rows:
        ws.append([_cell(row.get(k)) for k in keys])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
