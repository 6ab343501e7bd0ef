"""Round 40, the Inspector with several items selected ("edits apply to all").

The boxes showed the first item's values as if every item had them, and entering the value shown did nothing:
typing the first link's 10000 kbps (of 10000, 1024 and 512) or picking its "Ethernet" changed no link and made no
undo entry, and a check box had to be clicked twice to apply the state it showed. A field whose values differ now
shows as mixed (an empty box reading "mixed", a combo reading "— mixed —", a partially checked box) with a tooltip
naming the values, and whatever the user enters applies to every selected item as one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from advisor.commands import SetFields
from advisor.ui.inspector_mixed import MIXED_TEXT

LINKS = ("link-1", "link-2", "link-3")  # 10000, 1024 and 512 kbps; Ethernet, Ethernet and PPP


def _editor(window, group: str, name: str):
    return next(g for g in window.inspector._groups if g.title.startswith(group)).editors[name]


def _type(spin, text: str) -> None:
    spin.setFocus()
    spin.lineEdit().selectAll()
    QTest.keyClicks(spin.lineEdit(), text)
    QTest.keyClick(spin.lineEdit(), Qt.Key.Key_Return)


def _capacities(window) -> list[float]:
    return [link.capacity_kbps for link in window.document.design.links]


def test_values_that_differ_show_as_mixed_with_the_values_in_the_tooltip(window):
    window.document.select(LINKS)
    capacity = _editor(window, "Link", "capacity_kbps").widget
    assert capacity.text() == ""  # was "10000 kbps": the first link's, as if all three had it
    assert capacity.lineEdit().placeholderText() == MIXED_TEXT
    assert "10000 kbps (1), 1024 kbps (1), 512 kbps (1)" in capacity.toolTip()
    assert "Capacity" in capacity.toolTip()  # the field's own tooltip follows the note
    layer2 = _editor(window, "Link", "l2").widget
    assert layer2.mixed and "Ethernet (18 B) (2), PPP (7 B) (1)" in layer2.toolTip()
    rtt = _editor(window, "Link", "rtt_ms").widget  # 20 ms on all three: shown as it is
    assert rtt.text() == "20.0 ms" and "differ" not in rtt.toolTip()


def test_a_mixed_field_shows_the_value_once_the_items_agree_and_mixed_again_after_undo(window):
    window.document.select(LINKS)
    capacity = _editor(window, "Link", "capacity_kbps").widget
    own_tooltip = capacity.toolTip().split("\n\n", 1)[1]
    assert capacity.text() == ""
    _type(capacity, "2048")
    assert _capacities(window) == [2048] * 3
    assert capacity.text() == "2,048 kbps"  # the unit back with the figure
    assert capacity.toolTip() == own_tooltip
    window.document.undo_stack.undo()
    assert _capacities(window) == [10_000, 1_024, 512]
    assert capacity.text() == "" and "differ" in capacity.toolTip()


def test_typing_the_value_shown_on_a_mixed_field_applies_it_to_all_as_one_undo_step(window):
    window.document.select(LINKS)
    before, steps = window.document.design.model_dump(), window.document.undo_stack.count()
    capacity = _editor(window, "Link", "capacity_kbps").widget
    assert capacity.value() == 10_000  # held: the first link's
    _type(capacity, "10000")
    assert _capacities(window) == [10_000] * 3  # was [10000, 1024, 512]: no change, no undo entry
    assert window.document.undo_stack.count() == steps + 1
    assert window.document.undo_stack.undoText() == "Change capacity of 3 items"
    window.document.undo_stack.undo()
    assert window.document.design.model_dump() == before


def test_picking_the_choice_shown_on_a_mixed_combo_applies_it_to_all(window):
    window.document.select(("link-3", "link-1"))  # PPP first
    before, steps = window.document.design.model_dump(), window.document.undo_stack.count()
    layer2 = _editor(window, "Link", "l2").widget
    assert layer2.mixed and layer2.currentData() == "ppp"  # the popup marks the first link's entry
    layer2.activated.emit(layer2.currentIndex())  # the user picks that entry
    assert [link.l2 for link in window.document.design.links] == ["ppp", "ethernet", "ppp"]
    assert window.document.undo_stack.count() == steps + 1 and not layer2.mixed
    window.document.undo_stack.undo()
    assert window.document.design.model_dump() == before
    layer2.setCurrentIndex(layer2.findData("ethernet"))  # another entry: one edit, applied to both
    assert [link.l2 for link in window.document.design.links] == ["ethernet"] * 3
    assert window.document.undo_stack.count() == steps + 1


def test_a_check_box_on_a_mixed_selection_applies_on_the_first_click(window):
    window.document.select(("hq", "br-1", "br-2"))  # only the HQ is a CUCM publisher
    before, steps = window.document.design.model_dump(), window.document.undo_stack.count()
    box = _editor(window, "Site", "cucm_publisher").widget
    assert box.checkState() == Qt.CheckState.PartiallyChecked and "off (2), on (1)" in box.toolTip()
    box.click()
    assert [s.cucm_publisher for s in window.document.design.sites] == [True] * 3  # was: all off
    assert window.document.undo_stack.count() == steps + 1
    assert box.checkState() == Qt.CheckState.Checked and not box.isTristate()
    box.click()  # agreed now: an ordinary check box
    assert [s.cucm_publisher for s in window.document.design.sites] == [False] * 3
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert window.document.design.model_dump() == before


def test_a_mixed_text_field_left_untouched_changes_nothing_and_typed_applies_to_all(window):
    design = window.document.design
    window.document.push(SetFields.checked(design, "br-2", {"cluster_id": "cluster-2"}, "Change CUCM cluster"))
    window.document.select(("br-1", "br-2"))
    before, steps = window.document.design.model_dump(), window.document.undo_stack.count()
    cluster = _editor(window, "Site", "cluster_id").widget
    assert cluster.text() == "" and cluster.placeholderText() == MIXED_TEXT  # was "cluster-1"
    cluster.editingFinished.emit()  # focus in and out, nothing typed
    assert window.document.design.model_dump() == before and window.document.undo_stack.count() == steps
    cluster.setFocus()
    QTest.keyClicks(cluster, "cluster-1")
    QTest.keyClick(cluster, Qt.Key.Key_Return)
    assert [s.cluster_id for s in window.document.design.sites[1:]] == ["cluster-1"] * 2
    assert window.document.undo_stack.count() == steps + 1
    window.document.undo_stack.undo()
    assert window.document.design.model_dump() == before


def test_an_optional_mixed_field_reads_mixed_not_its_empty_meaning(window):
    design = window.document.design
    window.document.push(SetFields.checked(design, "br-1", {"phones": 30}, "Change phones"))
    window.document.select(("br-2", "br-1"))  # br-2 sets none: "(one per user)"
    phones = _editor(window, "Site", "phones").widget
    assert phones.text() == "" and "(one per user) (1), 30 (1)" in phones.toolTip()
    _type(phones, "12")
    assert [s.phones for s in window.document.design.sites[1:]] == [12, 12]
    assert phones.specialValueText() == "(one per user)" and phones.text() == "12"


def test_a_single_selection_after_a_mixed_one_behaves_as_before(window):
    window.document.select(LINKS)
    capacity = _editor(window, "Link", "capacity_kbps").widget
    assert capacity.text() == ""
    window.document.select(("link-1",))
    capacity = _editor(window, "Link", "capacity_kbps").widget
    assert capacity.text() == "10,000 kbps" and "differ" not in capacity.toolTip()
    steps = window.document.undo_stack.count()
    _type(capacity, "10000")  # the value it has: nothing to change, no undo entry
    layer2 = _editor(window, "Link", "l2").widget
    layer2.activated.emit(layer2.currentIndex())
    assert not layer2.mixed and window.document.undo_stack.count() == steps
    _type(capacity, "4096")
    assert _capacities(window) == [4096, 1_024, 512]
    assert window.document.undo_stack.undoText() == "Change capacity"
    box = _editor(window, "Link", "nat").widget
    assert not box.isTristate()
    box.click()
    assert window.document.design.links[0].nat is True and window.document.undo_stack.count() == steps + 2
