"""The design document: sites, WAN clouds, links and the design-wide policies.

Frozen pydantic v2 models. An edit produces a new ``Design``; results are derived, never stored here.
Field titles, units (``json_schema_extra={"unit": ...}``), ranges and descriptions feed the UI inspector.
"""

from __future__ import annotations

import datetime
import re
from operator import and_, eq
from typing import Literal

from pydantic import (
    Field,
    field_validator,
    model_validator,
)

from advisor.io_errors import short
from advisor.model_base import (  # noqa: F401  (re-exported: `advisor.model` names them all)
    _LAX,
    MAX_CAPACITY_KBPS,
    MAX_CLOUDS,
    MAX_LINKS,
    MAX_NAME,
    MAX_SCENARIOS,
    MAX_SHORT_TEXT,
    MAX_SIGNALLING_BPS,
    MAX_SITES,
    MAX_SRST_CAPACITY,
    MIN_CAPACITY_KBPS,
    MIN_LLQ_SHARE,
    SCHEMA_VERSION,
    CloudKind,
    DeploymentModel,
    Flag,
    Frozen,
    Real,
    SiteKind,
    Survivability,
    Technology,
    Whole,
    WholeOrNone,
    _unit,
    whole,
)
from advisor.model_policies import (  # noqa: F401  (re-exported: `advisor.model` names them all)
    ClusterPolicy,
    DelayPolicy,
    SecurityControls,
    SiteTraffic,
    TrafficPolicy,
    VoicePolicy,
    VpnPolicy,
)
from advisor.tables import MAX_SUBSCRIBERS
from advisor.validation import ALIKE, reading_key

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
            raise ValueError(f"phones in public areas ({self.public_area_phones:,}) exceed the site's phones "
                             f"({self.phone_count:,})")
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

    @field_validator("name")
    @classmethod
    def _shows_something(cls, name: str) -> str:
        """A name of blanks or of characters that show nothing (a zero-width space, a direction mark) headed a
        column with no heading; refused as the app's form refuses it. The name is kept as written."""
        if name and not reading_key(name):
            raise ValueError(f"'{short(name)}' shows nothing (only spaces or invisible characters); give the "
                             "scenario a name")
        return name


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
        """Raise for the first scenario whose name reads as an earlier one's (`validation.reading_key`: case,
        spacing, invisible characters and an accent typed two ways aside, as the app compares names): options are
        looked up and compared by name, and two columns headed alike cannot be told apart."""
        seen: dict[str, int] = {}
        for i, scenario in enumerate(self.scenarios):
            key = reading_key(scenario.name)
            if key in seen:
                first = seen[key]
                if self.scenarios[first].name == scenario.name:
                    raise ValueError(f"scenarios[{i}].name: '{short(scenario.name)}' is already the name of "
                                     f"scenarios[{first}]; give each scenario a name of its own")
                earlier = short(self.scenarios[first].name, 40)  # two names quoted: the line stays whole
                raise ValueError(f"scenarios[{i}].name: '{short(scenario.name, 40)}' reads the same as '{earlier}', "
                                 f"the name of scenarios[{first}] ({ALIKE}); give each scenario a name of its own")
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
                raise ValueError(f"links[{i}]: a link must have a site at one end at least ('{link.a}' and "
                                 f"'{link.b}' are both clouds)")

    # Lookups used everywhere; cheap enough to rebuild on demand for the sizes we target.
    def site(self, site_id: str) -> Site | None:
        return next((s for s in self.sites if s.id == site_id), None)

    def node_ids(self) -> set[str]:
        return {s.id for s in self.sites} | {c.id for c in self.clouds}
