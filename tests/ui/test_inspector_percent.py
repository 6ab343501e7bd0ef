"""The Inspector shows and takes the traffic shares in percent, as the links table, the plots, the findings and the
PDF write them ("33 %", Cisco's QoS design guide's figure for the priority queue), while the design file keeps the
fraction: a percent typed lands as exactly the fraction meant (35 % is 0.35, the float `float("0.35")`, never
35 × 0.01 = 0.35000000000000003), one edit is one undo step, and the file is byte for byte the one the same intent
gave before."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from advisor import io
from advisor.commands import SetFields
from advisor.model import Design, Site, SiteTraffic, TrafficPolicy
from advisor.ui.inspector import balance_shares


def _editor(window, group_title: str, name: str):
    group = next(g for g in window.inspector._groups if g.title.startswith(group_title))
    return group.editors[name].widget


def _type(widget, text: str) -> None:
    """Focus the box, select what it shows, type `text` and press Enter, as a user does."""
    widget.setFocus()
    line = widget.lineEdit()
    line.selectAll()
    QTest.keyClicks(line, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def _traffic_design(**traffic) -> Design:
    return Design(name="Shares", traffic=TrafficPolicy(**traffic), sites=(Site(id="a", users=10),))


def test_the_priority_queue_share_reads_in_percent(window):
    llq = _editor(window, "Traffic", "llq_share")  # the sample design keeps the default 0.33
    assert llq.text() == "33 %"  # was "0.33"
    assert llq.suffix() == " %"
    # the model's bounds, 0.01 and 1, in percent; whole percents, a step of 1 %, as two decimals of a fraction were
    assert (llq.minimum(), llq.maximum(), llq.decimals(), llq.singleStep()) == (1, 100, 0, 1)
    tip = llq.toolTip()
    assert "Unit: % of the link's capacity" in tip
    assert "33 % is 0.33 in the design file" in tip
    assert "Range: ≥ 1 % and ≤ 100 %." in tip


def test_the_call_shares_read_in_percent(window):
    shown = {name: _editor(window, "Traffic", name) for name in ("intra_site_share", "on_net_share", "pstn_share")}
    assert {name: box.text() for name, box in shown.items()} == {
        "intra_site_share": "50 %", "on_net_share": "30 %", "pstn_share": "20 %"}  # 0.5, 0.3, 0.2
    for box in shown.values():
        # 0 to 1 in percent, steps of 5 % as the fraction's 0.05 were
        assert (box.minimum(), box.maximum(), box.decimals(), box.singleStep()) == (0, 100, 0, 5)
        assert "Unit: % of the busy-hour calls" in box.toolTip() and "add up to 100 %" in box.toolTip()
        assert re.search(r"add up to 1(?!00 %)", box.toolTip()) is None  # the model's "add up to 1" as a fraction


def test_forty_percent_stores_0_4_and_undo_brings_back_0_33(window):
    document = window.document
    llq = _editor(window, "Traffic", "llq_share")
    before = document.undo_stack.count()
    llq.setValue(40)
    assert document.design.traffic.llq_share == 0.4  # exactly: 40 % is 0.4
    assert document.undo_stack.count() == before + 1  # one edit, one undo step
    assert document.undo_stack.undoText() == "Change priority-queue share"
    document.undo_stack.undo()
    assert document.design.traffic.llq_share == 0.33
    assert llq.text() == "33 %"  # the box follows the undo
    document.undo_stack.redo()
    assert document.design.traffic.llq_share == 0.4 and llq.text() == "40 %"


def test_a_typed_percent_lands_as_the_fraction_meant(window):
    document = window.document
    llq = _editor(window, "Traffic", "llq_share")
    _type(llq, "35")
    # 35 % is 0.35: the float read from the text "0.35" (35 × 0.01 is 0.35000000000000003 in floats)
    assert document.design.traffic.llq_share == float("0.35")
    assert llq.text() == "35 %"
    assert document.undo_stack.count() == 1


def test_a_percent_with_a_decimal_is_the_fraction_typed(window):
    # a file's 0.334 shows as 33.4 % (the box takes the decimal it needs); typed 33.3 is 0.333, not
    # 33.3 / 100 = 0.33299999999999996
    window.document.reset(_traffic_design(llq_share=0.334))
    llq = _editor(window, "Traffic", "llq_share")
    assert llq.text() == "33.4 %"
    _type(llq, "33.3")
    assert window.document.design.traffic.llq_share == float("0.333")


def test_shares_whose_percent_is_not_a_float_show_plainly(window):
    # 0.29 × 100 is 28.999999999999996 and 0.07 × 100 is 7.000000000000001 in floats: the box shows "29 %" and
    # "7 %", not a figure with nine decimals
    window.document.reset(_traffic_design(llq_share=0.29, intra_site_share=0.07, on_net_share=0.73, pstn_share=0.2))
    assert _editor(window, "Traffic", "llq_share").text() == "29 %"
    assert _editor(window, "Traffic", "intra_site_share").text() == "7 %"
    assert _editor(window, "Traffic", "on_net_share").text() == "73 %"


def test_the_file_is_byte_identical_for_the_same_intent(window, tmp_path):
    # Typed as 35 % in the box, or set as 0.35 by a command (what the fraction box made of "0.35"): the same bytes.
    document = window.document
    io.save(document.design.model_validate({**document.design.model_dump(),
                                            "traffic": {**document.design.traffic.model_dump(), "llq_share": 0.35}}),
            tmp_path / "meant.json", backup=False)
    _type(_editor(window, "Traffic", "llq_share"), "35")
    io.save(document.design, tmp_path / "typed.json", backup=False)
    typed = (tmp_path / "typed.json").read_bytes()
    assert typed == (tmp_path / "meant.json").read_bytes()
    assert b'"llq_share": 0.35,' in typed


def test_an_arrow_step_is_five_percent_of_the_calls(window):
    document = window.document
    box = _editor(window, "Traffic", "intra_site_share")
    box.stepBy(1)
    traffic = document.design.traffic
    # 50 % + 5 % = 55 % (0.55; 0.5 + 0.05 in floats is 0.55 too); the PSTN share gives 5 %: 0.2 - 0.05 = 0.15
    assert (traffic.intra_site_share, traffic.on_net_share, traffic.pstn_share) == (0.55, 0.3, 0.15)
    assert box.text() == "55 %" and _editor(window, "Traffic", "pstn_share").text() == "15 %"
    assert document.undo_stack.count() == 1


def test_the_balancing_note_speaks_percent(window):
    _editor(window, "Traffic", "intra_site_share").setValue(60)
    # 60 % within the site, on-net kept at 30 %: the PSTN share takes the rest, 100 - 60 - 30 = 10 %
    assert window.document.design.traffic.pstn_share == 0.1
    assert window.inspector.message.text() == "Set the PSTN share to 10 % so the three shares add up to 100 %."


def test_the_balancing_note_writes_a_small_share_out_in_percent():
    # 1 - 0.5 (intra-site) - 0.49999 (on-net kept) = 0.00001 of the calls: 0.001 %
    traffic = TrafficPolicy(intra_site_share=0.3, on_net_share=0.49999, pstn_share=0.20001)
    _values, note = balance_shares(traffic, "intra_site_share", 0.5)
    assert note == "Set the PSTN share to 0.001 % so the three shares add up to 100 %."


def test_a_sites_share_override_is_in_percent_too(window):
    document = window.document
    document.select(("br-1",))
    box = _editor(window, "Traffic overrides", "intra_site_share")
    assert box.text() == "(empty)" and box.suffix() == " %"
    assert "May be left empty." in box.toolTip() and "Unit: % of the busy-hour calls" in box.toolTip()
    box.setValue(40)
    assert document.design.site("br-1").traffic.intra_site_share == 0.4
    assert box.text() == "40 %" and document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert _site_intra(document) is None and box.text() == "(empty)"
    document.undo_stack.redo()
    assert _site_intra(document) == 0.4 and box.text() == "40 %"
    box.setValue(box.minimum())  # the lowest entry is "empty": the design's own share again
    assert _site_intra(document) is None


def _site_intra(document):
    traffic = document.design.site("br-1").traffic
    return traffic.intra_site_share if traffic is not None else None


def test_differing_shares_are_listed_in_percent(window):
    document = window.document
    document.push(SetFields("br-1.traffic", {"pstn_share": 0.35}))
    document.select(("br-1", "br-2"))
    box = _editor(window, "Traffic overrides", "pstn_share")
    tip = box.toolTip()
    assert "The 2 selected items differ here: 35 % (1), (empty) (1)." in tip  # was "0.35 (1)"
    box.lineEdit().setFocus()
    _type(box, "25")
    assert [document.design.site(i).traffic.pstn_share for i in ("br-1", "br-2")] == [0.25, 0.25]


def test_a_percent_typed_and_not_confirmed_is_kept_on_save(window):
    box = _editor(window, "Traffic", "llq_share")
    box.setFocus()
    box.lineEdit().selectAll()
    QTest.keyClicks(box.lineEdit(), "40")  # no Enter: the focus stays in the box
    window.inspector.commit_pending()
    assert window.document.design.traffic.llq_share == 0.4


@pytest.mark.parametrize("fraction", [0.01, 0.07, 0.29, 0.35, 0.57, 0.333, 1.0])
def test_a_shown_share_typed_back_is_no_edit(window, fraction):
    # what the box shows, typed again, is the design's own fraction: no undo entry, the file unchanged
    design = _traffic_design(llq_share=fraction)
    window.document.reset(design)
    box = _editor(window, "Traffic", "llq_share")
    _type(box, box.text().removesuffix(" %"))
    assert window.document.design.traffic.llq_share == fraction
    assert window.document.undo_stack.count() == 0


def test_site_traffic_model_keeps_fractions():
    # the file format is unchanged: a site's override is still a fraction of 0 to 1
    assert SiteTraffic(intra_site_share=0.4).model_dump()["intra_site_share"] == 0.4
    with pytest.raises(ValueError):
        SiteTraffic(intra_site_share=40.0)
