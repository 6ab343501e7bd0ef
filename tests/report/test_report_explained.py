"""The link section explains its figures: how to read the table (the formulas), then the worked explanation of the
busiest link and of the hub's link, word for word what `advisor explain --link` prints; findings keep their quoted
source sentence, cited by title."""

from __future__ import annotations

import re

import pytest
from report_fixtures import pdf_text, results_for, section_text, star_design

from advisor.explain import Context, explain_link
from advisor.report import build_pdf
from advisor.report.wording import plain


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built():
    design = star_design(6, technology="getvpn")
    results = results_for(design)
    text = pdf_text(build_pdf(design, results))
    links = re.sub(re.escape(design.name) + r" UC design document \S+ Page \d+ of \d+ ", "",
                   section_text(text, "Links"))  # without the page header and footer
    return design, results, text, links


def test_how_to_read_gives_the_formulas_with_the_designs_settings(built):
    _, _, _, links = built
    assert "How to read this table" in links
    assert "kbps total = calls × kbps per call + call signalling" in links
    assert "Utilization = kbps total / capacity kbps." in links
    assert "grade of service (1.0 %)" in links and "design's 33 % guideline" in links


def test_the_busiest_links_explanation_is_the_one_advisor_explain_prints(built):
    design, results, _, links = built
    busiest = max(results.links, key=lambda r: (r.utilization, r.kbps))
    assert busiest.id == "l-b2"  # the 256 kbps access link (star_design)
    explanations = explain_link(Context(design, results), busiest.id)
    assert len(explanations) == 6
    assert "Worked example: the busiest link" in links
    for e in explanations:
        assert _flat(e.text()) in links, e.title


def test_the_hub_link_is_explained_too(built):
    design, results, _, links = built
    assert "Worked example: the hub's link" in links
    for e in explain_link(Context(design, results), "l-hq"):
        assert _flat(e.text()) in links, e.title


def test_the_sum_in_the_explanation_is_the_tabled_figure(built):
    _, results, _, links = built
    b2 = next(r for r in results.links if r.id == "l-b2")
    # 10 calls × 112.80 kbps (G.711 in GET VPN on Ethernet) + the signalling: the link's kbps, as tabled
    assert f"{b2.calls} calls (Erlang B, " in links
    assert f"× 112.80 kbps + {b2.signalling_kbps:.2f} kbps signalling = {b2.kbps:,.2f} kbps" in links


def test_findings_quote_their_source_by_title(built):
    _, results, text, _ = built
    findings = section_text(text, "Findings")
    quoted = [f for f in results.findings if "\u201c" in f.source]
    assert quoted, "the fixture raises findings whose source quotes a sentence"
    for f in quoted:
        source = _flat(plain(f.source))
        assert source[:120] in findings or _flat(plain(f.rationale))[:120] in findings, f.code
    assert "Source: " in findings
