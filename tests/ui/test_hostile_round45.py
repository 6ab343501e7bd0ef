"""Round 45, hostile designs in the desktop app: each defect found, as the short sequence that shows it.

- A design whose ids use the longest number an id can hold ('site-' and 59 nines, as a hand-edited or generated file
  may) made every new id one character too long: a link drawn on the canvas raised pydantic's ValidationError out of
  the gesture (the "Unexpected error" dialog), and no site could be added from the palette ("Cannot place a site or
  cloud there") nor pasted or duplicated ever again.
- A palette double-click on a design with a link a million pixels long (two sites at opposite corners of the canvas)
  froze the window for 100 s: the free-spot search put the link into every grid cell of its bounding box, 50
  million of them, though it only looks near the view's centre.
- Edit on a scenario whose grade of service is 1e-12 (valid: any figure above 0) showed "(as the design: 1.0 %
  blocking)" and, when only its name was changed, saved it so: the grade of service was dropped, 1.5e-9 became 1e-9
  and busy-hour calls of 1e-12 became 0. The form's boxes hold nine decimals at most; an optional box's lowest
  figure stands for "empty". A box left as it was now gives back the figure it was given, and reads it as written
  (the Inspector's site traffic overrides too: a holding time of 1e-10 s read "(empty)").
- An option a file names "Current design" (the name of the comparison's first column, the design itself) could not
  be selected in the Scenarios dock: Edit, Delete and Make current stayed greyed out, and its column's tooltip
  described it as the design as it is.
- Notes of 20,000 emoji (the model's 20,000 characters) showed in the Inspector cut to 16,383: a text box holds
  32,767 UTF-16 units unless told otherwise, and deleting one character there saved the notes 3,617 characters
  shorter, without a word.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QDialog

from advisor import commands
from advisor.model import Cloud, Design, Link, Scenario, Site, SiteTraffic
from advisor.ui.bid.scenario_commands import AddScenario
from advisor.ui.bid.scenario_form import ScenarioForm
from advisor.ui.canvas import layout
from tests.ui.conftest import shown_window

NINES_SITE = "site-" + "9" * 59  # 64 characters: the longest id
NINES_CLOUD = "cloud-" + "9" * 58
NINES_LINK = "link-" + "9" * 59


def _longest_ids() -> Design:
    return Design(name="Longest ids",
                  sites=(Site(id=NINES_SITE, name="HQ", kind="hq", users=50, cucm_publisher=True, x=0, y=0),
                         Site(id="br", name="Branch", users=10, x=300, y=0)),
                  clouds=(Cloud(id=NINES_CLOUD, name="MPLS", x=150, y=-150),),
                  links=(Link(id=NINES_LINK, a=NINES_SITE, b=NINES_CLOUD),))


@pytest.fixture
def longest(qtbot):
    yield from shown_window(qtbot, _longest_ids())


def test_new_ids_start_again_from_one_once_the_next_number_would_not_fit_in_an_id():
    design = _longest_ids()
    assert len(NINES_SITE) == 64 and len(f"site-{10**59}") == 65  # the next number would make 65 characters
    assert commands.new_id(design, "site") == "site-1"
    assert commands.new_id(design, "site", taken=("site-1", "site-2")) == "site-3"
    assert commands.new_id(design, "cloud") == "cloud-1"
    assert commands.new_id(design, "link") == "link-1"
    # ordinary ids still count up from the highest
    assert commands.new_id(Design(sites=(Site(id="site-7"),)), "site") == "site-8"


def test_a_link_drawn_on_a_design_with_the_longest_ids_is_made(longest, qtbot):
    messages: list[str] = []
    longest.canvas.message.connect(messages.append)
    made = longest.canvas.connect_nodes("br", NINES_CLOUD)  # raised ValidationError (65-character id)
    assert made == "link-1"
    link = next(x for x in longest.document.design.links if x.id == "link-1")
    assert (link.a, link.b) == ("br", NINES_CLOUD)
    assert not any("id" in m for m in messages)


def test_sites_are_added_pasted_and_duplicated_on_a_design_with_the_longest_ids(longest, qtbot):
    messages: list[str] = []
    longest.canvas.message.connect(messages.append)
    assert longest.canvas.add_node_at_center("branch") == "site-1"  # was "Cannot place a site or cloud there"
    assert longest.canvas.add_node_at_center("mpls") == "cloud-1"
    longest.document.select((NINES_SITE, NINES_CLOUD))
    longest.canvas.duplicate()  # was "Duplicate: nodes[0].id: may only use letters, digits …"
    ids = {n.id for n in (*longest.document.design.sites, *longest.document.design.clouds)}
    assert {"site-2", "cloud-2"} <= ids
    assert any(x.id == "link-1" and {x.a, x.b} == {"site-2", "cloud-2"} for x in longest.document.design.links)
    longest.canvas.copy()
    longest.canvas.paste()
    ids = {n.id for n in (*longest.document.design.sites, *longest.document.design.clouds)}
    assert {"site-3", "cloud-3"} <= ids
    assert messages == []


# A link from (-1,000,000, -999,990) to (999,990, 1,000,000): the line y = x + 10 through the whole canvas.
LONG_LINE = (-1e6, -1e6 + 10, 1e6 - 10, 1e6)
FOOTPRINT = (-30.0, -30.0, 30.0, 50.0)  # a node: its icon around its position, its label below


def test_the_free_spot_beside_a_line_a_million_pixels_long_is_found_at_once():
    area = (-1.2e6, -1.2e6, 1.2e6, 1.2e6)
    start = time.perf_counter()
    spot = layout.free_spot((0.0, 0.0), FOOTPRINT, [], area, lines=[LONG_LINE])
    assert time.perf_counter() - start < 2.0  # was about 100 s
    # A node at (x, y) with its 20 px gap takes [x − 50, x + 50] × [y − 50, y + 70]: the line y = x + 10 crosses
    # it while y − x lies within [−110, 110]. On the 20 px grid y − x is a multiple of 20, so the nearest clear
    # points have y − x = ±120: (−60, 60) and (60, −60), 84.9 px from the centre.
    assert spot in ((-60.0, 60.0), (60.0, -60.0))
    # an obstacle nearly as large as the canvas, reaching into the search but not near the spot, changes nothing
    ring = [(-1.2e6, -1.2e6, 1.2e6, -1000.0)]  # all of the canvas above y = −1,000
    assert layout.free_spot((0.0, 0.0), FOOTPRINT, ring, area, lines=[LONG_LINE]) == spot


def test_a_palette_double_click_beside_a_long_link_adds_the_site_at_once(qtbot):
    far = Design(name="Far apart", sites=(Site(id="a", name="A", x=0, y=0), Site(id="b", name="B", x=-1e6, y=-1e6)),
                 links=(Link(id="l", a="a", b="b"),))
    for window in shown_window(qtbot, far):
        window.fit_view()
        start = time.perf_counter()
        made = window.canvas.add_node_at_center("branch")
        assert time.perf_counter() - start < 5.0  # was 100-140 s, the window frozen
        assert made is not None and len(window.document.design.sites) == 3


@pytest.mark.parametrize(("gos", "calls"), [(1e-12, 1e-12), (1.5e-9, 2.5e-10), (4e-10, 0.0)])
def test_editing_a_scenario_keeps_the_figures_its_boxes_cannot_show(window, qtbot, gos, calls):
    doc = window.document
    window.docks["scenarios"].show()
    window.docks["scenarios"].raise_()
    panel = window.bid.scenarios
    doc.push(AddScenario(Scenario(name="Tight", gos=gos, calls_per_user=calls)))
    qtbot.waitUntil(panel.up_to_date, timeout=10_000)
    panel.select("Tight")
    form = ScenarioForm(doc.design, panel, doc.design.scenarios[0])
    form.exec = lambda: QDialog.DialogCode.Accepted  # the user pressed Save
    assert "as the design" not in form.editors["gos"].widget.text()
    form.name.setText("Tight, renamed")  # nothing else changed
    panel.edit(form)
    # was (None, 0.0), (1e-9, 0.0) and (None, 0.0): the grade of service dropped or rounded, the calls set to 0
    assert doc.design.scenarios == (Scenario(name="Tight, renamed", gos=gos, calls_per_user=calls),)


def test_a_tiny_scenario_grade_of_service_reads_as_written_until_the_box_is_changed(qapp):
    design = Design(sites=(Site(id="a", users=1),), scenarios=(Scenario(name="Tight", gos=1e-12),))
    form = ScenarioForm(design, scenario=design.scenarios[0])
    box = form.editors["gos"].widget
    assert box.text() == "0.000000000001"  # the box's lowest figure, "empty", read "(as the design: 1.0 % …"
    box.stepUp()  # the user's own change: one step (0.005) up, then down to the lowest figure: "as the design"
    assert form.scenario().gos == pytest.approx(0.005)
    box.stepDown()
    assert box.text().startswith("(as the design") and form.scenario().gos is None
    form.deleteLater()


def test_a_site_holding_time_finer_than_the_box_is_not_shown_as_empty(qtbot):
    site = Site(id="a", name="A", users=10, traffic=SiteTraffic(holding_time_s=1e-10))
    for window in shown_window(qtbot, Design(name="Fine", sites=(site,))):
        window.document.select(("a",))
        group = next(g for g in window.inspector._groups if g.title.startswith("Traffic overrides"))
        assert group.editors["holding_time_s"].widget.text() == "0.0000000001 s"  # was "(empty)"
        group.editors["calls_per_user"].widget.setValue(3.0)  # another field edited: the holding time stays
        assert window.document.design.sites[0].traffic == SiteTraffic(calls_per_user=3.0, holding_time_s=1e-10)


def test_an_option_named_as_the_design_column_can_be_selected_renamed_and_deleted(qtbot, sample_design):
    named = sample_design.model_copy(update={"scenarios": (Scenario(name="Current design", codec="g729"),
                                                           Scenario(name="Wideband", codec="g722"))})
    for window in shown_window(qtbot, named):
        window.docks["scenarios"].show()
        window.docks["scenarios"].raise_()
        panel = window.bid.scenarios
        qtbot.waitUntil(panel.up_to_date, timeout=10_000)
        table = panel.model.table
        assert table.columns == ["Current design", "Current design", "Wideband"]
        assert table.column_tips[0] == "The design as it is, with its own policies"
        assert table.column_tips[1].startswith("Current design: Codec: G.729")
        panel.table.selectColumn(0)
        assert panel.selected_name() is None and not panel.buttons["edit"].isEnabled()
        panel.table.selectColumn(1)  # was: nothing selected, every button greyed out
        assert panel.selected_name() == "Current design" and panel.buttons["delete"].isEnabled()
        form = ScenarioForm(window.document.design, panel, window.document.design.scenarios[0])
        form.exec = lambda: QDialog.DialogCode.Accepted
        assert not form.buttons.button(form.buttons.StandardButton.Ok).isEnabled()  # the name is the design's
        form.name.setText("Low bit rate")
        panel.edit(form)
        assert [s.name for s in window.document.design.scenarios] == ["Low bit rate", "Wideband"]
        window.document.undo_stack.undo()
        qtbot.waitUntil(panel.up_to_date, timeout=10_000)
        panel.table.selectColumn(1)
        panel.delete()
        assert [s.name for s in window.document.design.scenarios] == ["Wideband"]


def test_notes_of_twenty_thousand_emoji_are_edited_whole(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    notes = "😀" * 20_000  # 20,000 characters (the most the model takes), 40,000 UTF-16 units
    for window in shown_window(qtbot, Design(name="Emoji notes", notes=notes, sites=(Site(id="a"),))):
        window.document.select(())
        group = next(g for g in window.inspector._groups if g.title.startswith("Document"))
        box = group.editors["notes"].widget
        assert box.text() == notes  # was the first 16,383
        box.setFocus()
        box.setCursorPosition(0)
        QTest.keyClick(box, Qt.Key.Key_Delete)  # one emoji deleted, at the start
        QTest.keyClick(box, Qt.Key.Key_Return)
        assert window.document.design.notes == "😀" * 19_999  # was 16,382: the rest cut off in silence
