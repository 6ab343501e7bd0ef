"""Findings: what every check reports, and the catalogue of codes with their severities.

Codes are a contract (SPEC §3.6): other tools read them. Add codes; never rename one.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

# code -> (default severity, one-line description)
CATALOGUE: dict[str, tuple[Severity, str]] = {
    "VPN-RECOMMENDATION": ("info", "the recommended technology and why"),
    "VPN-ISOLATION-ONLY": ("warning", "voice relies on MPLS isolation with no encryption"),
    "VPN-GETVPN-PUBLIC": ("error", "GET VPN chosen where a link crosses the Internet or a NAT"),
    "VPN-CRYPTOMAP-ROUTING": ("error", "plain IPsec chosen where dynamic routing or multicast is needed"),
    "VPN-HAIRPIN": ("warning", "spoke-to-spoke calls hairpin through a hub"),
    "VPN-MESH-SCALE": ("warning", "GRE over IPsec full mesh with many tunnels to configure"),
    "VPN-KEY-SERVER": ("warning", "GET VPN without a redundant key server"),
    "VPN-LEGACY-CRYPTO": ("warning", "DES/3DES or MD5 chosen"),
    "BW-LINK-OVERLOAD": ("error", "voice + signalling exceed the link's capacity"),
    "BW-LLQ-SHARE": ("error", "voice exceeds the priority-queue share of the link"),
    "BW-MTU": ("warning", "tunnel overhead forces fragmentation"),
    "BW-CRTP-INVALID": ("warning", "cRTP on Ethernet, or inside an encrypted tunnel"),
    "DEP-MODEL": ("info", "the detected deployment model"),
    "DEP-NO-CALL-PROCESSING": ("error", "phones but no call-processing node"),
    "DEP-SRST-MISSING": ("warning", "a remote site with phones and no survivability"),
    "DEP-SRST-CAPACITY": ("error", "the SRST platform supports fewer phones than the site has"),
    "DEP-PSTN-FALLBACK": ("warning", "a remote site with no local PSTN gateway"),
    "DEP-COW-RTT": ("error", "clustering over the WAN with RTT above the limit"),
    "DEP-COW-BANDWIDTH": ("error", "intra-cluster bandwidth below the minimum"),
    "DEP-CLUSTER-SIZE": ("error", "more call-processing subscribers than a cluster allows"),
    "DEP-CAC-TOPOLOGY": ("warning", "locations-based CAC on a topology that is not hub-and-spoke"),
    "DEP-DELAY": ("warning", "one-way delay between calling sites above 150 ms"),
    "DEP-MODEL-MISMATCH": ("warning", "the intended deployment model differs from the detected one"),
    "SEC-SRTP-WITHOUT-TLS": ("error", "SRTP with signalling that is not encrypted"),
    "SEC-MEDIA-CLEAR": ("warning", "voice crosses an untrusted network with neither SRTP nor IPsec"),
    "SEC-LAN-L2": ("warning", "LAN controls missing at a site with phones"),
    "SEC-ROUTING-AUTH": ("warning", "routing protocol authentication missing"),
    "SEC-FIREWALL": ("warning", "call-processing site without firewall protection"),
    "SEC-TLS-PROXY": ("info", "encrypted signalling crosses an inspecting firewall"),
    "SEC-DEVICE-PLANES": ("warning", "routers without control/management plane protection"),
    "SEC-ENDPOINT": ("warning", "endpoint hardening missing"),
}


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    subjects: tuple[str, ...] = ()
    message: str
    rationale: str
    remedy: str
    rule: str = ""  # rule id, e.g. "VPN-R3"
    source: str = ""  # the seed sentence or guide the rule applies


def finding(code: str, subjects: tuple[str, ...] | list[str], message: str, rationale: str, remedy: str,
            *, severity: Severity | None = None, rule: str = "", source: str = "") -> Finding:
    """Build a finding; the severity defaults to the catalogue's."""
    if code not in CATALOGUE:
        raise KeyError(f"unknown finding code {code!r}")
    return Finding(code=code, severity=severity or CATALOGUE[code][0], subjects=tuple(subjects),
                   message=message, rationale=rationale, remedy=remedy, rule=rule, source=source)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.code, f.subjects))
