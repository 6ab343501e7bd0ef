"""The findings section says a group's shared source once: per-link findings open their rationale with the guide
they apply, then give their own figures, and a 1,000-site chain printed the same 400-character citation in the
narrow "Why" column of 2,000 rows (three rows a page, 477 pages of findings)."""

from __future__ import annotations

from reportlab.platypus import KeepTogether

from advisor.findings import finding
from advisor.report import appendix

SOURCE = "Cisco guide, paraphrase: a link must carry the busy-hour calls at the grade of service"


def _texts(flow) -> list[str]:
    """Every text of the flowables, table cells included, with line breaks as spaces."""
    out = []
    for item in flow:
        if isinstance(item, KeepTogether):
            out += _texts(item._content)
        elif hasattr(item, "_cellvalues"):
            out += [str(getattr(v, "text", v)).replace("\n", " ") for row in item._cellvalues for v in row]
        else:
            out.append(str(getattr(item, "text", item)))
    return out


def _group(n: int):
    items = [finding("BW-LINK-OVERLOAD", (f"l{i}",), f"link l{i} needs {100 + i} kbps",
                     f"{SOURCE}. {i}.5 E offered need {i + 3} calls", f"Raise l{i} to {200 + i} kbps",
                     rule="BW-R1", source=SOURCE) for i in range(n)]
    return appendix._finding_group("BW-LINK-OVERLOAD", items, {})


def test_a_table_of_findings_prints_the_shared_source_once_and_each_row_its_own_figures():
    texts = _texts(_group(6))  # more than FINDINGS_AS_TEXT: a table
    joined = " ".join(texts)
    assert joined.count(SOURCE) == 1  # was 6: once per row's "Why"
    assert any(t.startswith("<b>Source:</b> " + SOURCE) for t in texts)
    for i in range(6):  # each row's own part of its rationale, the source and its full stop left out
        assert f"{i}.5 E offered need {i + 3} calls" in texts


def test_findings_listed_as_text_print_the_shared_source_once_too():
    texts = _texts(_group(2))
    assert " ".join(texts).count(SOURCE) == 1
    assert "<b>Why:</b> 0.5 E offered need 3 calls" in texts
    assert "<b>Why:</b> 1.5 E offered need 4 calls" in texts


def test_rationales_that_do_not_open_with_the_source_are_printed_whole():
    items = [finding("BW-LINK-OVERLOAD", (f"l{i}",), f"link l{i}", f"{i} E offered; {SOURCE}", "Raise it",
                     source=SOURCE) for i in range(6)]
    texts = _texts(appendix._finding_group("BW-LINK-OVERLOAD", items, {}))
    assert [t for t in texts if "E offered" in t] == [f"{i} E offered; {SOURCE}" for i in range(6)]
    assert not any(t.startswith("<b>Source:</b>") for t in texts)  # said in every rationale already


def test_a_remark_in_brackets_after_the_source_reads_as_a_sentence():
    items = [finding("BW-LLQ-SHARE", (f"l{i}",), f"voice on l{i}", f"{SOURCE} (design setting 33 %). {i} calls",
                     "Raise it", source=SOURCE) for i in range(2)]
    texts = _texts(appendix._finding_group("BW-LLQ-SHARE", items, {}))
    assert "<b>Why:</b> Design setting 33 %. 0 calls" in texts
    assert "<b>Why:</b> Design setting 33 %. 1 calls" in texts


def test_a_finding_about_many_subjects_names_a_hundred_and_counts_the_rest():
    """A finding about every link of a 300-site full mesh listed its 44,850 links, 60 pages of the PDF; a few
    subjects are all named."""
    many = finding("QOS-PRIORITY-QUEUE", tuple(f"l{i}" for i in range(150)), "priority queue on 150 links", "r", "x")
    names = {f"l{i}": f"Site {i} – MPLS" for i in range(150)}
    text = " ".join(_texts(appendix._finding_group("QOS-PRIORITY-QUEUE", [many], names)))
    named = ", ".join(f"Site {i} – MPLS" for i in range(100))
    assert f"<b>{named} and 50 more:</b> priority queue on 150 links" in text
    assert "Site 100 – MPLS" not in text
    few = finding("QOS-PRIORITY-QUEUE", ("l1", "l2"), "priority queue on 2 links", "r", "x")
    text = " ".join(_texts(appendix._finding_group("QOS-PRIORITY-QUEUE", [few], names)))
    assert "<b>Site 1 – MPLS, Site 2 – MPLS:</b> priority queue on 2 links" in text
