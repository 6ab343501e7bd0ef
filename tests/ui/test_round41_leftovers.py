"""Round 41, what was left: the arrow keys in the VPN comparison showed no facts (only a click did); the packet
anatomy asked 753 pixels of the smallest window's 467-pixel bottom tabs (its legend on one row, its link selector as
wide as its longest link) and named unnamed links by their ids; the findings filter matched subject ids nobody sees
("link" found every finding about a link) and the severity buttons' counts ignored it; the bill of materials'
Export wrote an empty bill of materials while the dock waited for the analysis."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

import advisor.ui.analysis_runner as runner
from advisor import commands, io
from advisor.analysis import AnalysisError
from advisor.findings import finding
from advisor.rules._names import tech_label
from advisor.ui.bid.bom_dock import ANALYSIS_FAILED_TIP, EXPORT_TIP
from advisor.ui.bid.save_dialogs import ANALYSIS_FAILED
from advisor.ui.classroom.comparison_view import GUIDE
from advisor.ui.findings_dock import FindingsPanel
from tests.ui.conftest import shown_window
from tests.ui.test_findings import _results

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "classroom-flawed-design.json"


def _raise(window, qtbot, name):
    window.docks[name].show()
    window.docks[name].raise_()
    qtbot.wait(20)


# -- 1. the VPN comparison -----------------------------------------------------------------------------------------
def test_the_arrow_keys_in_the_comparison_show_the_facts_of_the_current_cell(window, qtbot):
    _raise(window, qtbot, "comparison")
    view = window.classroom.comparison
    table = view.table
    rows = [r for r, row in enumerate(view.shown_rows) if not row.section and not row.key.startswith("table1:")]
    start = next(r for r in rows if r + 1 in rows)  # two rows of this design's facts, one under the other
    window.activateWindow()
    table.setFocus()
    table.setCurrentCell(start, 0)
    view.details.setHtml(GUIDE)  # as the view stands before anything is chosen
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert (table.currentRow(), table.currentColumn()) == (start + 1, 0)
    by_key = view.details.toPlainText()
    assert "Click a row" not in by_key  # was the guide still: only a click showed the facts
    view.show_facts(start + 1, 0)  # what a click on that cell shows
    assert by_key == view.details.toPlainText()
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert tech_label(view.data.techs[1]) in view.details.toPlainText()  # the next candidate's facts


# -- 2. the packet anatomy in the smallest window -------------------------------------------------------------------
@pytest.fixture
def smallest(qtbot):
    gen = shown_window(qtbot, io.load(EXAMPLE), 400, 300)  # held at the window's minimum size
    yield next(gen)
    next(gen, None)


def test_the_packet_anatomy_fits_the_smallest_window(smallest, qtbot):
    _raise(smallest, qtbot, "anatomy")
    panel = smallest.anatomy
    qtbot.waitUntil(lambda: panel.built and bool(panel.bars), timeout=3000)
    room = smallest.width() - panel.mapTo(smallest, QPoint(0, 0)).x()
    assert panel.minimumSizeHint().width() <= room  # was 753 for 467
    shown = [name for name, entry in panel.legend_entries.items() if entry.isVisible()]
    assert len(shown) >= 5
    for widget in (panel.link_combo, *(panel.legend_entries[k] for k in shown), panel.explain):
        right = widget.mapTo(smallest, QPoint(widget.width(), 0)).x()
        assert right <= smallest.width(), widget.objectName()  # the legend and the formulas were cut off
        assert widget.width() >= widget.minimumSizeHint().width(), widget.objectName()
    tops = {panel.legend_entries[k].mapTo(panel, QPoint(0, 0)).y() for k in shown}
    assert len(tops) > 1  # the legend flows onto more rows
    panel.grab().save("/tmp/anatomy-smallest.png")


def test_the_link_selector_elides_long_names_and_names_no_link_by_its_id(window, qtbot):
    _raise(window, qtbot, "anatomy")
    panel = window.anatomy
    qtbot.waitUntil(lambda: panel.built and bool(panel.bars), timeout=3000)
    combo = panel.link_combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert "Branch 2 – MPLS VPN" in texts  # as the findings write a link's ends
    assert not any("link-" in t for t in texts)  # was "link-3 (Branch 2 — MPLS VPN)"
    assert "link-" not in panel.explain_title.text()  # "the busiest link, link-3"
    long_name = "Leased line to the regional distribution warehouse, second floor comms room " * 2
    window.document.push(commands.SetFields("link-3", {"name": long_name.strip()}))
    window.analysis.run_now()
    qtbot.wait(5)
    index = combo.findData("link-3")
    full = f"{long_name.strip()} (Branch 2 – MPLS VPN)"
    assert "…" in combo.itemText(index) and len(combo.itemText(index)) < 40
    assert combo.itemData(index, Qt.ItemDataRole.ToolTipRole) == full
    assert combo.sizeHint().width() < 320  # was as wide as the name: about 1,500 pixels
    combo.setCurrentIndex(index)
    assert combo.toolTip().startswith(full)
    assert long_name.strip() in panel.explain_title.text()  # the formulas' title names it whole


# -- 3 and 4. the findings filter -----------------------------------------------------------------------------------
FINDINGS = [
    finding("VPN-GETVPN-PUBLIC", ("link-3",), "GET VPN where the Internet is crossed", "why", "remedy"),
    finding("DEP-SRST-MISSING", ("br-1",), "40 phones and no survivability", "why", "add SRST"),
    finding("SEC-LAN-L2", ("br-2",), "no voice VLAN", "why", "enable a voice VLAN"),
    finding("DEP-MODEL", (), "centralized call processing detected", "why", "none"),
    finding("SEC-DEVICE-PLANES", ("hq", "br-1", "mpls", "link-1", "link-2", "br-2"), "no AAA on the routers",
            "why", "use AAA"),
]


@pytest.fixture
def findings(qtbot, document):
    panel = FindingsPanel(document)
    qtbot.addWidget(panel)
    panel.resize(400, 700)
    panel.show()
    document.set_results(_results(FINDINGS))
    return panel


def _codes(panel) -> list[str]:
    return sorted(f.code for f in panel.visible_findings())


@pytest.mark.parametrize("typed", ["link", "LINK-3", "br-", "hq"])
def test_the_filter_does_not_match_ids_nobody_sees(findings, typed):
    findings.filter.setText(typed)
    assert _codes(findings) == []  # "link" matched the findings about link-1, link-2 and link-3


@pytest.mark.parametrize(("typed", "codes"), [
    ("branch 2", ["SEC-DEVICE-PLANES", "SEC-LAN-L2", "VPN-GETVPN-PUBLIC"]),  # a link by its ends, a site by its name
    ("dep-srst", ["DEP-SRST-MISSING"]),  # the code
    ("voice vlan", ["SEC-LAN-L2"]),  # the message
    ("headquarters – mpls", ["SEC-DEVICE-PLANES"]),  # an unnamed link as the subjects column names it
])
def test_the_filter_matches_what_the_rows_show(findings, typed, codes):
    findings.filter.setText(typed)
    assert _codes(findings) == codes


def test_a_subject_the_row_sums_up_is_still_found_by_name(findings):
    row = next(findings._rows[i] for i, f in enumerate(findings._findings) if f.code == "SEC-DEVICE-PLANES")
    assert "Branch 2" not in row.text(1)  # "…, and 1 more": past the names the row lists
    findings.filter.setText("branch 2")
    assert "SEC-DEVICE-PLANES" in _codes(findings)


def test_the_severity_counts_follow_the_filter(findings):
    titles = {s: b.text() for s, b in findings.toggles.items()}
    assert titles == {"error": "Errors 1", "warning": "Warnings 3", "info": "Info 1"}
    findings.filter.setText("branch 2")
    assert {s: b.text() for s, b in findings.toggles.items()} == {
        "error": "Errors 1/1", "warning": "Warnings 2/3", "info": "Info 0/1"}  # was the counts above
    assert findings.toggles["warning"].toolTip().endswith("2 of 3 match the filter")
    assert findings.tree.topLevelItem(1).text(0) == "Warnings (2 of 3 match the filter)"
    findings.filter.clear()
    assert {s: b.text() for s, b in findings.toggles.items()} == titles
    assert findings.tree.topLevelItem(1).text(0) == "Warnings (3)"


@pytest.mark.parametrize("size", [(1366, 728), (784, 600)])
def test_the_severity_buttons_still_fit_the_dock_with_a_filter(qtbot, size):
    gen = shown_window(qtbot, io.load(EXAMPLE), *size)
    window = next(gen)
    panel = window.findings
    panel.filter.setText("a")
    qtbot.wait(20)
    assert any("/" in b.text() for b in panel.toggles.values())
    for button in panel.toggles.values():
        assert button.width() >= button.sizeHint().width(), button.text()
        assert button.mapTo(panel, QPoint(button.width(), 0)).x() <= panel.width(), button.text()
    assert panel.filter.width() >= 90  # room left to read what was typed
    next(gen, None)


# -- 5. the bill of materials' Export --------------------------------------------------------------------------------
def test_the_bill_of_materials_exports_only_the_lines_of_the_design_as_it_is(window, qtbot, monkeypatch, tmp_path):
    _raise(window, qtbot, "bom")
    bom = window.bid.bom
    button = bom.export_button
    assert button.isEnabled() and button.toolTip() == EXPORT_TIP

    def fail(_design, **_kw):
        raise AnalysisError("link 'Branch 2 – MPLS VPN': cannot be sized")

    monkeypatch.setattr(runner, "analyse", fail)  # the results stay those of the design before the edit
    window.document.push(commands.DeleteItems(("br-2",)))
    qtbot.wait(5)
    assert not button.isEnabled() and button.toolTip() == ANALYSIS_FAILED_TIP  # once its analysis has failed
    bom.refresh()
    assert bom.summary.text() == ANALYSIS_FAILED
    assert not button.isEnabled()
    target = tmp_path / "bom.xlsx"
    assert bom.export(str(target)) is None
    assert not target.exists()  # was a workbook of no lines, "Bill of materials: Sample WAN"
    monkeypatch.undo()
    window.analysis.run_now()
    qtbot.wait(5)
    assert button.isEnabled() and button.toolTip() == EXPORT_TIP
    assert bom.export(str(target)) == str(target)


def test_a_covered_bill_of_materials_checks_its_export_when_it_comes_forward(window, qtbot, monkeypatch):
    _raise(window, qtbot, "bom")
    bom = window.bid.bom
    _raise(window, qtbot, "configuration")  # the bill of materials behind another tab
    monkeypatch.setattr(runner, "analyse", lambda *_a, **_k: (_ for _ in ()).throw(AnalysisError("no")))
    window.document.push(commands.DeleteItems(("br-2",)))
    qtbot.wait(5)
    _raise(window, qtbot, "bom")
    qtbot.waitUntil(lambda: not bom.export_button.isEnabled(), timeout=2000)
    assert bom.export_button.toolTip() == ANALYSIS_FAILED_TIP

