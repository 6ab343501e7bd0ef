"""Round 50 of the hostile-input hunt, the PDF: what the document says, against itself.

- Two links were "the busiest" in one document: the Links section's worked example ("Worked example: the busiest
  link", the link with the highest utilization) and the packet anatomy ("on link l-hq (the busiest; …)", the link
  with the most calls). The anatomy also named its link by its id alone, where every other section names a link
  without a name of its own by its ends ('Headquarters – MPLS VPN').
"""

from __future__ import annotations

import re

from report_fixtures import pdf_text, results_for, section_text, star_design

from advisor.report import build_pdf


def _unnamed_links(design):
    return design.model_copy(update={"links": tuple(ln.model_copy(update={"name": ""}) for ln in design.links)})


def test_the_anatomy_says_which_link_it_draws_and_why_without_calling_another_link_the_busiest():
    design = _unnamed_links(star_design(4))  # b2's access is 256 kbps: the highest utilization; HQ: the most calls
    results = results_for(design)
    most_calls = max(results.links, key=lambda r: r.calls)
    fullest = max(results.links, key=lambda r: r.utilization)
    assert most_calls.id == "l-hq" and fullest.id == "l-b2"
    whole = pdf_text(build_pdf(design, results))
    links = section_text(whole, "Links")
    assert "Worked example: the busiest link" in links and "the link with the highest utilization" in links
    anatomy = section_text(whole, "Per-call packet anatomy")
    said = re.search(r"One voice packet of one call, per direction, (.*?)\. The chosen", anatomy)
    assert said, anatomy[:300]
    assert said[1] == "on link Headquarters – MPLS VPN (l-hq, the link with the most calls; layer 2 Ethernet)", said[1]
    assert "the busiest;" not in " ".join(whole.split())


def test_a_link_with_a_name_of_its_own_is_named_so():
    design = star_design(3)  # links named 'hq access', 'b1 access', ...
    anatomy = section_text(pdf_text(build_pdf(design, results_for(design))), "Per-call packet anatomy")
    assert "on link hq access (l-hq, the link with the most calls; layer 2 Ethernet)" in anatomy
