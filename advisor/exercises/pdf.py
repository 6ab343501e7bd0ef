"""The exercise sheet and its answer key as PDFs (reportlab platypus), in the design document's fonts and styles.

Both are byte-identical for the same exercises: reportlab's invariant mode fixes the creation date and file id."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from advisor import __version__
from advisor.exercises.exercise import TOPIC_TITLES, Exercise
from advisor.exercises.reference import reference
from advisor.report import fonts, styles

_ANSWER_LINE_PT = 18
_KEEP_WHOLE = 8  # questions with at most this many facts and choices never break across pages


def _styles() -> dict[str, ParagraphStyle]:
    base = styles.sheet()
    return {
        **base,
        "question": ParagraphStyle("question", parent=base["body"], fontSize=9.5, leading=13),
        "fact": ParagraphStyle("fact", parent=base["body"], fontSize=8, leading=10.2, spaceAfter=0),
        "answer": ParagraphStyle("answer", parent=base["body"], fontSize=9.5, leading=13, textColor=styles.ACCENT),
        "step": ParagraphStyle("step", parent=base["body"], fontName=fonts.SANS_BOLD, fontSize=8.5, leading=11,
                               spaceBefore=4, spaceAfter=1),
        "work": ParagraphStyle("work", parent=base["body"], fontSize=7.8, leading=10, spaceAfter=0),
    }


def _heading(ex: Exercise, number: int, s: dict) -> Paragraph:
    return Paragraph(f"Exercise {number} — {fonts.markup(TOPIC_TITLES[ex.topic])}", s["h2"])


def _bullets(items: Sequence[str], style: ParagraphStyle, bullet: str = "•") -> ListFlowable:
    return ListFlowable([ListItem(Paragraph(fonts.markup(item), style), leftIndent=10, value=bullet)
                         for item in items], bulletType="bullet", start=bullet, leftIndent=10,
                        bulletFontName=fonts.SANS, bulletFontSize=7)


def _answer_space(lines: int) -> Table:
    table = Table([[""] for _ in range(lines)], colWidths=[styles.FRAME_WIDTH], rowHeights=_ANSWER_LINE_PT,
                  hAlign="LEFT")
    table.setStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, styles.RULE)])
    return table


def _question_flow(ex: Exercise, number: int, s: dict) -> list:
    flow = [_heading(ex, number, s), Paragraph(fonts.markup(ex.question), s["question"])]
    if ex.facts:
        flow.append(_bullets(ex.facts, s["fact"]))
    if ex.choices:
        flow.append(Paragraph("Choose from:", s["small"]))
        flow.append(_bullets(ex.choices, s["fact"], "☐"))
    return flow


def _footer(label: str):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(fonts.SANS, 7)
        canvas.setFillColor(styles.MUTED)
        canvas.drawString(styles.MARGIN_LEFT, styles.MARGIN_BOTTOM / 2, label)
        canvas.drawRightString(styles.PAGE_SIZE[0] - styles.MARGIN_RIGHT, styles.MARGIN_BOTTOM / 2,
                               f"page {doc.page}")
        canvas.restoreState()
    return draw


def _build(flow: list, title: str, label: str) -> bytes:
    from advisor.report.dates import tolerate_epoch

    tolerate_epoch()  # a SOURCE_DATE_EPOCH that is no time ended the sheet in an internal error
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=styles.PAGE_SIZE, leftMargin=styles.MARGIN_LEFT,
                            rightMargin=styles.MARGIN_RIGHT, topMargin=styles.MARGIN_TOP,
                            bottomMargin=styles.MARGIN_BOTTOM, invariant=1, title=title,
                            author="UC Design Advisor", creator=f"UC Design Advisor {__version__}")
    footer = _footer(label)
    doc.build(flow, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _intro(kind: str, seed: int, exercises: Sequence[Exercise], s: dict) -> list:
    topics = "; ".join(dict.fromkeys(TOPIC_TITLES[e.topic] for e in exercises))
    return [Paragraph(f"UC WAN design and security — {kind}", s["h1"]),
            Paragraph(fonts.markup(f"Set {seed}: {len(exercises)} exercise{'s' if len(exercises) != 1 else ''} "
                                   f"({topics})."), s["body"])]


def sheet_pdf(exercises: Sequence[Exercise], seed: int) -> bytes:
    """The sheet: each question with its facts, choices and room to answer, then the reference card."""
    fonts.register()
    s = _styles()
    flow = _intro("exercise sheet", seed, exercises, s)
    flow.append(Paragraph("Show your working. Bandwidth is per direction, with layer 2, in kbps with two "
                          "decimals; traffic in Erlangs. The reference at the end lists the conventions to use.",
                          s["caption"]))
    for number, ex in enumerate(exercises, start=1):
        parts = [*_question_flow(ex, number, s), Spacer(1, 4), _answer_space(ex.space_lines)]
        if len(ex.facts) + len(ex.choices) <= _KEEP_WHOLE:
            flow.append(KeepTogether(parts))
        else:  # a long one starts where it fits: its heading with the question, its last lines with the space
            flow += [KeepTogether(parts[:2]), *parts[2:-3], KeepTogether(parts[-3:])]
    blocks = reference({e.topic for e in exercises})
    if blocks:
        flow.append(Paragraph("Reference", s["h2"]))
        for heading, lines in blocks:
            flow.append(Paragraph(fonts.markup(heading), s["h3"]))
            flow.append(_bullets(lines, s["fact"]))
    return _build(flow, f"Exercise sheet, set {seed}", f"UC WAN design exercises · set {seed} · sheet")


def _work_lines(lines: Sequence[str], s: dict) -> list:
    """Solution lines: 'Step n: …' as a bold lead, the others indented by their leading blanks."""
    out = []
    for line in lines:
        if line.startswith("Step "):
            out.append(Paragraph(fonts.markup(line), s["step"]))
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        # a hanging indent: a long line's continuation sits under its text, not under the line above's
        style = ParagraphStyle(f"work{depth}", parent=s["work"], leftIndent=8 * depth + 10, firstLineIndent=-10)
        out.append(Paragraph(fonts.markup(line.strip()), style))
    return out


def key_pdf(exercises: Sequence[Exercise], seed: int) -> bytes:
    """The key: each exercise's question in short, its answer, the worked solution and the sources."""
    fonts.register()
    s = _styles()
    flow = _intro("answer key", seed, exercises, s)
    flow.append(Paragraph("Each answer is followed by its worked solution: every line is a formula with the "
                          "exercise's own numbers, in the order a student would work it out.", s["caption"]))
    for number, ex in enumerate(exercises, start=1):
        head = [_heading(ex, number, s), Paragraph(fonts.markup(ex.question), s["small"]),
                Paragraph(f"<b>Answer:</b> {fonts.markup(ex.answer_text)}", s["answer"])]
        flow.append(KeepTogether(head))
        flow += _work_lines(ex.solution, s)
        if ex.sources:
            flow.append(Paragraph(fonts.markup(f"Sources: {'; '.join(ex.sources)}"), s["caption"]))
    return _build(flow, f"Answer key, set {seed}", f"UC WAN design exercises · set {seed} · answer key")
