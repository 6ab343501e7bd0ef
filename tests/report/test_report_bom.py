"""The bill of materials section: every line of `advisor.bom.build` with its site, item, model, quantity and reason,
its source, the lines to verify marked, the totals, and the choices the quantities assume (E1, two VPN hubs)."""

from __future__ import annotations

from collections import Counter

import pytest
from report_fixtures import pdf_text, results_for, section_text, star_design

from advisor import bom
from advisor.report import build_pdf
from advisor.report.materials import SITES_IN_COLUMN, grouped
from advisor.report.wording import plain


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built():
    design = star_design(6, technology="dmvpn")
    results = results_for(design)
    return design, results, bom.build(design, results), section_text(pdf_text(build_pdf(design, results)),
                                                                      "Bill of materials")


def test_grouped_rows_give_back_every_line():
    design = star_design(14, technology="getvpn")
    same = (design.sites[0], *(s.model_copy(update={"users": 20 + 10 * (i % 3)}) for i, s in enumerate(design.sites[1:])))
    design = design.model_copy(update={"sites": same})  # three branch sizes
    items = bom.build(design, results_for(design))
    rows = grouped(items)
    assert len(rows) < len(items)  # branches of the same size share a row
    back = Counter((site, r.item, r.model, r.quantity, r.reason, r.source, r.unconfirmed)
                   for r in rows for site in r.sites)
    assert back == Counter((i.site, plain(i.item), plain(i.model), i.quantity, plain(i.reason), plain(i.source),
                            i.unconfirmed) for i in items)


def test_every_line_is_in_the_section(built):
    design, _, items, section = built
    names = {s.id: s.name for s in design.sites}
    assert items
    for line in items:
        assert names[line.site] in section
        for text in (line.item, line.model, line.reason):
            assert _flat(plain(text)) in section, text


def test_sources_are_listed_once_in_customer_words(built):
    _, _, items, section = built
    sources = section.split(" Sources ", 1)[1]
    for line in items:
        assert _flat(plain(line.source)) in sources
        assert ".json" not in plain(line.source)
    assert sources.count(_flat(plain(items[-1].source))) == 1


def test_unconfirmed_lines_are_marked_verify(built):
    _, _, items, section = built
    unconfirmed = [i for i in items if i.unconfirmed]
    assert unconfirmed, "the 2811 SRST capacity and the per-node device figure are unconfirmed"
    for line in unconfirmed:
        reason = _flat(plain(line.reason))
        assert f"{reason} verify" in section  # the Verify column right after the reason


def test_totals_sum_the_lines(built):
    _, _, items, section = built
    totals = section.split(" Totals ", 1)[1].split(" Lines, by item ", 1)[0]
    # Two SRST branches of each platform: sum by hand over the lines of that model.
    for item, model, quantity in bom.totals(items):
        hand = sum(i.quantity for i in items if (i.item, i.model) == (item, model))
        assert quantity == hand
        assert f"{plain(item)} {plain(model)} {hand}" in totals


def test_assumptions_state_e1_and_two_vpn_hubs(built):
    _, _, items, section = built
    assumptions = section.split(" Assumptions ", 1)[1]
    assert "PSTN interface E1 PRI (30 B-channels) (the default)" in assumptions
    assert "VPN hubs (redundancy) 2" in assumptions
    hub_lines = [i for i in items if i.item == "DMVPN hub router"]
    assert [i.quantity for i in hub_lines] == [2]  # dual hub: two routers at the hub site


def test_many_sites_on_one_line_are_named_across_the_table():
    design = star_design(3 * SITES_IN_COLUMN + 4, technology="getvpn")
    same = (design.sites[0], *(s.model_copy(update={"users": 40}) for s in design.sites[1:]))
    design = design.model_copy(update={"sites": same})
    section = section_text(pdf_text(build_pdf(design, results_for(design))), "Bill of materials")
    assert "sites, listed below" in section and " At: " in section
    for site in design.sites:
        assert site.name in section
