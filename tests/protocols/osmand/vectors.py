"""Real OsmAnd / Traccar Client requests used as test data, each with its source.

TRACCAR_QUERY / TRACCAR_JSON: the request targets and JSON bodies of traccar/traccar
src/test/java/org/traccar/protocol/OsmAndProtocolDecoderTest.java (testDecodeQuery /
testDecodeJson; used as data only). That test hands the decoder parsed requests, so the
request line and headers around them are ours (a plain HTTP/1.1 request with a Host header, the
way OkHttp and OsmAnd send one). DOCS: the JSON document example on https://www.traccar.org/osmand/
(mirrored at gpstracking.com.tr/?p=6032), with its // comments removed.
"""

from __future__ import annotations

from fleetwire.protocols.osmand.framing import build_request


def get(target: str) -> bytes:
    return build_request(target)


def post_json(body: str, target: str = "/") -> bytes:
    return build_request(target, body.encode("utf-8"), "application/json")


def post_form(body: str, target: str = "/") -> bytes:
    return build_request(target, body.encode("ascii"), "application/x-www-form-urlencoded")


# TRACCAR_QUERY captures (request targets)
ISO_Z = get(
    "/?id=902064&lat=42.06288&lon=-88.23412&timestamp=2016-01-27T18%3A55%3A47Z"
    "&hdop=6.0&altitude=224.0&speed=0.0"
)
MILLIS = get(
    "/?id=902064&lat=42.06288&lon=-88.23412&timestamp=1442068686579&hdop=6.0&altitude=224.0"
    "&speed=0.0"
)
SPACE_TIME = get(
    "/?lat=49.60688&lon=6.15788&timestamp=2014-06-04+09%3A10%3A11&altitude=384.7&speed=0.0"
    "&id=353861053849681"
)
FULL = get(
    "/?id=123456&timestamp=1377177267&lat=60.0&lon=30.0&speed=0.0&bearing=0.0&altitude=0&hdop=0.0"
)
MINIMAL = get("/?id=123456&timestamp=1377177267&lat=60.0&lon=30.0")
DEVICEID = get("/?lat=60.0&lon=30.0&speed=0.0&heading=0.0&vacc=0&hacc=0&altitude=0&deviceid=123456")
BATT = get(
    "/?id=861001000719969&lat=41.666667&lon=-0.883333&altitude=350.059479&speed=0.000000&batt=87"
)
LOCATION = get("/?id=123456&timestamp=1377177267&location=60.0,30.0")
OBD = get(
    "/?id=123456789012345&timestamp=1504763810&lat=40.7232948571&lon=-74.0061408571"
    "&bearing=7.19889788244&speed=40&ignition=true&rpm=933&fuel=24"
)
# Traccar decodes these two to nothing / to a position without a fix of its own; we refuse them
NO_ID = get("/?timestamp=1377177267&lat=60.0&lon=30.0")
CELLS_ONLY = get(
    "/?id=123456&timestamp=1377177267&cell=257,02,16,2224&cell=257,02,16,2223,-90"
    "&wifi=00-14-22-01-23-45,-80&wifi=00-1C-B3-09-85-15,-70"
)

# TRACCAR_JSON captures (bodies of POST / with Content-Type: application/json)
JSON_STILL = post_json(
    '{"location":{"timestamp":"2025-06-15T13:45:12.862Z","coords":{"latitude":37.4219983,'
    '"longitude":-122.084,"accuracy":5,"speed":0,"heading":-1,"altitude":5},"is_moving":false,'
    '"odometer":0,"event":"motionchange","battery":{"level":1,"is_charging":false},'
    '"activity":{"type":"still"},"extras":{},"_":"&id=48241179&lat=37.4219983&lon=-122.084'
    '&timestamp=2025-06-15T13:45:12.862Z&"},"device_id":"48241179"}'
)
JSON_EXTRAS = post_json(
    '{"location":{"timestamp":"2025-06-15T13:45:12.862Z","coords":{"latitude":37.4219983,'
    '"longitude":-122.084,"accuracy":5,"speed":0,"heading":-1,"altitude":5},"is_moving":false,'
    '"odometer":0,"event":"motionchange","battery":{"level":1,"is_charging":false},'
    '"activity":{"type":"still"},"extras":{"device_string_test":"long_device_id",'
    '"device_bool_test":true,"device_bool_false_test":false,"device_integer_test":1,'
    '"device_double_test":1.345,"device_very_long_double_test":1763636.3442},'
    '"_":"&id=48241179&lat=37.4219983&lon=-122.084&timestamp=2025-06-15T13:45:12.862Z&"},'
    '"device_id":"48241179"}'
)
JSON_IOS_MOCK = post_json(
    '{"location":{"extras":{},"mock":true,"coords":{"speed_accuracy":-1,"speed":-1,'
    '"longitude":-122.406417,"ellipsoidal_altitude":0,"floor":null,"heading_accuracy":-1,'
    '"latitude":37.785834000000001,"accuracy":5,"altitude_accuracy":-1,"altitude":0,'
    '"heading":-1},"is_moving":false,"age":188,"odometer":0,'
    '"uuid":"2FB04C65-99CF-42AB-8DD3-EBCB4B108BF8","event":"motionchange",'
    '"battery":{"level":-1,"is_charging":false},"activity":{"type":"unknown","confidence":100},'
    '"timestamp":"2025-05-09T04:11:30.579Z"},"device_id":"658765"}'
)
JSON_MOVING = post_json(
    '{"location":{"event":"motionchange","is_moving":false,'
    '"uuid":"0e9a2473-a9a7-4c00-997b-fb97d2154e75","timestamp":"2021-07-21T08:06:34.444Z",'
    '"odometer":0,"coords":{"latitude":-6.1148096,"longitude":106.6837015,"accuracy":3.8,'
    '"speed":18.67,"speed_accuracy":0.26,"heading":63,"heading_accuracy":0.28,"altitude":35.7,'
    '"altitude_accuracy":3.8},"activity":{"type":"still","confidence":100},'
    '"battery":{"is_charging":false,"level":0.79},"extras":{}},"device_id":"8737767034"}'
)

# DOCS example
DOCS_JSON = post_json(
    '{"location":{"timestamp":"2000-01-01T00:00:00.000Z","coords":{"latitude":0.0,'
    '"longitude":0.0,"accuracy":0,"speed":0,"heading":0,"altitude":0},"is_moving":false,'
    '"odometer":0,"event":"motionchange","battery":{"level":1,"is_charging":false},'
    '"activity":{"type":"still"},"extras":{}},"device_id":"48241179"}'
)

# The query of TRACCAR_QUERY FULL sent as a form body, and as the query of an empty POST (older
# Traccar Client versions POST with the fields in the URL).
FORM = post_form(
    "id=123456&timestamp=1377177267&lat=60.0&lon=30.0&speed=0.0&bearing=0.0&altitude=0&hdop=0.0"
)
POST_QUERY = (
    b"POST /?id=123456&timestamp=1377177267&lat=60.0&lon=30.0 HTTP/1.1\r\n"
    b"Host: fleetwire\r\nContent-Length: 0\r\n\r\n"
)

VALID = [
    ISO_Z, MILLIS, SPACE_TIME, FULL, MINIMAL, DEVICEID, BATT, LOCATION, OBD,
    JSON_STILL, JSON_EXTRAS, JSON_IOS_MOCK, JSON_MOVING, DOCS_JSON, FORM, POST_QUERY,
]  # fmt: skip
REFUSED = [NO_ID, CELLS_ONLY]
