"""The design document: sites, WAN clouds, links and the design-wide policies.

Frozen pydantic v2 models. An edit produces a new ``Design``; results are derived, never stored here.
Field titles, units (``json_schema_extra={"unit": ...}``), ranges and descriptions feed the UI inspector.
"""

from __future__ import annotations

import datetime
import re
from operator import and_, eq
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    ValidationInfo,
    field_validator,
    model_validator,
)

from advisor.numbers import setting
from advisor.tables import MAX_KEY_SERVERS, MAX_SUBSCRIBERS

SCHEMA_VERSION = 1

# Limits no real design meets; they keep every later computation finite and every page of the PDF printable
# (docs/design-format.md, "Limits", lists them with their reasons).
MAX_SITES = 20_000
MAX_CLOUDS = 1_000
MAX_LINKS = 50_000
MAX_NAME = 200  # names, customer, author
MAX_SHORT_TEXT = 64  # codec, layer 2, SRST platform, id references
MIN_LLQ_SHARE = 0.01  # 1 % of a link: below it the priority queue sizing divides by almost nothing
MAX_SIGNALLING_BPS = 100_000  # 100 kbps of signalling per phone, about 50 × a busy SIP phone
MIN_CAPACITY_KBPS = 1.0  # 1 kbps: slower than any WAN link ever sold
MAX_CAPACITY_KBPS = 1e9  # 1 Tbps
MAX_SCENARIOS = 100  # options compared side by side
MAX_SRST_CAPACITY = 1_000_000  # phones one SRST router serves; the largest platforms serve a few thousand

# A decimal written as a number: strict, so `true` or "2048" in a file is refused (lax mode reads true as 1 kbps);
# a whole number (24) is still accepted where a decimal is expected. Whole-number fields refuse true and false
# (`Whole`) and read "24" as 24.
Real = Annotated[float, Strict(), AfterValidator(lambda value: value + 0.0)]  # -0.0 read as 0.0 (IEEE: -0 + 0 = 0)
# (a range such as ≥ 0 lets -0.0 through, and every figure it led to printed "-0": "-0 calls/h", "-0.000 E")
# A yes/no setting: JSON's true or false only. Lax reading would also take "yes", "off", "t", 1 and 0, which a file
# written by hand can hold by mistake ("false" typed in quotes is true to some tools): refused with a message instead.
Flag = Annotated[bool, Strict()]


def whole(value):
    """For a whole-number field, before validation: `true` and `false` are refused (lax reading takes true as 1
    user), and so is text other than plain digits ("1_000", " 24 ": lax reading takes them, the command line and
    the import do not); "24" and 24.0 are still read as 24."""
    if value.__class__ is bool:
        raise ValueError(f"must be a whole number, not {str(value).lower()}")
    if isinstance(value, str) and ("_" in value or value != value.strip()) and _LAX.fullmatch(value):
        raise ValueError(f"must be a whole number in plain digits, not {value[:24]!r}")
    return value


_LAX = re.compile(r"\s*[+-]?[0-9][0-9_]*\s*")  # what lax reading would take as a number: the rest gets its message


# Every whole-number field of a design (not the schema version); the optional ones keep `None` inside the
# annotation, where the field's bounds still read as minimum and maximum in the JSON schema
Whole = Annotated[int, BeforeValidator(whole)]
WholeOrNone = Annotated[int | None, BeforeValidator(whole)]


SiteKind = Literal["hq", "branch", "datacenter"]
CloudKind = Literal["mpls", "internet", "private-wan"]
Technology = Literal["recommend", "none", "mpls-isolation", "ipsec", "vti", "flexvpn", "gre-ipsec", "dmvpn", "getvpn"]
DeploymentModel = Literal["auto", "single-site", "centralized", "distributed", "clustering-over-wan"]
Survivability = Literal["none", "srst", "e-srst", "sip-srst", "mgcp-fallback"]


def _unit(unit: str) -> dict:
    return {"unit": unit}


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True, allow_inf_nan=False)


