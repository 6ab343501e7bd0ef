"""The Bill of materials dock: its rows are `bom.build`'s lines, it follows the results, the PSTN interface and
VPN hubs change the lines as the BOM rules say, and its export re-opens with the same cells."""

from __future__ import annotations

import math

import openpyxl
import pytest
from PySide6.QtCore import Qt

from advisor import bom
from advisor.commands import SetFields


@pytest.fixture
def panel(window, qtbot):
    window.docks["bom"].show()
    window.docks["bom"].raise_()
    qtbot.waitUntil(lambda: window.bid.bom.isVisible(), timeout=3000)
    return window.bid.bom


def test_rows_are_the_lines_of_bom_build(window, panel):
    design, results = window.document.design, window.document.results
    items = bom.build(design, results)
    names = {s.id: s.name for s in design.sites}
    table = panel.model.table
    assert table.columns == ["Site", "Item", "Model", "Quantity (units)", "Verify", "Reason"]
    assert [row[:4] for row in table.rows] == [[names[i.site], i.item, i.model, str(i.quantity)] for i in items]
    assert [row[5] for row in table.rows] == [i.reason for i in items]
    tip = Qt.ItemDataRole.ToolTipRole
    for r, item in enumerate(items):
        for c in range(1, len(table.columns)):  # the source in every cell's tooltip but the site's
            assert item.source in panel.model.data(panel.model.index(r, c), tip)
        assert panel.model.data(panel.model.index(r, 0), tip) == f"{names[item.site]} (site id {item.site})"
        assert (table.rows[r][4] == "to verify") == item.unconfirmed
        assert ((r, 4) in table.marked) == item.unconfirmed
    totals = panel.totals_model.table.rows
    assert totals == [[item, model, str(qty)] for item, model, qty in bom.totals(items)]


def test_branches_get_an_srst_router_and_the_pstn_choice_sets_the_trunks(window, panel, qtbot):
    results = window.document.results
    rows = panel.model.table.rows
    # two branches with phones in a centralized design: one SRST router each
    assert [r[0] for r in rows if r[1] == "SRST router (branch)"] == ["Branch 1", "Branch 2"]
    trunks = {s.id: s.pstn_trunks for s in results.sites}
    names = {s.id: s.name for s in window.document.design.sites}

    def pri(label: str) -> dict[str, int]:
        return {r[0]: int(r[3]) for r in panel.model.table.rows if r[1] == label}

    # E1 carries 30 B-channels, T1 23: by hand, ceil(trunks / channels) per site with a gateway
    e1 = {names[s]: math.ceil(n / 30) for s, n in trunks.items() if n}
    assert e1 and pri("PSTN digital trunk") == e1
    panel.pstn.setCurrentIndex(panel.pstn.findData("t1"))
    assert pri("PSTN digital trunk") == {names[s]: math.ceil(n / 23) for s, n in trunks.items() if n}
    panel.pstn.setCurrentIndex(panel.pstn.findData("sip"))
    assert pri("PSTN SIP trunk") == {names[s]: n for s, n in trunks.items() if n}  # one session per trunk


def test_vpn_hubs_follow_the_spin_box(window, panel):
    window.document.push(SetFields("design.vpn", {"technology": "dmvpn"}))
    window.analysis.run_now()
    hubs = [r for r in panel.model.table.rows if r[1] == "DMVPN hub router"]
    assert [r[3] for r in hubs] == ["2"]  # dual hub by default
    panel.hubs.setValue(1)
    assert [r[3] for r in panel.model.table.rows if r[1] == "DMVPN hub router"] == ["1"]


def test_the_dock_follows_the_results(window, panel, qtbot):
    window.document.push(SetFields("br-2", {"users": 0}))  # no phones: no SRST router any more
    qtbot.waitUntil(lambda: [r[0] for r in panel.model.table.rows if r[1] == "SRST router (branch)"]
                    == ["Branch 1"], timeout=3000)
    assert panel.items == bom.build(window.document.design, window.document.results)


def test_export_reopens_with_the_same_cells(window, panel, tmp_path):
    target = tmp_path / "bom.xlsx"
    assert panel.export(str(target)) == str(target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Bill of materials", "Totals", "Assumptions"]
    sheet = book["Bill of materials"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    names = {s.id: s.name for s in window.document.design.sites}
    assert values == [[i.site, names[i.site], i.item, i.model, i.quantity, i.reason, i.source,
                       "yes" if i.unconfirmed else None] for i in panel.items]
    csv_target = tmp_path / "bom.csv"
    assert panel.export(str(csv_target)) == str(csv_target)
    assert csv_target.read_bytes().startswith(b"\xef\xbb\xbfSite,Site name,Item")
