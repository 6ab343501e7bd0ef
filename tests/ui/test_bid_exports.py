"""File ▸ Export tables… and Export plots…: the workbook re-opens with openpyxl with the same cells as the app's
tables, one table goes to CSV, the plots are PNG and SVG files, and a failure names the file."""

from __future__ import annotations

import csv

import openpyxl
import pytest
from PySide6.QtGui import QKeySequence

from advisor import bom, numbers
from advisor.model import Scenario
from advisor.sheets import all_sheets
from advisor.ui.bid import exports, save_dialogs
from advisor.ui.bid.scenario_commands import AddScenario


def _cells(sheet) -> list[list]:
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_the_workbook_holds_every_table_with_the_same_cells(window, tmp_path):
    window.document.push(AddScenario(Scenario(name="G.729", codec="g729")))
    window.analysis.run_now()
    target = tmp_path / "bid.xlsx"
    assert exports.export_tables(window, target) == str(target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Link sizing", "Sites", "Findings", "Bill of materials", "Totals", "Assumptions",
                               "Options compared"]
    doc = window.document
    design, results = doc.design, doc.results
    items = bom.build(design, results)
    from advisor import scenarios
    from advisor.analysis import analyse

    outcomes = scenarios.compare(design, design.scenarios, analyse, bom=bom.quantities)
    for table in all_sheets(design, results, items, bom.BomOptions(), outcomes):
        cells = _cells(book[table.name])
        assert cells[0][0] == table.title
        assert tuple(cells[1]) == table.headers
        # numbers as numbers (a spreadsheet keeps 15 significant digits), text as text, empty cells empty
        assert [list(row) for row in cells[2:]] == [[pytest.approx(v, rel=1e-13) if isinstance(v, float) else
                                                     None if v == "" else v for v in row] for row in table.rows]
    # the link sizing sheet's figures are the link table's, as numbers: link-2 by hand from its own row
    links = _cells(book["Link sizing"])
    header = links[1]
    row = next(r for r in links[2:] if r[0] == "link-2")
    link = next(x for x in results.links if x.id == "link-2")
    assert row[header.index("Voice (kbps)")] == pytest.approx(link.calls * link.per_call_kbps)
    assert row[header.index("Utilization (%)")] == pytest.approx(100 * link.kbps / 1024)  # 1,024 kbps capacity
    assert book["Link sizing"].cell(3, header.index("Voice (kbps)") + 1).number_format == "#,##0.00"
    model = window.links.model
    shown = [model.texts(i) for i in range(model.rowCount())]  # the same figure, as the link table prints it
    assert numbers.kbps_value(row[header.index("Voice (kbps)")]) in {r[3] for r in shown}


def test_one_table_as_csv(window, tmp_path):
    target = tmp_path / "sites.csv"
    assert exports.export_tables(window, target, table="Sites") == str(target)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:5] == ["Site", "Name", "Type", "Users", "Phones"]
    # the sample design: HQ 200 users, Branch 1 40, Branch 2 25; phones one per user
    assert [r[:5] for r in rows[1:]] == [["hq", "Headquarters", "HQ", "200", "200"],
                                         ["br-1", "Branch 1", "branch", "40", "40"],
                                         ["br-2", "Branch 2", "branch", "25", "25"]]


def test_plots_as_png_and_svg(window, qtbot, tmp_path):
    written = exports.export_plots(window, tmp_path / "links.png")
    assert [p.rsplit("/", 1)[-1] for p in written] == ["links-utilization.png", "links-erlang-b.png"]
    for path in written:
        data = open(path, "rb").read()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5_000
    view = window.plots.util_plot.getPlotItem().getViewBox()
    shown_width = view.width()
    svgs = exports.export_plots(window, tmp_path / "links.svg")
    qtbot.wait(50)
    texts = [open(path, encoding="utf-8").read() for path in svgs]
    assert all(t.lstrip().startswith("<?xml") and "<svg" in t for t in texts)
    assert "Utilization per link" in texts[0] and "Erlang B" in texts[1]  # the dock's headings come along
    # the plot axis text is there (the figures the user reads), not only the bars
    assert "LLQ 33 %" in texts[0] and "concurrent calls" in texts[1]
    assert view.width() == shown_width  # exporting does not re-lay out the plots on screen


def test_a_failed_write_names_the_file(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(save_dialogs, "show_error", lambda _p, title, text: shown.append((title, text)))
    target = tmp_path / "missing folder" / "bid.xlsx"
    assert exports.export_tables(window, target) is None
    assert shown and str(target) in shown[0][1]


def test_menu_entries_and_docks_are_in_place(window):
    actions = window.actions_by_name
    for name in ("import-sites", "export-tables", "export-plots", "config-sketch", "scenario-add",
                 "dock-scenarios", "dock-bom", "dock-configuration"):
        assert name in actions
    assert {"scenarios", "bom", "configuration"} <= set(window.docks)
    bottom = window.tabifiedDockWidgets(window.docks["links"])
    assert {window.docks[n] for n in ("scenarios", "bom", "configuration")} <= set(bottom)
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert actions["dock-bom"] in view.actions()
    # no shortcut is claimed twice (Qt would then run neither)
    distinct = {id(a): a for a in actions.values()}.values()  # some actions are listed under two names
    keys = [a.shortcut().toString() for a in distinct if not a.shortcut().isEmpty()]
    assert len(keys) == len(set(keys))
    assert actions["import-sites"].shortcut() == QKeySequence("Ctrl+Shift+I")
