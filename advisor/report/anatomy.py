"""Per-call packet anatomy: the chosen encapsulation's layers as a stacked bar, compared with the alternatives.

`anatomy_bars` is pure data (no reportlab) so the app can draw the same comparison; `anatomy_drawing` renders it.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.model import Design, Link
from advisor.results import Results

TECHNOLOGIES = ("none", "mpls-isolation", "ipsec", "gre-ipsec", "dmvpn", "getvpn")


@dataclass(frozen=True)
class Segment:
    name: str
    size_bytes: int
    overhead: bool  # everything but the voice payload
    note: str = ""
    kind: str = ""  # l2 | tunnel | esp | headers | payload | srtp (advisor.packet's Layer.kind)


@dataclass(frozen=True)
class AnatomyBar:
    technology: str
    chosen: bool
    encapsulation: str
    segments: tuple[Segment, ...]
    ip_packet_bytes: int
    frame_bytes: int
    kbps_ip: float
    kbps: float
    overhead_bytes: int
    max_overhead_bytes: int
    l2_convention: str
    formula: tuple[str, ...] = ()


def reference_link(design: Design, results: Results) -> Link | None:
    """The link the anatomy is drawn for: the busiest one (most calls), first by id on ties."""
    if not design.links:
        return None
    calls = {r.id: r.calls for r in results.links}
    return min(design.links, key=lambda link: (-calls.get(link.id, 0), link.id))


def anatomy_bars(design: Design, results: Results, link: Link | None = None) -> tuple[list[AnatomyBar], list[str]]:
    """One bar per technology (the chosen one first) and notes for alternatives that cannot apply here."""
    from advisor import packet, traffic

    link = link if link is not None else reference_link(design, results)
    chosen = results.recommendation.chosen
    ranked = [c.technology for c in results.recommendation.ranking]
    order = [chosen, *[t for t in (*ranked, *TECHNOLOGIES) if t != chosen]]
    bars: list[AnatomyBar] = []
    notes: list[str] = []
    seen_encaps: set[str] = set()
    for tech in dict.fromkeys(order):
        try:
            result = packet.compute(traffic.call_spec(design, tech, link))
        except Exception as exc:  # noqa: BLE001 - an alternative that does not apply is reported, not fatal
            notes.append(f"{tech}: {exc}")
            continue
        # mpls-isolation and none share the clear packet; show it once.
        key = f"{result.encapsulation}|{result.frame_bytes}"
        if key in seen_encaps and tech != chosen:
            continue
        seen_encaps.add(key)
        bars.append(AnatomyBar(
            technology=tech, chosen=tech == chosen, encapsulation=str(result.encapsulation),
            segments=tuple(Segment(layer.name, int(layer.bytes), bool(layer.overhead), str(layer.note or ""),
                                   str(getattr(layer, "kind", "") or "")) for layer in result.layers),
            ip_packet_bytes=int(result.ip_packet_bytes), frame_bytes=int(result.frame_bytes),
            kbps_ip=float(result.kbps_ip), kbps=float(result.kbps), overhead_bytes=int(result.overhead_bytes),
            max_overhead_bytes=int(result.max_overhead_bytes), l2_convention=str(result.l2_convention),
            formula=tuple(packet.formula_lines(result))))
    return bars, notes


# Cool tones for the call's own headers, green for the voice, warm tones for what the VPN adds, grey for layer 2.
KIND_COLOUR = {"payload": "#3f8f4f", "headers": "#2f77a8", "srtp": "#6b4fa0", "tunnel": "#d9772e",
               "esp": "#b5412c", "l2": "#8a949e", "core": "#c0c6cc"}
KIND_LABEL = {"payload": "voice payload", "headers": "RTP/UDP/IP headers", "srtp": "SRTP tag",
              "tunnel": "tunnel headers", "esp": "ESP (IPsec)", "l2": "layer 2"}


def segment_colour(segment: Segment) -> str:
    return KIND_COLOUR.get(segment.kind, "#5d9cc8" if segment.overhead else KIND_COLOUR["payload"])


def anatomy_drawing(bars: list[AnatomyBar], width: float):
    """Stacked bars to one byte scale; byte counts inside the segments that fit them, totals on the right."""
    from reportlab.graphics.shapes import Drawing, Group, Rect, String
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from advisor.report import fonts, styles

    label_w, total_w, bar_h, gap = 92.0, 92.0, 20.0, 13.0
    scale_w = width - label_w - total_w
    biggest = max((b.frame_bytes for b in bars), default=1) or 1
    legend_h = 16.0
    height = len(bars) * (bar_h + gap) + 8 + legend_h
    drawing = Drawing(width, height)
    kinds = [k for k in KIND_LABEL if any(s.kind == k for b in bars for s in b.segments)]
    lx = label_w
    for kind in kinds:
        drawing.add(Rect(lx, 3, 8, 8, fillColor=colors.HexColor(KIND_COLOUR[kind]), strokeColor=None))
        drawing.add(String(lx + 11, 4, KIND_LABEL[kind], fontName=fonts.SANS, fontSize=6.5, fillColor=styles.MUTED))
        lx += 22 + stringWidth(KIND_LABEL[kind], fonts.SANS, 6.5)
    y = height - bar_h - 4
    for bar in bars:
        group = Group()
        name = {"none": "Clear (no VPN)", "mpls-isolation": "MPLS isolation", "ipsec": "IPsec",
                "gre-ipsec": "GRE over IPsec", "dmvpn": "DMVPN", "getvpn": "GET VPN"}.get(bar.technology,
                                                                                           bar.technology)
        font = fonts.SANS_BOLD if bar.chosen else fonts.SANS
        group.add(String(0, y + bar_h / 2 + 1, name, fontName=font, fontSize=8, fillColor=styles.INK))
        group.add(String(0, y + bar_h / 2 - 8, "chosen" if bar.chosen else "alternative", fontName=fonts.SANS,
                         fontSize=6.5, fillColor=styles.ACCENT if bar.chosen else styles.MUTED))
        x = label_w
        for seg in bar.segments:
            w = seg.size_bytes / biggest * scale_w
            if w <= 0:
                continue
            fill = colors.HexColor(segment_colour(seg))
            group.add(Rect(x, y, w, bar_h, fillColor=fill, strokeColor=colors.white, strokeWidth=0.6))
            text = str(seg.size_bytes)
            if stringWidth(text, fonts.SANS, 6.5) + 2 <= w:
                group.add(String(x + w / 2, y + bar_h / 2 - 2.3, text, fontName=fonts.SANS, fontSize=6.5,
                                 fillColor=colors.white, textAnchor="middle"))
            x += w
        total = f"{bar.frame_bytes} B · {bar.kbps:.2f} kbps"
        group.add(String(width, y + bar_h / 2 + 1, total, fontName=font, fontSize=7.5, fillColor=styles.INK,
                         textAnchor="end"))
        group.add(String(width, y + bar_h / 2 - 8, f"IP {bar.ip_packet_bytes} B, +{bar.overhead_bytes} B VPN",
                         fontName=fonts.SANS, fontSize=6.5, fillColor=styles.MUTED, textAnchor="end"))
        drawing.add(group)
        y -= bar_h + gap
    return drawing
