"""What the app shows for values a design file holds as ids: the palette's names of the kinds ("Data centre", where
the Inspector's list read "datacenter"), the per-call calculator's words for cRTP ("off", where it read "0"), protocols
and features as a network engineer writes them ("SRST", "MGCP fallback", "SCCP"). The file keeps the ids."""

from __future__ import annotations

from typing import Any

from advisor.commands import KIND_NAMES

SURVIVABILITY = {"none": "none", "srst": "SRST", "e-srst": "E-SRST", "sip-srst": "SIP SRST",
                 "mgcp-fallback": "MGCP fallback"}
CHOICE_LABELS: dict[str, dict[Any, str]] = {  # field name -> value -> label
    "kind": KIND_NAMES,
    "crtp": {0: "off", 2: "2 B (no UDP checksum)", 4: "4 B"},
    "survivability": SURVIVABILITY,
    "signalling": {"sccp": "SCCP", "sip": "SIP"},
}


def shown(name: str, value: Any) -> str:
    """`value` of the field `name` as the lists show it."""
    return CHOICE_LABELS.get(name, {}).get(value, str(value))
