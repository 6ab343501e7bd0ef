"""The PDF is a customer document: it cites its sources by title (Cisco guides, RFCs, ITU-T, T. Mlakar's article)
and never the documents only the tool's authors have: the product specification, rule ids, point scores, the
"seed", file names of the tool's tables or docs."""

from __future__ import annotations

import re

import pytest
from report_fixtures import EXAMPLES, pdf_text

from advisor.report.wording import ARTICLE, plain

# What must never reach the customer. Finding codes (FW-INSPECT, BW-LLQ-SHARE) are a published contract and stay:
# the rule-id pattern needs digits or a lone letter after the dash, and "SPEC" must stand alone.
INTERNAL = re.compile(
    r"\bSPEC\b|§|\bseed\b|product specification"  # the specification and the article's internal nickname
    r"|\b(?!AES-CM\b)[A-Z]{2,4}-[RC]\d*[a-z]?\b"  # rule ids: VPN-R1, DEP-R16, VPN-R, VPN-C2 (not the AES-CM cipher)
    r"|\bscore|\b\d+\s*(?:points?|pts)\b"  # point scores
    r"|docs/|resources/|\b\w+\.(?:json|md)\b",  # the tool's own files
    re.IGNORECASE)


def _hits(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [flat[max(0, m.start() - 40):m.end() + 40] for m in INTERNAL.finditer(flat)]


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_no_example_pdf_cites_internal_documents(example_pdfs, name):
    _, pdf, _ = example_pdfs[name]
    assert _hits(pdf_text(pdf)) == []


def test_the_article_is_cited_by_title_and_author(example_pdfs):
    _, pdf, _ = example_pdfs["classroom-flawed-design"]
    flat = " ".join(pdf_text(pdf).split())
    assert "Security of Applications Moving to a Network" in flat and "T. Mlakar" in flat
    assert ARTICLE == "T. Mlakar, 'Security of Applications Moving to a Network' (NIL)"


def test_the_pattern_catches_what_the_pdfs_used_to_print():
    # Phrases the example PDFs printed before (issue 10), each one a hit; the finding codes beside them are not.
    for leak in ("Why: SEC-R8: Mlakar", "routing. [VPN-R]", "[DEP-R16]", "seed: 'manual configuration'",
                 "the burden the seed calls overwhelming", "(docs/rules.md)", "[signalling.json]", "SPEC §3.2",
                 "product specification §3.3", "starts at 50 points", "VPN-C2: T. Mlakar"):
        assert _hits(leak), leak
    for fine in ("FW-INSPECT", "BW-LLQ-SHARE", "VPN-RECOMMENDATION", "SEC-ROUTING-AUTH", "FW-CONN-LIMITS",
                 "EP-CTL", "endpoints", "3DES-CBC + HMAC-MD5-96", "AES-CBC"):
        assert not _hits(fine), fine


@pytest.mark.parametrize(("raw", "customer"), [
    ("SEC-R3: T. Mlakar: \u201cx\u201d [SEC-R3]", "T. Mlakar: \u201cx\u201d"),
    ("limit (verify for your release) [signalling.json]; next", "limit (verify for your release); next"),
    ("UC Design Advisor defaults (docs/rules.md); seed: 'manual'",
     f"UC Design Advisor defaults; {ARTICLE}: 'manual'"),
    ("the burden the seed calls overwhelming", "the burden the article calls overwhelming"),
    ("as the seed article says", f"as {ARTICLE} says"),
    ("figures (SPEC §3.1) as usual", "figures as usual"),
    ("tunnels replace crypto maps. [VPN-R]", "tunnels replace crypto maps."),
    ("VPN-RECOMMENDATION stays, so does FW-INSPECT", "VPN-RECOMMENDATION stays, so does FW-INSPECT"),
])
def test_plain_rewords_internal_references(raw, customer):
    assert plain(raw) == customer


def test_findings_keep_their_codes_and_lose_their_rule_ids(small):
    from advisor.report.wording import for_customer

    _, results, _, _ = small
    plain_results = for_customer(results)
    assert [f.code for f in plain_results.findings] == [f.code for f in results.findings]
    for f in plain_results.findings:
        for text in (f.message, f.rationale, f.remedy, f.source):
            assert not _hits(text), text


def test_the_bid_and_classroom_sections_speak_the_customers_words():
    """Options considered, the bill of materials (whose sources cite the tool's tables), the worked explanations and
    the configuration sketches: each present, none citing an internal document."""
    from report_fixtures import options_design, results_for, section_text

    from advisor.report import build_pdf

    design = options_design(6)
    text = pdf_text(build_pdf(design, results_for(design)))
    for title in ("Options considered", "Bill of materials", "Links", "Appendix: configuration sketches"):
        section = section_text(text, title)
        assert section and _hits(section) == [], title
    assert "Worked example: the busiest link" in section_text(text, "Links")


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_every_example_has_the_new_sections(example_pdfs, name):
    from report_fixtures import section_text

    _, pdf, _ = example_pdfs[name]
    text = pdf_text(pdf)
    assert "CONFIGURATION SKETCH TO REVIEW" in section_text(text, "Appendix: configuration sketches")
    assert "Totals" in section_text(text, "Bill of materials")


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_no_label_is_printed_twice(example_pdfs, name):
    # The PDF puts its own "Why:" before a finding's rationale; the recommendation's read "Why: Why: encrypts …"
    _, pdf, _ = example_pdfs[name]
    flat = " ".join(pdf_text(pdf).split())
    assert "Why: Why:" not in flat and "Why: why:" not in flat
