"""One call's voice packet, layer by layer, and its bandwidth per direction (SPEC 3.1, 3.1.1, 3.1.2).
``compute(CallSpec)`` builds the packet in wire order and derives every size at full precision, rounded only for
display. Spec types: ``packet_spec``; tunnels: ``esp``; layer 2: ``layer2``; formulas: ``packet_explain``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from advisor import codecs, esp
from advisor.layer2 import L2_CONVENTIONS, L2Convention
from advisor.layer2 import frame as l2_frame
from advisor.numbers import mid_sentence
from advisor.packet_explain import formula_lines
from advisor.packet_spec import (
    CRTP_BYTES,
    ESP_VPNS,
    IPSEC_MODES,
    MAX_L2_BYTES,
    MAX_METADATA_BYTES,
    MAX_MKI_BYTES,
    MAX_MPLS_LABELS,
    MPLS_LABEL_BYTES,
    NAT_T_VPNS,
    RTP_BYTES,
    SRTP_SUITES,
    SRTP_TAG_BYTES,
    TUNNEL_ONLY_VPNS,
    UDP_BYTES,
    VPNS,
    CallSpec,
    Layer,
    PacketError,
)

__all__ = ["CallSpec", "Layer", "PacketError", "PacketResult", "compute", "formula_lines", "L2_CONVENTIONS",
           "VPNS", "ESP_VPNS", "SRTP_TAG_BYTES", "VPN_LABELS"]

# Each VPN as the calculator's list shows it; the refusals below name it the same way.
VPN_LABELS = {"none": "none", "gre": "GRE", "ipsec": "IPsec (crypto map)", "vti": "Static VTI",
              "flexvpn": "FlexVPN (IKEv2)", "gre-ipsec": "GRE over IPsec", "dmvpn": "DMVPN", "getvpn": "GET VPN"}


@dataclass(frozen=True)
class PacketResult:
    spec: CallSpec
    codec: codecs.Codec
    layers: tuple[Layer, ...]  # wire order, layer 2 included; bytes add up to frame_bytes
    core_layers: tuple[Layer, ...]  # MPLS labels inside the provider core only
    payload_bytes: int
    packets_per_second: float
    clear_ip_bytes: int  # P: the packet handed to the encapsulation (SRTP tag or cRTP included)
    ip_packet_bytes: int
    frame_bytes: int
    l2_bytes: int
    kbps_ip: float
    kbps: float
    overhead_bytes: int  # ip_packet_bytes - clear_ip_bytes
    max_overhead_bytes: int  # the same with ESP padding at its maximum, B - 1
    esp_padding_bytes: int
    total_kbps: float
    l2_convention: str
    encapsulation: str
    ptime_ms: float = 0.0
    frames_per_packet: int = 0
    ip_header_bytes: int = 20
    esp_block_bytes: int | None = None  # B, when ESP is used
    esp_protected_bytes: int | None = None  # x in pad(x)
    gre_bytes: int = 0
    atm_cells: int | None = None
    conventions: tuple[str, ...] = ()

    @property
    def core_bytes(self) -> int:
        return sum(layer.bytes for layer in self.core_layers)

    def to_json(self) -> dict:
        """SPEC 4.2 names first (payload_bytes … layers, total_kbps), then extras for scripts and the report."""
        return {
            "payload_bytes": self.payload_bytes,
            "packets_per_second": self.packets_per_second,
            "ip_packet_bytes": self.ip_packet_bytes,
            "frame_bytes": self.frame_bytes,
            "kbps_ip": self.kbps_ip,
            "kbps": self.kbps,
            "overhead_bytes": self.overhead_bytes,
            "max_overhead_bytes": self.max_overhead_bytes,
            "layers": [_layer_json(layer) for layer in self.layers],
            "total_kbps": self.total_kbps,
            "calls": self.spec.calls,
            "codec": self.codec.id,
            "codec_name": self.codec.name,
            "ptime_ms": self.ptime_ms,
            "frames_per_packet": self.frames_per_packet,
            "clear_ip_bytes": self.clear_ip_bytes,
            "esp_padding_bytes": self.esp_padding_bytes,
            "l2": self.spec.l2,
            "l2_bytes": self.l2_bytes,
            "l2_convention": self.l2_convention,
            "encapsulation": self.encapsulation,
            "core_layers": [_layer_json(layer) for layer in self.core_layers],
            "conventions": list(self.conventions),
            "spec": dataclasses.asdict(self.spec),
        }


def _layer_json(layer: Layer) -> dict:
    return {"name": layer.name, "bytes": layer.bytes, "overhead": layer.overhead, "kind": layer.kind,
            "note": layer.note}


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _choice(field: str, value: object, allowed: tuple | dict) -> None:
    try:
        known = value in allowed
    except TypeError:  # an unhashable value (a list from a script) is simply not one of them
        known = False
    if not known:
        raise PacketError(field, f"'{value}' is not one of {', '.join(str(a) for a in allowed)}")


def _a_tunnel(vpn: str) -> str:
    """'an IPsec (crypto map) tunnel', 'a GRE over IPsec tunnel': the VPN as the calculator's list names it."""
    label = mid_sentence(VPN_LABELS.get(vpn, vpn))
    return f"{'an' if label[:1] in 'AEIOUaeiou' else 'a'} {label} tunnel"


