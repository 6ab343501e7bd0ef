"""Round 27: a 200-character name with no space in the Link plots dock's curve title and in the Explain pane's
heading is cut with "…" (the whole name in the tooltip) instead of asking thousands of pixels; and the per-call
calculator's codec tooltip names no internal file."""

from __future__ import annotations

import pytest

from advisor.model import Cloud, Design, Link, Site
from tests.ui.conftest import shown_window

LONG = "W" * 200  # one word: no place to wrap
DESIGN_NAME = LONG[:150] + " and more"  # the model allows 200 characters
NARROW = 600  # px: wider than any of these widgets asks with ordinary names (a dock beside the canvas)


def _design(site_name: str = "HQ", link_name: str = "") -> Design:
    return Design(name="Plain", sites=(Site(id="hq", name=site_name, kind="hq", users=50, cucm_publisher=True),
                                       Site(id="b", name="B", users=20)),
                  clouds=(Cloud(id="m", name="MPLS"),),
                  links=(Link(id="l1", a="hq", b="m", name=link_name), Link(id="l2", a="b", b="m")))


@pytest.fixture
def long_link(qtbot):
    yield from shown_window(qtbot, _design(link_name=LONG))


@pytest.fixture
def long_site(qtbot):
    yield from shown_window(qtbot, _design(site_name=LONG))


@pytest.fixture
def long_design(qtbot):
    base = _design()
    yield from shown_window(qtbot, Design(name=DESIGN_NAME, sites=base.sites, clouds=base.clouds, links=base.links))


def test_a_long_link_name_does_not_widen_the_plots(qtbot, long_link):
    win = long_link
    win.docks["plots"].show()
    win.docks["plots"].raise_()
    win.document.select(("l1",))
    qtbot.waitUntil(lambda: win.plots.curve_link is not None and win.plots.curve_link.id == "l1")
    title = win.plots.curve_title
    assert title.minimumSizeHint().width() < NARROW  # was ~2,650 px
    assert win.plots.minimumSizeHint().width() < 2 * NARROW
    assert "…" in title.text() and LONG not in title.text()
    assert LONG in title.toolTip()  # in full where it fits
    win.document.select(("l2",))
    qtbot.waitUntil(lambda: win.plots.curve_link.id == "l2")
    assert title.toolTip() == ""  # a short name needs none


def test_a_long_site_name_does_not_widen_the_explain_pane(qtbot, long_site):
    win = long_site
    win.docks["explain"].show()
    win.docks["explain"].raise_()
    win.classroom.explain.refresh(force=True)
    win.document.select(("hq",))
    qtbot.waitUntil(lambda: "Site W" in win.classroom.explain.heading.text())
    heading = win.classroom.explain.heading
    assert heading.objectName() == "explain-heading"
    assert heading.minimumSizeHint().width() < NARROW  # was ~2,650 px
    assert win.docks["explain"].minimumSizeHint().width() < NARROW
    assert LONG not in heading.text() and heading.text().startswith("<b>Site W")
    assert heading.toolTip() == f"Site {LONG}"
    win.document.select(("b",))
    qtbot.waitUntil(lambda: "Site B" in win.classroom.explain.heading.text())
    assert heading.toolTip() == ""


def test_a_long_design_name_in_the_explain_totals(long_design):
    win = long_design
    win.docks["explain"].show()
    win.docks["explain"].raise_()
    win.classroom.explain.refresh(force=True)
    heading = win.classroom.explain.heading
    assert heading.minimumSizeHint().width() < NARROW
    assert heading.text().endswith("… and more</b>: totals")  # only the word too wide is cut
    assert heading.toolTip() == f"{DESIGN_NAME}: totals"


def test_the_codec_tooltip_names_no_file(window):
    tip = window.calculator.codec.toolTip()
    assert tip.startswith("Voice codec")
    assert ".json" not in tip and "resources" not in tip
