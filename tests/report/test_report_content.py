"""The PDF reads back (pypdf) with every section, every site, the link figures as tabled, and names printed literally."""

from __future__ import annotations

import datetime
import math

from report_fixtures import AWKWARD_NAMES, pdf_text, results_for, star_design

from advisor import __version__
from advisor.report import build_pdf
from advisor.report.tables import fmt_int, fmt_kbps, fmt_pct
from advisor.report.wording import plain

SECTION_TITLES = ("Executive summary", "Topology", "Sites", "Links", "Per-call packet anatomy",
                  "VPN technology comparison", "Deployment-model checks",
                  "Quality of service, admission control and delay", "Bill of materials", "Security checklist",
                  "Findings", "Assumptions and sources", "Appendix: configuration sketches")  # no options saved


def test_sections_appear_numbered_in_order_and_in_the_contents(small):
    _, _, _, text = small
    contents_at = text.index("Contents")
    positions = [text.index(f"{i}  {title}", contents_at) for i, title in enumerate(SECTION_TITLES, start=1)]
    assert positions == sorted(positions)
    for i, title in enumerate(SECTION_TITLES, start=1):
        assert f"{i}   {title}" in text  # the contents line
        assert text.index(f"{i}   {title}") < positions[0]


def test_the_plan_section_tables_priority_queue_and_cac_values_from_the_sizing(small):
    design, results, _, text = small
    busiest = max(results.links, key=lambda r: r.calls)
    per_call = {"g711": 80, "g722": 80, "g729": 24}.get(design.voice.codec)  # ELCAC audio (PA Collaboration 14)
    assert "Marking plan" in text and "EF" in text and "CS3" in text
    if per_call is not None and busiest.calls:
        assert fmt_kbps(busiest.calls * per_call) in text
    assert fmt_int(math.ceil(round(busiest.voice_kbps, 6))) in text  # the priority queue, voice kbps rounded up


def test_cover_names_design_customer_author_date_and_tool_version(small):
    design, _, pdf, text = small
    import io

    from pypdf import PdfReader

    cover = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for value in (design.name, design.customer, design.author, design.date, f"UC Design Advisor {__version__}"):
        assert value in cover


def test_every_site_name_prints_literally_including_markup_and_non_latin(small):
    design, _, _, text = small
    for site in design.sites:
        assert site.name in text
    for name in AWKWARD_NAMES:
        assert name in text
    assert "R&amp;D" not in text and "&lt;lab&gt;" not in text
    assert "Contoso <WAN> & voice" in text  # design name with markup characters, in the header too


def test_link_figures_print_as_in_the_links_table(small):
    design, results, _, text = small
    flat = text.replace("\n", " ")
    for link in results.links:
        row_figures = [fmt_kbps(link.per_call_kbps), fmt_kbps(link.kbps), fmt_kbps(link.capacity_kbps),
                       fmt_pct(link.utilization), fmt_pct(link.llq_share)]
        for figure in row_figures:
            assert figure in flat, (link.id, figure)
        # The topology labels carry "calls / kbps" for each link too.
        assert f"{link.calls} / {fmt_kbps(link.kbps)}" in flat


def test_summary_totals_match_the_results(small):
    design, results, _, text = small
    flat = text.replace("\n", " ")
    assert f"WAN load, all links (kbps, per direction) {fmt_kbps(results.total_wan_kbps)}" in flat
    assert f"Users {fmt_int(sum(s.users for s in design.sites))}" in flat
    assert f"Errors {results.errors}" in flat


def test_overloaded_link_is_flagged(small):
    _, results, _, text = small
    # star_design gives b2 a 256 kbps access link: the sizing must overload it and the table must say so.
    b2 = next(link for link in results.links if link.id == "l-b2")
    assert b2.status == "overload"
    assert "overload" in text


def test_every_finding_code_and_message_is_listed(small):
    _, results, _, text = small
    flat = " ".join(text.split())
    assert results.findings, "the fixture design should raise findings"
    for f in results.findings:
        assert f.code in flat
        assert " ".join(plain(f.message).split())[:40] in flat  # as the customer reads it


def test_assumptions_list_conventions_policy_defaults_and_table_sources(small):
    _, results, _, text = small
    flat = " ".join(text.split())
    for key in results.conventions:
        assert key in flat
    for title in ("Busy-hour calls per user", "Mean holding time", "Grade of service", "Priority-queue share"):
        assert title in flat
    from advisor import tables

    for name in tables.table_names():
        table = tables.load_table(name)
        assert table.title in flat  # by title: the customer has no file of that name
        assert f"{name}.json" not in flat
        assert " ".join(plain(table.source).split())[:30] in flat


def test_seed_table_1_is_printed_with_corrected_columns(small):
    _, _, _, text = small
    flat = " ".join(text.split())
    # SPEC §3.3: DMVPN is the one with dynamic spoke-to-spoke; GET VPN is group encryption on a private WAN.
    assert "Hub-and-spoke (point-to-point tunnels) Hub-and-spoke and dynamic spoke-to-spoke" in flat
    assert "Group (one group SA from a key server, via GDOI)" in flat


def test_undated_design_prints_no_date_and_never_the_wall_clock():
    design = star_design(3, date=None)
    text = pdf_text(build_pdf(design, results_for(design)))
    today = datetime.date.today()
    for stamp in (today.isoformat(), today.strftime("%d %B %Y"), today.strftime("%Y%m%d")):
        assert stamp not in text
    assert "Date" not in text.split("Contents")[0]  # no date row on the cover


def test_empty_design_builds():
    from advisor.model import Design

    design = Design(name="Blank")
    text = pdf_text(build_pdf(design, results_for(design)))
    assert "The design has no sites or clouds yet." in text
    assert "No sites." in text
