"""The link sizing table's filter: typed text, and "Selected only" (the links selected on the canvas, a bundle of
parallel links among them, and the links of selected sites). Every expectation is read off the design itself: which
links end at a site, which ids were selected, never off the table's own output."""

from __future__ import annotations

from PySide6.QtCore import Qt

from advisor.analysis import analyse
from advisor.commands import SetFields
from advisor.model import Design
from advisor.ui.document import Document
from advisor.ui.links_dock import LinksPanel
from tests.ui.test_links_table import _shown_panel as _panel


def _design() -> Design:
    """An HQ, a branch joined to it by twelve parallel links (p0…p11, a bundle on the canvas), and three more branches
    with one link each (x0…x2), named so a filter can tell them."""
    sites = [{"id": "hq", "name": "Head office", "kind": "hq", "users": 200, "cucm_publisher": True},
             {"id": "br", "name": "Leeds", "users": 40, "x": 500.0}]
    links = [{"id": f"p{k}", "a": "hq", "b": "br"} for k in range(12)]
    for i, name in enumerate(("York", "Hull", "Bath")):
        sites.append({"id": f"e{i}", "name": name, "users": 10, "x": 150.0 * i, "y": 300.0})
        links.append({"id": f"x{i}", "a": "hq", "b": f"e{i}", "capacity_kbps": 64 if i == 0 else 2048})
    return Design.model_validate({"name": "filter", "sites": sites, "links": links})


def _shown(panel: LinksPanel) -> set[str]:
    return {panel.model.links[r].id for r in range(panel.model.rowCount())}


def test_typed_text_keeps_the_links_of_the_site_it_names(qtbot):
    design = _design()
    document = Document(design)
    unanalysed = LinksPanel(document)
    qtbot.addWidget(unanalysed)
    assert unanalysed.count.text() == ""  # no figures yet: no count either
    _document, panel = _panel(qtbot, design)
    assert len(_shown(panel)) == 15 and panel.count.text() == "15 links"
    panel.filter.setText("hull")  # Hull is e1, joined by x1 alone; case aside
    assert _shown(panel) == {x.id for x in design.links if "e1" in (x.a, x.b)} == {"x1"}
    assert panel.count.text() == "1 of 15 links"
    panel.filter.setText("LEEDS")
    assert _shown(panel) == {f"p{k}" for k in range(12)}
    panel.filter.setText("overloaded")  # the status as the table prints it: x0 is 64 kbps for 10 users' calls
    overloaded = {x.id for x in analyse(design).links if x.status == "overload"}
    assert "x0" in overloaded and _shown(panel) == overloaded
    panel.filter.clear()
    assert len(_shown(panel)) == 15 and panel.count.text() == "15 links"


def test_selected_only_shows_a_bundle_and_keeps_it_when_a_row_is_clicked(qtbot):
    document, panel = _panel(qtbot, _design())
    bundle = tuple(f"p{k}" for k in range(12))
    document.select(bundle)  # a click on the bundle selects all its links
    panel.selected_only.setChecked(True)
    assert _shown(panel) == set(bundle) and panel.count.text() == "12 of 15 links"
    table, model = panel.table, panel.model
    index = model.index(3, 0)
    picked = model.links[3].id
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    assert document.selected == (picked,)
    assert _shown(panel) == set(bundle)  # the row clicked selected its link; the bundle stays listed
    assert table.selectionModel().isRowSelected(
        next(r for r in range(model.rowCount()) if model.links[r].id == picked), index.parent())
    panel.selected_only.setChecked(False)
    assert len(_shown(panel)) == 15


def test_selected_only_follows_the_canvas_and_lists_a_selected_sites_links(qtbot):
    design = _design()
    document, panel = _panel(qtbot, design)
    panel.selected_only.setChecked(True)
    assert _shown(panel) == set() and panel.count.text().startswith("Nothing selected")
    document.select(("e2",))  # a site: the links that end there
    assert _shown(panel) == {x.id for x in design.links if "e2" in (x.a, x.b)} == {"x2"}
    document.select(("e0", "x1"))  # a site and a link
    assert _shown(panel) == {"x0", "x1"}
    panel.filter.setText("york")  # both filters at once: York is e0
    assert _shown(panel) == {"x0"}


def test_an_edit_re_analysed_keeps_the_filter_and_updates_the_figures(qtbot):
    design = _design()
    document, panel = _panel(qtbot, design)
    panel.filter.setText("bath")  # e2, link x2
    calls = panel.model.COLUMNS.index("Calls")
    before = panel.model.texts(0)[calls]
    document.reset(SetFields("e2", {"users": 400}).apply(design))
    document.set_results(analyse(document.design))
    assert _shown(panel) == {"x2"}
    assert panel.model.texts(0)[calls] != before  # forty times the users: more calls at the busy hour


def test_a_quiz_that_hides_the_status_hides_it_from_the_filter_too(example_window, qtbot):
    from advisor.ui.classroom.quiz import Hidden, QuizSettings

    win = example_window
    panel = win.links
    statuses = {x.status for x in win.document.results.links}
    word = "ok"  # the example's links are within capacity: "ok" on every one, and in no id or site name
    assert statuses == {"ok"}
    assert not any(word in f"{x.id} {x.name}".casefold() for x in (*win.document.design.links,
                                                                   *win.document.design.sites))
    panel.filter.setText(word)  # typed before the quiz: every link matches by its status
    assert panel.model.rowCount() == len(win.document.results.links)
    win.classroom.start_quiz(QuizSettings(hidden=Hidden(kbps=True)))  # hides the status column
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)  # the rows no longer tell which links are ok
    win.classroom.end_quiz()
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(win.document.results.links))


def test_find_reaches_the_filter_and_escape_clears_it(qtbot):
    from PySide6.QtGui import QKeySequence

    _document, panel = _panel(qtbot, _design())
    panel.activateWindow()
    panel.table.setFocus()
    qtbot.waitUntil(panel.table.hasFocus)
    find = QKeySequence(QKeySequence.StandardKey.Find)[0]
    qtbot.keyClick(panel.table, find.key(), find.keyboardModifiers())
    assert panel.filter.hasFocus()
    qtbot.keyClicks(panel.filter, "york")
    assert panel.model.rowCount() == 1
    qtbot.keyClick(panel.filter, Qt.Key.Key_Escape)
    assert panel.filter.text() == "" and panel.model.rowCount() == 15
    assert "Ctrl+F" in panel.filter.toolTip()  # (this platform's Find key, as the menus write it)
