"""The design-wide policies (voice, VPN, delay, cluster, traffic), a site's traffic overrides and its security
controls (split from `advisor.model`, which re-exports every name).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BeforeValidator,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from advisor.model_base import (
    MAX_SHORT_TEXT,
    MAX_SIGNALLING_BPS,
    MIN_LLQ_SHARE,
    Flag,
    Frozen,
    Real,
    Technology,
    Whole,
    _unit,
    whole,
)
from advisor.numbers import setting
from advisor.tables import MAX_KEY_SERVERS


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
