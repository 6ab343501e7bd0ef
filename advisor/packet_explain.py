"""Explain mode: every figure of a packet result as its formula with the actual numbers (UI and PDF)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: advisor.packet imports this module
    from advisor.packet import PacketResult

_CLEAR_KINDS = ("headers", "payload", "srtp")


def _kbps(value: float) -> str:
    """As every other figure prints it ("1,154.40 kbps"): an answer key gave the same total with and without the
    thousands separator."""
    from advisor.numbers import kbps

    return kbps(value)


def _num(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _sum(parts: list[tuple[int, str]]) -> str:
    # byte counts grouped as every figure of 1,000 and more is: G.711 at 200 ms read "1600 Voice payload = 1640 B"
    return " + ".join(f"{b:,} {name}" for b, name in parts)


def _short(name: str) -> str:
    # "UDP header" reads as "UDP" inside a sum; notes in brackets are for the layer table.
    return name.replace(" header", "").split(" (")[0]


def formula_lines(result: PacketResult) -> list[str]:
    r, codec = result, result.codec
    lines = []
    if r.spec.bitrate_kbps is not None:
        lines.append(f"payload = ceil({r.spec.bitrate_kbps:g} kbps × {r.ptime_ms:g} ms / 8) = {r.payload_bytes:,} B")
    else:
        lines.append(f"payload = {r.ptime_ms:g} ms / {codec.frame_ms:g} ms × {codec.frame_bytes:,} B = "
                     f"{r.frames_per_packet} × {codec.frame_bytes:,} B = {r.payload_bytes:,} B")
    lines.append(f"packets per second = 1,000 / {r.ptime_ms:g} ms = {_num(r.packets_per_second)} pps")
    clear = [(layer.bytes, _short(layer.name)) for layer in r.layers if layer.kind in _CLEAR_KINDS]
    lines.append(f"clear packet P = {_sum(clear)} = {r.clear_ip_bytes:,} B")

    l3 = [layer for layer in r.layers if layer.kind != "l2"]
    if r.esp_block_bytes is not None:
        block, x = r.esp_block_bytes, r.esp_protected_bytes or 0
        names = [layer.name for layer in l3]
        first, last = names.index("ESP IV") + 1, names.index("ESP padding")
        protected = [(layer.bytes, _short(layer.name)) for layer in l3[first:last]
                     if layer.kind not in _CLEAR_KINDS]
        inside = _sum([*protected, (r.clear_ip_bytes - _outside_clear(l3, first), "of P")])
        padded = x + r.esp_padding_bytes + 2
        lines.append(f"x = {inside} = {x:,} B (protected by ESP)")
        lines.append(f"pad(x) = ceil(({x:,} + 2) / {block}) × {block} = {padded:,} B "
                     f"(padding {r.esp_padding_bytes:,} B + 2 B pad length/next header)")
        outside = [(layer.bytes, _short(layer.name)) for layer in l3[:first]]
        icv = next(layer.bytes for layer in l3 if layer.name == "ESP ICV")
        lines.append(f"IP packet = {_sum(outside)} + pad(x) {padded:,} + {icv} ICV = {r.ip_packet_bytes:,} B")
    elif len(l3) > len(clear):
        lines.append(f"IP packet = {_sum([(layer.bytes, _short(layer.name)) for layer in l3])} = "
                     f"{r.ip_packet_bytes:,} B")
    else:
        lines.append(f"IP packet = P = {r.ip_packet_bytes:,} B (no tunnel)")

    if r.atm_cells is not None:
        lines.append(f"frame = {r.atm_cells} cells × 53 B = {r.frame_bytes:,} B ({r.l2_convention})")
    else:
        lines.append(f"frame = {r.ip_packet_bytes:,} B + {r.l2_bytes:,} B layer 2 = {r.frame_bytes:,} B "
                     f"({r.l2_convention})")
    lines.append(f"kbps at layer 3 = {_rate(r.ip_packet_bytes, r)} = {_kbps(r.kbps_ip)}")
    lines.append(f"kbps with layer 2 = {_rate(r.frame_bytes, r)} = {_kbps(r.kbps)}")
    lines.append(f"overhead = {r.ip_packet_bytes:,} − {r.clear_ip_bytes:,} = {r.overhead_bytes:,} B "
                 "(tunnel and security over P)")
    if r.esp_block_bytes is not None:
        lines.append(f"worst-case overhead = {r.overhead_bytes:,} − {r.esp_padding_bytes:,} padding + "
                     f"{r.esp_block_bytes - 1} (B − 1) = {r.max_overhead_bytes:,} B")
    calls = f"{r.spec.calls:,} call{'' if r.spec.calls == 1 else 's'}"
    if _kbps(round(r.kbps, 2) * r.spec.calls) == _kbps(r.total_kbps):
        lines.append(f"total = {_kbps(r.kbps)} × {calls} = {_kbps(r.total_kbps)} per direction")
    else:  # the rate as shown, times the calls, would not give the total: from the bytes ("34.93 kbps × 14" ≠ 489.07)
        lines.append(f"total = {r.frame_bytes:,} B × 8 × {calls} / {r.ptime_ms:g} ms = {_kbps(r.total_kbps)} per "
                     "direction")
    if r.core_layers:
        lines.append(f"MPLS core: + {r.core_bytes:,} B per packet inside the provider core only (not counted)")
    return lines


def _rate(size: int, r: PacketResult) -> str:
    """'B × 8 × pps / 1,000' where the packets per second as shown give the rate as shown; else 'B × 8 / ptime ms',
    which does at any precision (33.333 pps for 30 ms packets is a rounded figure)."""
    pps = _num(r.packets_per_second)
    if float(pps) == r.packets_per_second:
        return f"{size:,} B × 8 × {pps} pps / 1,000"
    return f"{size:,} B × 8 / {r.ptime_ms:g} ms"


def _outside_clear(l3: list, first: int) -> int:
    """Bytes of P left outside ESP (the original IP header in transport mode)."""
    return sum(layer.bytes for layer in l3[:first] if layer.kind in _CLEAR_KINDS)