class VoicePolicy(Frozen):
    codec: str = Field("g711", max_length=MAX_SHORT_TEXT, title="Codec", description="Voice codec id or alias (G.711, G.729, ilbc-20, ilbc-30 …)")
    ptime_ms: Real | None = Field(
        None, title="Packetization", gt=0, le=200, json_schema_extra=_unit("ms"),
        description="Voice per packet; empty = the codec's default. Must be a whole number of frames.")
    srtp: Literal["none", "sha1-80", "sha1-32", "gcm"] = Field(
        "none", title="SRTP", description="SRTP crypto suite for media (adds its authentication tag)")
    signalling: Literal["sccp", "sip"] = Field("sccp", title="Signalling protocol")
    security_mode: Literal["non-secure", "authenticated", "encrypted"] = Field(
        "non-secure", title="Device security mode",
        description="CUCM device security mode: authenticated = TLS signalling; encrypted = TLS + SRTP")
    crtp: Literal[0, 2, 4] = Field(
        0, title="cRTP", json_schema_extra=_unit("B"),
        description="Compressed RTP header size on serial links (0 = off). Not on Ethernet, not inside IPsec.")

    @field_validator("codec")
    @classmethod
    def _known_codec(cls, value: str) -> str:
        from advisor.codecs import resolve  # local: keeps the model importable while codecs load lazily

        return resolve(value).id

    @field_validator("ptime_ms")
    @classmethod
    def _whole_frames(cls, value: float | None, info: ValidationInfo) -> float | None:
        codec = info.data.get("codec")  # validated first (field order); absent if the codec was refused
        if value is not None and codec is not None:
            from advisor.codecs import frames_per_packet, resolve

            frames_per_packet(resolve(codec), value)  # a CodecError (ValueError) names the frame size
        return value


class VpnPolicy(Frozen):
    technology: Technology = Field(
        "recommend", title="VPN technology",
        description="'recommend' lets the advisor choose; any other value is checked against the design")
    ipsec_mode: Literal["default", "tunnel", "transport"] = Field(
        "default", title="IPsec mode",
        description="default = transport for GRE over IPsec and DMVPN (the GRE header already carries the "
                    "addresses), tunnel otherwise; VTI, FlexVPN and GET VPN are always tunnel mode")
    cipher: Literal["aes-cbc", "aes-gcm", "3des", "des"] = Field(
        "aes-cbc", title="ESP cipher",
        description="AES-GCM is Cisco's Next-Generation Encryption choice (RFC 4106: 8 B IV, 16 B ICV, no separate "
                    "integrity); DES is to be avoided and 3DES is legacy")
    integrity: Literal["sha1-96", "md5-96", "sha256-128", "sha384", "sha512", "none"] = Field(
        "sha1-96", title="ESP integrity")
    gre_key: Flag | None = Field(None, title="GRE tunnel key", description="empty = on for DMVPN, off for GRE")
    gre_topology: Literal["hub-and-spoke", "full-mesh"] = Field("hub-and-spoke", title="GRE over IPsec topology")
    dmvpn_phase: Annotated[Literal[1, 2, 3], BeforeValidator(whole)] = Field(3, title="DMVPN phase", description="1 = hub-and-spoke only")
    hub_site: str | None = Field(None, max_length=MAX_SHORT_TEXT, title="Hub site id", description="empty = the HQ with call processing")
    getvpn_key_servers: Whole = Field(2, ge=0, le=MAX_KEY_SERVERS, title="GET VPN key servers")
    getvpn_metadata_bytes: Whole = Field(
        0, ge=0, le=64, title="GET VPN metadata", json_schema_extra=_unit("B"),
        description="Extra bytes per packet, e.g. for time-based anti-replay")
    dynamic_routing: Flag = Field(True, title="Dynamic routing needed")
    multicast: Flag = Field(False, title="Multicast needed (music on hold, paging)")
    privacy_required: Flag = Field(True, title="Privacy required", description="Voice must be encrypted")


class DelayPolicy(Frozen):
    """The mouth-to-ear delay budget for calls between sites."""

    target_ms: Real = Field(
        150.0, gt=0, le=1000, title="Mouth-to-ear target", json_schema_extra=_unit("ms"),
        description="One-way mouth-to-ear budget: 150 ms is ITU-T G.114's figure for most applications; Cisco's "
                    "'Understanding Delay in Packet Voice Networks' plans with 200 ms (250 ms as a limit)")
    jitter_buffer_ms: Real = Field(
        60.0, ge=0, le=500, title="Jitter buffer", json_schema_extra=_unit("ms"),
        description="De-jitter buffer delay budgeted: Cisco budgets 1.5 × a 40 ms nominal initial play-out delay")


