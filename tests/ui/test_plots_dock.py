"""The link plots dock: utilization bars from the results, status colours, LLQ and capacity lines, click to select,
and the Erlang B what-if curve of the selected link."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from advisor import erlang, io
from advisor.commands import SetFields
from advisor.model import Cloud, Design, Link, Site
from advisor.ui.canvas import theme
from advisor.ui.plots_dock import CURVE_SAMPLES, TOP_LINKS, erlang_curve, top_links

ROOT = Path(__file__).resolve().parents[2]


def show_plots(window, qtbot):
    dock = window.docks["plots"]
    window.resizeDocks([dock], [320], Qt.Orientation.Vertical)
    dock.show()
    dock.raise_()
    panel = window.plots
    qtbot.waitUntil(lambda: panel.built and panel.on_screen() and panel.refresh_count > 0, timeout=3000)
    return panel


def bars_of(panel):
    import pyqtgraph as pg

    return next(i for i in panel.util_plot.getPlotItem().items if isinstance(i, pg.BarGraphItem))


def click_bar(panel, qtbot, index: int) -> None:
    plot = panel.util_plot
    vb = plot.getPlotItem().getViewBox()
    height = bars_of(panel).opts["height"][index]
    where = plot.mapFromScene(vb.mapViewToScene(QPointF(index, max(height / 2, 1.0))))
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_one_bar_per_link_with_its_utilization_busiest_first(window, qtbot):
    panel = show_plots(window, qtbot)
    results = window.document.results
    bars = bars_of(panel)
    expected = sorted(results.links, key=lambda r: (-r.utilization, r.id))
    assert [r.id for r in panel.shown] == [r.id for r in expected]
    assert list(bars.opts["height"]) == pytest.approx([r.utilization * 100 for r in expected])
    assert list(bars.opts["x"]) == list(range(len(expected)))
    colours = theme.current().link_status
    assert [QColor(b).name() for b in bars.opts["brushes"]] == [colours[r.status].name() for r in expected]


def test_status_colours_and_the_llq_and_capacity_lines(window, qtbot):
    import pyqtgraph as pg

    window.document.push(SetFields("link-3", {"capacity_kbps": 64}))  # overloads branch 2
    window.analysis.run_now()
    panel = show_plots(window, qtbot)
    qtbot.waitUntil(lambda: any(r.status == "overload" for r in panel.shown), timeout=3000)
    overloaded = next(i for i, r in enumerate(panel.shown) if r.status == "overload")
    assert overloaded == 0  # the busiest bar comes first
    assert QColor(bars_of(panel).opts["brushes"][0]).name() == theme.current().link_status["overload"].name()
    lines = sorted(i.value() for i in panel.util_plot.getPlotItem().items if isinstance(i, pg.InfiniteLine))
    assert lines == pytest.approx(sorted([window.document.design.traffic.llq_share * 100, 100.0]))
    item = panel.util_plot.getPlotItem()
    assert "utilization (%)" in item.getAxis("left").labelText
    assert "busiest first" in item.getAxis("bottom").labelText


def test_clicking_a_bar_selects_the_link_and_draws_its_erlang_curve(window, qtbot):
    panel = show_plots(window, qtbot)
    target = panel.shown[1]
    click_bar(panel, qtbot, 1)
    qtbot.waitUntil(lambda: window.document.selected == (target.id,), timeout=2000)
    scene = window.canvas.scene()
    if hasattr(scene, "selected_ids"):
        assert set(scene.selected_ids()) == {target.id}
    assert panel.curve_link.id == target.id
    # The selected bar is outlined in the selection colour.
    pens = bars_of(panel).opts["pens"]
    assert QColor(pens[1].color()).name() == theme.current().selection.name()
    assert target.calls == erlang.trunks(target.erlangs, window.document.design.traffic.gos)
    assert f"{target.calls} calls" in panel.curve_title.text()


def test_erlang_curve_passes_through_each_links_point():
    # Erlang B table (1 % blocking): 5 trunks carry 1.36 E, 10 carry 4.46 E, 20 carry 12.0 E.
    xs, ys = erlang_curve(12.5, 0.01, samples=250)
    assert ys == sorted(ys) and ys[0] == 0
    at = dict(zip(xs, ys, strict=True))
    assert at[1.35] == 5 and at[4.45] == 10 and at[12.0] == 20
    assert max(ys) == erlang.trunks(12.5, 0.01)


def test_top_50_of_a_larger_design_and_says_so(window, qtbot):
    sites = [Site(id="hq", kind="hq", users=500, cucm_publisher=True)]
    sites += [Site(id=f"b{i}", users=5 + i) for i in range(60)]
    links = [Link(id=f"l-{s.id}", a=s.id, b="mpls", capacity_kbps=2048) for s in sites]
    window.document.reset(Design(name="Many", sites=tuple(sites), clouds=(Cloud(id="mpls"),), links=tuple(links)))
    window.analysis.run_now()
    panel = show_plots(window, qtbot)
    qtbot.waitUntil(lambda: panel.total_links == 61, timeout=3000)
    assert len(bars_of(panel).opts["height"]) == TOP_LINKS == len(panel.shown)
    assert "top 50 of 61 links" in panel.title.text()
    every = sorted((r.utilization for r in window.document.results.links), reverse=True)
    assert [r.utilization for r in panel.shown] == every[:TOP_LINKS]
    # Equal utilizations keep a stable order (by id), so bars do not swap places between refreshes.
    ties = top_links(window.document.results.links, 61)
    for left, right in zip(ties, ties[1:], strict=False):
        assert left.utilization > right.utilization or left.id < right.id


def _items(plot) -> list:
    return list(plot.getPlotItem().items)  # everything drawn in the plot: bars, lines, markers, labels


def test_refresh_of_the_40_branch_example_draws_a_bounded_picture(window, qtbot):
    """Structural, never timed: a refresh redraws instead of adding to the picture, and the Erlang B curve has a
    fixed number of samples whatever the load."""
    design = io.load(ROOT / "resources" / "examples" / "hq-40-branches-internet.json")
    window.document.reset(design)
    window.analysis.run_now()
    panel = show_plots(window, qtbot)
    anatomy_dock = window.docks["anatomy"]
    for name, target in (("plots", panel), ("anatomy", window.anatomy)):
        if name == "anatomy":
            anatomy_dock.raise_()
            qtbot.waitUntil(lambda: window.anatomy.built and window.anatomy.on_screen(), timeout=3000)
        plots = [panel.util_plot, panel.curve_plot] if name == "plots" else [window.anatomy.plot]
        target.refresh()
        first = [len(_items(p)) for p in plots]
        for _ in range(4):
            target.refresh()
        assert [len(_items(p)) for p in plots] == first and all(first), name
    points = max(len(item.getData()[0]) for item in panel.curve_plot.getPlotItem().listDataItems())
    assert CURVE_SAMPLES < points <= 2 * (CURVE_SAMPLES + 1)  # samples and their risers, whatever the load
    assert len(panel.shown) == len(design.links)
    for mode in ("light", "dark"):
        window.set_theme(mode)
        window.docks["plots"].raise_()
        qtbot.waitUntil(lambda: panel.on_screen(), timeout=3000)
        qtbot.wait(20)
        window.docks["plots"].grab().save(f"/tmp/plots-{mode}.png")


def test_view_menu_toggles_both_new_docks(window):
    for name, title in (("anatomy", "Packet anatomy"), ("plots", "Link plots")):
        action = window.actions_by_name[f"dock-{name}"]
        assert action.text() == title and action.isChecked()
        action.trigger()
        assert not window.docks[name].isVisible()
