"""The findings panel: grouping by severity, filter, details, and a click that selects the culprit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from advisor.findings import finding, sort_findings
from advisor.results import (
    Candidate,
    DeploymentResult,
    LinkResult,
    Reason,
    Recommendation,
    Results,
)
from advisor.ui.findings_dock import FindingsPanel
from advisor.ui.links_dock import LinksPanel


def _results(findings) -> Results:
    """A small hand-built Results: the panel only displays and navigates, so its input is under test control."""
    rec = Recommendation(technology="getvpn", chosen="getvpn", ranking=(
        Candidate(technology="getvpn", score=8.5, per_call_kbps=112.0, tunnels=0, reasons=(
            Reason(rule="VPN-R5", text="private WAN: GET VPN keeps the original addresses", source="seed", positive=True),
        )),
        Candidate(technology="dmvpn", score=6.0, per_call_kbps=120.0, tunnels=2, reasons=(
            Reason(rule="VPN-R3", text="overlay routing on a private WAN", source="seed", positive=False),
        )),
    ))
    link = LinkResult(id="link-3", a="br-2", b="mpls", erlangs=3.2, calls=8, per_call_kbps=82.8, voice_kbps=662.4,
                      signalling_kbps=7.0, kbps=669.4, capacity_kbps=512, utilization=669.4 / 512,
                      llq_share=662.4 / 512, encapsulation="none", l2="ppp (7 B)", ip_packet_bytes=200,
                      frame_bytes=207, status="overload")
    return Results(model=DeploymentResult(detected="centralized", intended="auto", call_processing_sites=("hq",),
                                          clusters={"cluster-1": ("hq",)}),
                   recommendation=rec, sites=(), links=(link,), mtu=None, checklist=(),
                   findings=tuple(sort_findings(findings)), total_wan_kbps=669.4, conventions={})


FINDINGS = [
    finding("BW-LINK-OVERLOAD", ("link-3",), "link-3 needs 669.4 kbps, capacity 512 kbps",
            "voice + signalling must fit", "raise the capacity to 1024 kbps"),
    finding("DEP-SRST-MISSING", ("br-1",), "Branch 1 has 40 phones and no survivability",
            "centralized call processing needs SRST; ISR 4331: Cisco SRST guide [srst_platforms.json]",
            "add SRST on the branch router", rule="DEP-R4"),
    finding("SEC-LAN-L2", ("br-2",), "Branch 2 lacks voice VLAN", "LAN controls", "enable voice VLAN"),
    finding("DEP-MODEL", (), "centralized call processing detected", "seed note", "none"),
]


@pytest.fixture
def panel(qtbot, document):
    centred: list[str] = []
    widget = FindingsPanel(document, center_on=centred.append)
    widget.centred = centred
    qtbot.addWidget(widget)
    widget.resize(480, 700)
    widget.show()
    document.set_results(_results(FINDINGS))
    return widget


def test_grouped_by_severity_with_counts(panel):
    groups = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    assert [g.text(0) for g in groups] == ["Errors (1)", "Warnings (2)", "Information (1)"]
    assert panel.finding_of(groups[0].child(0)).code == "BW-LINK-OVERLOAD"
    assert panel.toggles["warning"].text() == "Warnings 2"


def test_click_selects_the_subject_and_centres_it(panel, document, qtbot):
    item = panel.tree.topLevelItem(1).child(0)  # DEP-SRST-MISSING on br-1
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert document.selected == ("br-1",)
    assert panel.centred == ["br-1"]
    text = panel.details.toPlainText()
    assert "add SRST on the branch router" in text and "centralized call processing needs SRST" in text
    assert "Branch 1" in text  # subjects are shown by name
    assert "Cisco SRST guide" in text and ".json" not in text  # the source, not the limit table's file name
    assert "rule " not in text  # the rule behind a finding is our own bookkeeping, not the reader's


def test_repeated_refreshes_keep_the_panel_consistent(panel, document):
    # Regression: keeping Finding objects in item data crashed PySide6 6.12 after many refreshes.
    for _ in range(300):
        document.set_results(_results(FINDINGS))
        panel.tree.setCurrentItem(panel.tree.topLevelItem(0))  # a group: has no finding
    assert panel.finding_of(panel.tree.topLevelItem(0)) is None
    assert [f.code for f in panel.visible_findings()] == [f.code for f in sort_findings(FINDINGS)]


def test_filter_and_severity_toggles(panel):
    panel.filter.setText("voice vlan")
    assert [f.code for f in panel.visible_findings()] == ["SEC-LAN-L2"]
    panel.filter.clear()
    panel.toggles["warning"].setChecked(False)
    assert {f.code for f in panel.visible_findings()} == {"BW-LINK-OVERLOAD", "DEP-MODEL"}


def test_recommendation_ranking_on_top(panel):
    lines = [line.strip() for line in panel.recommendation.toPlainText().splitlines() if line.strip()]
    assert lines[0] == "Recommended: GET VPN"
    assert lines[1] == "1. GET VPN · fits the links · 112.00 kbps per call on the busiest link · 0 tunnels"
    assert lines[2].endswith("✓ private WAN: GET VPN keeps the original addresses")  # in words: no rule ids
    assert lines[3].startswith("2. DMVPN")
    assert lines[4].endswith("✗ overlay routing on a private WAN")


def test_links_table_shows_sizing_and_selects(qtbot, document):
    centred: list[str] = []
    links = LinksPanel(document, center_on=centred.append)
    qtbot.addWidget(links)
    document.set_results(_results(FINDINGS))
    model = links.model
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    # Voice 662.4 and signalling 7.0 kbps shown apart, then their total; shares with one decimal as the CLI and
    # the PDF print them: 669.4 / 512 = 1.30742 → 130.7 %, 662.4 / 512 = 1.29375 → 129.4 %.
    assert row[:10] == ["link-3", "Branch 2 – MPLS VPN", "8", "662.40", "7.00", "669.40", "512.00", "130.7",
                        "129.4", "overloaded"]
    assert model.headerData(7, Qt.Orientation.Horizontal) == "Utilization %"
    assert model.index(0, 9).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    links._clicked(model.index(0, 0))
    assert document.selected == ("link-3",) and centred == ["link-3"]


def test_links_table_sorts_numbers_as_numbers(qtbot, document):
    links = LinksPanel(document)
    qtbot.addWidget(links)
    base = _results(FINDINGS).links[0]
    rows = tuple(LinkResult.model_validate({**base.model_dump(), "id": f"l{i}", "calls": calls})
                 for i, calls in enumerate((9, 10, 100)))
    document.set_results(_results(FINDINGS).model_copy(update={"links": rows}))
    links.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert [links.model.index(r, 2).data() for r in range(3)] == ["100", "10", "9"]  # not "9" > "100"
    links._clicked(links.model.index(0, 0))
    assert document.selected == ()  # l2 is not a link of the design: selecting it is refused, not an error


def test_a_finding_about_many_subjects_names_a_few_and_counts_the_rest(panel, document):
    """A finding about every link of a 45,000-link design named them all in its row (a megabyte the tree measured
    at every layout, 20 ms a row): the row names five, the details fifty, and each says how many more."""
    many = finding("QOS-PRIORITY-QUEUE", ("br-1",) * 60, "priority queue per direction on 60 links", "r", "x")
    document.set_results(_results([*FINDINGS, many]))
    group = panel.tree.topLevelItem(2)  # Information
    item = next(group.child(i) for i in range(group.childCount())
                if panel.finding_of(group.child(i)).code == "QOS-PRIORITY-QUEUE")
    assert item.text(1) == ", ".join(["Branch 1"] * 5) + " and 55 more"
    panel.tree.setCurrentItem(item)
    where = next(line for line in panel.details.toPlainText().splitlines() if line.startswith("Where:"))
    assert where == "Where: " + ", ".join(["Branch 1"] * 50) + " and 10 more"
    few = panel.tree.topLevelItem(1).child(0)
    assert few.text(1) == "Branch 1"  # up to five: every name, nothing counted
