"""Hostile output paths in the app, round 21b: File ▸ Export PDF and Export Tables to a name whose folder is a file or
does not exist said the system's "Not a directory" or "No such file or directory", without saying which part of the
path is wrong. The dialog now names it; the design stays as it was and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt


def _cases(tmp_path: Path, name: str) -> list[tuple[Path, str]]:
    (tmp_path / "notes").write_text("x")
    return [(tmp_path / "notes" / name, f"{tmp_path / 'notes'} is a file, not a folder; choose a file name in a folder"),
            (tmp_path / "gone" / name, f"the folder {tmp_path / 'gone'} does not exist; choose a file name in an "
                                       "existing folder")]


@pytest.mark.parametrize("case", [0, 1])
def test_a_pdf_whose_folder_is_wrong_is_refused_naming_the_folder(qtbot, window, shown, tmp_path, case):
    from advisor.ui.export import export_pdf

    design = window.document.design
    target, words = _cases(tmp_path, "design.pdf")[case]
    export = export_pdf(window, target, ask_open=False)
    with qtbot.waitSignal(export.finished, timeout=60_000) as blocker:
        pass
    assert blocker.args == [""]
    (title, text), = shown
    assert title == "Export PDF"
    assert text == f"The PDF could not be written.\n\n{target} cannot be written: {words}"
    assert window.document.design is design and not window.document.modified
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes"]


@pytest.mark.parametrize("case", [0, 1])
@pytest.mark.parametrize("name, table", [("t.csv", "Sites"), ("t.xlsx", None)])
def test_tables_whose_folder_is_wrong_are_refused_naming_the_folder(window, shown, tmp_path, case, name, table):
    from advisor.ui.bid.exports import export_tables

    design = window.document.design
    target, words = _cases(tmp_path, name)[case]
    assert export_tables(window, target, table) is None
    assert shown == [("Export tables: not written", f"{target}: {words}")]
    assert window.document.design is design and not window.document.modified
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes"]


def test_a_class_file_that_hides_nothing_says_why_no_quiz_runs(window, dialogs, tmp_path):
    # The quiz dialog never saves such a file (its OK needs one figure hidden): written by hand, it opened the
    # design and left the Quiz panel as it was, with no word of the quiz the user expected.
    from advisor.ui.classroom.class_file import ClassFile, dumps
    from advisor.ui.classroom.quiz import QuizSettings

    path = tmp_path / "lab.class.json"
    path.write_text(dumps(ClassFile(window.document.design.model_copy(update={"name": "Lab design"}),
                                    QuizSettings(title="Lab"))), encoding="utf-8")
    assert window.classroom.open_class_file(path)
    assert dialogs["warning"] == []
    assert window.document.design.name == "Lab design" and window.classroom.settings is None
    assert window.statusBar().currentMessage() == "lab.class.json hides no figure: its design is open, without a quiz"


# -- answers typed into the Quiz panel --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def analysed():
    from advisor import io
    from advisor.analysis import analyse

    design = io.load(Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json")
    return analyse(design)


def _q(kind: str):
    from advisor.ui.classroom.quiz import Question

    return Question(f"l-br01:{kind}", kind, "l-br01" if kind in ("calls", "kbps") else "", "question")


def test_an_answer_of_unknown_codes_is_named_in_short(analysed):
    # A pasted 6,000-character word was quoted whole in the result column, and every unknown word after it.
    from advisor.ui.classroom import quiz

    verdict = quiz.check(_q("codes"), "BW-MTU" * 1000 + " foo bar baz qux quux", analysed, quiz.Tolerances())
    assert verdict.state == "invalid"
    assert verdict.text == "not a finding code: " + "BW-MTU" * 6 + "BW-…, FOO, BAR, BAZ and 2 more"


@pytest.mark.parametrize("answer, words", [
    ("9" * 400, "far too large a number: '" + "9" * 39 + "…'"),  # it said "not a number" of a number
    ("1e999", "far too large a number: '1e999'"),
    ("12\nkbps x", "not a number: '12\\nkbps x'"),  # a pasted line break: on one line, as its escape
    ("x" * 100, "not a number: '" + "x" * 39 + "…'"),
])
def test_a_number_answer_that_cannot_be_checked_is_named_on_one_line(analysed, answer, words):
    from advisor.ui.classroom import quiz

    verdict = quiz.check(_q("kbps"), answer, analysed, quiz.Tolerances())
    assert (verdict.state, verdict.text) == ("invalid", words)


def test_opening_a_design_shows_the_wait_cursor_while_it_reads_and_draws_then_restores_it(window, tmp_path, shown):
    from PySide6.QtWidgets import QApplication

    from advisor import io as design_io

    path = tmp_path / "d.json"
    path.write_text(design_io.dumps(window.document.design), encoding="utf-8")
    during: list = []
    window.document.designChanged.connect(
        lambda *_: during.append(QApplication.overrideCursor() and QApplication.overrideCursor().shape()))
    assert window.files.open_path(path, ask=False, remember=False)
    assert during == [Qt.CursorShape.WaitCursor]  # while the canvas and docks take the new design
    assert QApplication.overrideCursor() is None  # restored: a 10,000-site design took seconds with no sign
    # A damaged file: the dialog comes with the cursor restored, the design stays
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert not window.files.open_path(bad, ask=False, remember=False)
    assert QApplication.overrideCursor() is None
    assert len(shown) == 1 and shown[0][0] == "Cannot open design"


def test_opening_a_class_file_shows_the_wait_cursor_then_restores_it(window, tmp_path):
    from PySide6.QtWidgets import QApplication

    from advisor.ui.classroom import class_file
    from advisor.ui.classroom.quiz import Hidden, QuizSettings

    path = tmp_path / "c.class"
    path.write_text(class_file.dumps(class_file.ClassFile(window.document.design,
                                                          QuizSettings(hidden=Hidden(kbps=True)))), encoding="utf-8")
    during: list = []
    window.document.designChanged.connect(
        lambda *_: during.append(QApplication.overrideCursor() and QApplication.overrideCursor().shape()))
    assert window.classroom.open_class_file(path)
    assert during == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None
