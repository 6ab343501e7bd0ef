"""One call's packet and bandwidth as an explanation: the packet engine's own formula lines (`advisor.packet_explain`),
with the result, the terms and the conventions' sources."""

from __future__ import annotations

from advisor import esp, numbers
from advisor.explain import sources as src
from advisor.explain.explanation import Explanation, Quantity, unique
from advisor.layer2 import L2_CONVENTIONS
from advisor.packet import PacketResult, formula_lines
from advisor.packet_spec import ESP_VPNS, SRTP_SUITES


def describe(result: PacketResult) -> str:
    """The call in words: 'G.729, 20 ms, GET VPN (tunnel, AES-CBC + HMAC-SHA1-96), Ethernet (18 B)'."""
    spec = result.spec
    parts = [result.codec.name, f"{result.ptime_ms:g} ms"]
    if spec.crtp:
        parts.append(f"cRTP {spec.crtp} B")
    if spec.srtp != "none":
        parts.append(f"SRTP {SRTP_SUITES[spec.srtp]}")
    if spec.vpn != "none":
        parts.append(result.encapsulation)
    parts.append(result.l2_convention)
    return ", ".join(parts)


def packet_sources(result: PacketResult) -> tuple[str, ...]:
    """The codec's standard, the layer-2 convention's source, and for IPsec the ESP rule and the cipher's RFC."""
    spec = result.spec
    found = [src.codec_title(result.codec.source), src.PER_CALL]
    conv = L2_CONVENTIONS.get(spec.l2)
    if conv is not None and conv.source not in ("user input", "no layer 2 counted"):
        found.append(src.layer2_title(conv.source))
    if spec.vpn in ESP_VPNS:
        found.append(src.ESP_RFC)
        found.append(esp.CIPHERS[spec.cipher].source.split(" (")[0])
        if spec.nat_t:
            found.append(src.NAT_T_RFC)
    return unique(found)


def explain(result: PacketResult, *, title: str | None = None, subject: str = "") -> Explanation:
    """The per-call figures of `result`, line by line, ending with the total for its calls."""
    r = result
    lines = tuple(formula_lines(r))
    terms = {"payload_bytes": r.payload_bytes, "packets_per_second": r.packets_per_second,
             "clear_ip_bytes": r.clear_ip_bytes, "ip_packet_bytes": r.ip_packet_bytes, "l2_bytes": r.l2_bytes,
             "frame_bytes": r.frame_bytes, "kbps_ip": r.kbps_ip, "kbps": r.kbps, "calls": r.spec.calls,
             "total_kbps": r.total_kbps, "overhead_bytes": r.overhead_bytes,
             "max_overhead_bytes": r.max_overhead_bytes}
    if r.esp_block_bytes is not None:
        terms |= {"esp_block_bytes": r.esp_block_bytes, "esp_protected_bytes": r.esp_protected_bytes or 0,
                  "esp_padding_bytes": r.esp_padding_bytes}
    return Explanation(
        title=title or f"One call, per direction: {describe(r)}", lines=lines,
        result=Quantity(r.kbps, "kbps", numbers.kbps(r.kbps)), terms=terms, sources=packet_sources(r),
        subject=subject, figure="per_call_kbps")
