"""The topology drawing's shapes (`advisor.report.diagram`): sites by kind, clouds, links by status, labels in the
report's fonts, the legend; reportlab's shape classes without their per-attribute checks."""

from __future__ import annotations

from reportlab.graphics import shapes as rl_shapes
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors

from advisor.report import fonts, styles

CLOUD_FILL = {"mpls": colors.HexColor("#dbe7f3"), "internet": colors.HexColor("#f8e3cf"),
              "private-wan": colors.HexColor("#dcefe0")}
CLOUD_INK = {"mpls": colors.HexColor("#0b4f79"), "internet": colors.HexColor("#9a4d00"),
             "private-wan": colors.HexColor("#2d6a2d")}
SITE_FILL = {"hq": styles.ACCENT, "datacenter": colors.HexColor("#4a5866"), "branch": colors.HexColor("#ffffff")}
LINK_INK = {"ok": colors.HexColor("#7d8a96"), "llq": styles.WARNING_INK, "overload": styles.ERROR_INK}



def _unchecked(shape: type) -> type:
    """The shape class without reportlab's check of every attribute as it is set (rl_config.shapeChecking, a help
    while developing): the same attributes and the same drawing, without the quarter of a million validator calls
    a 1,000-site topology made. Still a subclass, so the renderer draws it as the shape it is."""
    return type(shape.__name__, (shape,), {"__setattr__": object.__setattr__, "__module__": __name__})


Circle, Ellipse, Line, Path, Polygon, Rect, String = (_unchecked(getattr(rl_shapes, name)) for name in (
    "Circle", "Ellipse", "Line", "Path", "Polygon", "Rect", "String"))


class Group(rl_shapes.Group):
    """reportlab's Group without the checks of each attribute and child as they are set (see _unchecked): our own
    shapes only, never named."""

    __setattr__ = object.__setattr__

    def add(self, node) -> None:
        self.contents.append(node)


def _link_paths(strokes: list[tuple[str, list[tuple[float, float, float, float]]]]) -> Group:
    """One path per run of consecutive links of one status, in link order: far fewer nodes than one Line each."""
    group = Group()
    for status, segments in strokes:
        path = Path(strokeColor=LINK_INK[status], strokeWidth=0.6 if status == "ok" else 0.9, fillColor=None)
        for x1, y1, x2, y2 in segments:
            path.moveTo(x1, y1)
            path.lineTo(x2, y2)
        group.add(path)
    return group


def _site(group: Group, x: float, y: float, r: float, kind: str) -> None:
    ink = styles.ACCENT
    if kind == "hq":
        group.add(Rect(x - r, y - r, 2 * r, 2 * r, fillColor=SITE_FILL["hq"], strokeColor=ink, strokeWidth=0.6))
    elif kind == "datacenter":
        group.add(Polygon([x, y + r * 1.2, x + r * 1.2, y, x, y - r * 1.2, x - r * 1.2, y],
                          fillColor=SITE_FILL["datacenter"], strokeColor=ink, strokeWidth=0.6))
    else:
        group.add(Circle(x, y, r, fillColor=SITE_FILL["branch"], strokeColor=ink, strokeWidth=0.8))


def _cloud(group: Group, x: float, y: float, rx: float, ry: float, kind: str) -> None:
    fill, ink = CLOUD_FILL[kind], CLOUD_INK[kind]
    group.add(Ellipse(x, y, rx, ry, fillColor=fill, strokeColor=ink, strokeWidth=0.7))


def _label(group: Group, x: float, y: float, text: str, size: float, ink, *, bold: bool = False,
           boxed: bool = False, width: float | None = None) -> None:
    """Centred text with per-run font switching; optionally on a white box so it stays legible over lines.
    `width` is the text's (fonts.string_width) when the caller has measured it already."""
    if width is None:
        width = fonts.string_width(text, size, bold)
    left = x - width / 2
    if boxed:
        group.add(Rect(left - 1.2, y - size * 0.28, width + 2.4, size * 1.12, fillColor=colors.white,
                       strokeColor=None))
    chunks = list(fonts.runs(text))
    for i, (font, chunk) in enumerate(chunks):
        face = (fonts.SANS_BOLD if bold else fonts.SANS) if font == fonts.SANS else font
        group.add(String(left, y, chunk, fontName=face, fontSize=size, fillColor=ink))
        if i + 1 < len(chunks):
            left += _width(chunk, face, size)


def _width(text: str, face: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, face, size)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _legend(drawing: Drawing, width: float) -> None:
    y, x = 8.0, 8.0
    items = [("hq", "HQ"), ("datacenter", "Data centre"), ("branch", "Branch")]
    group = Group()
    for kind, text in items:
        _site(group, x + 4, y + 3, 3.2, kind)
        group.add(String(x + 11, y + 0.5, text, fontName=fonts.SANS, fontSize=6.5, fillColor=styles.MUTED))
        x += 16 + fonts.string_width(text, 6.5)
    for status, text in (("ok", "link"), ("llq", "above LLQ share"), ("overload", "overloaded")):
        group.add(Line(x, y + 3, x + 14, y + 3, strokeColor=LINK_INK[status], strokeWidth=1.2))
        group.add(String(x + 17, y + 0.5, text, fontName=fonts.SANS, fontSize=6.5, fillColor=styles.MUTED))
        x += 24 + fonts.string_width(text, 6.5)
    group.add(String(x, y + 0.5, "label: concurrent calls / kbps per direction", fontName=fonts.SANS,
                     fontSize=6.5, fillColor=styles.MUTED))
    drawing.add(group)
