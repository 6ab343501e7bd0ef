"""Round 46, the app driven by long random sequences of real user actions: each defect found, as the short
sequence that shows it.

- Changing the selection while a PDF export ran (its analysis on a worker thread) froze the window for good, or
  killed the process with a bus error: Python collected the garbage of the Inspector's old editors on the worker's
  thread, and undoing their connections there waited for the interpreter that the UI thread held while it waited for
  Qt's connection lock. Garbage is now collected on the UI thread only while a window is open.
- Closing the window (File ▸ Quit) right after File ▸ Export PDF, before the file was written, quit at once: the
  export ended with the application, no file was written and nothing said so. Closing now asks first; "No" keeps the
  window open until the PDF is written, "Yes" stops the exports, and no dialog of theirs opens afterwards.
- A name that starts with an invisible U+FEFF (a byte-order mark, as a file written by another program may hold)
  shows without it in a text box: Enter in the Inspector's name field renamed the design, site or link (an undo
  entry though nothing was typed); Save in the scenario form renamed the option (the mark gone, or the spaces around
  a name), and the quiz dialog the quiz's title. What the box showed as it was filled now keeps the value as given.
- A settings file edited by hand with a value of a type Qt does not know (``@Variant(...)`` holding a user type
  or a type number out of range) had Qt print "QVariant::load: unknown user type" or "Trying to construct an instance
  of an invalid type" at every start; it now reads as the default with a line in the log, and the file's other
  values are read as before.
"""

from __future__ import annotations

import gc
import logging
import threading
import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from advisor.model import Design, Link, Scenario, Site
from advisor.ui import heap, settings
from advisor.ui.bid.scenario_commands import AddScenario
from advisor.ui.bid.scenario_form import ScenarioForm

BOM = "\ufeff"


class _Cycle:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self):
        self.me = self


def test_garbage_is_collected_on_the_ui_thread_while_a_worker_allocates(window, qtbot):
    threads: list[bool] = []  # per collection: whether it ran on the UI thread
    record = lambda phase, _info: phase == "start" and threads.append(  # noqa: E731
        threading.current_thread() is threading.main_thread())
    made: list[weakref.ref] = []

    def work() -> None:  # as an export's analysis: thousands of objects, some of them in cycles
        for i in range(50_000):
            cycle = _Cycle()
            if i % 1000 == 0:
                made.append(weakref.ref(cycle))

    gc.callbacks.append(record)
    try:
        worker = threading.Thread(target=work)
        worker.start()
        qtbot.waitUntil(lambda: not worker.is_alive(), timeout=20_000)
        worker.join()
        qtbot.waitUntil(lambda: all(ref() is None for ref in made), timeout=2000)  # collected all the same
    finally:
        gc.callbacks.remove(record)
    assert threads and all(threads)  # the worker's allocations started collections on its own thread


def test_the_collector_is_back_once_the_last_window_has_gone(qtbot, sample_design):
    from advisor.ui.main_window import MainWindow

    win = MainWindow()
    win.document.reset(sample_design)
    assert not gc.isenabled() and heap._collectors
    win.deleteLater()
    # back on the event loop's next turn after the window's destruction (never from inside it: heap._ended)
    qtbot.waitUntil(lambda: gc.isenabled() or bool(heap._collectors), timeout=2000)
    assert gc.isenabled() == (not heap._collectors)


