"""The Inspector's title: broken between words onto at most two lines at the width it is given, the last line cut
with "…" (the whole title then in its tooltip); a word wider than the line is cut where it starts."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel

from advisor.model import Design, Site
from advisor.ui.inspector_title import ElidedLabel, fitted_lines

EXAMPLE = "Design — HQ + 12 branches on MPLS VPN"  # the bundled example's title


def _width(text: str, font: QFont) -> int:
    return QFontMetrics(font).horizontalAdvance(text)


def test_a_title_wider_than_the_line_reads_whole_on_two_lines(qapp):
    font = QFont(qapp.font())
    first, second = "Design — HQ + 12", "branches on MPLS VPN"
    width = max(_width(first, font), _width(second, font)) + 2  # both halves fit, the whole does not
    assert _width(EXAMPLE, font) > width
    lines, whole = fitted_lines(EXAMPLE, font, width, 2)
    assert whole and len(lines) == 2
    assert " ".join(lines) == EXAMPLE  # every word, in order, broken at a space
    assert all(_width(line, font) <= width for line in lines)


def test_a_title_that_fits_is_one_line(qapp):
    font = QFont(qapp.font())
    assert fitted_lines(EXAMPLE, font, _width(EXAMPLE, font) + 4, 2) == ([EXAMPLE], True)
    assert fitted_lines("", font, 100, 2) == ([], True)


def test_what_does_not_fit_on_the_last_line_is_cut(qapp):
    font = QFont(qapp.font())
    title = " ".join(["Branch"] * 40)
    width = _width("Branch Branch Branch", font) + 2
    lines, whole = fitted_lines(title, font, width, 2)
    assert not whole and len(lines) == 2
    assert lines[0] == "Branch Branch Branch"  # as many words as fit
    assert lines[1].endswith("…") and _width(lines[1], font) <= width


def test_a_word_wider_than_the_line_is_cut_where_it_starts(qapp):
    font = QFont(qapp.font())
    lines, whole = fitted_lines("W" * 200 + " tail", font, 120, 2)
    assert not whole and len(lines) == 1 and lines[0].startswith("WW") and lines[0].endswith("…")
    lines, whole = fitted_lines("Site — " + "W" * 200, font, 120, 2)  # the word starts a second line, cut there
    assert not whole and lines[0] == "Site —" and lines[1].endswith("…")
    assert fitted_lines("Design", font, 0, 2)[0] == ["…"]  # no room at all


def test_the_label_paints_two_lines_and_repeats_only_a_cut_title(qtbot):
    label = ElidedLabel()
    qtbot.addWidget(label)
    metrics = label.fontMetrics()
    label.resize(metrics.horizontalAdvance("branches on MPLS VPN") + 12, 60)
    label.setText(EXAMPLE)
    assert QLabel.text(label).count("\n") == 1 and label.toolTip() == ""
    label.setText(EXAMPLE + " and a long tail of words that cannot fit in two lines of this width at all")
    assert QLabel.text(label).endswith("…") and label.toolTip().startswith(EXAMPLE)


def test_the_example_title_is_whole_in_the_inspector_at_the_default_layout(window, qtbot):
    window.resize(1366, 768)
    window.document.reset(Design(name="HQ + 12 branches on MPLS VPN", sites=(Site(id="hq", users=10),)))
    window.document.select(())
    qtbot.wait(10)
    title = window.inspector.title
    assert QLabel.text(title).replace("\n", " ") == EXAMPLE and title.toolTip() == ""
