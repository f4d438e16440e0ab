"""BOX numbers and names: message letters, the line end, log fields, event codes and the size
cap. Knows nothing about parsing.

Sources: "BOX tracker Communication Protocol v1.5" (BOX Telematics, 2009), as far as public
copies can be read (manualshive.com, manualslib.com: the header command and its security
token, the example session, SPEEDALM and JDISTALM in km/h and km, PANIC_BTN event 5, SPEEDALM
event 22, IDLEALMT event 32, ODOMETER_TRIP); the log fields after the event code and the
end-of-upload acknowledgement come from the public captures of traccar/traccar
src/test/java/org/traccar/protocol/BoxProtocolDecoderTest.java (data only).
"""

from __future__ import annotations

from typing import Final

STARTS: Final = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ENDS: Final = b"\r\n"
MAX_FRAME_SIZE: Final = 1024

HEADER: Final = "H"  # H,<type>,<serial>,<YYMMDDHHmmss>,<token>,<firmware>[,<SIM>]
LOG: Final = "L"  # L,<YYMMDDHHmmss>,G,<lat>,<lon>,<speed>,<heading>,<distance>,<event>,<status>
END: Final = "E"  # E,<n>: the end of an upload, acknowledged A,<n>
ACK: Final = "A,{}\r"
GPS: Final = "G"  # the log entry holds a GPS fix

# event codes -> attributes.md alarms
EVENT_ALARMS: Final[dict[int, str]] = {5: "sos", 22: "overspeed", 32: "idle"}

# extra items after ';' in a log line: key -> (attribute, scale)
EXTRAS: Final[dict[str, str]] = {
    "A": "acceleration",  # peak acceleration
    "D": "deceleration",  # peak deceleration
    "I": "input",  # digital inputs
    "T0": "temp1",
    "T1": "temp2",
}
