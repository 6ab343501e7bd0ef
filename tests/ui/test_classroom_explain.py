"""The Explain pane follows the selection with the words of `advisor.explain` (the same as `advisor explain` prints),
and the VPN comparison view shows the article's Table 1 with the candidates added since, this design's ranking,
and the recommended candidate highlighted.

Design: resources/examples/hq-12-branches-mpls.json; its link l-br01 is worked by hand in
tests/ui/test_classroom_quiz_rules.py (7 calls × 55.20 kbps + 2.28 kbps signalling = 388.68 kbps).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from advisor.explain import Context, explain_finding, explain_link, explain_site

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"
LINE = "7 calls (Erlang B, 1.965 E at 1 %) × 55.20 kbps + 2.28 kbps signalling = 388.68 kbps"
# Table 1 of "Security of Applications Moving to a Network" (T. Mlakar), its columns as the article's text reads.
TABLE_1 = {"Infrastructure network": ("Public Internet", "Public Internet", "Private WAN (e.g. MPLS VPN)"),
           "Network style": ("Hub-and-spoke (point-to-point tunnels)", "Hub-and-spoke and dynamic spoke-to-spoke",
                             "Full mesh (any-to-any)")}


def ctx_of(win) -> Context:
    return Context(win.document.design, win.document.results)


def test_the_pane_explains_the_selected_link_as_advisor_explain_does(example_window, qtbot):
    win = example_window
    pane = win.classroom.explain
    win.docks["explain"].raise_()
    win.document.select(("l-br01",))
    qtbot.waitUntil(lambda: pane.explanations and pane.explanations[0].subject == "l-br01")
    expected = "\n\n".join(e.text() for e in explain_link(ctx_of(win), "l-br01"))
    assert pane.text() == expected
    assert LINE in pane.text()
    shown = pane.browser.toPlainText()
    assert LINE in shown  # on screen, in the pane, word for word
    for title in ("Cisco Unified Communications SRND", "Cisco Enterprise QoS Solution Reference Network Design Guide"):
        assert title in shown
    assert [e.figure for e in pane.explanations] == ["kbps", "calls", "erlangs", "per_call_kbps", "utilization",
                                                     "llq_share"]


def test_the_pane_explains_a_site_a_finding_and_the_design(example_window, qtbot):
    win = example_window
    pane = win.classroom.explain
    win.docks["explain"].raise_()
    win.document.select(("br01",))
    qtbot.waitUntil(lambda: pane.explanations and pane.explanations[0].subject == "br01")
    assert pane.text() == "\n\n".join(e.text() for e in explain_site(ctx_of(win), "br01"))
    # 24 users × 2 calls/h × 180 s / 3600 = 2.400 E
    assert "24 users × 2 calls/h × 180 s / 3,600 = 2.400 E" in pane.browser.toPlainText()

    tree = win.findings.tree
    rows = [tree.topLevelItem(g).child(r) for g in range(tree.topLevelItemCount())
            for r in range(tree.topLevelItem(g).childCount())]
    row = next(item for item in rows if win.findings.finding_of(item).code == "VPN-RECOMMENDATION")
    win.findings.activate(row)
    finding = win.findings.finding_of(row)
    assert pane.explanations[0].text() == explain_finding(ctx_of(win), finding).text()
    shown = pane.browser.toPlainText()
    # The reasons quote the article's sentences, cited by its title.
    assert "Security of Applications Moving to a Network" in shown and "T. Mlakar" in shown
    assert "“GET VPN usage is especially recommended on private WANs" in shown

    win.document.select(("br01",))
    win.document.select(())
    qtbot.waitUntil(lambda: "How to use this pane" in pane.browser.toPlainText())
    text = pane.browser.toPlainText()
    assert "WAN load: " in text and "the sum of the 13 links' bandwidth" in text
    assert "Recommended VPN: GET VPN" in text and "1,062 users at 13 sites" in text


def test_the_comparison_comes_from_the_core_and_highlights_the_recommendation(example_window, qtbot):
    from advisor.report.table1 import SEED_TABLE_1
    from advisor.rules._names import tech_label

    win = example_window
    view = win.classroom.comparison
    win.docks["comparison"].raise_()
    qtbot.waitUntil(lambda: view.data is not None and view.data.recommended is not None)
    table = view.table
    techs = ("gre-ipsec", "dmvpn", "getvpn", "vti", "flexvpn", "ipsec", "mpls-isolation")
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    titles = [tech_label(t).split(" (")[0] for t in techs]
    assert [h.split("\n")[0] for h in headers] == [t[:1].upper() + t[1:] for t in titles]  # "Static VTI"
    rows = {table.verticalHeaderItem(r).text(): r for r in range(table.rowCount())}
    # The article's rows, and the PDF's own table (one source for both).
    for title, cells in TABLE_1.items():
        assert tuple(table.item(rows[title], c).text() for c in range(3)) == cells
    for row in SEED_TABLE_1[1:]:
        assert tuple(table.item(rows[row[0]], c).text() for c in range(3)) == row[1:]
    # GET VPN recommended (an all-MPLS private WAN): its column is marked and tinted, no other is.
    best = techs.index("getvpn")
    assert "recommended" in headers[best] and sum("recommended" in h for h in headers) == 1
    rank = rows["Rank for this design"]
    assert table.item(rank, best).text() == "1 of 7 — recommended"
    tinted = [c for c in range(len(techs)) if table.item(rank, c).background().style() != Qt.BrushStyle.NoBrush]
    assert tinted == [best]
    # Clicking a row shows the reasons that decide it, each with its sentence and title.
    view.show_facts(rows["Dynamic routing"], -1)
    facts = view.details.toPlainText()
    assert "routes on the private WAN itself: no tunnels and no overlay routing" in facts
    assert "dynamic routing is needed and cannot run over a crypto-map IPsec tunnel" in facts
    assert "Security of Applications Moving to a Network" in facts
    view.show_facts(rows["Dynamic routing"], techs.index("ipsec"))
    assert "routes on the private WAN itself" not in view.details.toPlainText()  # one candidate's only


def test_from_a_finding_back_to_the_totals(example_window, qtbot):
    from PySide6.QtCore import QUrl

    win = example_window
    pane = win.classroom.explain
    win.docks["explain"].raise_()
    tree = win.findings.tree
    row = tree.topLevelItem(1).child(0)  # the first warning
    win.findings.activate(row)
    assert pane.explanations and pane.explanations[0].figure == "finding"
    pane.browser.anchorClicked.emit(QUrl("totals"))
    assert "How to use this pane" in pane.browser.toPlainText()


def test_a_heading_that_starts_with_a_mark_gets_a_dotted_circle_to_carry_it(example_window):
    # a design named with combining acute accents alone: first on the heading's line, Qt drew them over nothing and
    # the heading read ": totals"; the dotted circle (U+25CC) carries them, as `advisor explain` heads such a name
    pane = example_window.classroom.explain
    pane._set_heading("\u0301\u0301", ": totals")
    assert pane.heading.text() == "<b>\u25cc\u0301\u0301</b>: totals"
    pane._set_heading("Lab", ": totals")
    assert pane.heading.text() == "<b>Lab</b>: totals"  # a name with a letter first is shown as it is