def _count(field: str, value: object, high: int, what: str) -> int:
    if not _is_int(value) or not 0 <= value <= high:
        got = f"{value:,}" if _is_int(value) else repr(value)  # 1,000,000, not 1000000
        raise PacketError(field, f"{what} must be a whole number from 0 to {high:,} (got {got})")
    return value


def _validate(spec: CallSpec) -> tuple[codecs.Codec, float, int, L2Convention]:
    """Check every field and combination; returns the codec, ptime, payload and layer-2 convention."""
    try:
        codec = codecs.resolve(spec.codec)
    except codecs.CodecError as exc:
        raise PacketError("codec", str(exc)) from None
    ptime = codec.default_ptime_ms if spec.ptime_ms is None else spec.ptime_ms
    try:
        codecs.check_bitrate(codec, spec.bitrate_kbps)
    except codecs.CodecError as exc:
        raise PacketError("bitrate_kbps", str(exc)) from None
    try:
        payload = codecs.payload_bytes(codec, ptime, spec.bitrate_kbps)
    except codecs.CodecError as exc:
        raise PacketError("ptime_ms", str(exc)) from None
    _choice("l2", spec.l2, L2_CONVENTIONS)
    conv = L2_CONVENTIONS[spec.l2]
    if conv.id == "custom":
        if spec.l2_bytes is None:
            raise PacketError("l2_bytes", "layer 2 'custom' needs its byte count per packet")
        _count("l2_bytes", spec.l2_bytes, MAX_L2_BYTES, "layer-2 bytes per packet")
    _choice("crtp", spec.crtp, CRTP_BYTES)
    _choice("srtp", spec.srtp, SRTP_TAG_BYTES)
    _count("srtp_mki_bytes", spec.srtp_mki_bytes, MAX_MKI_BYTES, "SRTP MKI length")
    if spec.srtp_mki_bytes and spec.srtp == "none":
        raise PacketError("srtp_mki_bytes", "an SRTP MKI needs an SRTP suite (sha1-80, sha1-32 or gcm)")
    _choice("vpn", spec.vpn, VPNS)
    _choice("ipsec_mode", spec.ipsec_mode, IPSEC_MODES)
    _choice("cipher", spec.cipher, esp.CIPHERS)
    _choice("integrity", spec.integrity, esp.INTEGRITY_ICV_BYTES)
    for name in ("nat_t", "ipv6"):
        if not isinstance(getattr(spec, name), bool):
            raise PacketError(name, f"must be true or false (got {getattr(spec, name)!r})")
    if spec.gre_key is not None and not isinstance(spec.gre_key, bool):
        raise PacketError("gre_key", f"must be true, false or empty (got {spec.gre_key!r})")
    _count("getvpn_metadata_bytes", spec.getvpn_metadata_bytes, MAX_METADATA_BYTES, "GET VPN metadata")
    _count("mpls_labels", spec.mpls_labels, MAX_MPLS_LABELS, "MPLS labels")
    if not _is_int(spec.calls) or spec.calls < 0:
        got = f"{spec.calls:,}" if _is_int(spec.calls) else repr(spec.calls)  # -1,000, not -1000
        raise PacketError("calls", f"calls must be a whole number, 0 or more (got {got})")
    if spec.crtp:
        if not conv.crtp_allowed:
            what, then = _NO_CRTP.get(conv.id, _NO_CRTP["ethernet"])
            raise PacketError("crtp", f"{what}: it compresses headers hop by hop on serial links (PPP, multilink "
                                      f"PPP, Frame Relay, FRF.12){then}")
        if spec.vpn != "none":
            raise PacketError("crtp", f"cRTP cannot compress the call's headers inside {_a_tunnel(spec.vpn)}: the "
                                      "serial link only sees the outer (encrypted or GRE) packet")
    if spec.nat_t and spec.vpn not in NAT_T_VPNS:
        why = ("GET VPN preserves the original addresses and does not survive NAT" if spec.vpn == "getvpn"
               else "without a VPN there is no ESP to wrap" if spec.vpn == "none"
               else f"{_a_tunnel(spec.vpn)} has no ESP to wrap")
        choices = [mid_sentence(VPN_LABELS[v]) for v in NAT_T_VPNS]
        raise PacketError("nat_t", f"NAT traversal needs an IPsec VPN: {why}; choose "
                                   f"{', '.join(choices[:-1])} or {choices[-1]}")
    if spec.vpn in TUNNEL_ONLY_VPNS and spec.ipsec_mode == "transport":
        what = ("GET VPN uses tunnel mode with header preservation" if spec.vpn == "getvpn"
                else "a virtual tunnel interface (VTI, FlexVPN) is IPsec tunnel mode")
        raise PacketError("ipsec_mode", f"{what}, not transport mode")
    return codec, ptime, payload, conv


