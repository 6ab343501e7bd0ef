"""Round 41, the docks around the canvas: a bill of materials and configuration sketches made from the results of
the design before an edit (the Configuration dock printed the results' Python repr as its error, the bill of
materials said "0 lines at 2 sites"), a "(x0.001)" pyqtgraph put after "links, busiest first" on a design of one
link, and the Explain pane's "the sum of the 0 links' bandwidth" on a design with no link."""

from __future__ import annotations

import pytest

import advisor.ui.analysis_runner as runner
from advisor import commands
from advisor.analysis import AnalysisError
from advisor.model import Design, Link, Site
from tests.ui.conftest import shown_window

FAILED = "The analysis of the design as it is now failed (the status bar says why)."  # by hand, as the docks say it


def _fail_from_now_on(monkeypatch) -> None:
    """Every analysis from now on fails, as one of a design the sizing cannot price does: the results stay those
    of the design before the edit."""
    def fail(_design, **_kw):
        raise AnalysisError("link 'Branch 2 – MPLS VPN': cannot be sized")

    monkeypatch.setattr(runner, "analyse", fail)


def _raise(window, qtbot, name):
    window.docks[name].show()
    window.docks[name].raise_()
    qtbot.wait(20)


def _edited_then_failed(window, qtbot, monkeypatch, *edits):
    window.document.push(commands.SetFields("br-1", {"users": 41}))  # analysed: the covered docks are now stale
    qtbot.wait(5)
    _fail_from_now_on(monkeypatch)
    for edit in edits:
        window.document.push(edit)
    qtbot.wait(5)
    assert window.statusBar().currentMessage().startswith("Analysis failed")
    assert len(window.document.results.sites) == 3  # the results of the design before the edits


@pytest.mark.parametrize("edits", [
    (commands.DeleteItems(("br-2",)),),
    (commands.DeleteItems(("br-2",)),  # as many sites as the results, not the same ones
     commands.AddNodes((Site(id="br-9", name="Branch 9", users=30, x=5, y=5),),
                       (Link(id="l-9", a="br-9", b="mpls", capacity_kbps=64),))),
], ids=["a site deleted", "a site replaced"])
def test_sketches_and_materials_wait_for_the_results_of_the_design_as_it_is(window, qtbot, monkeypatch, edits):
    _edited_then_failed(window, qtbot, monkeypatch, *edits)
    _raise(window, qtbot, "configuration")
    text = window.bid.config.text.toPlainText()
    # was "! The sketches could not be made: model=DeploymentResult(detected='centralized', …" (a Results repr), or
    # sketches of the replaced site's figures under the new site's name
    assert text == f"! {FAILED} The sketches appear once it succeeds."
    assert window.bid.config.site.count() == 0
    _raise(window, qtbot, "bom")
    bom = window.bid.bom
    assert bom.summary.text() == FAILED  # was "0 lines at 2 sites", or the 3 sites' lines
    assert bom.model.rowCount() == 0
    window.document.undo_stack.undo()  # back to a design the results are for (the analysis still fails)
    if len(edits) == 2:
        window.document.undo_stack.undo()
    qtbot.wait(5)
    _raise(window, qtbot, "configuration")
    _raise(window, qtbot, "bom")
    window.bid.bom.refresh()
    window.bid.config.refresh()
    assert window.bid.bom.summary.text().endswith("at 3 sites; 4 to verify (amber)")
    assert window.bid.config.site.count() == 3


ONE_LINK = Design(name="Two sites", sites=(
    Site(id="hq", name="Head office", kind="hq", users=100, cucm_publisher=True, x=0, y=0),
    Site(id="br", name="Branch", users=20, x=200, y=0)),
    links=(Link(id="l-1", a="hq", b="br", capacity_kbps=2048),))


@pytest.fixture
def one_link(qtbot):
    gen = shown_window(qtbot, ONE_LINK)
    yield next(gen)
    next(gen, None)


def test_the_plot_axes_carry_no_scale_factor_of_their_own(one_link, qtbot):
    _raise(one_link, qtbot, "plots")
    plots = one_link.plots
    assert plots.shown and plots.util_plot is not None
    labels = [plot.getPlotItem().getAxis(side).labelString()
              for plot in (plots.util_plot, plots.curve_plot) for side in ("bottom", "left")]
    assert "links, busiest first" in labels[0]
    assert not [label for label in labels if "(x" in label]  # was "links, busiest first (x0.001)"
    _raise(one_link, qtbot, "anatomy")
    assert "(x" not in one_link.anatomy.plot.getPlotItem().getAxis("bottom").labelString()


def test_a_design_without_links_has_no_sum_of_zero_links(qtbot):
    gen = shown_window(qtbot, Design(name="Campus", sites=(Site(id="hq", name="HQ", kind="hq", users=50,
                                                                 cucm_publisher=True),)))
    window = next(gen)
    _raise(window, qtbot, "explain")
    text = window.classroom.explain.browser.toPlainText()
    assert "WAN load: 0.00 kbps per direction, the design has no WAN link" in text
    assert "0 links" not in text  # was "the sum of the 0 links' bandwidth"
    next(gen, None)


def test_the_plots_name_an_unnamed_link_by_its_ends(window, qtbot):
    _raise(window, qtbot, "plots")
    plots = window.plots
    assert [r.id for r in plots.shown] == ["link-3", "link-2", "link-1"]  # none of them named
    assert [plots._names_cache[r.id] for r in plots.shown] == ["Branch 2 – MPLS VPN", "Branch 1 – MPLS VPN",
                                                                "Headquarters – MPLS VPN"]  # the bars' labels
    assert plots.bar_tooltip(0).startswith("Branch 2 – MPLS VPN: 191.0 % (overloaded)")  # was "link-3: …"
    assert "busiest link <b>Branch 2 – MPLS VPN</b>" in plots.curve_title.text()  # was "busiest link link-3"
    window.document.select(("link-1",))
    qtbot.wait(5)
    assert "selected link <b>Headquarters – MPLS VPN</b>" in plots.curve_title.text()