class ClusterPolicy(Frozen):
    """How the CUCM clusters are built: checked against the cluster limits table."""

    redundancy: Literal["1:1", "2:1"] = Field(
        "1:1", title="Call-processing redundancy",
        description="1:1 = a backup subscriber for every primary; 2:1 = one backup for every two primaries")
    megacluster: Flag = Field(False, title="Megacluster",
                              description="A Cisco-approved megacluster (8 primary + 8 standby call-processing nodes)")


class TrafficPolicy(Frozen):
    calls_per_user: Real = Field(
        2.0, ge=0, le=100, title="Busy-hour calls per user", json_schema_extra=_unit("calls/h"),
        description="Calls each user places in the busy hour (originated)")
    holding_time_s: Real = Field(180.0, gt=0, le=36000, title="Mean holding time", json_schema_extra=_unit("s"))
    intra_site_share: Real = Field(0.5, ge=0, le=1, title="Intra-site share",
                                   description="Share of the calls that stay within the site; the intra-site, "
                                               "on-net and PSTN shares add up to 1")
    on_net_share: Real = Field(0.3, ge=0, le=1, title="On-net share (to other sites)",
                               description="Share of the calls to phones at other sites; the three shares add up to 1")
    pstn_share: Real = Field(0.2, ge=0, le=1, title="PSTN share",
                             description="Share of the calls to and from the PSTN; the three shares add up to 1")
    gos: Real = Field(0.01, gt=0, lt=1, title="Grade of service", description="Blocking probability, 0.01 = P.01")
    llq_share: Real = Field(0.33, ge=MIN_LLQ_SHARE, le=1, title="Priority-queue share", description="Max voice share of a link")
    signalling_bps_per_phone: Real | None = Field(
        None, ge=0, le=MAX_SIGNALLING_BPS, title="Signalling per phone", json_schema_extra=_unit("bps"),
        description="Empty = SCCP formula 53 + 21 × calls per hour")
    central_pstn_site: str | None = Field(
        None, max_length=MAX_SHORT_TEXT, title="Central PSTN site id", description="Empty = each site uses its own gateway")

    @model_validator(mode="after")
    def _shares_sum_to_one(self) -> TrafficPolicy:
        total = self.intra_site_share + self.on_net_share + self.pstn_share
        if abs(total - 1.0) > 1e-6:
            # seven digits: never '1' for a sum off by more than the tolerance, never '1e-09'
            raise ValueError(f"intra-site + on-net + PSTN shares must add up to 1 (they add up to "
                             f"{setting(total, 7)})")
        return self


class SiteTraffic(Frozen):
    """Per-site overrides of the design's traffic defaults; empty fields inherit."""

    # titled as the design's defaults they override (TrafficPolicy): the Inspector shows these titles
    calls_per_user: Real | None = Field(None, ge=0, le=100, title="Busy-hour calls per user",
                                        json_schema_extra=_unit("calls/h"))
    holding_time_s: Real | None = Field(None, gt=0, le=36000, title="Mean holding time", json_schema_extra=_unit("s"))
    intra_site_share: Real | None = Field(None, ge=0, le=1, title="Intra-site share")
    on_net_share: Real | None = Field(None, ge=0, le=1, title="On-net share (to other sites)")
    pstn_share: Real | None = Field(None, ge=0, le=1, title="PSTN share")


