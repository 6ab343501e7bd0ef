"""What the app shows for values a design file holds as ids: the palette's names of the kinds ("Data centre", where
the Inspector's list read "datacenter"), the per-call calculator's words for cRTP ("off", where it read "0"), protocols
and features as a network engineer writes them ("SRST", "MGCP fallback", "SCCP"), ciphers and SRTP suites by their
standard names ("AES-CM-128, HMAC-SHA1-80" for "sha1-80"), the last from `advisor.choice_words`, whose words the
analysis' conventions use too. The file keeps the ids."""

from __future__ import annotations

from typing import Any

from advisor.choice_words import CIPHERS, INTEGRITY, SRTP, codec_label  # noqa: F401 - re-exported: the app's names
from advisor.commands import KIND_NAMES
from advisor.rules._names import MODEL_LABELS

SURVIVABILITY = {"none": "none", "srst": "SRST", "e-srst": "E-SRST", "sip-srst": "SIP SRST",
                 "mgcp-fallback": "MGCP fallback"}
CHOICE_LABELS: dict[str, dict[Any, str]] = {  # field name -> value -> label
    "kind": KIND_NAMES,
    "crtp": {0: "off", 2: "2 B (no UDP checksum)", 4: "4 B"},
    "survivability": SURVIVABILITY,
    "signalling": {"sccp": "SCCP", "sip": "SIP"},
    "cipher": CIPHERS,
    "srtp": SRTP,
    "integrity": INTEGRITY,
    "ipsec_mode": {"default": "default (transport for GRE, DMVPN)",
                   "tunnel": "tunnel", "transport": "transport"},
    "gre_topology": {"hub-and-spoke": "hub and spoke", "full-mesh": "full mesh"},
    "deployment_model": MODEL_LABELS,
}


def shown(name: str, value: Any) -> str:
    """`value` of the field `name` as the lists show it."""
    return CHOICE_LABELS.get(name, {}).get(value, str(value))
