"""Rows filled by BACKGROUND commands (a links table's overloaded and amber rows) are carried by the rows' cell styles
and painted by the table itself: the same pages as reportlab painting the commands, without a command per row for
reportlab to re-base at every page split (which made a long table cost the square of its length)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from advisor.report import fonts, styles, tables
from advisor.report.tables import data_table

RED, AMBER = colors.HexColor("#f8d7d3"), colors.HexColor("#fdf0cf")


def _table(rows: int = 400, background=None):
    """A long table whose every 3rd row is red and every 7th amber from column 2 on (the later command wins where
    both fall), with bold status words on them, as the links table marks its rows."""
    body = [[f"l{i}", f"Branch {i} – MPLS", f"{i * 7 % 13}", f"{i * 55.2:,.2f}", "ok" if i % 3 else "overloaded"]
            for i in range(1, rows + 1)]
    extra = []
    for i in range(1, rows + 1):
        if i % 3 == 0:
            extra += [("BACKGROUND", (0, i), (-1, i), background or RED), ("TEXTCOLOR", (4, i), (4, i), styles.ERROR_INK)]
        if i % 7 == 0:
            extra += [("BACKGROUND", (2, i), (-1, i), AMBER), ("FONT", (4, i), (4, i), fonts.SANS_BOLD, 7.5, 9.2)]
    return data_table(["Link", "Ends", "Calls", "kbps", "Status"], body, [60, 150, 40, 60, 60], right_cols=(2, 3),
                      extra_style=extra)


def _pdf(path, table) -> None:
    fonts.register()
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build([table])


def _pages(path, tmp_path, stem: str) -> list[bytes]:
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(tmp_path / stem)], check=True)
    return [p.read_bytes() for p in sorted(tmp_path.glob(f"{stem}-*.png"))]


def test_the_row_fills_leave_no_command_per_row():
    fonts.register()
    table = _table()
    house = [c for c in table._bkgrndcmds if c[0] in ("BACKGROUND", "ROWBACKGROUNDS")]
    assert len(house) == 2  # the header band and the stripes: the 190 marked rows are in their styles
    filled = [r for r, row in enumerate(table._cellStyles) if any("row_fill" in s.__dict__ for s in row)]
    assert filled == [r for r in range(1, 401) if r % 3 == 0 or r % 7 == 0]
    assert table._cellStyles[21][0].row_fill is RED and table._cellStyles[21][2].row_fill is AMBER  # both marks
    assert "row_fill" not in table._cellStyles[14][0].__dict__ and table._cellStyles[14][3].row_fill is AMBER


def test_a_background_of_another_kind_keeps_the_commands():
    fonts.register()
    gradient = ["HORIZONTAL", colors.white, RED]
    table = _table(30, background=gradient)
    assert sum(1 for c in table._bkgrndcmds if c[0] == "BACKGROUND") > 10  # each mark stays a command
    assert not any("row_fill" in s.__dict__ for row in table._cellStyles for s in row)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_the_pages_are_those_of_the_commands(tmp_path, monkeypatch):
    _pdf(tmp_path / "fills.pdf", _table())
    monkeypatch.setattr(tables, "_row_fills", lambda extra, nrows: None)  # every mark a command, as before
    commands = _table()
    assert sum(1 for c in commands._bkgrndcmds if c[0] == "BACKGROUND") > 150
    _pdf(tmp_path / "commands.pdf", commands)
    fills, painted = _pages(tmp_path / "fills.pdf", tmp_path, "f"), _pages(tmp_path / "commands.pdf", tmp_path, "c")
    assert len(fills) == len(painted) >= 5  # split over several pages: the fills went with their rows
    assert fills == painted