class SecurityControls(Frozen):
    """Controls in place at a site (seed: LAN, firewall, network-device planes, endpoints)."""

    voice_vlan: Flag = Field(False, title="Voice VLAN")
    port_security: Flag = Field(False, title="Port security")
    dhcp_snooping: Flag = Field(False, title="DHCP snooping")
    dynamic_arp_inspection: Flag = Field(False, title="Dynamic ARP inspection")
    ip_source_guard: Flag = Field(False, title="IP Source Guard")
    firewall: Flag = Field(False, title="Firewall (access control)")
    application_inspection: Flag = Field(False, title="SIP/SCCP/RTP inspection")
    tcp_normalization: Flag = Field(False, title="TCP security (SYN cookies, normalization)")
    intrusion_prevention: Flag = Field(False, title="Intrusion prevention")
    connection_limits: Flag = Field(False, title="Per-client connection limits")
    tls_proxy: Flag = Field(False, title="TLS proxy")
    control_plane_protection: Flag = Field(False, title="Control plane protection (CPPr)")
    routing_protocol_protection: Flag = Field(False, title="Routing protocol protection")
    cpu_memory_thresholds: Flag = Field(False, title="CPU/memory threshold notifications")
    management_plane_protection: Flag = Field(False, title="Management plane protection (MPP)")
    signed_phone_loads: Flag = Field(False, title="Signed phone loads")
    pc_port_disabled: Flag = Field(False, title="PC port disabled (public-area phones)")
    settings_access_disabled: Flag = Field(False, title="Settings access disabled")
    gratuitous_arp_disabled: Flag = Field(False, title="Gratuitous ARP disabled")
    pc_voice_vlan_access_disabled: Flag = Field(False, title="PC voice VLAN access disabled")
    web_access_disabled: Flag = Field(False, title="Web access disabled")
    certificate_trust_list: Flag = Field(False, title="Certificate trust list (CTL)")


_ID_PATTERN = r"^[A-Za-z0-9_.\-]{1,64}$"
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Node(Frozen):
    id: str = Field(pattern=_ID_PATTERN, title="Id")
    name: str = Field("", max_length=MAX_NAME, title="Name")
    x: Real = Field(0.0, ge=-1e6, le=1e6, title="X", json_schema_extra=_unit("px"))
    y: Real = Field(0.0, ge=-1e6, le=1e6, title="Y", json_schema_extra=_unit("px"))


class Site(Node):
    kind: SiteKind = Field("branch", title="Kind")
    users: Whole = Field(0, ge=0, le=1_000_000, title="Users", json_schema_extra=_unit("users"))
    phones: WholeOrNone = Field(None, ge=0, le=1_000_000, title="Phones", description="Empty = one per user")
    public_area_phones: Whole = Field(0, ge=0, le=1_000_000, title="Phones in public areas (lobbies)")
    cucm_publisher: Flag = Field(False, title="CUCM publisher")
    cucm_subscribers: Whole = Field(0, ge=0, le=MAX_SUBSCRIBERS, title="CUCM call-processing subscribers")
    cluster_id: str = Field("cluster-1", pattern=_ID_PATTERN, title="CUCM cluster")
    survivability: Survivability = Field("none", title="Survivability")
    srst_platform: str | None = Field(None, max_length=MAX_SHORT_TEXT, title="SRST platform", description="e.g. 2811; sets the capacity")
    srst_capacity: WholeOrNone = Field(None, ge=0, le=MAX_SRST_CAPACITY, title="SRST capacity", json_schema_extra=_unit("phones"),
                                      description="Overrides the platform table")
    pstn_gateway: Flag = Field(True, title="Local PSTN gateway")
    security: SecurityControls = Field(default_factory=SecurityControls)
    traffic: SiteTraffic | None = None

    @property
    def phone_count(self) -> int:
        return self.users if self.phones is None else self.phones

    @property
    def call_processing_nodes(self) -> int:
        return int(self.cucm_publisher) + self.cucm_subscribers

    @model_validator(mode="after")
    def _public_within_phones(self) -> Site:
        if self.public_area_phones > self.phone_count:
            raise ValueError(f"phones in public areas ({self.public_area_phones}) exceed the site's phones "
                             f"({self.phone_count})")
        return self


class Cloud(Node):
    kind: CloudKind = Field("mpls", title="Kind")
    technology: Technology | None = Field(
        None, title="VPN technology on this cloud",
        description="Empty = the design's VPN technology; 'recommend' = the advisor's choice for this transport. "
                    "A hybrid WAN may run e.g. GET VPN on MPLS and DMVPN or FlexVPN over the Internet")


_KNOWN_L2: set[str] = set()  # the layer-2 conventions, filled by the first link validated (advisor.layer2)


