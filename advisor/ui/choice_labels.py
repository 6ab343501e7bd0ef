"""What the app shows for values a design file holds as ids: the palette's names of the kinds ("Data centre", where
the Inspector's list read "datacenter"), the per-call calculator's words for cRTP ("off", where it read "0"), protocols
and features as a network engineer writes them ("SRST", "MGCP fallback", "SCCP"), ciphers and SRTP suites by their
standard names ("AES-CM-128, HMAC-SHA1-80" for "sha1-80"). The file keeps the ids."""

from __future__ import annotations

from typing import Any

from advisor.commands import KIND_NAMES
from advisor.esp import INTEGRITY_NAMES
from advisor.rules._names import MODEL_LABELS

SURVIVABILITY = {"none": "none", "srst": "SRST", "e-srst": "E-SRST", "sip-srst": "SIP SRST",
                 "mgcp-fallback": "MGCP fallback"}
CIPHERS = {"aes-cbc": "AES-CBC", "aes-gcm": "AES-GCM", "3des": "3DES (legacy)", "des": "DES (to be avoided)"}
SRTP = {"none": "none (RTP in clear)", "sha1-80": "AES-CM-128, HMAC-SHA1-80", "sha1-32": "AES-CM-128, HMAC-SHA1-32",
        "gcm": "AEAD AES-128-GCM"}
# the ESP integrity algorithms by their RFC names (HMAC-SHA384-192: the ICV is the first 192 bits, RFC 4868)
INTEGRITY = {**INTEGRITY_NAMES, "md5-96": f"{INTEGRITY_NAMES['md5-96']} (to be avoided)"}
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
