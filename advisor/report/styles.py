"""Typography, colours and table styles of the design document: one place, so every page looks alike."""

from __future__ import annotations

import functools

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from advisor.report import fonts

PAGE_SIZE = A4
MARGIN_LEFT = MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6672")
ACCENT = colors.HexColor("#0b4f79")
RULE = colors.HexColor("#c4ccd4")
HEADER_FILL = colors.HexColor("#e3eaf1")
ZEBRA = colors.HexColor("#f6f8fa")
ERROR_FILL = colors.HexColor("#f9d9d6")
WARNING_FILL = colors.HexColor("#fcefc7")
OK_FILL = colors.HexColor("#dcefdc")
ERROR_INK = colors.HexColor("#a1261b")
WARNING_INK = colors.HexColor("#8a5a00")
OK_INK = colors.HexColor("#2d6a2d")

SEVERITY_FILL = {"error": ERROR_FILL, "warning": WARNING_FILL, "info": HEADER_FILL}
SEVERITY_INK = {"error": ERROR_INK, "warning": WARNING_INK, "info": ACCENT}


@functools.cache
def sheet() -> dict[str, ParagraphStyle]:
    """Paragraph styles by name; fonts are registered first so every style uses the embedded DejaVu Sans."""
    fonts.register()
    base = ParagraphStyle("body", fontName=fonts.SANS, fontSize=9, leading=12.5, textColor=INK,
                          alignment=TA_LEFT, spaceAfter=4)
    styles = {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, spaceAfter=0),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9.2, spaceAfter=0),
        "cell_right": ParagraphStyle("cell_right", parent=base, fontSize=7.5, leading=9.2, spaceAfter=0,
                                     alignment=TA_RIGHT),
        "cell_head": ParagraphStyle("cell_head", parent=base, fontName=fonts.SANS_BOLD, fontSize=7.5,
                                    leading=9.2, spaceAfter=0),
        "h1": ParagraphStyle("h1", parent=base, fontName=fonts.SANS_BOLD, fontSize=16, leading=20,
                             textColor=ACCENT, spaceBefore=16, spaceAfter=10),
        "h2": ParagraphStyle("h2", parent=base, fontName=fonts.SANS_BOLD, fontSize=11, leading=14,
                             textColor=INK, spaceBefore=10, spaceAfter=5, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=base, fontName=fonts.SANS_BOLD, fontSize=9, leading=12,
                             textColor=INK, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "caption": ParagraphStyle("caption", parent=base, fontSize=7.5, leading=9.5, textColor=MUTED,
                                  spaceBefore=2, spaceAfter=8),
        "finding": ParagraphStyle("finding", parent=base, fontSize=8.5, leading=11, leftIndent=8,
                                  firstLineIndent=-8, spaceBefore=3, spaceAfter=1),
        "detail": ParagraphStyle("detail", parent=base, fontSize=7.5, leading=9.5, leftIndent=8, spaceAfter=1,
                                 textColor=MUTED),
        "mono": ParagraphStyle("mono", parent=base, fontSize=8, leading=10.5, leftIndent=8, spaceAfter=1),
        "explain": ParagraphStyle("explain", parent=base, fontSize=8, leading=10.5, leftIndent=20,
                                  firstLineIndent=-12, spaceAfter=1),
        "cover_title": ParagraphStyle("cover_title", parent=base, fontName=fonts.SANS_BOLD, fontSize=26,
                                      leading=32, textColor=ACCENT, spaceAfter=8),
        "cover_sub": ParagraphStyle("cover_sub", parent=base, fontSize=12, leading=16, textColor=MUTED,
                                    spaceAfter=4),
        "toc": ParagraphStyle("toc", parent=base, fontSize=10, leading=18),
    }
    return styles


def table_style(header_rows: int = 1, right_cols: tuple[int, ...] = (), zebra: bool = True,
                font_size: float = 7.5) -> list[tuple]:
    """The house table: bold header band, hairline rules, right-aligned figures, light zebra stripes."""
    cmds: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), fonts.SANS, font_size, font_size + 1.7),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]
    if header_rows:
        cmds += [
            ("FONT", (0, 0), (-1, header_rows - 1), fonts.SANS_BOLD, font_size, font_size + 1.7),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, ACCENT),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
        ]
    for col in right_cols:
        cmds.append(("ALIGN", (col, 0), (col, -1), "RIGHT"))
    if zebra:
        cmds.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA]))
    return cmds