class Link(Frozen):
    id: str = Field(pattern=_ID_PATTERN, title="Id")
    a: str = Field(max_length=MAX_SHORT_TEXT, title="End A")
    b: str = Field(max_length=MAX_SHORT_TEXT, title="End B")
    name: str = Field("", max_length=MAX_NAME, title="Name")
    capacity_kbps: Real = Field(2048.0, ge=MIN_CAPACITY_KBPS, le=MAX_CAPACITY_KBPS, title="Capacity", json_schema_extra=_unit("kbps"))
    l2: str = Field("ethernet", max_length=MAX_SHORT_TEXT, title="Layer 2", description="ethernet, dot1q, ethernet-wire, ppp, mlppp, frf12, "
                    "frame-relay, atm, atm-vcmux, none, custom")
    l2_bytes: WholeOrNone = Field(None, ge=0, le=200, title="Custom layer 2", json_schema_extra=_unit("B"),
                                 description="Bytes per packet when layer 2 is 'custom'")
    rtt_ms: Real = Field(20.0, ge=0, le=10_000, title="Round-trip time", json_schema_extra=_unit("ms"))
    nat: Flag = Field(False, title="NAT on the path")
    routing_auth: Flag = Field(False, title="Routing protocol authentication")
    carries_data: Flag = Field(True, title="Carries data too",
                               description="Data shares the link with voice (below 768 kbps it then needs LFI)")

    @field_validator("l2")
    @classmethod
    def _known_l2(cls, value: str) -> str:
        if value in _KNOWN_L2:  # every link of a 10,000-link design: a set lookup, not an import statement
            return value
        from advisor.layer2 import L2_CONVENTIONS

        if value not in L2_CONVENTIONS:
            raise ValueError(f"unknown layer 2 '{value}'; use one of {', '.join(L2_CONVENTIONS)}")
        _KNOWN_L2.update(L2_CONVENTIONS)
        return value

    @model_validator(mode="after")
    def _custom_needs_bytes(self) -> Link:
        if self.l2 == "custom" and self.l2_bytes is None:
            raise ValueError("layer 2 'custom' needs its header bytes per packet (Custom layer 2)")
        return self


class Scenario(Frozen):
    """One option to compare over the same topology: the policies it changes (empty = as the design has them)."""

    name: str = Field(min_length=1, max_length=MAX_NAME, title="Name")
    codec: str | None = Field(None, max_length=MAX_SHORT_TEXT, title="Codec")
    ptime_ms: Real | None = Field(None, gt=0, le=200, title="Packetization", json_schema_extra=_unit("ms"))
    technology: Technology | None = Field(None, title="VPN technology", description="for the whole WAN")
    transports: dict[CloudKind, Technology] = Field(
        default_factory=dict, title="VPN technology per transport",
        description="hybrid WANs: e.g. {\"mpls\": \"getvpn\", \"internet\": \"dmvpn\"}, set on that transport's clouds")
    cipher: Literal["aes-cbc", "aes-gcm", "3des", "des"] | None = Field(None, title="ESP cipher")
    srtp: Literal["none", "sha1-80", "sha1-32", "gcm"] | None = Field(None, title="SRTP")
    crtp: Literal[0, 2, 4] | None = Field(None, title="cRTP", json_schema_extra=_unit("B"))
    gos: Real | None = Field(None, gt=0, lt=1, title="Grade of service")
    calls_per_user: Real | None = Field(None, ge=0, le=100, title="Busy-hour calls per user",
                                         json_schema_extra=_unit("calls/h"))


