"""Layer-2 conventions (SPEC 3.1.2): the bytes each link type adds to one IP packet, with their source.

Published tables disagree (6 or 7 B for MP/FRF.12; 18, 26 or 38 B for Ethernet), so every figure names its convention.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

ATM_CELL_BYTES = 53
ATM_CELL_PAYLOAD_BYTES = 48
ATM_CELL_HEADER_BYTES = ATM_CELL_BYTES - ATM_CELL_PAYLOAD_BYTES
AAL5_TRAILER_BYTES = 8
LLC_SNAP_BYTES = 8

_CISCO_7934 = "Cisco TAC doc 7934 'Voice Over IP - Per Call Bandwidth Consumption'"


@dataclass(frozen=True)
class L2Part:
    name: str
    bytes: int
    before: bool  # True: sent before the IP packet (header); False: after it (trailer)


@dataclass(frozen=True)
class L2Convention:
    id: str
    bytes: int | None  # per packet; None for ATM, where it depends on the packet (cells)
    description: str
    source: str
    parts: tuple[L2Part, ...] = ()
    atm_llc_snap: bool | None = None  # ATM only: RFC 2684 LLC/SNAP (True) or VC multiplexing (False)
    # cRTP is a serial-link feature (PPP, Frame Relay): never on Ethernet, nor on ATM as counted here (it needs PPP
    # over ATM, whose framing these conventions do not count), nor with no layer 2 at all; a custom layer 2 is the
    # user's own link, taken at their word
    crtp_allowed: bool = True
    min_payload_bytes: int = 0  # Ethernet pads shorter packets to its 64-byte minimum frame

    @property
    def is_atm(self) -> bool:
        return self.atm_llc_snap is not None


def _fixed(id_: str, description: str, source: str, *parts: L2Part, crtp: bool = True,
           min_payload: int = 0) -> L2Convention:
    return L2Convention(id_, sum(p.bytes for p in parts), description, source, parts, crtp_allowed=crtp,
                        min_payload_bytes=min_payload)


_ETH = L2Part("Ethernet header", 14, True)
_FCS = L2Part("Ethernet FCS", 4, False)
_FLAG = L2Part("End-of-frame flag", 1, False)

L2_CONVENTIONS: dict[str, L2Convention] = {c.id: c for c in (
    _fixed("ethernet", "Ethernet: 14 header + 4 FCS = 18 B", _CISCO_7934, _ETH, _FCS, crtp=False,
           min_payload=46),
    _fixed("dot1q", "Ethernet 802.1Q: 14 header + 4 802.1Q tag + 4 FCS = 22 B", "IEEE 802.1Q (4-byte tag)",
           _ETH, L2Part("802.1Q tag", 4, True), _FCS, crtp=False, min_payload=42),
    _fixed("ethernet-wire", "Ethernet on the wire: 8 preamble/SFD + 14 header + 4 FCS + 12 inter-frame gap = 38 B "
           "(what the wire carries)", "IEEE 802.3 (preamble, SFD, minimum inter-frame gap of 96 bit times)",
           L2Part("Preamble + SFD", 8, True), _ETH, _FCS, L2Part("Inter-frame gap", 12, False), crtp=False,
           min_payload=46),
    _fixed("ppp", "PPP: 6 header + 1 end-of-frame flag = 7 B (Cisco per-call convention)", _CISCO_7934,
           L2Part("PPP header", 6, True), _FLAG),
    _fixed("mlppp", "Multilink PPP: 6 MP header + 1 end-of-frame flag = 7 B (Cisco per-call convention)", _CISCO_7934,
           L2Part("Multilink PPP header", 6, True), _FLAG),
    _fixed("frf12", "Frame Relay FRF.12: 6 Frame Relay/FRF.12 header + 1 end-of-frame flag = 7 B (Cisco per-call convention)",
           _CISCO_7934, L2Part("Frame Relay + FRF.12 header", 6, True), _FLAG),
    _fixed("frame-relay", "Frame Relay: 6 header + 1 end-of-frame flag = 7 B (Cisco per-call convention; "
           "use a custom byte count for another)", _CISCO_7934, L2Part("Frame Relay header", 6, True), _FLAG),
    L2Convention("atm", None, "ATM LLC/SNAP: AAL5 with RFC 2684 LLC/SNAP, ceil((packet + 8 LLC/SNAP + 8 AAL5 trailer) / 48) "
                 "cells × 53 B", "ITU-T I.363.5 (AAL5), RFC 2684 (LLC/SNAP)", atm_llc_snap=True,
                 crtp_allowed=False),
    L2Convention("atm-vcmux", None, "ATM VC-mux: AAL5 with VC multiplexing, ceil((packet + 8 AAL5 trailer) / 48) "
                 "cells × 53 B", "ITU-T I.363.5 (AAL5), RFC 2684 (VC multiplexing)", atm_llc_snap=False,
                 crtp_allowed=False),
    L2Convention("none", 0, "No layer 2: IP level only (0 B)", "no layer 2 counted", crtp_allowed=False),
    L2Convention("custom", None, "Custom: the byte count the user typed", "user input"),
)}

# Each convention as the app's lists show it (the Inspector's layer 2, the per-call calculator's)
L2_LABELS = {"ethernet": "Ethernet (18 B)", "dot1q": "Ethernet 802.1Q (22 B)",
             "ethernet-wire": "Ethernet on the wire (38 B)", "ppp": "PPP (7 B)", "mlppp": "Multilink PPP (7 B)",
             "frf12": "Frame Relay FRF.12 (7 B)", "frame-relay": "Frame Relay (7 B)", "atm": "ATM LLC/SNAP (cells)",
             "atm-vcmux": "ATM VC-mux (cells)", "none": "None (IP only)", "custom": "Custom (bytes below)"}


@dataclass(frozen=True)
class L2Frame:
    """Layer 2 around one IP packet: header parts, trailer parts, total bytes and the convention text."""

    before: tuple[L2Part, ...]
    after: tuple[L2Part, ...]
    bytes: int
    convention: str
    cells: int | None = None


def frame(convention: L2Convention, ip_packet_bytes: int, custom_bytes: int | None = None) -> L2Frame:
    """Wrap an IP packet of `ip_packet_bytes` in this layer 2; `custom_bytes` is the count for 'custom'."""
    if convention.is_atm:
        return _atm_frame(convention, ip_packet_bytes)
    if convention.id == "custom":
        count = custom_bytes or 0
        part = L2Part("Layer 2 (custom count)", count, True)
        return L2Frame((part,) if count else (), (), count, f"Custom: {count} B per packet (user-entered)")
    before = tuple(p for p in convention.parts if p.before)
    after = tuple(p for p in convention.parts if not p.before)
    fill = max(0, convention.min_payload_bytes - ip_packet_bytes)
    if fill:  # only tiny packets (e.g. G.728 at 2.5 ms): IEEE 802.3 pads the frame to 64 bytes
        after = (L2Part("Ethernet padding", fill, False), *after)
    text = convention.description + (f" + {fill} B padding to the 64-byte minimum frame" if fill else "")
    return L2Frame(before, after, (convention.bytes or 0) + fill, text)


def _atm_frame(convention: L2Convention, ip_packet_bytes: int) -> L2Frame:
    llc = LLC_SNAP_BYTES if convention.atm_llc_snap else 0
    cells = math.ceil((ip_packet_bytes + llc + AAL5_TRAILER_BYTES) / ATM_CELL_PAYLOAD_BYTES)
    pad = cells * ATM_CELL_PAYLOAD_BYTES - (ip_packet_bytes + llc + AAL5_TRAILER_BYTES)
    before = (L2Part("ATM cell headers", cells * ATM_CELL_HEADER_BYTES, True),)
    if llc:
        before += (L2Part("LLC/SNAP header", llc, True),)
    after = (L2Part("AAL5 padding", pad, False), L2Part("AAL5 trailer", AAL5_TRAILER_BYTES, False))
    total = cells * ATM_CELL_BYTES
    text = (f"{convention.id}: ceil(({ip_packet_bytes} + {llc} + {AAL5_TRAILER_BYTES}) / 48) = {cells} cells × 53 B "
            f"= {total} B ({'LLC/SNAP' if llc else 'VC multiplexing'}, AAL5)")
    return L2Frame(before, after, total - ip_packet_bytes, text, cells)
