"""The app's counts with their noun in the right number: "1 user · 1 phone", "1 call for …", "Imported 1 site",
"2 lines at 1 site", never "1 users" or "1 sites". Expected words written out by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.analysis import analyse
from advisor.importer import Imported
from advisor.model import Cloud, Design, Link, Site

ONE_WORD = re.compile(r"\b1 (users|phones|sites|calls|errors|warnings|notes|lines|tunnels|key servers|subscribers)\b")


def one_site() -> Design:
    return Design(name="One site", sites=(Site(id="hq", name="HQ", kind="hq", users=1, cucm_publisher=True,
                                                cucm_subscribers=1, x=0, y=0),),
                  clouds=(Cloud(id="mpls", name="MPLS", kind="mpls", x=0, y=120),),
                  links=(Link(id="l-hq", a="hq", b="mpls", capacity_kbps=2048),))


@pytest.fixture
def sample_design() -> Design:
    """An HQ of 50 users and a branch of one user (one phone): at most one call on the branch's link."""
    return Design(
        name="Tiny branch",
        sites=(Site(id="hq", name="HQ", kind="hq", users=50, cucm_publisher=True, cucm_subscribers=2, x=0, y=0),
               Site(id="br", name="Kiosk", users=1, x=-250, y=200)),
        clouds=(Cloud(id="mpls", name="MPLS", kind="mpls", x=0, y=120),),
        links=(Link(id="l-hq", a="hq", b="mpls", capacity_kbps=10_000),
               Link(id="l-br", a="br", b="mpls", capacity_kbps=1_024)))


def test_canvas_tooltip_of_one_user_and_of_fifty(window):
    nodes = window.canvas.scene().nodes
    kiosk, hq = nodes["br"].toolTip(), nodes["hq"].toolTip()
    assert "1 user · 1 phone" in kiosk and not ONE_WORD.search(kiosk)
    assert "50 users · 50 phones" in hq and "publisher + 2 subscribers" in hq
    from advisor.ui.canvas.items import NodeItem

    tip = NodeItem._tooltip(one_site().sites[0])
    assert "1 user · 1 phone" in tip and "CUCM: publisher + 1 subscriber (" in tip


def test_plot_tooltip_of_one_call(window, qtbot):
    from tests.ui.test_plots_dock import show_plots

    panel = show_plots(window, qtbot)
    tips = {r.id: panel.bar_tooltip(i) for i, r in enumerate(panel.shown)}
    # the branch has one phone, and a phone holds one call at a time: one call on its link
    assert "\n1 call for " in tips["l-br"], tips["l-br"]


def test_explain_overview_of_one_site_and_of_two(window, qtbot):
    pane = window.classroom.explain
    window.docks["explain"].raise_()
    window.document.select(())
    qtbot.waitUntil(lambda: "How to use this pane" in pane.browser.toPlainText())
    text = pane.browser.toPlainText()
    assert "Busy-hour traffic: 51 users at 2 sites offer " in text
    assert "the sum of the 2 links' bandwidth" in text

    window.document.reset(one_site())
    window.analysis.run_now()
    window.document.select(())
    qtbot.waitUntil(lambda: "Busy-hour traffic: 1 user at 1 site offers " in pane.browser.toPlainText())
    text = pane.browser.toPlainText()
    assert "per direction, the bandwidth of its one link" in text
    assert "Findings: " in text and not ONE_WORD.search(text), text


def test_bom_summary_at_one_site(window, qtbot):
    window.docks["bom"].show()
    window.docks["bom"].raise_()
    panel = window.bid.bom
    qtbot.waitUntil(lambda: panel.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: " at 2 sites" in panel.summary.text(), timeout=3000)
    window.document.reset(one_site())
    window.analysis.run_now()
    qtbot.waitUntil(lambda: panel.summary.text().endswith(" at 1 site")
                    or " at 1 site;" in panel.summary.text(), timeout=3000)
    assert not ONE_WORD.search(panel.summary.text()), panel.summary.text()


def test_import_status_of_one_site(window):
    from advisor.ui.bid.import_dialog import open_imported

    open_imported(window, Imported(one_site(), ()), Path("branch.csv"))
    assert window.statusBar().currentMessage() == "Imported 1 site from branch.csv: not saved yet"
    window.document.undo_stack.setClean()


def test_ranking_facts_of_one_tunnel_and_one_key_server():
    from advisor.ui.findings_text import recommendation_html

    two = Design.model_validate({
        "sites": [{"id": "hq", "kind": "hq", "users": 50, "cucm_publisher": True, "cucm_subscribers": 2},
                  {"id": "br", "users": 20}],
        "clouds": [{"id": "wan", "kind": "mpls"}],
        "links": [{"id": "l-hq", "a": "hq", "b": "wan"}, {"id": "l-br", "a": "br", "b": "wan"}],
        "vpn": {"getvpn_key_servers": 1}})
    rec = analyse(two).recommendation
    html = recommendation_html(rec)
    # two sites: one point-to-point tunnel between them; the design sets one key server
    assert {c.tunnels for c in rec.ranking if c.technology == "vti"} == {1}
    assert "1 tunnel" in html and "1 key server" in html and not ONE_WORD.search(html), html