class Design(Frozen):
    schema_version: int = Field(SCHEMA_VERSION, ge=0, le=SCHEMA_VERSION, title="Schema version")
    name: str = Field("Untitled design", max_length=MAX_NAME, title="Design name")
    customer: str = Field("", max_length=MAX_NAME, title="Customer")
    author: str = Field("", max_length=MAX_NAME, title="Author")
    date: str | None = Field(None, max_length=40, title="Date",
                             description="Free text printed on the cover, e.g. 'March 2026, draft 2'; empty = none")
    issued: datetime.date | None = Field(
        None, title="Issued",
        description="The day the design document was issued (YYYY-MM-DD): the PDF's creation date and the date on "
                    "its pages. Set when the PDF is written (default: today)")
    notes: str = Field("", max_length=20_000, title="Notes")
    cucm_release: str = Field("12.5", max_length=20, title="CUCM release")
    deployment_model: DeploymentModel = Field("auto", title="Intended deployment model")
    voice: VoicePolicy = Field(default_factory=VoicePolicy)
    vpn: VpnPolicy = Field(default_factory=VpnPolicy)
    traffic: TrafficPolicy = Field(default_factory=TrafficPolicy)
    delay: DelayPolicy = Field(default_factory=DelayPolicy)
    cluster: ClusterPolicy = Field(default_factory=ClusterPolicy)
    sites: tuple[Site, ...] = Field((), max_length=MAX_SITES)
    clouds: tuple[Cloud, ...] = Field((), max_length=MAX_CLOUDS)
    links: tuple[Link, ...] = Field((), max_length=MAX_LINKS)
    scenarios: tuple[Scenario, ...] = Field((), max_length=MAX_SCENARIOS, title="Scenarios",
                                            description="Options compared side by side with the design's policies")

    @field_validator("issued", mode="before")
    @classmethod
    def _calendar_day(cls, value: object) -> object:
        """Only a day written YYYY-MM-DD (or a date): not a timestamp, not a date with a time."""
        if value is None or type(value) is datetime.date:
            return value
        if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
            raise ValueError(f"must be a date written YYYY-MM-DD, e.g. 2026-03-01 (not {str(value)[:40]!r})")
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a calendar day") from None

    @model_validator(mode="after")
    def _cross_checks(self) -> Design:
        site_ids = [n.id for n in self.sites]
        cloud_ids = [c.id for c in self.clouds]
        link_ids = [ln.id for ln in self.links]
        if len(set(site_ids).union(cloud_ids, link_ids)) < len(site_ids) + len(cloud_ids) + len(link_ids):
            self._name_duplicate()
        nodes = {*site_ids, *cloud_ids}
        clouds = set(cloud_ids)
        a_ends, b_ends = [ln.a for ln in self.links], [ln.b for ln in self.links]
        bad = not (nodes.issuperset(a_ends) and nodes.issuperset(b_ends)) or any(map(eq, a_ends, b_ends)) or (
            bool(clouds) and any(map(and_, map(clouds.__contains__, a_ends), map(clouds.__contains__, b_ends))))
        if bad:
            self._check_links(nodes, clouds)  # the first faulty link, named as the link-by-link loop finds it
        site_set = set(site_ids)
        for field, ref in (("vpn.hub_site", self.vpn.hub_site), ("traffic.central_pstn_site",
                                                                  self.traffic.central_pstn_site)):
            if ref is not None and ref not in site_set:
                if ref in clouds:  # the hub and the PSTN gateway are sites: a cloud has no router to be either
                    raise ValueError(f"{field}: '{ref}' is a cloud, not a site; name a site")
                raise ValueError(f"{field}: unknown site '{ref}'")
        if len(self.scenarios) > 1:
            self._name_duplicate_scenario()
        return self

    def _name_duplicate_scenario(self) -> None:
        """Raise for the first scenario named as an earlier one (case aside, as the app compares names): options
        are looked up and compared by name."""
        seen: dict[str, int] = {}
        for i, scenario in enumerate(self.scenarios):
            key = scenario.name.strip().casefold()
            if key in seen:
                raise ValueError(f"scenarios[{i}].name: '{scenario.name}' is already the name of "
                                 f"scenarios[{seen[key]}]; give each scenario a name of its own")
            seen[key] = i

    def _name_duplicate(self) -> None:
        """Raise for the first id used twice, naming both places."""
        seen: dict[str, str] = {}
        for coll in ("sites", "clouds", "links"):
            for i, item in enumerate(getattr(self, coll)):
                if item.id in seen:
                    raise ValueError(f"{coll}[{i}].id: duplicate id '{item.id}' (also used by {seen[item.id]})")
                seen[item.id] = f"{coll}[{i}]"

    def _check_links(self, nodes: set[str], clouds: set[str]) -> None:
        """Raise for the first link with an unknown end, joined to itself, or between two clouds."""
        for i, link in enumerate(self.links):
            for end in ("a", "b"):
                ref = getattr(link, end)
                if ref not in nodes:
                    raise ValueError(f"links[{i}].{end}: unknown site or cloud '{ref}'")
            if link.a == link.b:
                raise ValueError(f"links[{i}]: a link cannot connect '{link.a}' to itself")
            if link.a in clouds and link.b in clouds:
                raise ValueError(f"links[{i}]: a link must have a site at one end at least")

    # Lookups used everywhere; cheap enough to rebuild on demand for the sizes we target.
    def site(self, site_id: str) -> Site | None:
        return next((s for s in self.sites if s.id == site_id), None)

    def node_ids(self) -> set[str]:
        return {s.id for s in self.sites} | {c.id for c in self.clouds}
