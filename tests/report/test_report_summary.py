"""The executive summary: the most important finding of each kind (not three of one code), how many more of each,
and the links' load said in words."""

from __future__ import annotations

from types import SimpleNamespace

from report_fixtures import pdf_text

from advisor.findings import Finding
from advisor.report.summary import link_load, top_findings


def _finding(code: str, severity: str, subject: str) -> Finding:
    return Finding(code=code, severity=severity, subjects=(subject,), message=f"{code} at {subject}",
                   rationale="why", remedy="what to do")


def test_top_findings_take_one_per_code_most_severe_first_and_count_the_rest():
    findings = (
        _finding("BW-LINK-OVERLOAD", "error", "l1"), _finding("BW-LINK-OVERLOAD", "error", "l2"),
        _finding("BW-LINK-OVERLOAD", "error", "l3"), _finding("BW-LINK-OVERLOAD", "error", "l4"),
        _finding("SEC-LAN-L2", "warning", "s1"), _finding("DEP-SRST-CAPACITY", "error", "s2"),
        _finding("QOS-MARKING", "info", "design"),
    )
    tops = top_findings(SimpleNamespace(findings=findings))
    # errors first (two codes, in the results' order), then the warning; the info finding is left out
    assert [(f.code, f.subjects[0], more) for f, more in tops] == [
        ("BW-LINK-OVERLOAD", "l1", 3), ("DEP-SRST-CAPACITY", "s2", 0), ("SEC-LAN-L2", "s1", 0)]


def _load(*links: tuple[str, float]) -> str:
    design = SimpleNamespace(traffic=SimpleNamespace(llq_share=0.33))
    results = SimpleNamespace(links=[SimpleNamespace(status=s, llq_share=q) for s, q in links])
    return link_load(design, results)


def test_four_overloaded_links_all_above_the_share_are_said_so():
    # The classroom example: four links over capacity, each with voice far above 33 % of the link.
    text = _load(("overload", 6.06), ("overload", 13.13), ("overload", 5.95), ("overload", 5.58))
    assert text == "4 links over capacity (all 4 also above the priority-queue share of 33 %)."


def test_mixed_loads_in_words():
    assert _load(("overload", 0.9), ("overload", 0.2), ("llq", 0.4), ("ok", 0.1)) == (
        "2 links over capacity (1 of them also above the priority-queue share of 33 %); 1 link within "
        "capacity but above the priority-queue share (a guideline: the calls fit, with less room left for "
        "other traffic).")
    assert _load(("overload", 0.9)) == "1 link over capacity (it is also above the priority-queue share of 33 %)."
    assert _load(("overload", 0.2)) == "1 link over capacity."
    assert _load(("llq", 0.4), ("ok", 0.1)) == (
        "No link over capacity; 1 link within capacity but above the priority-queue share of 33 % (a "
        "guideline: the calls fit, with less room left for other traffic).")
    assert _load(("ok", 0.1)) == ("Every link carries its busy hour within its capacity, with voice within the "
                                  "priority-queue share (33 % of the link).")


def test_the_classroom_summary_varies_its_findings(example_pdfs):
    _, pdf, _ = example_pdfs["classroom-flawed-design"]
    text = " ".join(pdf_text(pdf).split())
    start = text.index("1 Executive summary", text.index("1 Executive summary") + 1)  # after the contents
    summary = text[start:text.index("2 Topology", start)]
    assert "4 links over capacity (all 4 also above the priority-queue share of 33 %)" in summary
    assert "overloaded / above LLQ" not in summary
    assert summary.count("BW-LINK-OVERLOAD —") == 1 and "3 more BW-LINK-OVERLOAD findings" in summary
    assert "Not shown here:" in summary
