"""The packet engine's inputs and parts: CallSpec, Layer, PacketError and the option tables (SPEC 3.1).

Kept apart from ``advisor.packet`` so the encapsulation code (``advisor.esp``) can use them without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

VPNS = ("none", "gre", "ipsec", "vti", "flexvpn", "gre-ipsec", "dmvpn", "getvpn")
ESP_VPNS = ("ipsec", "vti", "flexvpn", "gre-ipsec", "dmvpn", "getvpn")  # the encrypted ones: no cRTP inside
NAT_T_VPNS = ("ipsec", "vti", "flexvpn", "gre-ipsec", "dmvpn")  # GET VPN keeps the original addresses: no NAT
TUNNEL_ONLY_VPNS = ("vti", "flexvpn", "getvpn")  # ESP tunnel mode by construction: transport mode is refused
IPSEC_MODES = ("default", "tunnel", "transport")
CRTP_BYTES = (0, 2, 4)
SRTP_TAG_BYTES = {"none": 0, "sha1-80": 10, "sha1-32": 4, "gcm": 16}
SRTP_SUITES = {"sha1-80": "AES_CM_128_HMAC_SHA1_80", "sha1-32": "AES_CM_128_HMAC_SHA1_32",
               "gcm": "AEAD_AES_128_GCM"}
MAX_L2_BYTES = 200  # the design model's Link.l2_bytes ceiling
MAX_MKI_BYTES = 32
MAX_METADATA_BYTES = 64  # the design model's VpnPolicy.getvpn_metadata_bytes ceiling
MAX_MPLS_LABELS = 8
MPLS_LABEL_BYTES = 4
RTP_BYTES, UDP_BYTES = 12, 8


class PacketError(ValueError):
    """A CallSpec the engine refuses; ``field`` names the CallSpec field (the CLI maps it to its option)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class CallSpec:
    """One call's settings. Options that do not apply to the chosen `vpn` (cipher with GRE alone …) are ignored.

    Refused (PacketError): cRTP on Ethernet-type layer 2 (it is a serial-link feature); cRTP with GRE or any IPsec
    family (the hop-by-hop compressor sees only the outer IP/GRE/ESP headers, never the call's IP/UDP/RTP);
    NAT-T with none, GRE or GET VPN (GET VPN preserves the original addresses and does not survive NAT);
    GET VPN in transport mode (it is tunnel mode with header preservation). `l2_bytes` counts only for l2 custom.
    AES-GCM with an integrity other than none is accepted: GCM carries its own 16 B ICV and the integrity option is
    ignored (the ICV layer says so).
    """

    codec: str = "g711"
    ptime_ms: float | None = None  # None = the codec's default
    bitrate_kbps: float | None = None  # variable-rate codecs (opus) only
    l2: str = "ethernet"
    l2_bytes: int | None = None  # needed by l2 "custom"; ignored otherwise (as Link.l2_bytes in the model)
    crtp: int = 0
    srtp: str = "none"
    srtp_mki_bytes: int = 0
    vpn: str = "none"
    ipsec_mode: str = "default"  # default = transport for gre-ipsec and dmvpn, tunnel otherwise
    cipher: str = "aes-cbc"
    integrity: str = "sha1-96"
    gre_key: bool | None = None  # None = on for dmvpn, off otherwise
    nat_t: bool = False
    ipv6: bool = False
    getvpn_metadata_bytes: int = 0
    mpls_labels: int = 0  # provider core only: shown, never added to the totals
    calls: int = 1


@dataclass(frozen=True)
class Layer:
    name: str
    bytes: int
    overhead: bool  # everything but the voice payload
    note: str = ""
    kind: str = ""  # l2 | tunnel | esp | headers | payload | srtp | core: for colours in the packet anatomy
