"""Number formats and the table builder shared by every section (header row repeated on each page)."""

from __future__ import annotations

from reportlab.platypus import Paragraph, Table

from advisor.report import fonts, styles


def fmt_kbps(value: float) -> str:
    """Bandwidth as printed in every table: thousands separator, two decimals (SPEC §3.1)."""
    return f"{value:,.2f}"


def fmt_pct(share: float) -> str:
    return f"{share * 100:.1f} %"


def fmt_int(value: int | float) -> str:
    return f"{int(value):,}"


def fmt_erlang(value: float) -> str:
    return f"{value:.3f}"


def cell(text: object, width: float, *, style: str = "cell", font_size: float = 7.5, bold: bool = False):
    """A plain string when it fits in one line in DejaVu (fast, printed literally), else a wrapping Paragraph."""
    text = "" if text is None else str(text)
    if not text:
        return ""
    fits = "\n" not in text and fonts.string_width(text, font_size, bold) <= width - 6
    if fits and not fonts.needs_fallback(text):
        return text
    markup = fonts.markup(text).replace("\n", "<br/>")
    return Paragraph(f"<b>{markup}</b>" if bold else markup, styles.sheet()[style])


def data_table(header: list[str], rows: list[list], widths: list[float], *, right_cols: tuple[int, ...] = (),
               extra_style: list[tuple] | None = None, font_size: float = 7.5) -> Table:
    """A long table that splits across pages and repeats its header row (repeatRows=1)."""
    widths = fit_header(header, widths, font_size)
    head = [Paragraph(fonts.markup(h).replace("\n", "<br/>"), styles.sheet()["cell_head"]) for h in header]
    style = styles.table_style(right_cols=right_cols, font_size=font_size) + list(extra_style or [])
    # Header cells right-aligned like their figures, so numbers sit under their titles.
    for col in right_cols:
        head[col] = Paragraph(fonts.markup(header[col]).replace("\n", "<br/>"), _right_head())
    table = Table([head, *rows], colWidths=widths, repeatRows=1, style=style, hAlign="LEFT")
    return table


def fit_header(header: list[str], widths: list[float], font_size: float = 7.5) -> list[float]:
    """Widen columns whose header words would break mid-word, taking the room from the roomiest columns."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    need = [max((stringWidth(w, fonts.SANS_BOLD, font_size) for w in h.split()), default=0) + 7 for h in header]
    widths = list(widths)
    short = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
    if short <= 0:
        return widths
    spare = [max(0.0, w - n) for n, w in zip(need, widths, strict=True)]
    total_spare = sum(spare)
    if total_spare <= 0:
        return widths
    take = min(1.0, short / total_spare)
    return [max(w, n) if n > w else w - s * take for n, w, s in zip(need, widths, spare, strict=True)]


def _right_head():
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    sheet = styles.sheet()
    if "cell_head_right" not in sheet:
        sheet["cell_head_right"] = ParagraphStyle("cell_head_right", parent=sheet["cell_head"], alignment=TA_RIGHT)
    return sheet["cell_head_right"]