# Why a layer 2 cannot take cRTP, as the per-call calculator says it (the design's sizing leaves cRTP out on the
# same links, and says so in its cRTP finding): (what, and what follows the rule)
_NO_CRTP = {"ethernet": ("cRTP is not available on Ethernet", ""),
            "atm": ("cRTP is not counted on ATM", "; over ATM it needs PPP over ATM, a framing this layer 2 does not "
                    "count: to size it, choose a custom layer 2 with those bytes per packet"),
            "none": ("cRTP needs a serial layer 2", ", and no layer 2 is counted here")}
_NO_CRTP["atm-vcmux"] = _NO_CRTP["atm"]


def _call_layers(spec: CallSpec, codec: codecs.Codec, ptime: float, payload: int, ip_h: int) -> list[Layer]:
    """The clear packet P: the call's own headers (or cRTP), the voice, the SRTP tag."""
    ip_name = "IPv6 header" if spec.ipv6 else "IPv4 header"
    if spec.crtp:
        layers = [Layer("cRTP header", spec.crtp, True, f"IP/UDP/RTP {ip_h + 20} B compressed to {spec.crtp} B "
                        f"({'no UDP checksum' if spec.crtp == 2 else 'with UDP checksum'})" + (
                            "; counted on your custom layer 2, taken as a serial link (a design's sizing leaves "
                            "cRTP out on custom links: it cannot tell a serial one)" if spec.l2 == "custom" else ""),
                        "headers")]
    else:
        layers = [Layer(ip_name, ip_h, True, "the call's own IP header", "headers"),
                  Layer("UDP header", UDP_BYTES, True, "", "headers"),
                  Layer("RTP header", RTP_BYTES, True, "", "headers")]
    frames = codecs.frames_per_packet(codec, ptime)
    note = (f"{spec.bitrate_kbps:g} kbps × {ptime:g} ms / 8, rounded up" if spec.bitrate_kbps is not None
            else f"{frames} × {codec.frame_bytes} B frames ({codec.frame_ms:g} ms each)")
    layers.append(Layer(f"Voice payload ({codec.name})", payload, False, note, "payload"))
    if spec.srtp != "none":
        layers.append(Layer("SRTP authentication tag", SRTP_TAG_BYTES[spec.srtp], True, SRTP_SUITES[spec.srtp],
                            "srtp"))
        if spec.srtp_mki_bytes:
            layers.append(Layer("SRTP MKI", spec.srtp_mki_bytes, True, "master key identifier", "srtp"))
    return layers


