"""In the app, a share reads on its own side of its limit beside the link's status: the link table, the plot's bar
tooltip and the canvas's link tooltip show 33.05 % (not 33.0 %) for a voice share over the 33 % priority-queue share
and 100.01 % (not 100.0 %) for an overloaded link; and they follow a change of that share even when no figure or
status of the link changes."""

from __future__ import annotations

import pytest

from advisor.commands import SetFields
from advisor.model import Design
from tests.core.test_shares_beside_limits import edge_design
from tests.ui.test_plots_dock import show_plots


@pytest.fixture
def edge_window(qtbot):
    from tests.ui.conftest import shown_window

    yield from shown_window(qtbot, edge_design())


def _table_row(window, link_id: str) -> dict[str, str]:
    model = window.links.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == link_id)
    return {model.COLUMNS[c]: model.index(row, c).data() for c in range(model.columnCount())}


def test_link_table_reads_each_share_on_its_side_of_its_limit(edge_window):
    voice, load = _table_row(edge_window, "l-voice"), _table_row(edge_window, "l-load")
    assert (voice["LLQ %"], voice["Status"]) == ("33.05", "over LLQ share")  # was "33.0"
    assert (load["Utilization %"], load["Status"]) == ("100.01", "overloaded")  # was "100.0"
    hq = _table_row(edge_window, "l-hq")
    assert hq["Status"] == "ok" and len(hq["Utilization %"].split(".")[1]) == 1  # one decimal where it reads right


def test_plot_bar_tooltip_reads_each_share_on_its_side(edge_window, qtbot):
    panel = show_plots(edge_window, qtbot)
    tips = {r.id: panel.bar_tooltip(i) for i, r in enumerate(panel.shown)}
    assert "100.01 % (overloaded)" in tips["l-load"]
    assert "voice 33.05 % of the link" in tips["l-voice"]


def test_canvas_link_tooltip_reads_each_share_on_its_side(edge_window):
    links = edge_window.canvas.scene().links
    assert "LLQ 33.05 %" in links["l-voice"].toolTip()
    assert "100.01 % of capacity" in links["l-load"].toolTip()
    # the status in words, never the internal code ('status llq')
    assert "voice over the priority-queue share" in links["l-voice"].toolTip()
    assert "overloaded" in links["l-load"].toolTip() and "status" not in links["l-load"].toolTip()


def test_a_new_priority_queue_share_rewrites_the_figures_beside_it(qtbot):
    """At a 20 % share, 33.046875 % reads '33.0'; raised to 33 %, the link is over both, its figures and status
    the same: the table and the tooltip still write the share anew, against the new limit."""
    from tests.ui.conftest import shown_window

    data = edge_design().model_dump(mode="json")
    data["traffic"]["llq_share"] = 0.2
    for window in shown_window(qtbot, Design.model_validate(data)):
        tooltip = window.canvas.scene().links["l-voice"].toolTip
        assert "LLQ 33.0 %" in tooltip() and _table_row(window, "l-voice")["LLQ %"] == "33.0"
        before = window.document.results
        window.document.push(SetFields("design.traffic", {"llq_share": 0.33}))
        window.analysis.run_now()
        qtbot.waitUntil(lambda w=window, b=before: w.document.results is not b, timeout=3000)
        assert window.document.results.links[1].__dict__ == before.links[1].__dict__  # the same figures, status
        assert _table_row(window, "l-voice")["LLQ %"] == "33.05"
        assert "LLQ 33.05 %" in tooltip()
