"""Hostile round 39, quiz mode: a shown answer whose link an edit took away and an Undo brought back (the results of
the design before the Undo do not name it), and the quiz dialog keeping an instructor's tolerances as they are."""

from __future__ import annotations

import sys

from advisor.commands import DeleteItems
from advisor.ui.classroom import quiz
from advisor.ui.classroom.quiz import Hidden, QuizSettings
from advisor.ui.classroom.quiz_panel import RESULT


def test_an_answer_shown_on_a_link_that_undo_brings_back_waits_for_its_results(example_window, qtbot):
    win = example_window
    errors: list[str] = []
    old = sys.excepthook
    sys.excepthook = lambda t, v, tb: errors.append(f"{t.__name__}: {v}")
    try:
        win.classroom.start_quiz(QuizSettings(hidden=Hidden(kbps=True)))
        panel = win.classroom.quiz_panel
        panel.reveal(0)  # "Show solution" on the first link's bandwidth question
        question = panel.questions[0]
        win.document.push(DeleteItems((question.subject,)))
        win.analysis.run_now()
        win.document.undo_stack.undo()  # the link is back; the results are still those of the design without it
        row = next(i for i, q in enumerate(panel.questions) if q.key == question.key)
        assert panel.table.item(row, RESULT).text().endswith("answer shown once the design is analysed")
        win.analysis.run_now()
        qtbot.wait(10)
    finally:
        sys.excepthook = old
    assert errors == []  # was: KeyError out of the designChanged slot, the table half rebuilt
    answer = quiz.answer_text(question, win.document.results)
    assert panel.table.item(row, RESULT).text().endswith(f"answer: {answer} (shown)")
    # and the answers typed next are still taken (the exception left the panel ignoring them)
    q = next(q for q in panel.questions if q.kind == "kbps" and q.key not in panel.revealed)
    panel.set_answer(q.key, "388.68")
    assert panel.answers.get(q.key) == "388.68"


def test_the_quiz_dialog_gives_back_the_tolerances_a_class_file_set(example_window):
    from advisor.ui.classroom.quiz import Tolerances
    from advisor.ui.classroom.quiz_dialog import QuizDialog

    for given in (Tolerances(kbps_percent=0.25, calls=500), Tolerances(kbps_percent=0.123456, calls=1000),
                  Tolerances(kbps_percent=50.0, calls=0)):
        settings = QuizSettings(title="Lab", hidden=Hidden(kbps=True, calls=True), tolerances=given)
        example_window.classroom.start_quiz(settings)  # as a class file opens it
        dialog = QuizDialog(example_window, example_window.classroom.settings, "Apply")
        assert dialog.settings().tolerances == given  # was: 0.3 % and 100 calls, in silence
        dialog.deleteLater()
    dialog = QuizDialog(example_window, example_window.classroom.settings, "Apply")
    dialog.kbps.setValue(2.5)  # a share the user types is taken as typed
    dialog.calls.setValue(7)
    assert dialog.settings().tolerances == Tolerances(kbps_percent=2.5, calls=7)
    dialog.deleteLater()
