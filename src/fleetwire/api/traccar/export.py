"""A device's positions as a file, for GET /api/positions/{csv,gpx,kml,kmz}: CSV with the
Position JSON's columns (speed in knots, attributes as JSON text), a GPX 1.1 track, a KML
LineString (coordinates lon,lat,alt as KML orders them), and KMZ (that KML zipped as doc.kml).
Bytes in, bytes out: the route reads and checks, this only writes."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any
from xml.sax.saxutils import escape

import orjson

from fleetwire.api.traccar.convert import iso
from fleetwire.api.traccar.models import position_json
from fleetwire.api.traccar.telemetry import Pos

CSV_COLUMNS = ("id", "deviceId", "protocol", "serverTime", "deviceTime", "fixTime", "valid",
               "latitude", "longitude", "altitude", "speed", "course", "address", "accuracy",
               "attributes")  # fmt: skip
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "gpx": "application/gpx+xml",
    "kml": "application/vnd.google-earth.kml+xml",
    "kmz": "application/vnd.google-earth.kmz",
}


def to_csv(rows: list[Pos], protocol: str | None) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for p in rows:
        j: dict[str, Any] = position_json(p, protocol)
        w.writerow([orjson.dumps(j[c]).decode() if c == "attributes" else j[c]
                    for c in CSV_COLUMNS])  # fmt: skip
    return buf.getvalue().encode()


def to_gpx(rows: list[Pos], name: str) -> bytes:
    points = "".join(
        f'<trkpt lat="{p.latitude}" lon="{p.longitude}"><ele>{p.altitude or 0.0}</ele>'
        f"<time>{(iso(p.fix_ms) or '').replace('+00:00', 'Z')}</time></trkpt>"
        for p in rows
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gpx version="1.1" creator="Fleetwire" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>{escape(name)}</name><trkseg>{points}</trkseg></trk></gpx>"
    ).encode()


def to_kml(rows: list[Pos], name: str) -> bytes:
    coords = " ".join(f"{p.longitude},{p.latitude},{p.altitude or 0.0}" for p in rows)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<name>{escape(name)}</name><Placemark><name>{escape(name)}</name>"
        "<LineString><tessellate>1</tessellate><altitudeMode>absolute</altitudeMode>"
        f"<coordinates>{coords}</coordinates></LineString></Placemark></Document></kml>"
    ).encode()


def to_kmz(rows: list[Pos], name: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("doc.kml", to_kml(rows, name))
    return buf.getvalue()


def render(fmt: str, rows: list[Pos], name: str, protocol: str | None) -> bytes:
    if fmt == "csv":
        return to_csv(rows, protocol)
    return {"gpx": to_gpx, "kml": to_kml, "kmz": to_kmz}[fmt](rows, name)
