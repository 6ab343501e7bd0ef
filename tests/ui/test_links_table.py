"""The link table after an edit re-analysed: only the rows that changed are rewritten, in the order a fresh table
sorts them, and a figure grown wider than its column widens the column."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from advisor.analysis import analyse
from advisor.commands import SetFields
from advisor.ui.document import Document
from advisor.ui.links_dock import FIT_ROWS, LinkModel, LinksPanel

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


def _rows(model: LinkModel) -> list[list]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _names(design) -> dict[str, str]:
    return {n.id: n.name or n.id for n in (*design.sites, *design.clouds)}


def test_rows_after_edits_equal_a_fresh_table_sorted_alike(qapp):
    design = generate(30, "mpls")
    status = LinkModel.COLUMNS.index("Status")  # many ties: "ok" on most links
    model = LinkModel()
    model.set_links(analyse(design).links, _names(design))
    model.sort(status, Qt.SortOrder.DescendingOrder)
    site = design.sites[3]
    for users in (site.users + 1, site.users + 400, site.users + 4000, site.users):
        before = {x.id: x.status for x in model.links}
        design = SetFields(site.id, {"users": users}).apply(design)
        links = analyse(design).links
        rewritten = model.set_links(links, _names(design))
        fresh = LinkModel()
        fresh.sort(status, Qt.SortOrder.DescendingOrder)
        fresh.set_links(links, _names(design))
        assert _rows(model) == _rows(fresh)
        if {x.id: x.status for x in links} == before:  # the order stands: rewritten in place, a few rows
            assert rewritten is not None and 0 < len(rewritten) < len(links)


def _shown_panel(qtbot, design):
    """The links panel of a document holding `design` and its results, shown at 900 × 300."""
    document = Document(design)
    panel = LinksPanel(document)
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    document.set_results(analyse(design))
    return document, panel


def test_a_figure_wider_than_its_column_widens_it(qtbot):
    design = generate(12, "mpls")
    document, panel = _shown_panel(qtbot, design)
    voice = LinkModel.COLUMNS.index("Voice kbps")
    header = panel.table.horizontalHeader()
    header.resizeSection(voice, 20)  # narrower than any figure
    site = design.sites[1]
    document.reset(SetFields(site.id, {"users": 90_000}).apply(design))
    document.set_results(analyse(document.design))
    row = next(r for r in range(panel.model.rowCount())
               if panel.model.links[r].a == site.id or panel.model.links[r].b == site.id)
    need = panel.table.sizeHintForIndex(panel.model.index(row, voice)).width()
    assert need > 20 and header.sectionSize(voice) >= need


def test_rows_are_formatted_when_first_shown(qapp):
    """A design of 45,000 links formatted every row of its table at once (0.35 s); only the rows in view need
    their texts, and each row is formatted once."""
    from advisor import numbers

    design = generate(300, "mpls")
    model = LinkModel()
    model.set_links(analyse(design).links, _names(design))
    formatted = lambda: sum(text is not None for text in model._text)  # noqa: E731
    assert model.rowCount() == 300 and formatted() == 0
    voice = LinkModel.COLUMNS.index("Voice kbps")
    shown = model.index(5, voice).data()
    assert shown == numbers.kbps_value(model.links[5].voice_kbps) and formatted() == 1
    model.index(5, 0).data()
    assert formatted() == 1  # the same row: formatted once


def test_every_rewritten_cell_fits_its_column(qtbot):
    """Columns widen to the widest rewritten cell of each, measured once per column: no rewritten figure is cut."""
    design = generate(30, "chain")  # an edit at one end moves the figures of most links
    document, panel = _shown_panel(qtbot, design)
    header = panel.table.horizontalHeader()
    figures = [c for c in range(panel.model.columnCount())
               if header.sectionResizeMode(c) == QHeaderView.ResizeMode.Interactive]
    for column in figures:
        header.resizeSection(column, 20)  # narrower than any figure
    site = design.sites[0]
    edited = SetFields(site.id, {"users": 40_000}).apply(design)
    changed = panel.model.set_links(analyse(edited).links, _names(edited))
    assert changed is not None and 5 < len(changed) <= FIT_ROWS
    panel._widen_for(changed)
    for column in figures:
        widest = max(panel.table.sizeHintForIndex(panel.model.index(row, column)).width() for row in changed)
        assert header.sectionSize(column) >= widest > 20, LinkModel.COLUMNS[column]


def test_ids_and_names_sort_as_people_read_them(qapp):
    # 'l-2' after 'l-10' (character by character) read wrong in a table of hundreds of branches
    design = generate(12, "mpls")
    model = LinkModel()
    model.set_links(analyse(design).links, _names(design))
    model.sort(0, Qt.SortOrder.AscendingOrder)
    ids = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert ids == [f"l{k}" for k in range(len(ids))] and len(ids) > 10  # l2 before l10
    model.sort(1, Qt.SortOrder.DescendingOrder)
    ends = [model.index(r, 1).data() for r in range(model.rowCount())]
    branch = [int(e.split()[1]) for e in ends if e.startswith("Branch ")]
    assert branch == sorted(branch, reverse=True) and len(branch) > 10


def test_the_table_follows_the_selection_made_elsewhere(qtbot):
    # a click on a bundle of parallel links on the canvas selects them all: the table shows where they are
    design = generate(300, "mpls")
    document = Document()
    document.reset(design)
    document.set_results(analyse(design))
    panel = LinksPanel(document)
    qtbot.addWidget(panel)
    panel.resize(600, 200)
    panel.show()
    model = panel.model
    target = model.index(model.rowCount() - 5, 0).data()  # far down: out of view
    document.select(("s0", target, model.index(model.rowCount() - 2, 0).data()))
    selection = panel.table.selectionModel()
    assert [i.row() for i in selection.selectedRows()] == [model.rowCount() - 5]  # the first in the table's order
    assert panel.table.visualRect(model.index(model.rowCount() - 5, 0)).intersects(panel.table.viewport().rect())
    document.select(("s0",))  # a site alone: no link row
    assert selection.selectedRows() == []
