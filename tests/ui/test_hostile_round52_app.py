"""Round 52 in the app: the bid docks and the classroom as a presales engineer and an instructor use them.

- A spreadsheet cell pasted into a scenario's name ("G.729\\r\\n…") or a quiz's title kept its line break and tabs:
  the comparison's column header (and the PDF's) split in two. Both now take one line, as the Inspector's names.
- The lines to verify in the Bill of materials and the changed figures of the Scenarios dock kept the light theme's
  amber on the dark theme's table (3.9:1): they now take the warning colour of the theme shown.
- A name typed with ".csv" in the export dialog, its Excel filter chosen (the first), became an Excel workbook named
  "options.csv.xlsx": a name with the extension of a filter offered keeps it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QDialog, QFileDialog

from advisor.model import Scenario


def _paste(box, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    box.setFocus()
    box.selectAll()
    box.paste()


# -- pasted names ----------------------------------------------------------------------------------------------------
def test_a_pasted_scenario_name_is_one_line(window):
    from advisor.ui.bid.scenario_form import ScenarioForm

    panel = window.bid.scenarios
    form = ScenarioForm(window.document.design, panel)
    form.exec = lambda: QDialog.DialogCode.Accepted
    _paste(form.name, "G.729 over\tDMVPN\r\n")
    form.editors["codec"].set("g729")
    form._check()
    assert form.scenario().name == "G.729 over DMVPN"  # was "G.729 over\tDMVPN\r\n" less the outer spaces
    panel.add(form)
    assert window.document.design.scenarios[-1] == Scenario(name="G.729 over DMVPN", codec="g729")


def test_a_pasted_quiz_title_is_one_line(example_window):
    from advisor.ui.classroom.quiz import QuizSettings
    from advisor.ui.classroom.quiz_dialog import QuizDialog

    dialog = QuizDialog(example_window, QuizSettings())
    _paste(dialog.title, "Lab 3:\r\nsizing\tthe WAN\n")
    assert dialog.settings().title == "Lab 3: sizing the WAN"
    dialog.deleteLater()


# -- the dark theme --------------------------------------------------------------------------------------------------
from tests.ui.test_hostile_round51_app import _contrast  # noqa: E402  (WCAG 2 contrast ratio)


def test_lines_to_verify_read_on_the_dark_theme(example_window, qtbot):
    window = example_window
    window.docks["bom"].show()
    window.docks["bom"].raise_()
    qtbot.waitUntil(lambda: window.bid.bom.isVisible(), timeout=3000)
    panel = window.bid.bom
    panel.refresh()
    marked = sorted(panel.model.table.marked)
    assert marked  # the example has unconfirmed lines
    index = panel.model.index(*marked[0])
    window.set_theme("dark")
    qtbot.wait(1)
    base = panel.table.palette().color(QPalette.ColorRole.Base)
    brush = index.data(Qt.ItemDataRole.ForegroundRole)
    assert _contrast(brush.color(), base) >= 4.5  # was #b26a00 on #1e1f22: 3.9:1
    window.set_theme("light")
    qtbot.wait(1)
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == QColor("#b26a00")
    assert _contrast(QColor("#b26a00"), panel.table.palette().color(QPalette.ColorRole.Base)) >= 4.2


# -- the export dialog -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("typed", "written"), [("options.csv", "options.csv"), ("options.CSV", "options.CSV"),
                                                ("options", "options.xlsx"), ("options.txt", "options.txt.xlsx")])
def test_a_name_typed_with_an_offered_extension_keeps_it(window, monkeypatch, tmp_path, typed, written):
    from advisor.ui.bid import save_dialogs

    chosen = str(tmp_path / typed)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (chosen, save_dialogs.XLSX_FILTER))
    path = save_dialogs.ask_save(window, "Export", tmp_path / "x.xlsx",
                                 (save_dialogs.XLSX_FILTER, save_dialogs.CSV_FILTER))
    assert path.name == written  # "options.csv" was "options.csv.xlsx"


def test_the_options_typed_as_csv_are_written_as_csv(window, monkeypatch, tmp_path, qtbot):
    from advisor.ui.bid import save_dialogs

    panel = window.bid.scenarios
    window.docks["scenarios"].show()
    window.docks["scenarios"].raise_()
    qtbot.waitUntil(lambda: panel.up_to_date(), timeout=10_000)
    chosen = str(tmp_path / "options.csv")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (chosen, save_dialogs.XLSX_FILTER))
    assert panel.export() == chosen
    text = (tmp_path / "options.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "measure,Current design"


# -- a long option name ----------------------------------------------------------------------------------------------
def test_a_long_option_name_is_elided_in_its_column_header_and_whole_in_its_tooltip(window, qtbot):
    from advisor.ui.bid.scenario_commands import AddScenario

    name = "G.729 over DMVPN with a very long name for the bid option number three"
    window.document.push(AddScenario(Scenario(name=name, codec="g729")))
    window.docks["scenarios"].show()
    window.docks["scenarios"].raise_()
    panel = window.bid.scenarios
    qtbot.waitUntil(lambda: panel.up_to_date() and name in panel.model.table.columns, timeout=10_000)
    header = panel.table.horizontalHeader()
    column = panel.model.table.columns.index(name)
    assert header.sectionSize(column) < header.fontMetrics().horizontalAdvance(name)  # too narrow for it
    # was cut at the left edge ("id option number three"): now "G.729 ove…ber three"
    assert header.textElideMode() == Qt.TextElideMode.ElideMiddle
    tip = panel.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"{name}: Codec: G.729")
