"""The "Options considered" section: the saved scenarios side by side, with the figures `advisor compare` gives,
omitted when the design has none; its analyses count on the progress bar."""

from __future__ import annotations

import pytest
from report_fixtures import options_design, pdf_text, results_for, section_text

from advisor import bom, numbers, scenarios
from advisor.analysis import analyse
from advisor.model import Scenario
from advisor.report import build_pdf, options
from advisor.scenarios import comparison_rows as rows

# One call per direction on Ethernet in GET VPN (tunnel mode with header preservation, AES-CBC + HMAC-SHA1-96), 20 ms:
#   G.711: 160 B payload + 12 RTP + 8 UDP + 20 IP = 200 B; ESP pads 200 + 2 to 208 B; 20 IP + 8 ESP + 16 IV + 208
#          + 12 ICV = 264 B; + 18 B Ethernet = 282 B; 282 × 8 × 50 packets/s = 112,800 bit/s = 112.8 kbps
#   G.729:  20 B payload + 40 = 60 B; pads 60 + 2 to 64 B; 20 + 8 + 16 + 64 + 12 = 120 B; + 18 = 138 B;
#          138 × 8 × 50 = 55,200 bit/s = 55.2 kbps
G711_KBPS = 282 * 8 * 50 / 1000
G729_KBPS = 138 * 8 * 50 / 1000


@pytest.fixture(scope="module")
def built():
    design = options_design()
    results = results_for(design)
    seen: list[tuple[float, str]] = []
    pdf = build_pdf(design, results, lambda f, m: seen.append((f, m)))
    return design, results, pdf, section_text(pdf_text(pdf), "Options considered"), seen


def test_the_hand_worked_per_call_figures():
    assert G711_KBPS == pytest.approx(112.8) and G729_KBPS == pytest.approx(55.2)


def test_the_table_holds_every_figure_of_advisor_compare(built):
    design, _, _, section, _ = built
    expected = scenarios.compare(design, design.scenarios, analyse, bom=bom.quantities)
    header, body = rows(expected, design)
    assert header[1:] == ["Current design", "G.711", "G.729"]
    for label, *values in body:
        shown = label.removeprefix("BOM: ")
        assert " ".join(shown[1:].split()) in section, label  # labels start upper-case in the PDF
        for value in values:
            assert value in section, (label, value)


def test_the_outcomes_are_those_of_scenarios_compare(built):
    design, results, _, _, _ = built
    mine = options.compare(design, results)
    theirs = scenarios.compare(design, design.scenarios, analyse, bom=bom.quantities)
    assert [o.as_json() for o in mine.outcomes] == [o.as_json() for o in theirs]
    assert mine.problems == ()


def test_g711_against_g729_by_hand(built):
    design, results, _, section, _ = built
    # Both options keep the traffic, so each link carries the same calls and signalling; only the per-call figure
    # changes. The busiest link (b2, the 256 kbps access) and the whole WAN, worked out from the hand figures:
    b2 = next(r for r in results.links if r.id == "l-b2")
    assert b2.per_call_kbps == pytest.approx(G711_KBPS)
    g711_busiest = b2.calls * G711_KBPS + b2.signalling_kbps
    g729_busiest = b2.calls * G729_KBPS + b2.signalling_kbps
    calls = sum(r.calls for r in results.links)
    signalling = sum(r.signalling_kbps for r in results.links)
    g711_wan, g729_wan = calls * G711_KBPS + signalling, calls * G729_KBPS + signalling
    row = section.split("Busiest link load (kbps) ")[1]
    assert row.startswith(f"{numbers.kbps_value(g711_busiest)} {numbers.kbps_value(g711_busiest)} "
                          f"{numbers.kbps_value(g729_busiest)}")
    row = section.split("Total WAN load (kbps) ")[1]
    assert row.startswith(f"{numbers.kbps_value(g711_wan)} {numbers.kbps_value(g711_wan)} "
                          f"{numbers.kbps_value(g729_wan)}")


def test_the_introduction_says_what_each_option_changes(built):
    _, _, _, section, _ = built
    assert "2 options were considered" in section
    assert "G.711: codec G.711; G.729: codec G.729." in section


def test_progress_counts_one_analysis_per_column(built):
    _, _, _, _, seen = built
    analysing = [m for _, m in seen if m.startswith("Analysing the options")]
    assert analysing == [f"Analysing the options: {i} of 3" for i in (1, 2, 3)]
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_no_scenarios_no_section(small):
    _, _, _, text = small
    assert "Options considered" not in text


def test_a_scenario_that_is_not_valid_is_named_and_the_others_compared():
    design = options_design(3)
    design = design.model_copy(update={"scenarios": (*design.scenarios, Scenario(name="Odd", ptime_ms=7))})
    text = pdf_text(build_pdf(design, results_for(design)))
    section = section_text(text, "Options considered")
    assert "Not compared: scenario 'Odd': packetization time 7 ms" in section
    assert "Current design G.711 G.729" in section


def test_many_options_continue_in_further_tables():
    design = options_design(3)
    many = tuple(Scenario(name=f"Option {i}", calls_per_user=0.1 * i) for i in range(1, 7))
    design = design.model_copy(update={"scenarios": many})
    section = section_text(pdf_text(build_pdf(design, results_for(design))), "Options considered")
    # four options beside the current design per table: options 1-4, then 5-6, each table with the design again
    assert "Measure Current design Option 1 Option 2 Option 3 Option 4 " in section
    assert "Measure Current design Option 5 Option 6 " in section
    assert "0.1 busy-hour calls per user" in section and "0.6 busy-hour calls per user" in section


def test_two_builds_with_options_are_byte_identical(built):
    design, results, pdf, _, _ = built
    assert build_pdf(design, results) == pdf
