"""The appendix of configuration sketches: every site's sketch (its priority queue from the sizing) under the
sketch-to-review banner, long lines wrapped inside the page, and a large design shortened to the hub and one example
per configuration."""

from __future__ import annotations

import math
import re

import pytest
from report_fixtures import pdf_text, results_for, section_text, star_design
from reportlab.pdfbase.pdfmetrics import stringWidth

from advisor import configs
from advisor.model import Link, Site
from advisor.report import build_pdf, fonts, styles
from advisor.report.listing import LEADING, MARK, PAD, Listing, wrap_lines
from advisor.report.sketches import HEAD_LINES, IN_FULL_UP_TO, SECTION_LINES, WHOLE_SECTION_LINES, shortened

TITLE = "Appendix: configuration sketches"
BANNER = "CONFIGURATION SKETCH TO REVIEW: NOT A FINAL CONFIGURATION"
# G.729 (20 B every 20 ms) in GET VPN on Ethernet: 20 + 40 = 60 B, ESP pads 60 + 2 to 64 B, 20 IP + 8 ESP + 16 IV
# + 64 + 12 ICV = 120 B, + 18 B Ethernet = 138 B, × 8 × 50 packets/s = 55.2 kbps per call and direction.
G729_GETVPN_KBPS = 138 * 8 * 50 / 1000


@pytest.fixture(scope="module")
def built():
    design = star_design(6, technology="getvpn")
    design = design.model_copy(update={"voice": design.voice.model_copy(update={"codec": "g729"})})
    results = results_for(design)
    return design, results, section_text(pdf_text(build_pdf(design, results)), TITLE)


def test_every_site_has_its_sketch_under_the_review_banner(built):
    design, _, appendix = built
    assert appendix.count(BANNER) == len(design.sites)
    for site in design.sites:
        assert f"Site {site.id} ({site.name}) of design" in appendix


def test_each_links_priority_queue_is_its_voice_rounded_up(built):
    _, results, appendix = built
    for link in results.links:
        assert link.per_call_kbps == pytest.approx(G729_GETVPN_KBPS)
        priority = math.ceil(round(link.calls * G729_GETVPN_KBPS, 6))  # `priority` takes whole kbps
        assert f" priority {priority} " in appendix, link.id


def test_the_appendix_prints_what_advisor_configs_writes(built):
    design, results, appendix = built
    pages = re.escape(design.name) + r" UC design document \S+ Page \d+ of \d+ "  # header and footer of a page
    listed = re.sub(pages, "", appendix)
    for text in configs.sketch_texts(design, results).values():
        assert " ".join(text.split()) in listed


def test_a_long_line_wraps_inside_the_frame_and_loses_nothing():
    width = styles.FRAME_WIDTH - 2 * PAD
    long = " description " + "x" * 150 + " and more words after it " * 4
    lines = wrap_lines([long, "short"], width)
    assert len(lines) > 2 and lines[-1] == ("short", False)
    assert all(continued for _, continued in lines[1:-1]) and not lines[0][1]
    for text, continued in lines:
        drawn = (MARK if continued else "") + text
        assert stringWidth(drawn, fonts.mono(), 7.0) <= width + 0.01
    assert "".join(t for t, _ in lines[:-1]).replace(" ", "") == long.replace(" ", "")


def test_a_design_with_long_names_builds_and_prints_them_whole():
    design = star_design(3, technology="dmvpn")
    long_id = "branch-with-a-very-long-identifier-" + "x" * 29  # 64 characters, the longest id
    long_name = "Ζ" * 40 + " 東京 " + "W" * 150  # a word wider than the page, in three scripts
    site = Site(id=long_id, name=long_name, users=30, survivability="srst", x=300.0, y=300.0)
    design = design.model_copy(update={"sites": (*design.sites, site),
                                       "links": (*design.links, Link(id="l-long", a=long_id, b="mpls"))})
    appendix = section_text(pdf_text(build_pdf(design, results_for(design))), TITLE)
    joined = appendix.replace(MARK, "").replace(" ", "")
    assert long_id in joined and long_name.replace(" ", "") in joined


