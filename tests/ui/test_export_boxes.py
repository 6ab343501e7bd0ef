"""Export PDF says when the document prints some of the design's characters as empty boxes (no font for them): with
the question that offers to open the file, in the status bar and in the log. Before, nothing was said."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox

from advisor.commands import SetFields

DELHI = "दिल्ली"  # a script the PDF cannot lay out: boxes whatever the fonts


def _export(qtbot, window, target, ask_open):
    from advisor.ui.export import export_pdf

    export = export_pdf(window, target, ask_open=ask_open)
    with qtbot.waitSignal(export.finished, timeout=120_000) as blocker:
        pass
    return blocker.args


def test_boxes_are_said_with_the_question_and_in_the_status_bar(qtbot, window, tmp_path, monkeypatch, caplog):
    asked = []

    def warning(_parent, title, text, buttons, default):
        asked.append((title, text, buttons, default))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "warning", warning)
    plain = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: plain.append(a) or QMessageBox.StandardButton.No)
    window.document.push(SetFields("br-1", {"name": DELHI}))
    target = tmp_path / "delhi.pdf"
    with caplog.at_level(logging.WARNING, logger="advisor"):
        assert _export(qtbot, window, target, True) == [str(target)]
    assert target.is_file()
    assert plain == []
    (title, text, buttons, default), = asked
    assert title == "Export PDF"
    assert text.startswith(f"The design document was saved as\n{target}\n\nThe PDF shows 5 characters of this design "
                           f"as empty boxes, in “{DELHI}”: ")
    assert text.endswith(".\n\nOpen it now?")
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    assert (buttons, default) == (yes | no, yes)
    assert window.statusBar().currentMessage().endswith("; some characters print as empty boxes (no font for them)")
    assert any("empty boxes" in r.getMessage() for r in caplog.records)


def test_a_design_whose_names_print_asks_the_plain_question(qtbot, window, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.No)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a) or QMessageBox.StandardButton.No)
    target = tmp_path / "plain.pdf"
    assert _export(qtbot, window, target, True) == [str(target)]
    assert asked == [f"The design document was saved as\n{target}\n\nOpen it now?"] and warned == []
    assert "boxes" not in window.statusBar().currentMessage()


def test_a_pdf_no_program_can_open_is_said_with_where_it_is(qtbot, window, tmp_path, monkeypatch):
    # "Open it now?" answered Yes on a machine with no PDF viewer (or no xdg-open): nothing happened, without a word
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    target = tmp_path / "plain.pdf"
    assert _export(qtbot, window, target, True) == [str(target)]
    assert window.statusBar().currentMessage() == (
        f"No program to open PDF documents was found; the document is {target}")
