"""File ▸ Import sites… with hostile site lists: the dialog's own words stay the app's (no command-line option, no
Python exception's lines), counts read as English ("1 site", not "1 sites"), a name quoted from the sheet cannot
turn a line around (a right-to-left override is shown as its escape), and a list that cannot be imported leaves the
open design as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from advisor.ui import bid
from advisor.ui.bid import import_dialog
from advisor.ui.bid.import_dialog import ImportDialog, open_dialog

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: what follows it on the line is drawn from right to left


def _dialog(window, qtbot, path: Path) -> ImportDialog:
    dialog = open_dialog(window, path)
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.runner.busy(), timeout=5000)
    qtbot.wait(1)  # the answer's queued signal
    return dialog


def _csv(tmp_path: Path, text: str, name: str = "sites.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_one_of_each_is_counted_in_the_singular(window, qtbot, tmp_path):
    # one row: one site, the one MPLS cloud the importer assumes, the site's one access link
    dialog = _dialog(window, qtbot, _csv(tmp_path, "Site Name,Users\nHQ,10\n"))
    summary = dialog.summary.text()
    assert summary.startswith("<b>1 site</b> will be imported (0 rows skipped): 1 WAN cloud, 1 link; hub "), summary
    dialog.reject()


def test_a_sheet_without_a_name_column_says_so_in_the_apps_words_and_keeps_the_design(window, qtbot, tmp_path,
                                                                                       monkeypatch, sample_design):
    path = _csv(tmp_path, "Users,Phones\n10,12\n")
    dialog = _dialog(window, qtbot, path)
    summary = dialog.summary.text()
    assert "--map" not in summary  # the importer's hint is the command line's
    assert "sites.csv: no column for the site name; choose “Site name” above the column that holds the names" \
        in summary
    assert not dialog.import_button.isEnabled()
    dialog.reject()

    def accept_at_once(self):
        self.accept()  # refused: nothing to import
        return self.result()
    monkeypatch.setattr(ImportDialog, "exec", accept_at_once)
    assert bid.import_sites(window, path) is False
    assert window.document.design == sample_design and not window.document.modified


def test_a_right_to_left_override_in_a_name_is_shown_escaped(window, qtbot, tmp_path):
    dialog = _dialog(window, qtbot, _csv(tmp_path, f"Site Name,Users\n{RLO}evil,20\nBranch,5\n"))
    # the hub (the site with the most users) is named in the summary and in a message of the tree
    assert "hub <b>\\u202eevil</b>." in dialog.summary.text()
    lines = [line for group in dialog.messages.texts().values() for line in group]
    assert any("\\u202eevil" in line for line in lines)
    assert not any(RLO in line for line in lines)
    dialog.reject()


def test_a_right_to_left_override_in_a_cell_is_shown_escaped_in_the_preview(window, qtbot, tmp_path):
    dialog = _dialog(window, qtbot, _csv(tmp_path, f"Site Name,Users\n{RLO}evil,20\nBranch\u200b,5\n"))
    table = dialog.table
    cells = [table.item(r, 0).text() for r in range(table.rowCount()) if table.item(r, 0) is not None]
    assert "\\u202eevil" in cells, cells
    assert not any(RLO in cell for cell in cells)
    dialog.reject()


def test_a_bug_in_the_import_is_one_line_in_the_dialog(window, qtbot, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("1 validation error for Site\nusers\n  Input should be greater than or equal to 0")
    monkeypatch.setattr(import_dialog, "build_design", broken)
    dialog = _dialog(window, qtbot, _csv(tmp_path, "Site Name,Users\nHQ,10\n"))
    summary = dialog.summary.text()
    assert "sites.csv: cannot be imported (ValueError: 1 validation error for Site; the details are in the log)" \
        in summary
    assert "\n" not in summary and not dialog.import_button.isEnabled()
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_a_bug_while_reading_is_one_line_in_the_message(window, tmp_path, monkeypatch, dialogs, sample_design):
    def broken(*args, **kwargs):
        raise RuntimeError("a part is damaged\nthe second line")
    monkeypatch.setattr(import_dialog, "preview", broken)
    assert open_dialog(window, _csv(tmp_path, "Site Name,Users\nHQ,10\n")) is None
    [(title, text)] = dialogs["warning"]
    assert title == "Cannot import site list"
    assert text.endswith("sites.csv: cannot be read (RuntimeError: a part is damaged; the details are in the log)")
    assert window.document.design == sample_design
