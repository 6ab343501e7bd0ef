"""Round 51 of the hostile-input hunt, the PDF: odd designs (direction marks, combining characters, emoji, names at
the limit, no site, one site, every kind of finding) rendered and read back.

- The topology printed a link's calls ungrouped ("54981 / 3,227,204.07") where every table prints "54,981".
- A design of no site or one site was recommended "no VPN to carry voice between the sites: 0 sites: no voice
  leaves a site…": there are no sites to carry voice between.
- A right-to-left override in the design's name (U+202E) went into the PDF's title, which viewers lay out by the
  Unicode direction rules in their window and tab: "\u202eDesign with override" was shown reversed.
"""

from __future__ import annotations

import re

import pytest
from report_fixtures import pdf_text, results_for, section_text, star_design

from advisor.model import Design, Site
from advisor.report import build_pdf, diagram, fonts


def _strings(group) -> list[str]:
    out = []
    for node in getattr(group, "contents", ()):
        out += _strings(node) if hasattr(node, "contents") else [node.text] if hasattr(node, "text") else []
    return out


def _busy_design() -> Design:
    design = star_design(4)
    sites = tuple(s.model_copy(update={"users": 40_000}) if s.id in ("hq", "b1") else s for s in design.sites)
    return design.model_copy(update={"sites": sites})


def test_topology_labels_group_the_calls_as_the_tables_do():
    fonts.register()
    design = _busy_design()
    results = results_for(design)
    busy = max(results.links, key=lambda r: r.calls)
    assert busy.calls >= 1000  # the case: a link of thousands of calls
    views = diagram.topology_drawings(design, {r.id: r for r in results.links}, 480, 650)
    labels = [t for drawing, _ in views for t in _strings(drawing) if " / " in t]
    assert f"{busy.calls:,} / " in " ".join(labels), labels
    assert not [t for t in labels if re.match(r"\d{4,} / ", t)], labels  # never "54981 / …"


@pytest.mark.parametrize("sites", [(), (Site(id="s1", name="Only", users=50),)])
def test_a_design_of_fewer_than_two_sites_is_not_told_of_voice_between_its_sites(sites):
    design = Design(name="Small", sites=sites)
    summary = section_text(pdf_text(build_pdf(design, results_for(design))), "Executive summary")
    assert "between the sites" not in summary, summary[:300]
    count = f"{len(sites)} site{'s' if len(sites) != 1 else ''}"
    assert summary.startswith(f"With {count}, no voice crosses the WAN: the advisor recommends no VPN."), summary[:200]


def test_a_design_of_two_sites_still_gets_the_reasons():
    design = star_design(3)
    summary = section_text(pdf_text(build_pdf(design, results_for(design))), "Executive summary")
    assert summary.startswith("The advisor recommends ") and "to carry voice between the sites: " in summary


@pytest.mark.parametrize("name", ["\u202eDesign with override\u202c", "\u2067Contoso\u2069 WAN", "A\u202dB\u202aC"])
def test_the_pdf_title_carries_no_direction_override(name):
    import io

    from pypdf import PdfReader

    design = star_design(2).model_copy(update={"name": name})
    title = PdfReader(io.BytesIO(build_pdf(design, results_for(design)))).metadata.title
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", title), repr(title)
    assert title == re.sub("[\u202a-\u202e\u2066-\u2069]", "", name)