def compute(spec: CallSpec) -> PacketResult:
    """The packet and bandwidth for one call, one direction. Raises PacketError naming the field at fault."""
    codec, ptime, payload, conv = _validate(spec)
    ip_h = esp.IPV6_BYTES if spec.ipv6 else esp.IPV4_BYTES
    inner = _call_layers(spec, codec, ptime, payload, ip_h)
    clear = sum(layer.bytes for layer in inner)
    enc = esp.encapsulate(spec, inner, ip_h)
    ip_packet = sum(layer.bytes for layer in enc.layers)
    l2 = l2_frame(conv, ip_packet, spec.l2_bytes if conv.id == "custom" else None)
    layers = (*(Layer(p.name, p.bytes, True, "", "l2") for p in l2.before), *enc.layers,
              *(Layer(p.name, p.bytes, True, "", "l2") for p in l2.after))
    if l2.cells is not None:
        layers = tuple(dataclasses.replace(layer, note=f"{l2.cells} cells × 5 B, one per cell")
                       if layer.name == "ATM cell headers" else layer for layer in layers)
    frame_bytes = ip_packet + l2.bytes
    pps = 1000.0 / ptime
    overhead = ip_packet - clear
    kbps = frame_bytes * 8 * pps / 1000
    core = tuple(Layer(f"MPLS label {i + 1}", MPLS_LABEL_BYTES, True,
                       "provider core only; not on the CE–PE access link; not in the totals", "core")
                 for i in range(spec.mpls_labels))
    conventions = [l2.convention, *enc.conventions]
    conventions.append("IPv6 network: every IP header (inner and outer) is 40 B" if spec.ipv6
                       else "IPv4: every IP header is 20 B")
    if core:
        conventions.append(f"MPLS: {spec.mpls_labels} × 4 B labels inside the provider core only, not counted")
    return PacketResult(
        spec=spec, codec=codec, layers=layers, core_layers=core, payload_bytes=payload, packets_per_second=pps,
        clear_ip_bytes=clear, ip_packet_bytes=ip_packet, frame_bytes=frame_bytes, l2_bytes=l2.bytes,
        kbps_ip=ip_packet * 8 * pps / 1000, kbps=kbps, overhead_bytes=overhead,
        max_overhead_bytes=overhead if enc.block_bytes is None else overhead - enc.padding_bytes + enc.block_bytes - 1,
        esp_padding_bytes=enc.padding_bytes, total_kbps=kbps * spec.calls, l2_convention=l2.convention,
        encapsulation=enc.description, ptime_ms=ptime, frames_per_packet=codecs.frames_per_packet(codec, ptime),
        ip_header_bytes=ip_h, esp_block_bytes=enc.block_bytes, esp_protected_bytes=enc.protected_bytes,
        gre_bytes=enc.gre_bytes, atm_cells=l2.cells, conventions=tuple(conventions),
    )
