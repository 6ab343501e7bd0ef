"""A findings badge whose count does not fit its disc ("99+" on a bundle of thousands of links, or 42 on a busy
site) is drawn as a pill as wide as the count, not a disc the text spills over; one digit keeps the disc."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter

from advisor.ui.canvas import theme as th
from advisor.ui.canvas.badge import Badge, draw_badge


def _painted_columns(count: int) -> tuple[int, int]:
    """(leftmost, rightmost) column holding the badge's error colour, the badge centred at x = 50."""
    image = QImage(100, 40, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    theme = th.light()
    draw_badge(painter, theme, QPointF(50, 20), Badge(count, "error"), True)
    painter.end()
    red = theme.severity["error"].rgb()
    columns = [x for x in range(100) if any(image.pixel(x, y) == red for y in range(40))]
    return columns[0], columns[-1]


@pytest.mark.usefixtures("qapp")
def test_a_long_count_widens_the_badge_and_one_digit_keeps_the_disc():
    left, right = _painted_columns(7)
    assert right - left <= 2 * th.BADGE_R + 1  # the disc
    left, right = _painted_columns(150)  # "99+"
    assert right - left > 2 * th.BADGE_R + 3  # wider than the disc: the text stays on the colour
    assert abs((left + right) / 2 - 50) <= 1.5  # still centred where the disc was
