"""Hostile input, round 22: settings at the bottom of their range in the design document.

The traffic policy table printed a holding time of 1e-9 s as "1e-09 s", the delay section compared the budget with
"the 1e-09 ms target", and the explained sizing gave a grade of service of 1e-12 as "1e-10 % blocking".
"""

from __future__ import annotations

import pytest
from report_fixtures import pdf_text, results_for

from advisor.model import Design
from advisor.report import build_pdf


@pytest.fixture(scope="module")
def text() -> str:
    design = Design.model_validate({
        "name": "Edges", "issued": "2026-03-01",
        "traffic": {"holding_time_s": 1e-9, "gos": 1e-12, "intra_site_share": 0.5, "on_net_share": 0.3,
                    "pstn_share": 0.2},
        "delay": {"target_ms": 1e-9},
        "clouds": [{"id": "wan"}],
        "sites": [{"id": "hq", "kind": "hq", "users": 500, "cucm_publisher": True}, {"id": "s1", "users": 50}],
        "links": [{"id": "l0", "a": "hq", "b": "wan"}, {"id": "l1", "a": "s1", "b": "wan"}]})
    return " ".join(pdf_text(build_pdf(design, results_for(design))).split())


def test_the_traffic_policy_table_gives_the_holding_time_as_set(text):
    assert "Mean holding time 0.000000001 s 180 s" in text  # setting, this design, default


def test_the_delay_budget_is_compared_with_the_target_as_set(text):
    assert "the 0.000000001 ms target" in text


def test_the_explained_sizing_gives_the_grade_of_service_in_plain_decimals(text):
    assert "grade of service 0.0000000001 % blocking" in text  # 1e-12 = 1e-10 %
    assert "1e-10 %" not in text


def test_long_option_and_link_names_leave_the_measures_whole():
    """Two options and the busiest link named with 200 letters and no space: each was one word its column kept
    whole, so the measures' column shrank to its header and its labels broke mid-word ("the priori / ty-queue")."""
    from report_fixtures import section_text

    long = "W" * 200
    design = Design.model_validate({
        "name": "Names", "issued": "2026-03-01",
        "clouds": [{"id": "wan"}],
        "sites": [{"id": "hq", "kind": "hq", "users": 500, "cucm_publisher": True, "cucm_subscribers": 2},
                  {"id": "s1", "users": 50}],
        "links": [{"id": "l0", "a": "hq", "b": "wan", "name": long}, {"id": "l1", "a": "s1", "b": "wan"}],
        "scenarios": [{"name": long, "codec": "g729"}, {"name": "b" + long[1:], "codec": "g711"}]})
    options = section_text(pdf_text(build_pdf(design, results_for(design))), "Options considered")
    assert "Links above the priority-queue share" in options
    assert "CUCM call-processing subscribers" in options
