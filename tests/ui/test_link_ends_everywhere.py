"""An unnamed link reads by its two ends as the findings write them ("HQ – Branch (b1)": each end's name without its
padding, two sites named alike told apart by their ids, an en dash between) in the Inspector's title, the packet
anatomy's link list and the canvas link's tooltip, where they joined the names as typed ("  HQ  – Branch"), with an
em dash ("  HQ  — Branch"), or by ids ("hq – b1"); the tooltip names the layer 2 as the Inspector's list does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # --import-mode=importlib: share the event helpers explicitly
from test_canvas_support import shown_view  # noqa: E402

from advisor.analysis import analyse  # noqa: E402
from advisor.commands import SetFields  # noqa: E402
from advisor.model import Design  # noqa: E402
from advisor.rules._names import names_for  # noqa: E402

HQ_B1 = "HQ \u2013 Branch (b1)"  # by hand: "  HQ " stripped; "Branch" twice, so each carries its id; U+2013


def _design() -> Design:
    sites = [{"id": "hq", "name": "  HQ ", "kind": "hq", "users": 200, "cucm_publisher": True, "x": 0, "y": 0},
             {"id": "b1", "name": "Branch", "users": 40, "x": -200, "y": 200},
             {"id": "b2", "name": "Branch", "users": 20, "x": 200, "y": 200}]
    links = [{"id": "l1", "a": "hq", "b": "b1"}, {"id": "l2", "a": "hq", "b": "b2", "name": "Backup"}]
    return Design.model_validate({"name": "ends", "sites": sites, "links": links})


@pytest.fixture
def ends_document(document):
    document.reset(_design())
    document.set_results(analyse(document.design))
    return document


def test_the_inspectors_title_for_an_unnamed_link_is_its_ends(qtbot, ends_document):
    from advisor.ui.inspector import Inspector

    inspector = Inspector(ends_document)
    qtbot.addWidget(inspector)
    inspector.resize(420, 700)
    inspector.show()
    ends_document.select(("l1",))
    qtbot.waitUntil(lambda: inspector.title.text() == f"Link \u2014 {HQ_B1}", timeout=2000)
    assert HQ_B1 == names_for(ends_document.design).link_name("l1")  # the findings' own words
    inspector.grab().save("/tmp/h7-inspector-title.png")
    ends_document.select(("l2",))  # a named link keeps its name
    qtbot.waitUntil(lambda: inspector.title.text() == "Link \u2014 Backup", timeout=2000)


def test_the_anatomy_link_list_writes_the_ends_as_the_findings_do(qtbot, ends_document):
    from advisor.ui.anatomy_dock import FULL_TEXT, AnatomyPanel

    panel = AnatomyPanel(ends_document)
    qtbot.addWidget(panel)
    panel._fill_links(ends_document.design)
    combo = panel.link_combo
    entries = {combo.itemData(i): combo.itemData(i, FULL_TEXT) for i in range(combo.count())}
    assert entries["l1"] == HQ_B1
    assert entries["l2"] == "Backup (HQ \u2013 Branch (b2))"  # a named link: its name, then its ends
    # a renamed end renames the entry: the list is rebuilt when an end's name changes
    ends_document.push(SetFields("b1", {"name": "Celje"}))
    panel._fill_links(ends_document.design)
    assert combo.itemData(combo.findData("l1"), FULL_TEXT) == "HQ \u2013 Celje"


def test_the_canvas_link_tooltip_names_the_ends_and_the_layer_2(qtbot, ends_document):
    view = shown_view(qtbot, ends_document)
    link = view.scene().links["l1"]
    tip = link.toolTip()
    assert HQ_B1 in tip and "hq \u2013 b1" not in tip
    # the layer 2 by the Inspector's name ("Ethernet (18 B)" in its list), its convention opened by that name
    assert "\u00b7 Ethernet \u00b7" in tip and "Ethernet: 14 header + 4 FCS = 18 B" in tip
    assert "ethernet" not in tip
    ends_document.push(SetFields("b1", {"name": "Celje"}))  # an end renamed: the tooltip follows
    assert "HQ \u2013 Celje" in link.toolTip()
    assert link.label_item.toolTip() == link.toolTip()
