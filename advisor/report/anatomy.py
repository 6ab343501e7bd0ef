"""Per-call packet anatomy in the PDF: the chosen encapsulation's layers as a stacked bar, against the alternatives.

The bars are plain data from the core (``advisor.anatomy``, shared with the app); ``anatomy_drawing`` renders them.
"""

from __future__ import annotations

from advisor import numbers
from advisor.anatomy import (  # noqa: F401 - the pure data lives in the core; re-exported for the report
    KIND_COLOUR,
    KIND_LABEL,
    TECHNOLOGIES,
    AnatomyBar,
    Segment,
    anatomy_bars,
    reference_link,
    segment_colour,
    tech_label,
)


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
        name = tech_label(bar.technology)
        font = fonts.SANS_BOLD if bar.chosen else fonts.SANS
        group.add(String(0, y + bar_h / 2 + 1, name, fontName=font, fontSize=8, fillColor=styles.INK))
        group.add(String(0, y + bar_h / 2 - 8, "chosen" if bar.chosen else "alternative", fontName=fonts.SANS,
                         fontSize=6.5, fillColor=styles.ACCENT if bar.chosen else styles.MUTED))
        x = label_w
        for seg in bar.segments:
            w = seg.bytes / biggest * scale_w
            if w <= 0:
                continue
            fill = colors.HexColor(segment_colour(seg))
            group.add(Rect(x, y, w, bar_h, fillColor=fill, strokeColor=colors.white, strokeWidth=0.6))
            text = f"{seg.bytes:,}"
            if stringWidth(text, fonts.SANS, 6.5) + 2 <= w:
                group.add(String(x + w / 2, y + bar_h / 2 - 2.3, text, fontName=fonts.SANS, fontSize=6.5,
                                 fillColor=colors.white, textAnchor="middle"))
            x += w
        total = f"{bar.frame_bytes:,} B · {numbers.kbps(bar.kbps)}"
        group.add(String(width, y + bar_h / 2 + 1, total, fontName=font, fontSize=7.5, fillColor=styles.INK,
                         textAnchor="end"))
        group.add(String(width, y + bar_h / 2 - 8, f"IP {bar.ip_packet_bytes:,} B, +{bar.overhead_bytes:,} B VPN",
                         fontName=fonts.SANS, fontSize=6.5, fillColor=styles.MUTED, textAnchor="end"))
        drawing.add(group)
        y -= bar_h + gap
    return drawing