def test_closing_while_a_pdf_is_written_asks_and_no_keeps_the_window_until_it_is(window, dialogs, qtbot, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from advisor.ui.export import export_pdf

    target = tmp_path / "plan.pdf"
    export = export_pdf(window, target, ask_open=False)
    dialogs["answers"].append(QMessageBox.StandardButton.No)
    with qtbot.waitSignal(export.finished, timeout=60_000) as blocker:
        assert not window.close()  # was: closed at once; the export ended with the application, unwritten
    assert dialogs["question"] == [("Export PDF", "The design document “plan.pdf” is still being written.\n\n"
                                                  "Close now and leave it unwritten?")]
    assert blocker.args == [str(target)] and target.exists()


def test_closing_while_a_pdf_is_written_and_yes_stops_it_without_a_word_after(window, dialogs, qtbot, tmp_path):
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QMessageBox

    from advisor.ui.export import export_pdf

    target = tmp_path / "plan.pdf"
    export_pdf(window, target, ask_open=True)
    export_pdf(window, tmp_path / "copy.pdf", ask_open=True)
    dialogs["answers"].append(QMessageBox.StandardButton.Yes)
    assert window.close()
    assert [text for _title, text in dialogs["question"]] == [
        "The design documents “plan.pdf”, “copy.pdf” are still being written.\n\nClose now and leave them unwritten?"]
    assert QThreadPool.globalInstance().waitForDone(60_000)
    qtbot.wait(50)  # the jobs' last signals arrive: nothing is written, no dialog opens on the closed window
    assert list(tmp_path.iterdir()) == [] and len(dialogs["question"]) == 1 and dialogs["warning"] == []



@pytest.mark.parametrize("selection", [(), ("hq",), ("l1",)])
def test_enter_on_a_name_that_starts_with_a_byte_order_mark_renames_nothing(window, qtbot, selection):
    design = Design(name=BOM + "Plan", sites=(Site(id="hq", name=BOM + "HQ", users=10, cucm_publisher=True),
                                              Site(id="br", name="Branch", users=5)),
                    links=(Link(id="l1", a="hq", b="br", name=BOM + "Leased line"),))
    window.document.reset(design)
    window.document.select(selection)
    box = next(group.editors["name"].widget for group in window.inspector._groups if "name" in group.editors)
    assert not box.text().startswith(BOM)  # Qt's box shows the name without its mark
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Return)
    QTest.keyClick(box, Qt.Key.Key_Tab)
    assert window.document.design == design and window.document.undo_stack.count() == 0  # was "Change name"
    box.setFocus()
    box.selectAll()
    QTest.keyClicks(box, "Renamed")  # typed: an edit, as ever
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert window.document.undo_stack.count() == 1


@pytest.mark.parametrize("name", [BOM + "Option A", " Option A ", "Option A\t"])
def test_saving_an_option_keeps_its_name_as_given_when_the_box_was_left_alone(window, qtbot, name):
    doc, panel = window.document, window.bid.scenarios
    doc.push(AddScenario(Scenario(name=name, codec="g711")))
    window.docks["scenarios"].show()
    window.docks["scenarios"].raise_()
    qtbot.waitUntil(panel.up_to_date, timeout=10_000)
    panel.select(name)
    form = ScenarioForm(doc.design, panel, doc.design.scenarios[0])
    form.exec = lambda: QDialog.DialogCode.Accepted  # the user pressed Save
    combo = form.editors["codec"].widget
    combo.setCurrentIndex(combo.findData("g729"))  # the one change made
    panel.edit(form)
    assert doc.design.scenarios == (Scenario(name=name, codec="g729"),)  # was renamed "Option A"
    form = ScenarioForm(doc.design, panel, doc.design.scenarios[0])
    form.name.setText("  Option B ")  # typed: taken without the spaces around it, as before
    assert form.scenario().name == "Option B"


def test_the_quiz_dialog_gives_back_a_title_it_does_not_show_as_written(window):
    from advisor.ui.classroom.quiz import Hidden, QuizSettings
    from advisor.ui.classroom.quiz_dialog import QuizDialog

    given = QuizSettings(title=BOM + "Lab 3 ", hidden=Hidden(kbps=True))
    dialog = QuizDialog(window, given, "Apply")
    assert dialog.settings() == given  # was "Lab 3"
    dialog.title.setText(" Lab 4 ")
    assert dialog.settings().title == "Lab 4"
    dialog.deleteLater()


@pytest.mark.qt_log_ignore("after the settings were read")
@pytest.mark.parametrize("value", [r"@Variant(\0\0\0\x7f\0\0\0\x10QKeySequence)", r"@Variant(\xff\xff\xff\xff)",
                                   r"@Variant(\0\0\x10\0\0)"])
def test_a_stored_value_of_a_type_qt_does_not_know_reads_as_the_default_without_a_qt_warning(window, qtlog, caplog,
                                                                                          monkeypatch, value):
    from PySide6.QtCore import qWarning

    monkeypatch.setattr(settings, "_unreadable", set())  # each is said once per run

    path = Path(settings.qsettings().fileName())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"[view]\ntheme={value}\n[window]\nstate_version={value}\n[files]\nlast=/plan.json\n",
                    encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="advisor.ui.settings"):
        assert settings.get("view/theme") == "system" and settings.get("window/state_version") == 0
        assert settings.get("files/last") == "/plan.json"  # the file's readable values are kept
        window.restore_layout()
        window.save_layout()  # writing reads the file again
    assert [r.message for r in qtlog.records] == []  # (the test fails on a Qt warning: it did, on each)
    assert "the settings file holds a value that cannot be read" in caplog.text
    qWarning("after the settings were read")  # Qt's messages reach whoever heard them before, again
    assert [r.message for r in qtlog.records] == ["after the settings were read"]
