"""Quiz mode in the window: a hidden figure appears nowhere (every visible widget's text, the table models' display
text and tooltips, the canvas items' labels and tooltips, the status bar), answers within the tolerance are accepted
and reveal their worked solution, ending the quiz gives everything back, and class files open into a quiz.

Design: resources/examples/hq-12-branches-mpls.json; link l-br01 worked by hand in test_classroom_quiz_rules.py:
7 calls × 55.20 kbps + 2.28 kbps = 388.68 kbps.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
)

from advisor import io, numbers
from advisor.ui.classroom import class_file
from advisor.ui.classroom.quiz import Hidden, QuizSettings, Tolerances

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"
FIGURE = "388.68"  # l-br01's bandwidth, worked by hand


# -- what the window shows --------------------------------------------------------------------------------------------
def _model_texts(view: QAbstractItemView) -> list[str]:
    model, out = view.model(), []
    if model is None:
        return out
    try:
        count = model.columnCount(QModelIndex())
    except TypeError:  # a list model (a combo box's) keeps columnCount private: one column
        count = 1
    columns = [c for c in range(count) if not (isinstance(view, QTableView) and view.isColumnHidden(c))]
    for c in columns:
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            out.append(str(model.headerData(c, Qt.Orientation.Horizontal, role) or ""))

    def walk(parent: QModelIndex) -> None:
        for r in range(model.rowCount(parent)):
            if isinstance(view, QTreeView) and view.isRowHidden(r, parent):
                continue
            for c in columns:
                index = model.index(r, c, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    out.append(str(model.data(index, role) or ""))
            first = model.index(r, 0, parent)
            if model.rowCount(first) > 0:
                walk(first)

    walk(QModelIndex())
    return out


def _scene_texts(view: QGraphicsView) -> list[str]:
    out = []
    for item in view.scene().items():
        if not item.isVisible():
            continue
        out.append(item.toolTip())
        label = getattr(item, "label", None)
        if isinstance(label, str):
            out.append(label)
        for name in ("toPlainText", "text"):
            method = getattr(item, name, None)
            if callable(method):
                try:
                    out.append(str(method()))
                except TypeError:
                    pass
    return out


def _on_screen(win) -> list[str]:
    """Every text a visible widget of the window shows or offers as a tooltip."""
    out = [win.windowTitle(), win.statusBar().currentMessage()]
    frame = win.rect()
    for w in win.findChildren(QWidget):
        if not w.isVisible() or not frame.intersects(QRect(w.mapTo(win, w.rect().topLeft()), w.size())):
            continue  # closed docks, tabs behind others, and Qt's unused tab bars parked outside the window
        out.append(w.toolTip())
        if isinstance(w, QLabel | QAbstractButton | QLineEdit):
            out.append(w.text())
        if isinstance(w, QTextEdit | QPlainTextEdit):
            out.append(w.toPlainText())
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTabBar):
            out += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView):
            out += _model_texts(w)
        if isinstance(w, QGraphicsView) and w.scene() is not None:
            out += _scene_texts(w)
    return out


def everything_shown(win) -> str:
    """What a student can read, dock by dock (each open dock raised in turn), with a link and then nothing
    selected."""
    texts = []
    for selection in (("l-br01",), ()):
        win.document.select(selection)
        for dock in win.docks.values():
            if dock.toggleViewAction().isChecked():
                dock.raise_()
                QApplication.processEvents()
                texts += _on_screen(win)
    return "\n".join(texts)


def test_hidden_bandwidth_shows_nowhere(example_window):
    win = example_window
    results = win.document.results
    figures = {numbers.kbps_value(r.kbps) for r in results.links if r.calls}
    assert FIGURE in figures
    assert FIGURE in everything_shown(win)  # the walk does find it while nothing is hidden

    win.classroom.start_quiz(QuizSettings(hidden=Hidden(kbps=True)))
    QApplication.processEvents()
    shown = everything_shown(win)
    for figure in figures:
        assert figure not in shown, figure
    assert "7 calls" in shown  # calls are not hidden: the explain pane still says how many
    assert not win.docks["plots"].isVisible() and not win.docks["plots"].toggleViewAction().isEnabled()
    assert win.status_kbps.text() == "WAN load: hidden in the quiz"
    assert not win.actions_by_name["export-pdf"].isEnabled()

    win.classroom.end_quiz()
    QApplication.processEvents()
    assert FIGURE in everything_shown(win)
    assert win.links.table.model() is win.links.model
    assert win.status_kbps.text() == f"WAN load: {numbers.kbps(results.total_wan_kbps)}"
    assert win.docks["plots"].toggleViewAction().isEnabled()


def test_hidden_recommendation_and_findings_show_nowhere(example_window):
    win = example_window
    win.classroom.start_quiz(QuizSettings(hidden=Hidden(recommendation=True, findings=True)))
    QApplication.processEvents()
    shown = everything_shown(win)
    # GET VPN (the answer) is only named where the other candidates are too: the choices, the article's table.
    texts = set(shown.split("\n"))
    singled_out = [t for t in texts if "GET VPN" in t and "DMVPN" not in t and t.replace("GET VPN", "DMVPN") not in texts]
    assert not singled_out
    for text in ("GET VPN (tunnel mode", "★ recommended", "Recommended: GET VPN", "1 of 7", "BW-MTU", "Findings: 0"):
        assert text not in shown, text
    assert "Findings: hidden in the quiz" in shown
    assert not win.docks["findings"].isVisible()
    win.classroom.end_quiz()
    QApplication.processEvents()
    shown = everything_shown(win)
    assert "GET VPN" in shown and "BW-MTU" in shown


def test_answers_within_tolerance_are_accepted_and_explained(example_window):
    win = example_window
    win.classroom.start_quiz(QuizSettings(title="Lab 3", hidden=Hidden(kbps=True, calls=True, recommendation=True),
                                          tolerances=Tolerances(kbps_percent=1.0)))
    panel = win.classroom.quiz_panel
    keys = [q.key for q in panel.questions]
    assert keys[:2] == ["l-hq:calls", "l-hq:kbps"] and keys[-1] == "technology"
    panel.set_answer("l-br01:kbps", "391.5")  # 0.7 % high: within 1 %
    panel.set_answer("l-br01:calls", "7")
    panel.set_answer("l-br02:kbps", "100")
    panel.set_answer("technology", "getvpn")
    assert panel.solution_text() == "" or FIGURE not in panel.solution_text()  # nothing revealed before a check
    panel.check_all()
    assert {k: v.state for k, v in panel.verdicts.items()} == {"l-br01:kbps": "right", "l-br01:calls": "right",
                                                               "l-br02:kbps": "wrong", "technology": "right"}
    row = keys.index("l-br01:kbps")
    assert panel.table.item(row, 2).text().startswith("✓ right")
    panel.table.setCurrentCell(row, 0)
    solution = panel.solution_text()
    assert "7 calls (Erlang B, 1.965 E at 1 %) × 55.20 kbps + 2.28 kbps signalling = 388.68 kbps" in solution
    assert panel.table.item(keys.index("l-br02:kbps"), 2).text().startswith("✗ wrong: the sizing gives")
    # Giving up reveals the answer and takes the question out of the score.
    panel.reveal(keys.index("l-hq:calls"))
    assert "(shown)" in panel.table.item(keys.index("l-hq:calls"), 2).text()
    assert panel.score.text().startswith("3 of 4 checked answers right")


def test_class_file_saves_and_opens_into_a_quiz(example_window, tmp_path):
    win = example_window
    settings = QuizSettings(title="Lab 3", hidden=Hidden(calls=True), tolerances=Tolerances(calls=1))
    path = tmp_path / "lab.class.json"
    assert win.classroom.save_class_file(path, settings)
    win.classroom.end_quiz()
    win.document.reset(io.load(ROOT / "resources" / "examples" / "single-site-campus.json"))
    assert win.classroom.open_class_file(path)
    win.analysis.run_now()
    assert win.document.design == class_file.load(path).design
    assert win.classroom.settings == settings
    assert win.docks["quiz"].isVisible()
    calls = [c for c in range(win.links.model.columnCount())
             if win.links.model.headerData(c, Qt.Orientation.Horizontal) == "Calls"]
    assert calls and win.links.table.isColumnHidden(calls[0])
    assert win.document.path is None  # saving the design never overwrites the class file


def test_the_dialog_builds_the_settings(example_window):
    from PySide6.QtWidgets import QDialogButtonBox

    from advisor.ui.classroom.quiz_dialog import QuizDialog

    dialog = QuizDialog(example_window, QuizSettings())
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing hidden: nothing to quiz
    dialog.checks["kbps"].setChecked(True)
    dialog.checks["findings"].setChecked(True)
    dialog.kbps.setValue(2.5)
    dialog.title.setText("  Lab 3  ")
    dialog.question.setCurrentIndex(dialog.question.findData("codes"))
    assert ok.isEnabled() and not dialog.calls.isEnabled()
    assert dialog.settings() == QuizSettings(title="Lab 3", hidden=Hidden(kbps=True, findings=True),
                                             tolerances=Tolerances(kbps_percent=2.5), findings_question="codes")
    dialog.deleteLater()


def test_a_table_sorted_by_a_hidden_column_is_sorted_by_link(example_window):
    win = example_window
    table = win.links.table
    total = [c for c in range(win.links.model.columnCount())
             if win.links.model.headerData(c, Qt.Orientation.Horizontal) == "Total kbps"][0]
    table.sortByColumn(total, Qt.SortOrder.DescendingOrder)
    win.classroom.start_quiz(QuizSettings(hidden=Hidden(kbps=True)))
    assert table.horizontalHeader().sortIndicatorSection() == 0  # the order would rank the hidden bandwidth
    ids = [table.model().index(r, 0).data() for r in range(table.model().rowCount())]
    assert ids == sorted(ids)


def test_changing_the_quiz_gives_back_what_it_no_longer_hides(example_window):
    win = example_window
    tree = win.findings.tree

    def mtu_row_shown() -> bool:
        return any(win.findings.finding_of(tree.topLevelItem(g).child(r)).code == "BW-MTU"
                   and not tree.topLevelItem(g).child(r).isHidden()
                   for g in range(tree.topLevelItemCount()) for r in range(tree.topLevelItem(g).childCount()))

    assert mtu_row_shown()
    win.classroom.start_quiz(QuizSettings(hidden=Hidden(recommendation=True)))
    assert not mtu_row_shown()  # "GET VPN adds 60 B to a full packet" names the technology
    assert not win.findings.recommendation.isVisibleTo(win.findings)
    win.classroom.start_quiz(QuizSettings(hidden=Hidden(kbps=True)))
    assert mtu_row_shown() and win.findings.recommendation.isVisibleTo(win.findings)
    assert win.docks["calculator"].toggleViewAction().isEnabled()


def test_in_a_quiz_new_results_place_the_canvas_labels_once_already_masked(example_window, monkeypatch):
    # A class file of thousands of links took tens of seconds to open: the canvas placed every label with the real
    # figures, then again with the masked ones. The canvas now masks what it is given, so each change places once.
    from advisor.ui.canvas import labels

    win = example_window
    win.classroom.start_quiz(QuizSettings(hidden=Hidden(kbps=True)))
    QApplication.processEvents()
    shown_each_time: list[set[str]] = []
    placement = labels.Placement

    def counted(scene, links):
        shown_each_time.append({item.label for item in scene.links.values()})
        return placement(scene, links)
    monkeypatch.setattr(labels, "Placement", counted)
    win.document.set_results(win.document.results)  # what every edit's analysis does
    QApplication.processEvents()
    assert len(shown_each_time) == 1
    assert not any(FIGURE in text for text in shown_each_time[0])
    win.classroom.end_quiz()
    QApplication.processEvents()
    assert any(FIGURE in item.label for item in win.canvas.scene().links.values())
