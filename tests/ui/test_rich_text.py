"""Rich text swapped in a scrolled view is laid out once, at the width it is shown (advisor.ui.rich_text)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser

from advisor.ui.rich_text import replace_html

LONG = "".join(f"<p>paragraph {i}: words enough to wrap in a narrow view, and more of them</p>" for i in range(40))


def _browser(qtbot) -> QTextBrowser:
    view = QTextBrowser()
    qtbot.addWidget(view)
    view.resize(300, 120)
    view.show()
    qtbot.waitExposed(view)
    view.setHtml(LONG)
    qtbot.wait(1)
    return view


def _layout_widths(view: QTextBrowser) -> list[int]:
    widths: list[int] = []
    view.document().documentLayout().documentSizeChanged.connect(lambda size: widths.append(round(size.width())))
    return widths


def test_setHtml_lays_out_twice_replace_html_once(qtbot):
    view = _browser(qtbot)
    widths = _layout_widths(view)
    view.setHtml(LONG.replace("paragraph 3", "paragraph three"))
    assert len(set(widths)) == 2  # Qt's own: without the bar, then with it
    widths.clear()
    replace_html(view, LONG)
    assert widths and len(set(widths)) == 1  # only at the width shown, beside the bar
    assert view.verticalScrollBar().isVisible()
    assert view.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded


def test_the_same_document_as_setHtml_and_the_bar_goes_when_the_text_fits(qtbot):
    view = _browser(qtbot)
    replace_html(view, LONG.replace("paragraph 7", "paragraph seven"))
    fresh = _browser(qtbot)
    fresh.setHtml(LONG.replace("paragraph 7", "paragraph seven"))
    assert view.toHtml() == fresh.toHtml()
    replace_html(view, "<p>short</p>")
    qtbot.wait(1)
    assert not view.verticalScrollBar().isVisible() and view.toPlainText() == "short"
