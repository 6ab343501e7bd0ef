"""The words for values a design file holds as ids, shared by the app's lists, the analysis' conventions and the PDF:
ciphers, ESP integrity and SRTP suites by their standard names ("AES-CM-128, HMAC-SHA1-80" for "sha1-80"), a codec as
"G.729 (8 kbps)", a layer 2 as "Ethernet", a kind as "Data centre", survivability as "SRST". The file keeps the ids.
"""

from __future__ import annotations

from typing import Any

from advisor.command_ids import KIND_NAMES
from advisor.esp import INTEGRITY_NAMES
from advisor.layer2 import L2_LABELS
from advisor.rules._names import MODEL_LABELS, TECH_LABELS

CIPHERS = {"aes-cbc": "AES-CBC", "aes-gcm": "AES-GCM", "3des": "3DES (legacy)", "des": "DES (to be avoided)"}
SRTP = {"none": "none (RTP in clear)", "sha1-80": "AES-CM-128, HMAC-SHA1-80", "sha1-32": "AES-CM-128, HMAC-SHA1-32",
        "gcm": "AEAD AES-128-GCM"}
# the ESP integrity algorithms by their RFC names (HMAC-SHA384-192: the ICV is the first 192 bits, RFC 4868)
INTEGRITY = {**INTEGRITY_NAMES, "md5-96": f"{INTEGRITY_NAMES['md5-96']} (to be avoided)"}
# Each layer 2 by name alone, as its list entry reads without the bytes in brackets: "Ethernet (18 B)" -> "Ethernet",
# "ATM LLC/SNAP (cells)" -> "ATM LLC/SNAP"; none as "No layer 2" ("None: IP level only" read as a missing value)
L2_NAMES = {**{l2: label.rsplit(" (", 1)[0] for l2, label in L2_LABELS.items()}, "none": "No layer 2"}
# protocols and features as a network engineer writes them
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

# The design's VPN technology setting as the Inspector's list offers it ('GET VPN', 'Let the advisor choose')
TECHNOLOGIES = {"recommend": "Let the advisor choose", **{t: text[0].upper() + text[1:] for t, text in
                                                          TECH_LABELS.items()}}


def shown(name: str, value: Any) -> str:
    """`value` of the field `name` as the app's lists show it; a value no list names, as it is."""
    return CHOICE_LABELS.get(name, {}).get(value, str(value))


def codec_label(codec) -> str:
    """'G.729 (8 kbps)': the catalogue's name and its bit rate, unless the name already says it."""
    if codec.variable_rate:
        return f"{codec.name} (variable rate)"
    if "kbps" in codec.name:
        return codec.name
    return f"{codec.name} ({codec.rate_kbps:g} kbps)"

