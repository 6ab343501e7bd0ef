"""Tunnels and IPsec ESP: cipher and ICV sizes, the IOS padding rule pad(x) = ceil((x + 2) / B) × B (RFC 4303 §2.4),
and the layers GRE, ESP tunnel/transport, VTI, FlexVPN, GRE over IPsec, DMVPN, GET VPN and NAT-T add to a packet.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from advisor.packet_spec import CallSpec, Layer

ESP_HEADER_BYTES = 8  # SPI + sequence number (RFC 4303)
ESP_TRAILER_BYTES = 2  # pad length + next header
NAT_T_BYTES = 8  # UDP 4500 header (RFC 3948)
GRE_BYTES = 4
GRE_KEY_BYTES = 4
IPV4_BYTES = 20
IPV6_BYTES = 40
GCM_ICV_BYTES = 16


@dataclass(frozen=True)
class Cipher:
    id: str
    name: str
    iv_bytes: int
    block_bytes: int  # B in the padding rule
    icv_bytes: int | None  # its own tag (AEAD), or None: the integrity option decides
    source: str


CIPHERS: dict[str, Cipher] = {c.id: c for c in (
    Cipher("aes-cbc", "AES-CBC", 16, 16, None, "RFC 3602 (AES-CBC: 16 B IV, 16 B block)"),
    Cipher("aes-gcm", "AES-GCM", 8, 4, GCM_ICV_BYTES, "RFC 4106 (AES-GCM ESP: 8 B IV, 4 B alignment, 16 B ICV)"),
    Cipher("3des", "3DES-CBC", 8, 8, None, "RFC 2451 (3DES-CBC: 8 B IV, 8 B block)"),
    Cipher("des", "DES-CBC", 8, 8, None, "RFC 2405 (DES-CBC: 8 B IV, 8 B block)"),
)}

# Truncated HMAC lengths carried as the ESP ICV.
INTEGRITY_ICV_BYTES: dict[str, int] = {
    "sha1-96": 12,  # RFC 2404
    "md5-96": 12,  # RFC 2403
    "sha256-128": 16,  # RFC 4868
    "sha384": 24,  # RFC 4868 (HMAC-SHA-384-192)
    "sha512": 32,  # RFC 4868 (HMAC-SHA-512-256)
    "none": 0,  # ESP without integrity (null authentication)
}
INTEGRITY_NAMES = {"sha1-96": "HMAC-SHA1-96", "md5-96": "HMAC-MD5-96", "sha256-128": "HMAC-SHA256-128",
                   "sha384": "HMAC-SHA384-192", "sha512": "HMAC-SHA512-256", "none": "no integrity"}


def pad(protected_bytes: int, block_bytes: int) -> int:
    """ESP protected length: ceil((x + 2) / B) × B (SPEC 3.1.1, the rule Cisco IOS uses)."""
    return math.ceil((protected_bytes + ESP_TRAILER_BYTES) / block_bytes) * block_bytes


def padding_bytes(protected_bytes: int, block_bytes: int) -> int:
    """The padding alone: 0 … B−1."""
    return pad(protected_bytes, block_bytes) - protected_bytes - ESP_TRAILER_BYTES


@dataclass(frozen=True)
class EspSizes:
    cipher: Cipher
    iv_bytes: int
    block_bytes: int
    icv_bytes: int
    icv_note: str


def esp_sizes(cipher_id: str, integrity: str) -> EspSizes:
    """IV, block and ICV for a cipher + integrity pair. AES-GCM carries its own 16 B tag and ignores `integrity`."""
    cipher = CIPHERS[cipher_id]
    if cipher.icv_bytes is not None:
        note = f"{cipher.name} carries its own {cipher.icv_bytes} B ICV"
        if integrity != "none":
            note += f"; the integrity option ({integrity}) does not apply and is ignored"
        return EspSizes(cipher, cipher.iv_bytes, cipher.block_bytes, cipher.icv_bytes, note)
    icv = INTEGRITY_ICV_BYTES[integrity]
    return EspSizes(cipher, cipher.iv_bytes, cipher.block_bytes, icv, INTEGRITY_NAMES[integrity])


@dataclass(frozen=True)
class Encapsulation:
    """The IP packet on the wire at layer 3 (tunnel headers included) and the ESP figures behind it."""

    layers: tuple[Layer, ...]
    description: str
    conventions: tuple[str, ...] = ()
    block_bytes: int | None = None  # B, when ESP is used
    protected_bytes: int | None = None  # x in pad(x)
    padding_bytes: int = 0
    gre_bytes: int = 0


def effective_mode(spec: CallSpec) -> str:
    """tunnel or transport. "default" is transport for GRE over IPsec and DMVPN (the GRE delivery header already
    carries the tunnel addresses, so a second IP header is waste) and tunnel otherwise; VTI and FlexVPN are tunnel
    mode by construction (`tunnel mode ipsec ipv4`)."""
    if spec.vpn in ("vti", "flexvpn"):
        return "tunnel"
    if spec.ipsec_mode != "default":
        return spec.ipsec_mode
    return "transport" if spec.vpn in ("gre-ipsec", "dmvpn") else "tunnel"


def effective_gre_key(spec: CallSpec) -> bool:
    return spec.vpn == "dmvpn" if spec.gre_key is None else spec.gre_key


def encapsulate(spec: CallSpec, inner: list[Layer], ip_h: int) -> Encapsulation:
    """Wrap the clear packet P (`inner`, its IP header first unless cRTP) as `spec.vpn` says."""
    if spec.vpn == "none":
        return Encapsulation(tuple(inner), "none (the clear IP packet)")
    ip_name = "IPv6" if spec.ipv6 else "IPv4"
    gre_bytes = GRE_BYTES + (GRE_KEY_BYTES if effective_gre_key(spec) else 0)
    gre_kind = "mGRE" if spec.vpn == "dmvpn" else "GRE"
    gre = Layer(f"{gre_kind} header", gre_bytes, True,
                "4 B + 4 B tunnel key" if gre_bytes > GRE_BYTES else "4 B, no tunnel key", "tunnel")
    gre_ip = Layer(f"{ip_name} header (GRE delivery)", ip_h, True, "tunnel source/destination", "tunnel")
    if spec.vpn == "gre":
        return Encapsulation((gre_ip, gre, *inner), f"GRE ({'with' if gre_bytes > GRE_BYTES else 'no'} key), "
                             "no encryption", gre_bytes=gre_bytes)

    mode = effective_mode(spec)
    sizes = esp_sizes(spec.cipher, spec.integrity)
    outer_ip = Layer(f"{ip_name} header (ESP tunnel, outer)", ip_h, True, "new outer header", "tunnel")
    if spec.vpn in ("vti", "flexvpn"):
        # A virtual tunnel interface in 'tunnel mode ipsec ipv4': ESP tunnel mode with no GRE header, 4 B less
        # than GRE over IPsec (transport mode) and still a routed interface for routing protocols and multicast.
        outside, protected = [outer_ip], list(inner)
        name = ("Static VTI (IPsec tunnel interface)" if spec.vpn == "vti"
                else "FlexVPN (IKEv2, IPsec tunnel interface)") + ", tunnel mode"
    elif spec.vpn == "ipsec":
        if mode == "tunnel":
            outside, protected = [outer_ip], list(inner)
        else:
            original = dataclasses.replace(inner[0], note="the original header stays outside ESP (transport mode)")
            outside, protected = [original], list(inner[1:])
        name = f"IPsec ESP {mode} mode"
    elif spec.vpn in ("gre-ipsec", "dmvpn"):
        if mode == "tunnel":
            outside, protected = [outer_ip], [gre_ip, gre, *inner]
        else:
            delivery = dataclasses.replace(gre_ip, note="GRE delivery header, outside ESP (transport mode)")
            outside, protected = [delivery], [gre, *inner]
        name = ("DMVPN (mGRE over IPsec)" if spec.vpn == "dmvpn" else "GRE over IPsec") + f", {mode} mode"
    else:  # getvpn
        preserved = Layer(f"{ip_name} header (copy of the original)", ip_h, True,
                          "GET VPN tunnel header preservation", "tunnel")
        outside, protected = [preserved], list(inner)
        if spec.getvpn_metadata_bytes:
            protected.insert(0, Layer("GET VPN metadata", spec.getvpn_metadata_bytes, True,
                                      "user setting, e.g. time-based anti-replay", "tunnel"))
        name = "GET VPN (tunnel mode, header preservation)"
    if spec.nat_t:
        outside.append(Layer("NAT-T UDP header", NAT_T_BYTES, True, "UDP 4500, outside ESP", "tunnel"))
    x = sum(layer.bytes for layer in protected)
    padding = padding_bytes(x, sizes.block_bytes)
    layers = (
        *outside,
        Layer("ESP header", ESP_HEADER_BYTES, True, "SPI + sequence number", "esp"),
        Layer("ESP IV", sizes.iv_bytes, True, sizes.cipher.name, "esp"),
        *protected,
        Layer("ESP padding", padding, True, f"0-{sizes.block_bytes - 1} B to a multiple of {sizes.block_bytes}",
              "esp"),
        Layer("ESP trailer", ESP_TRAILER_BYTES, True, "pad length + next header", "esp"),
        Layer("ESP ICV", sizes.icv_bytes, True, sizes.icv_note, "esp"),
    )
    crypto = sizes.cipher.name if sizes.cipher.icv_bytes else f"{sizes.cipher.name} + {sizes.icv_note}"
    extras = [crypto]
    if spec.vpn in ("gre-ipsec", "dmvpn"):
        extras.append("GRE key" if gre_bytes > GRE_BYTES else "no GRE key")
    if spec.nat_t:
        extras.append("NAT-T")
    conventions = [f"ESP: pad(x) = ceil((x + 2) / {sizes.block_bytes}) × {sizes.block_bytes} "
                   f"({sizes.cipher.name}: IV {sizes.iv_bytes} B, ICV {sizes.icv_bytes} B)"]
    if spec.vpn == "getvpn":
        conventions.append(f"GET VPN metadata: {spec.getvpn_metadata_bytes} B per packet (setting)")
    return Encapsulation(layers, f"{name}, {', '.join(extras)}", tuple(conventions), sizes.block_bytes, x, padding,
                         gre_bytes if spec.vpn in ("gre-ipsec", "dmvpn") else 0)
