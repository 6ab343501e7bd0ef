"""Round 47, the app driven by random and adversarial action sequences (bundles of parallel links, undo storms, keys
in every dock, closes that are cancelled): each defect found, as the short sequence that shows it.

- The autosave of changes the user then threw away stayed on disk: File ▸ New or Open answered "Discard", or Undo
  back to the saved state, left the last autosave in place, and a crash before the next edit offered to "recover"
  the discarded work at the next start. The autosave now goes as soon as the design is back to what is on disk.
- File ▸ Quit answered "Cancel" at the unsaved-changes question (or "No" at the PDF still being written) still
  stopped the docks' workers: the Scenarios dock stayed on "computing…" over the comparison of the design before
  the last edit, until the next edit. The workers now stop only once the window really closes.
- A replaced design (the recovery of unsaved work) where a selected site became a cloud of the same id kept it
  selected in the document, the Inspector and for Delete, but drew it unselected on the canvas.
- In quiz mode, a bundle of parallel links said "12 not analysed yet" in its tooltip: its links' figures are
  hidden, not missing.
- "Connect to…" from a site's menu left its cross cursor and its hint "Click the site or cloud to connect to (Esc
  cancels)" after it ended: on a click that made the link, a click beside any node, or an edit meanwhile; a link
  drawn by a Ctrl-drag left the cross too.
- The Explain pane said "12 items selected: explaining the first." for a clicked bundle of links, and "2 items
  selected: explaining the first." over a cloud and a link, explaining the link (the second).
- Notes (or a name) typed or pasted past the model's length were refused and the box went back to the design's
  value: the text was gone. It still goes back, as any refusal does, but Ctrl+Z in the box brings the text back.
- A design opened while a quiz ran kept the answers, marks and "answer: … (shown)" of the design before, by link
  id: a design whose links bore the same ids showed its own hidden figures to the student.
- The Packet anatomy's link list named unnamed parallel links by their ends alone: a bundle of twelve was twelve
  identical entries. Entries that read alike now end with the link's id. A site renamed kept its old name there.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from advisor import commands
from advisor.model import Cloud, Design, Link, Scenario, Site
from advisor.ui.bid.scenario_commands import AddScenario
from advisor.ui.files import autosave_path
from tests.ui.conftest import shown_window

DISCARD, CANCEL = QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Cancel


# -- the autosave of discarded changes -----------------------------------------------------------------------------
def _autosaved(window):
    window.document.push(commands.SetFields("br-1", {"users": 77}))
    saved = window.files.autosave()
    assert saved == autosave_path() and saved.exists()
    return saved


@pytest.mark.parametrize("how", ["new", "open", "undo"])
def test_the_autosave_of_changes_thrown_away_goes_with_them(window, dialogs, tmp_path, how):
    from advisor import io

    saved = _autosaved(window)
    if how == "new":
        dialogs["answers"].append(DISCARD)
        window.files.new()
    elif how == "open":
        other = tmp_path / "other.json"
        io.save(Design(name="Other", sites=(Site(id="a", name="A", users=5),)), other)
        dialogs["answers"].append(DISCARD)
        assert window.files.open_path(other)
    else:
        window.document.undo_stack.undo()
    assert not window.document.modified
    assert not saved.exists()  # was kept: a crash now offered the discarded work at the next start


def test_changes_still_unsaved_keep_their_autosave(window, dialogs):
    saved = _autosaved(window)
    dialogs["answers"].append(CANCEL)
    window.files.new()  # cancelled: the changes stay, and so does their autosave
    window.document.push(commands.SetFields("br-2", {"users": 30}))
    window.document.undo_stack.undo()  # still one edit away from the file
    assert window.document.modified and saved.exists()


# -- a cancelled close -----------------------------------------------------------------------------------------------
def test_a_cancelled_quit_leaves_the_scenarios_dock_comparing(window, dialogs, qtbot):
    panel = window.bid.scenarios
    window.docks["scenarios"].show()
    window.docks["scenarios"].raise_()
    window.document.push(AddScenario(Scenario(name="G.711", codec="g711")))
    qtbot.waitUntil(panel.up_to_date, timeout=20_000)
    window.document.push(commands.SetFields("br-1", {"users": 41}))  # compared again after a quiet spell
    dialogs["answers"].append(CANCEL)
    assert not window.close()
    assert dialogs["question"][0][0] == "Unsaved changes"
    assert panel.runner.busy()  # was: the request dropped, "computing…" for good
    qtbot.waitUntil(panel.up_to_date, timeout=20_000)
    assert panel.design is window.document.design
    assert panel.status.text().startswith("1 option compared with the design")


def test_an_accepted_quit_still_stops_the_docks_workers(window, dialogs, qtbot):
    panel = window.bid.scenarios
    window.docks["scenarios"].show()
    window.docks["scenarios"].raise_()
    window.document.push(AddScenario(Scenario(name="G.711", codec="g711")))
    dialogs["answers"].append(DISCARD)
    assert window.close()
    runner = panel.runner  # nothing pending, nothing running: no answer arrives in a closed window
    assert not runner._timer.isActive() and runner._work is None and runner.pool.activeThreadCount() == 0


# -- a node replaced by one of another type ----------------------------------------------------------------------------
def _pair(cloud: bool) -> Design:
    hq = Site(id="hq", name="HQ", kind="hq", users=100, cucm_publisher=True, x=0, y=0)
    x = Cloud(id="x", name="X cloud", kind="mpls", x=300, y=0) if cloud else Site(id="x", name="X site", users=10,
                                                                                  x=300, y=0)
    return Design(name="Pair", sites=(hq,) if cloud else (hq, x), clouds=(x,) if cloud else (),
                  links=tuple(Link(id=f"l{i}", a="hq", b="x") for i in range(12)))  # drawn as a bundle


@pytest.fixture
def pair(qtbot):
    yield from shown_window(qtbot, _pair(cloud=False))


def test_a_selected_site_replaced_by_a_cloud_of_its_id_stays_selected_on_the_canvas(pair):
    scene = pair.canvas.scene()
    pair.document.select(("x", "l1"))
    pair.document.push(commands.ReplaceDesign(_pair(cloud=True), text="Recover unsaved work"))
    assert scene.nodes["x"].is_cloud
    assert set(scene.selected_ids()) == set(pair.document.selected) == {"x", "l1"}  # was {"l1"}
    pair.document.undo_stack.undo()
    assert not scene.nodes["x"].is_cloud
    assert set(scene.selected_ids()) == {"x", "l1"}
    pair.canvas.delete_selected()
    assert {n.id for n in pair.document.design.sites} == {"hq"}


def test_a_bundle_in_quiz_mode_says_its_figures_are_hidden_not_unanalysed(pair):
    from advisor.ui.classroom.quiz import Hidden, QuizSettings

    bundle = pair.canvas.scene().pairs.bundles[("hq", "x")]
    assert "12 " in bundle.toolTip() and "not analysed" not in bundle.toolTip()
    pair.classroom.start_quiz(QuizSettings(title="Lab", hidden=Hidden(kbps=True)))
    tip = bundle.toolTip()
    assert "12 with their figures hidden in the quiz" in tip and "not analysed" not in tip  # was "12 not analysed yet"
    pair.classroom.end_quiz()
    assert "hidden" not in bundle.toolTip() and "not analysed" not in bundle.toolTip()
    pair.canvas.scene().apply_results(None)  # no results at all: then they are not analysed yet, as it says
    assert "12 not analysed yet" in bundle.toolTip()


# -- "Connect to…" from the menu -------------------------------------------------------------------------------------
@pytest.mark.parametrize("end", ["click-elsewhere", "click-a-node", "an-edit", "escape", "right-click"])
def test_connect_to_takes_its_cross_cursor_and_hint_away_when_it_ends(window, qtbot, end):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    view, viewport = window.canvas, window.canvas.viewport()
    view.start_connect_from("br-1")
    assert viewport.cursor().shape() == Qt.CursorShape.CrossCursor
    assert window.statusBar().currentMessage().startswith("Click the site or cloud to connect to")
    links = len(window.document.design.links)
    if end == "click-elsewhere":
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(3, 3))
    elif end == "click-a-node":
        spot = view.mapFromScene(view.scene().nodes["br-2"].pos())
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
        assert len(window.document.design.links) == links + 1
    elif end == "an-edit":
        window.document.push(commands.SetFields("br-2", {"users": 33}))  # the Inspector, or Undo
    elif end == "escape":
        view.setFocus()
        QTest.keyClick(view, Qt.Key.Key_Escape)
    else:
        QTest.mouseClick(viewport, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, QPoint(3, 3))
    assert view._gesture is None
    assert viewport.cursor().shape() != Qt.CursorShape.CrossCursor  # was: the cross stayed
    assert not window.statusBar().currentMessage().startswith("Click the site")  # was: the hint stayed


def test_what_connect_to_did_stays_on_the_status_bar(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    view = window.canvas
    view.start_connect_from("br-1")  # already joined to the MPLS cloud: a second link, said so
    spot = view.mapFromScene(view.scene().nodes["mpls"].pos())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
    assert window.statusBar().currentMessage().startswith("A second link between")  # not wiped with the hint


def test_a_link_drawn_by_a_ctrl_drag_leaves_no_cross_cursor(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    view, viewport = window.canvas, window.canvas.viewport()
    start, end = (view.mapFromScene(view.scene().nodes[n].pos()) for n in ("br-1", "br-2"))
    links = len(window.document.design.links)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, start)
    assert viewport.cursor().shape() == Qt.CursorShape.CrossCursor
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + (end - start) * step / 5)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, end)
    assert len(window.document.design.links) == links + 1
    assert viewport.cursor().shape() != Qt.CursorShape.CrossCursor  # was: the cross stayed after the link



# -- the Explain pane on several items ---------------------------------------------------------------------------------
def _explained(window, qtbot, selection) -> str:
    from PySide6.QtWidgets import QTextBrowser

    window.docks["explain"].show()
    window.docks["explain"].raise_()
    window.document.select(selection)
    qtbot.wait(20)
    return window.docks["explain"].findChild(QTextBrowser, "explain-text").toPlainText()


def test_the_explain_pane_says_which_of_several_selected_items_it_explains(window, qtbot):
    text = _explained(window, qtbot, ("mpls", "link-2"))  # a cloud first: it has no figures
    assert "2 items selected: explaining the first link." in text  # was "… explaining the first." (the second)
    assert "2 sites selected: explaining the first." in _explained(window, qtbot, ("br-1", "br-2"))


def test_the_explain_pane_on_a_clicked_bundle_counts_links(pair, qtbot):
    bundle = pair.canvas.scene().pairs.bundles[("hq", "x")]
    assert "12 links selected: explaining the first." in _explained(pair, qtbot, bundle.ids)  # was "12 items"


# -- a text refused for its length -------------------------------------------------------------------------------------
def test_notes_refused_for_their_length_come_back_with_ctrl_z_in_their_box(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window.document.select(())
    box = next(g.editors["notes"].widget for g in window.inspector._groups if "notes" in g.editors)
    window.activateWindow()
    box.setFocus()
    written = "Site survey: " + "x" * 20_000  # pasted from elsewhere, 13 characters too many
    box.setText(written)
    box.setModified(True)
    box.editingFinished.emit()
    assert window.inspector.message.text().startswith("Notes is too long")
    assert box.text() == "" and window.document.design.notes == ""  # the box shows what the design holds
    QTest.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.text() == written  # was: gone for good
    assert window.document.undo_stack.count() == 0  # the box's own undo, not the design's
    box.setText(box.text()[13:])
    box.setModified(True)
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert window.document.design.notes == "x" * 20_000


# -- another design opened while a quiz runs ---------------------------------------------------------------------------
def test_a_design_opened_during_a_quiz_shows_none_of_the_answers_given_on_the_one_before(window, tmp_path, qtbot):
    from advisor import io
    from advisor.ui.classroom.quiz import Hidden, QuizSettings

    window.classroom.start_quiz(QuizSettings(title="Practice", hidden=Hidden(kbps=True)))
    panel = window.classroom.quiz_panel
    first, second = panel.questions[0].key, panel.questions[1].key
    panel.reveal(0)  # given up on: its answer shows
    panel.set_answer(second, "123")
    panel.check_all()
    assert panel.table.item(0, 2).text().endswith("(shown)")
    exam = tmp_path / "exam.json"  # the same link ids, other figures
    io.save(window.document.design.model_copy(update={"name": "Exam", "sites": tuple(
        s.model_copy(update={"users": s.users * 3}) for s in window.document.design.sites)}), exam)
    assert window.files.open_path(exam, ask=False)
    window.analysis.run_now()
    assert window.classroom.settings is not None  # the quiz goes on hiding the bandwidth
    assert [q.key for q in panel.questions][:2] == [first, second]
    assert panel.revealed == set() and panel.answers == {} and panel.verdicts == {}
    assert panel.table.item(0, 2).text() == ""  # was "answer: … (shown)": the exam's own figure
    assert panel.table.item(1, 1).text() == "" and panel.table.item(1, 2).text() == ""  # was "123", "✗ wrong: …"


def test_parallel_links_read_apart_in_the_packet_anatomy_link_list(pair, qtbot):
    pair.docks["anatomy"].show()
    pair.docks["anatomy"].raise_()
    qtbot.waitUntil(lambda: pair.anatomy.link_combo.count() == 13, timeout=20_000)  # the reference, 12 links
    combo = pair.anatomy.link_combo
    texts = [combo.itemText(i) for i in range(1, combo.count())]
    assert len(set(texts)) == 12  # was "HQ — X site" twelve times
    assert texts[0] == "HQ – X site (l0)" and texts[11] == "HQ – X site (l11)"  # the findings' en dash
    pair.document.push(commands.SetFields("x", {"name": "Zagreb"}))
    qtbot.waitUntil(lambda: combo.itemText(1) != "HQ – X site (l0)", timeout=20_000)
    assert combo.itemText(1) == "HQ – Zagreb (l0)"  # was: the site's old name, until a link changed


# -- an option left out of the comparison ------------------------------------------------------------------------------
def test_an_option_left_out_of_the_comparison_can_still_be_edited_or_deleted(qtbot, sample_design):
    from advisor.ui.bid.scenario_form import ScenarioForm
    from advisor.ui.bid.scenarios_dock import LEFT_OUT

    options = (Scenario(name="G.729", codec="g729"), Scenario(name="Typo", codec="g999"),  # a file edited by hand
               Scenario(name="iLBC", codec="ilbc"))  # iLBC without its mode
    for window in shown_window(qtbot, sample_design.model_copy(update={"scenarios": options})):
        panel = window.bid.scenarios
        window.docks["scenarios"].show()
        window.docks["scenarios"].raise_()
        qtbot.waitUntil(panel.up_to_date, timeout=20_000)
        table = panel.model.table
        assert table.columns == ["Current design", "G.729", "Typo", "iLBC"]  # was: the two left out had no column
        assert set(table.rows[0][2:]) == {LEFT_OUT} and "unknown codec 'g999'" in table.column_tips[2]
        assert panel.status.text().startswith("Left out: scenario 'Typo': codec: unknown codec 'g999'")
        panel.select("Typo")
        assert panel.selected_name() == "Typo" and panel.buttons["edit"].isEnabled()
        form = ScenarioForm(window.document.design, panel, window.document.design.scenarios[1])
        form.exec = lambda: 1  # the user picked G.711 and pressed Save
        combo = form.editors["codec"].widget
        combo.setCurrentIndex(combo.findData("g711"))
        panel.edit(form)
        assert window.document.design.scenarios[1] == Scenario(name="Typo", codec="g711")
        qtbot.waitUntil(panel.up_to_date, timeout=20_000)
        assert panel.model.table.columns == ["Current design", "G.729", "Typo", "iLBC"]  # compared now
        panel.select("iLBC")
        panel.delete()
        assert [s.name for s in window.document.design.scenarios] == ["G.729", "Typo"]