def test_a_listing_splits_across_pages_keeping_some_lines_on_each():
    listing = Listing([f"line {i}" for i in range(300)])
    listing.wrap(styles.FRAME_WIDTH, styles.FRAME_HEIGHT)
    first, rest = listing.split(styles.FRAME_WIDTH, 200)
    _, h1 = first.wrap(styles.FRAME_WIDTH, 200)
    assert h1 <= 200
    assert len(first.printed()) + len(rest.printed()) == 300
    assert listing.split(styles.FRAME_WIDTH, 20) == []  # too little room: the listing starts on the next page


def test_a_long_listing_splits_page_after_page_into_every_line_once():
    lines = [f"interface Serial0/{i}" for i in range(2000)]
    rest = Listing(lines)
    rest.wrap(styles.FRAME_WIDTH, styles.FRAME_HEIGHT)
    pages = []
    while True:
        parts = rest.split(styles.FRAME_WIDTH, styles.FRAME_HEIGHT)
        pages.append(parts[0])
        if len(parts) == 1:
            break
        rest = parts[1]
        _, height = rest.wrap(styles.FRAME_WIDTH, styles.FRAME_HEIGHT)
        assert height == len(rest.printed()) * LEADING + 2 * PAD  # the height of what is left, not of the whole
    assert [text for page in pages for text, _ in page.printed()] == lines
    assert len(pages) > 10 and all(page.wrap(styles.FRAME_WIDTH, styles.FRAME_HEIGHT)[1] <= styles.FRAME_HEIGHT
                                   for page in pages)


def test_a_large_design_prints_the_hub_and_one_example_per_configuration():
    n = IN_FULL_UP_TO + 10
    design = star_design(n, technology="dmvpn")
    text = pdf_text(build_pdf(design, results_for(design)))
    appendix = section_text(text, TITLE)
    assert appendix.count(BANNER) == 2  # the hub, and one branch for all the others
    assert "The hub: Headquarters (hq)" in appendix
    assert f"{n - 2} more sites follow this pattern" in appendix
    assert f"This design has {n} sites" in appendix


def test_long_sections_are_shortened_and_say_so():
    design = star_design(IN_FULL_UP_TO + 70, technology="gre-ipsec")  # the head-end: one tunnel per spoke
    results = results_for(design)
    hub = configs.sketches(design, results)["hq"]
    longest = max(hub.sections, key=lambda s: len(s.lines))
    assert len(longest.lines) > SECTION_LINES
    text = shortened(hub)
    left = len(longest.lines) - HEAD_LINES - 6
    assert f"[... {left} more lines of the same form, left out here" in text
    assert longest.lines[HEAD_LINES - 1] in text and longest.lines[-1] in text


def test_a_small_design_prints_whole_sketches_but_not_sections_of_thousands_of_lines():
    """A few sites with a hundred parallel links each: every sketch is printed, but the per-link QoS section (21
    lines per link) is cut to its first and last lines past WHOLE_SECTION_LINES, and says so."""
    design = star_design(2)
    links = tuple(Link(id=f"p{i}", a=design.sites[0].id, b=design.sites[1].id, capacity_kbps=2048)
                  for i in range(120))
    design = design.model_copy(update={"links": (*design.links, *links)})
    results = results_for(design)
    sketch = configs.sketches(design, results)[design.sites[0].id]
    longest = max(sketch.sections, key=lambda s: len(s.lines))
    assert len(longest.lines) > WHOLE_SECTION_LINES
    appendix = section_text(pdf_text(build_pdf(design, results)), TITLE)
    assert appendix.count(BANNER) == len(design.sites)
    left = len(longest.lines) - HEAD_LINES - 6
    assert f"{left:,} more lines of the same form, left out here" in appendix.replace("\n", " ")
    assert shortened(sketch, len(longest.lines)) == sketch.text()  # nothing longer: the sketch as it is
