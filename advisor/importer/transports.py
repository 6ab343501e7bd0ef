"""The transports a site list names ("MPLS", "DIA", "Broadband", "ADSL", "LTE", "Leased line" …) and what each
one means for the design: which cloud the site's access link joins, its layer 2, and the RTT and NAT assumed when
the sheet gives none.

Layer 2 is what the customer's router sends on its WAN interface: the providers hand MPLS, Internet, broadband,
LTE and metro Ethernet off as Ethernet; ADSL runs over ATM (RFC 2684 LLC/SNAP, as PPPoE over ATM); a leased line
up to E1 speed is a serial line with PPP framing, a faster one an Ethernet private line. The RTTs are planning
figures for one access link (site to the provider's network), to be replaced by measured ones.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SERIAL_MAX_KBPS = 2048.0  # E1: a leased line up to this speed is a serial circuit with PPP framing


@dataclass(frozen=True)
class Transport:
    id: str
    label: str
    cloud: str  # the cloud kind: "mpls", "internet" or "private-wan"
    rtt_ms: float  # assumed when the sheet gives none
    nat: bool = False  # NAT on the path assumed when the sheet does not say
    l2: str = "ethernet"
    phrases: tuple[str, ...] = ()

    def l2_for(self, capacity_kbps: float) -> str:
        if self.id == "leased-line":
            return "ppp" if capacity_kbps <= SERIAL_MAX_KBPS else "ethernet"
        return self.l2


TRANSPORTS: tuple[Transport, ...] = (
    Transport("mpls", "MPLS", "mpls", 30.0, phrases=(
        "mpls", "mpls vpn", "ip vpn", "ipvpn", "l3vpn", "l3 vpn", "mpls l3vpn", "bgp mpls", "vprn")),
    Transport("dia", "Internet (DIA)", "internet", 40.0, phrases=(
        "internet", "dia", "dedicated internet", "dedicated internet access", "direct internet access",
        "internet leased line", "ili", "ip transit", "public internet", "fibre internet", "fiber internet")),
    Transport("broadband", "Broadband", "internet", 40.0, phrases=(
        "broadband", "business broadband", "fibre broadband", "fiber broadband", "vdsl", "vdsl2", "fttc", "fttp",
        "ftth", "fttx", "fttb", "cable", "docsis", "gpon", "efm")),
    Transport("adsl", "ADSL", "internet", 40.0, l2="atm", phrases=(
        "adsl", "adsl2", "adsl2+", "adsl 2+", "dsl", "sdsl", "shdsl")),
    Transport("cellular", "LTE / 5G", "internet", 60.0, nat=True, phrases=(
        "lte", "4g", "5g", "3g", "4g lte", "lte 4g", "cellular", "mobile", "mobile broadband", "wireless wan",
        "wwan", "umts")),
    Transport("satellite", "Satellite", "internet", 600.0, phrases=("satellite", "vsat", "geo satellite")),
    Transport("leased-line", "Leased line", "private-wan", 20.0, l2="ppp", phrases=(
        "leased line", "leased", "leased circuit", "private line", "private circuit", "point to point", "p2p",
        "ptp", "e1", "t1", "ds1", "e3", "t3", "ds3", "serial", "tdm", "sdh", "pdh")),
    Transport("metro-ethernet", "Metro Ethernet", "private-wan", 20.0, phrases=(
        "metro ethernet", "metro e", "metroe", "carrier ethernet", "epl", "evpl", "e line", "eline", "e lan", "elan",
        "vpls", "l2vpn", "l2 vpn", "ethernet private line", "private wan", "dark fibre", "dark fiber", "wavelength",
        "dwdm", "ethernet wan")),
)
BY_ID: dict[str, Transport] = {t.id: t for t in TRANSPORTS}
CLOUD_NAMES = {"mpls": "MPLS", "internet": "Internet", "private-wan": "Private WAN"}

# Circuit names that state a speed too (kbps): "E1" is a 2,048 kbps leased line.
CIRCUIT_KBPS = {"e1": 2048.0, "t1": 1544.0, "ds1": 1544.0, "e3": 34368.0, "t3": 44736.0, "ds3": 44736.0}


def _words(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = text.replace("+", "+ ")
    return " " + " ".join(re.findall(r"[a-z0-9+]+", text)) + " "


# Longest phrases first, so "mobile broadband" is cellular and "internet leased line" is DIA.
_PHRASES = sorted(((" " + _words(p).strip() + " ", t) for t in TRANSPORTS for p in t.phrases),
                  key=lambda pt: -len(pt[0]))


def find_transports(text: str) -> list[Transport]:
    """The transports `text` names, in the order it names them (each once): 'MPLS + LTE backup' -> [MPLS, LTE]."""
    words = _words(text)
    found: list[tuple[int, Transport]] = []
    taken = [False] * len(words)
    for phrase, transport in _PHRASES:
        start = words.find(phrase)
        while start >= 0:
            span = range(start + 1, start + len(phrase) - 1)
            if not any(taken[i] for i in span):
                for i in span:
                    taken[i] = True
                found.append((start, transport))
            start = words.find(phrase, start + 1)
    seen: list[Transport] = []
    for _pos, transport in sorted(found, key=lambda pt: pt[0]):
        if transport not in seen:
            seen.append(transport)
    return seen
