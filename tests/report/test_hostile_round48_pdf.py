"""Round 48 of the hostile-input hunt, the PDF: a design without links (an empty design, clouds alone, one site)
printed Python's own error in its packet anatomy section, once per VPN technology: "No packet could be computed for
this design: none: 'NoneType' object has no attribute 'l2'; dmvpn: …"."""

from __future__ import annotations

import pytest
from report_fixtures import pdf_text, results_for, section_text

from advisor.model import Cloud, Design, Site
from advisor.report import build_pdf

NO_LINKS = {
    "empty": Design(),
    "clouds alone": Design(clouds=(Cloud(id="c1"), Cloud(id="c2", kind="internet"))),
    "one site": Design(sites=(Site(id="hq", kind="hq", users=10, cucm_publisher=True),)),
}


@pytest.mark.parametrize("name", list(NO_LINKS))
def test_a_design_without_links_draws_its_packet_on_the_default_layer_2(name):
    design = NO_LINKS[name]
    section = section_text(pdf_text(build_pdf(design, results_for(design))), "Per-call packet anatomy")
    assert "NoneType" not in section and "attribute" not in section
    assert "No packet could be computed" not in section
    # G.711 at 20 ms (the defaults): 160 B of voice + 12 RTP + 8 UDP + 20 IPv4 = 200 B; Ethernet adds 14 + 4 = 18 B;
    # 218 B × 50 packets/s × 8 = 87,200 bit/s
    assert "with no link (layer 2 as the design's default)" in section
    assert "carries a 218-byte frame (200 B at layer 3), 87.20 kbps per call per direction" in section


def _crowded_design() -> Design:
    """Within every limit: five sites of a million users at 100 busy-hour calls of 10 hours each, on 1 kbps links.
    A site then offers 1,000,000 × 100 × 36,000 / 3,600 = 1,000,000,000 Erlangs, and eleven columns of such figures
    do not fit the page's width."""
    from advisor.model import Link

    sites = tuple(Site(id=f"s{i}", users=1_000_000, kind="hq" if i == 0 else "branch", cucm_publisher=i == 0,
                       cucm_subscribers=64 if i == 0 else 0, survivability="srst", srst_capacity=0)
                  for i in range(5))
    return Design(traffic={"calls_per_user": 100, "holding_time_s": 36000, "intra_site_share": 0,
                           "on_net_share": 1, "pstn_share": 0, "llq_share": 0.01, "signalling_bps_per_phone": 100000},
                  sites=sites, clouds=(Cloud(id="c", kind="internet"),),
                  links=tuple(Link(id=f"l{i}", a=f"s{i}", b="c", capacity_kbps=1, l2="atm") for i in range(5)))


def test_figures_too_wide_for_a_crowded_table_break_after_a_separator_instead_of_running_over():
    """The sites table printed '1,000,000,0002,000,000,000': the busy-hour Erlangs ran over the WAN Erlangs."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from advisor.report import fonts, sections
    from advisor.report.widths import PADDING

    design = _crowded_design()
    table = next(f for f in sections.sites(3, design, results_for(design)) if hasattr(f, "_cellvalues"))
    erlangs = [row[7] for row in table._cellvalues[1:]]
    assert all(isinstance(v, str) for v in erlangs)
    assert {v.replace("\n", "") for v in erlangs} == {"1,000,000,000"}  # every digit kept, in order
    assert all("\n" in v for v in erlangs)  # broken: it does not fit on one line
    for row in table._cellvalues[1:]:
        for col in (2, 3, 7, 8, 9, 10):  # the figures: each line within its column, its own padding aside
            for line in str(row[col]).split("\n"):
                assert stringWidth(line, fonts.SANS, 7.5) <= table._colWidths[col] - PADDING + 0.01, (col, line)
                assert not line.startswith(",")  # a line ends with its separator, the next starts with a digit
