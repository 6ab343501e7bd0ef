"""The reference card printed at the end of a sheet: the conventions a student needs, read from the same tables and
constants the engines use (so the card and the answers cannot disagree)."""

from __future__ import annotations

from advisor import esp
from advisor.explain.erlang import RECURRENCE
from advisor.layer2 import L2_CONVENTIONS
from advisor.numbers import typed  # grouped: '1,544 kbps', as the findings write it
from advisor.packet_spec import CRTP_BYTES, RTP_BYTES, SRTP_SUITES, SRTP_TAG_BYTES, UDP_BYTES
from advisor.tables import load_table

_PUBLISHED_SRST = ("2801", "2811", "2821", "2851", "3825", "3845")


def _packet() -> list[str]:
    ciphers = "; ".join(f"{c.name}: IV {c.iv_bytes} B, block {c.block_bytes} B"
                        + (f", ICV {c.icv_bytes} B (its own)" if c.icv_bytes else "")
                        for c in esp.CIPHERS.values() if c.id != "des")
    icvs = "; ".join(f"{esp.INTEGRITY_NAMES[k]} {v} B" for k, v in esp.INTEGRITY_ICV_BYTES.items()
                     if k in ("sha1-96", "sha256-128", "md5-96", "none"))
    srtp = "; ".join(f"{SRTP_SUITES[k]} {v} B" for k, v in SRTP_TAG_BYTES.items() if k != "none")
    return [
        "payload = packetization / frame duration × frame bytes; packets per second = 1,000 / packetization (ms)",
        f"clear IP packet P = payload + RTP {RTP_BYTES} + UDP {UDP_BYTES} + IPv4 {esp.IPV4_BYTES} B (+ SRTP tag); "
        f"cRTP replaces the {RTP_BYTES + UDP_BYTES + esp.IPV4_BYTES} B of headers by "
        f"{' or '.join(str(b) for b in CRTP_BYTES if b)} B (serial links, no tunnel)",
        f"SRTP tags: {srtp}",
        f"GRE {esp.GRE_BYTES} B (+{esp.GRE_KEY_BYTES} B tunnel key; DMVPN uses the key) with a new IPv4 header "
        f"{esp.IPV4_BYTES} B; NAT traversal +{esp.NAT_T_BYTES} B (UDP 4500) outside ESP",
        f"ESP: new IPv4 header {esp.IPV4_BYTES} B (tunnel mode) + ESP header {esp.ESP_HEADER_BYTES} B + IV + pad(x) "
        "+ ICV; pad(x) = ceil((x + 2) / B) × B, where x is what ESP protects",
        "ESP tunnel mode protects the whole packet (GRE over IPsec: the GRE delivery header, GRE and P); transport "
        "mode leaves the first IP header outside (GRE over IPsec transport: x = GRE + P); GET VPN: tunnel mode "
        "with the original addresses copied into the new header",
        f"ciphers: {ciphers}",
        f"integrity (ICV): {icvs}",
        "layer 2 per packet: " + "; ".join(c.description for k, c in L2_CONVENTIONS.items()
                                           if k not in ("none", "custom")),
        "kbps per call per direction = frame bytes × 8 × packets per second / 1,000",
    ]


def _traffic() -> list[str]:
    sig = load_table("signalling")
    return [
        "busy-hour traffic (Erlangs) = users × calls per user per hour × holding time (s) / 3,600",
        "on-net traffic of a site spreads over the other sites in proportion to their users; a link to the "
        "cloud carries its site's calls out and in, plus PSTN calls hauled over the WAN; behind a hub-and-spoke "
        "VPN (GRE over IPsec hub-and-spoke, DMVPN phase 1, crypto-map IPsec, static VTI) the hub's link also "
        "carries every spoke-to-spoke call twice, in and out",
        f"{RECURRENCE}; trunks: the fewest n with B(A, n) ≤ the grade of service",
        "concurrent calls on a link: the Erlang B trunks, but never more than the phones on the link's smaller "
        "side (every call on it has one end on each side, and a phone holds one call at a time)",
        f"signalling per phone: SCCP ({typed(sig.value('sccp_fixed_bps'))} + "
        f"{typed(sig.value('sccp_per_bhca_bps'))} × calls per phone per hour) bps; SIP "
        f"({typed(sig.value('sip_fixed_bps'))} + {typed(sig.value('sip_per_bhca_bps'))} × calls per phone per hour) "
        "bps",
        "link bandwidth per direction = concurrent calls × kbps per call + signalling; voice should stay within "
        "the priority-queue share of the link",
    ]


def _deployment() -> list[str]:
    srst = load_table("srst_platforms")
    rtt = load_table("cow_rtt")
    cow = load_table("cow_bandwidth")
    limits = load_table("cluster_limits")
    caps = ", ".join(f"{k}: {typed(srst.value(k))}" for k in _PUBLISHED_SRST if k in srst.entries)
    return [
        "models: single site; multisite with centralized call processing (one cluster serves remote sites); "
        "distributed (a cluster per site, joined by trunks); clustering over the WAN (one cluster's servers at "
        "several sites)",
        f"Unified SRST capacity (phones): {caps}",
        "centralized: every remote site with phones needs survivability (SRST) sized for its phones, and a local "
        "PSTN gateway for fallback and AAR",
        f"clustering over the WAN: round-trip time ≤ {typed(rtt.value('6.1'))} ms between servers (CUCM 6.1 and "
        f"later); at least {typed(cow.value('iccs_min_kbps'))} kbps for intra-cluster signalling plus "
        f"{typed(cow.value('db_kbps_per_remote_server'))} kbps per remote server; at most "
        f"{typed(limits.value('max_subscribers'))} call-processing subscribers per cluster",
    ]


def reference(topics: set[str]) -> list[tuple[str, list[str]]]:
    """(heading, lines) blocks for the topics on the sheet."""
    out = []
    if topics & {"packet", "link", "vpn", "flaws"}:
        out.append(("Per-call packet and bandwidth", _packet()))
    if topics & {"erlang", "link"}:
        out.append(("Traffic and Erlang B", _traffic()))
    if topics & {"deployment", "flaws"}:
        out.append(("Deployment models", _deployment()))
    return out
