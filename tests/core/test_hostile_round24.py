"""Hostile input, round 24: legal values in combination.

A voice share of 33.05 % read "33.0 %" beside "above the 33 % priority-queue guideline" (and a utilization of
100.01 % read "100.0 %" beside "overloaded") in the check table, the PDF's link table and the explanations; a hybrid
WAN whose clouds each run a technology of their own was summed up by the design-wide one, which no link used
("VPN: FlexVPN" for links that all run static VTI); a design with no call processing "follows the no call
processing model".
"""

from __future__ import annotations

import pytest

from advisor import numbers
from advisor.analysis import analyse
from advisor.explain import Context, explain_link
from advisor.model import Design
from advisor.report import sections, summary
from advisor.report.vpn_use import in_use


def _two_sites(capacity: float = 100_000.0) -> dict:
    """An HQ with call processing and a branch on one cloud, no VPN: G.711 at 20 ms over Ethernet, 87.20 kbps a
    call ((20 + 8 + 12 + 160 + 18) B × 8 × 50 pps)."""
    return {"vpn": {"technology": "none", "privacy_required": False},
            "sites": [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True}, {"id": "br", "users": 20}],
            "clouds": [{"id": "m", "kind": "mpls"}],
            "links": [{"id": "l-hq", "a": "hq", "b": "m", "capacity_kbps": 100_000},
                      {"id": "l-br", "a": "br", "b": "m", "capacity_kbps": capacity}]}


def _branch_at(share: float, of: str) -> tuple[Design, object]:
    """The two-site design with the branch link's capacity set so that its voice (of='voice') or its total
    (of='kbps') is `share` of it; returns the design and the branch link's result."""
    first = analyse(Design.model_validate(_two_sites()))
    link = next(r for r in first.links if r.id == "l-br")
    assert link.per_call_kbps == pytest.approx(87.2)
    data = _two_sites(getattr(link, f"{of}_kbps" if of == "voice" else of) / share)
    design = Design.model_validate(data)
    results = analyse(design)
    return design, next(r for r in results.links if r.id == "l-br")


@pytest.mark.parametrize(("share", "limit", "shown"), [
    (0.33046875, 0.33, "33.05"),  # above, one decimal would read as the limit
    (0.3302, 0.33, "33.02"),
    (1.00015, 1.0, "100.02"),  # a utilization just over the capacity
    (0.99996, 1.0, "100.0"),  # within: one decimal may round up to the limit itself
    (0.33, 0.33, "33.0"),
    (0.5, 0.33, "50.0"),
    (7.26, 1.0, "726.0"),
    (0.33335, 0.3333, "33.34"),
])
def test_a_share_reads_on_its_own_side_of_its_limit(share, limit, shown):
    assert numbers.percent_beside(share, limit) == shown
    assert numbers.percent_against(share, limit) == f"{shown} %"


def test_the_explained_voice_share_reads_above_the_guideline_it_is_above():
    design, link = _branch_at(0.3302, "voice")
    assert link.status == "llq"
    (share,) = [e for e in explain_link(Context.of(design), "l-br") if e.figure == "llq_share"]
    assert "= 33.02 % (above the 33 % priority-queue guideline" in share.lines[0]
    assert share.result.text == "33.02 %"


def test_the_explained_utilization_reads_over_100_when_overloaded():
    design, link = _branch_at(1.0002, "kbps")
    assert link.status == "overload"
    (used,) = [e for e in explain_link(Context.of(design), "l-br") if e.figure == "utilization"]
    assert "= 100.02 % (above the capacity: the link is overloaded)" in used.lines[0]


def _row_texts(flow, link_name: str) -> list[str]:
    from reportlab.platypus import Table

    for item in flow:
        for table in [item] if isinstance(item, Table) else getattr(item, "_content", []):
            if isinstance(table, Table):
                for row in table._cellvalues:
                    texts = [str(getattr(c, "text", c)) for c in row]
                    if any(link_name in t for t in texts):
                        return texts
    raise AssertionError(f"no row for {link_name}")


def test_the_pdf_link_table_shows_the_share_the_status_speaks_of():
    from advisor.report import fonts

    fonts.register()
    design, link = _branch_at(0.3302, "voice")
    row = _row_texts(sections.links(4, design, analyse(design)), "br – m")
    assert "33.02 %" in row and "over LLQ" in row


def _hybrid(m: str, i: str, leased: bool = False) -> Design:
    links = [{"id": "l-hq-m", "a": "hq", "b": "m"}, {"id": "l-hq-i", "a": "hq", "b": "i"},
             {"id": "l-b1", "a": "b1", "b": "m"}, {"id": "l-b2", "a": "b2", "b": "i"}]
    if leased:
        links.append({"id": "l-ll", "a": "b1", "b": "b2"})
    return Design.model_validate({
        "vpn": {"technology": "flexvpn"},
        "sites": [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True}, {"id": "b1", "users": 20},
                  {"id": "b2", "users": 20}],
        "clouds": [{"id": "m", "kind": "mpls", "technology": m}, {"id": "i", "kind": "internet", "technology": i}],
        "links": links})


@pytest.mark.parametrize(("m", "i", "leased", "words"), [
    ("vti", "vti", False, "static VTI (IPsec tunnel interface)"),  # never 'FlexVPN (IKEv2)': no link uses it
    ("dmvpn", "vti", False, "DMVPN on the MPLS links; static VTI (IPsec tunnel interface) on the Internet links"),
    ("dmvpn", "dmvpn", True, "DMVPN on the MPLS links and the Internet links; FlexVPN (IKEv2) on the leased lines"),
])
def test_the_technology_in_use_is_what_the_links_use(m, i, leased, words):
    design = _hybrid(m, i, leased)
    results = analyse(design)
    assert results.recommendation.chosen == "flexvpn"
    assert in_use(design, results) == words


def test_without_technologies_per_cloud_the_design_wide_one_is_in_use():
    design = Design.model_validate(_two_sites())
    assert in_use(design, analyse(design)) == "no VPN"


def test_the_summary_names_the_technology_the_links_use():
    design = _hybrid("vti", "vti")
    text = summary._recommendation(design, analyse(design))
    assert "Its links use static VTI (IPsec tunnel interface)." in text


def test_a_design_without_call_processing_does_not_follow_a_no_call_processing_model():
    design = Design.model_validate({"sites": [{"id": "a", "users": 10}]})
    text = summary._recommendation(design, analyse(design))
    assert "no call processing</b> yet" in text
    assert "follows the" not in text


def test_the_pdf_vpn_section_says_in_use_what_the_links_use():
    from advisor.report import checks, fonts

    fonts.register()
    design = _hybrid("vti", "vti")
    first = next(f for f in checks.vpn(7, design, analyse(design)) if hasattr(f, "text") and "In use" in f.text)
    assert "In use: <b>static VTI (IPsec tunnel interface)</b>" in first.text
