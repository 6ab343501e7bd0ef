"""The catalogue of security controls (stable ids), each with its threat and seed sentence, and the design-wide
checklist items (routing, isolation, encryption, site-to-site IPsec, availability)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import chain, compress, repeat
from operator import and_, attrgetter, eq, lt

from advisor.model import Design
from advisor.results import ChecklistItem
from advisor.rules import seed
from advisor.rules._wan import site_columns

EAVESDROPPING = "eavesdropping"
MALICIOUS = "malicious content"
RESOURCES = "network resources and availability"
ENCRYPTING = ("ipsec", "vti", "flexvpn", "gre-ipsec", "dmvpn", "getvpn")


@dataclass(frozen=True)
class Control:
    id: str
    title: str
    threat: str
    field: str  # the SecurityControls field that records it ("" for design-wide items)
    sentence: str

    @cached_property
    def rationale(self) -> str:  # kept on the control once built: the checklist repeats it per site
        return seed.cite(self.sentence)


LAN = (
    Control("LAN-VOICE-VLAN", "voice VLAN", EAVESDROPPING, "voice_vlan", seed.LAN_VOICE_VLAN),
    Control("LAN-PORT-SECURITY", "port security", EAVESDROPPING, "port_security", seed.LAN_FEATURES),
    Control("LAN-DHCP-SNOOPING", "DHCP snooping", EAVESDROPPING, "dhcp_snooping", seed.LAN_FEATURES),
    Control("LAN-DAI", "dynamic ARP inspection", EAVESDROPPING, "dynamic_arp_inspection", seed.LAN_ARP),
    Control("LAN-IPSG", "IP Source Guard", EAVESDROPPING, "ip_source_guard", seed.LAN_FEATURES),
)
FIREWALL = (
    Control("FW-ACCESS", "firewall access control", RESOURCES, "firewall", seed.FW_ACCESS),
    Control("FW-INSPECT", "SIP/SCCP/RTP application inspection", MALICIOUS, "application_inspection",
            seed.FW_INSPECT),
    Control("FW-TCP", "TCP security engine (SYN cookies, normalization)", RESOURCES, "tcp_normalization",
            seed.FW_TCP),
    Control("FW-IPS", "intrusion prevention", MALICIOUS, "intrusion_prevention", seed.FW_IPS),
    Control("FW-CONN-LIMITS", "per-client connection limits", RESOURCES, "connection_limits", seed.FW_CONN),
    Control("FW-TLS-PROXY", "TLS proxy", MALICIOUS, "tls_proxy", seed.FW_TLS_PROXY),
)
NFP = (
    Control("NFP-CPPR", "control plane protection (CPPr)", RESOURCES, "control_plane_protection", seed.NFP_CPPR),
    Control("NFP-ROUTING", "routing protocol protection", RESOURCES, "routing_protocol_protection",
            seed.NFP_ROUTING),
    Control("NFP-THRESHOLDS", "CPU and memory threshold notifications", RESOURCES, "cpu_memory_thresholds",
            seed.NFP_THRESHOLDS),
    Control("NFP-MPP", "management plane protection (MPP)", RESOURCES, "management_plane_protection", seed.NFP_MPP),
)
ENDPOINT = (
    Control("EP-SIGNED-LOADS", "signed phone loads", MALICIOUS, "signed_phone_loads", seed.EP_SIGNED),
    Control("EP-PC-PORT", "PC port disabled on public-area phones", RESOURCES, "pc_port_disabled", seed.EP_PC_PORT),
    Control("EP-SETTINGS", "settings access disabled", RESOURCES, "settings_access_disabled", seed.EP_SETTINGS),
    Control("EP-GARP", "gratuitous ARP disabled", EAVESDROPPING, "gratuitous_arp_disabled", seed.EP_GARP),
    Control("EP-PC-VOICE-VLAN", "PC voice VLAN access disabled", EAVESDROPPING, "pc_voice_vlan_access_disabled",
            seed.EP_PC_VOICE_VLAN),
    Control("EP-WEB", "web access disabled", RESOURCES, "web_access_disabled", seed.EP_WEB),
    Control("EP-CTL", "certificate trust list (CTL)", EAVESDROPPING, "certificate_trust_list", seed.EP_CTL),
)
DESIGN_CONTROLS = {
    "RT-AUTH": ("routing protocol authentication on WAN links", EAVESDROPPING, seed.ROUTING_AUTH),
    "ISO-MPLS": ("traffic isolation (MPLS VPN)", EAVESDROPPING, seed.ISOLATION_MPLS),
    "ENC-TLS": ("TLS for signalling", EAVESDROPPING, seed.TLS_SIGNALLING),
    "ENC-SRTP": ("SRTP for media", EAVESDROPPING, seed.SRTP_MEDIA),
    "S2S-IPSEC": ("IPsec between sites", EAVESDROPPING, seed.IPSEC_SITES),
    "AV-CLUSTER": ("CUCM clustering (redundant call processing)", RESOURCES, seed.AV_CLUSTER),
    "AV-SRST": ("SRST at remote sites", RESOURCES, seed.AV_SRST),
}
ALL_CONTROL_IDS = (*DESIGN_CONTROLS, *(c.id for g in (LAN, FIREWALL, NFP, ENDPOINT) for c in g))


def _status(applies: bool, in_place: bool) -> str:
    return "n/a" if not applies else ("in-place" if in_place else "missing")


def design_items(design: Design, technology: str) -> list[ChecklistItem]:
    """Items that belong to the design as a whole (site 'design'); AV-SRST is listed per remote site."""
    items = wide_items(design, technology)
    title, threat, sentence = DESIGN_CONTROLS["AV-SRST"]
    rationale = seed.cite(sentence)  # once, not per site
    for site_id, status in srst_statuses(design):
        items.append(ChecklistItem(control="AV-SRST", title=title, threat=threat, site=site_id, status=status,
                                   rationale=rationale))
    return items


def wide_items(design: Design, technology: str) -> list[ChecklistItem]:
    """The items of site 'design' (`design_items` without the per-site AV-SRST items)."""
    v, p = design.voice, design.vpn
    clouds = {c.id: c.kind for c in design.clouds}
    wan = bool(design.links) and len(design.sites) > 1
    mpls_clouds = {cid for cid, kind in clouds.items() if kind == "mpls"}
    mpls = bool(mpls_clouds) and not mpls_clouds.isdisjoint(chain(map(_A, design.links), map(_B, design.links)))
    nodes_per_cluster: dict[str, int] = {}
    cols = site_columns(design)
    for s, n in compress(zip(design.sites, cols.nodes, strict=True), cols.nodes):
        nodes_per_cluster[s.cluster_id] = nodes_per_cluster.get(s.cluster_id, 0) + n
    statuses = {
        "RT-AUTH": _status(p.dynamic_routing and bool(design.links), all(map(_AUTH, design.links))),
        "ISO-MPLS": _status(mpls, mpls),
        "ENC-TLS": _status(True, v.security_mode != "non-secure"),
        "ENC-SRTP": _status(True, v.srtp != "none"),
        "S2S-IPSEC": _status(wan, technology in ENCRYPTING),
        "AV-CLUSTER": _status(bool(nodes_per_cluster), all(n >= 2 for n in nodes_per_cluster.values())),
    }
    return [ChecklistItem(control=cid, title=DESIGN_CONTROLS[cid][0], threat=DESIGN_CONTROLS[cid][1], site="design",
                          status=status, rationale=seed.cite(DESIGN_CONTROLS[cid][2]))
            for cid, status in statuses.items()]


def srst_statuses(design: Design) -> list[tuple[str, str]]:
    """(site id, status) of the AV-SRST items, listed per remote site (phones, no call processing) of a
    multisite design with call processing."""
    cols = site_columns(design)
    if len(design.sites) < 2 or not any(cols.nodes):  # not a multisite design with call processing
        return []
    status = {True: _status(True, True), False: _status(True, False)}  # survivability in place or missing
    remote = map(and_, map(lt, repeat(0), cols.phones), map(eq, cols.nodes, repeat(0)))
    return [(sid, status[mode != "none"])
            for sid, mode in compress(zip(cols.ids, map(_SURVIVABILITY, design.sites), strict=True), remote)]


_A, _B, _AUTH = attrgetter("a"), attrgetter("b"), attrgetter("routing_auth")
_SURVIVABILITY = attrgetter("survivability")
