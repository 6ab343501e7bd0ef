"""Offered traffic above 1 Erlang per user (calls per user × holding time above 3,600 s) is said, for the design's
figure and for each site's own. Expected figures worked out by hand in the comments."""

from __future__ import annotations

import json
from pathlib import Path

from advisor.analysis import analyse
from advisor.findings import CATALOGUE
from advisor.model import Design

ROOT = Path(__file__).resolve().parents[2]
CODE = "DEP-TRAFFIC-PER-USER"


def _design(site_traffic=None, **traffic) -> Design:
    b1 = {"id": "b1", "users": 5, **({"traffic": site_traffic} if site_traffic else {})}
    data = {"sites": [{"id": "hq", "kind": "hq", "users": 10, "cucm_publisher": True}, b1,
                      {"id": "b2", "users": 5}],
            "clouds": [{"id": "wan", "kind": "mpls"}],
            "links": [{"id": f"l-{s}", "a": s, "b": "wan"} for s in ("hq", "b1", "b2")]}
    if traffic:
        data["traffic"] = traffic
    return Design.model_validate(data)


def _found(design: Design):
    return [f for f in analyse(design).findings if f.code == CODE]


def test_the_design_figure_above_one_erlang():
    # 100 calls/h × 3,600 s / 3,600 = 100 E per user: each user on the phone for 100 hours in the hour
    [f] = _found(_design(calls_per_user=100, holding_time_s=3600))
    assert f.severity == "warning" and f.subjects == ("design",)
    assert "100 E per user (100 calls/h × 3,600 s / 3,600)" in f.message
    assert "busy-hour calls per user and the mean holding time" in f.remedy


def test_just_above_one_erlang_is_not_shown_as_one():
    # 1 call/h × 3,601 s / 3,600 = 1.000278 E per user: shown to four digits, 1.000 → more digits (1.00027777…)
    [f] = _found(_design(calls_per_user=1, holding_time_s=3601))
    assert "1.00027777778 E per user" in f.message


def test_exactly_one_erlang_and_float_noise_pass():
    # 100 × 36 = 3,600 s: exactly 1 E per user, which a user on the phone the whole hour does offer
    assert not _found(_design(calls_per_user=100, holding_time_s=36))
    # 0.1 × 36,000 = 3,600.0000000000005 in floats: 1 E, not above it
    assert not _found(_design(calls_per_user=0.1, holding_time_s=36000))
    assert not _found(_design())  # the defaults: 2 × 180 / 3,600 = 0.1 E per user


def test_a_site_override_names_the_site():
    # b1 overrides the holding time only: 2 calls/h (the design's) × 3,600 s / 3,600 = 2 E per user
    [f] = _found(_design({"holding_time_s": 3600}))
    assert f.subjects == ("b1",)
    assert "1 site sets its own traffic" in f.message and "'b1' 2 E per user (2 calls/h × 3,600 s / 3,600)" in f.message
    assert "traffic overrides" in f.remedy


def test_site_and_design_figures_both_said():
    # design: 30 × 180 / 3,600 = 1.5 E per user; b1 overrides the calls: 10 × 180 / 3,600 = 0.5 E: b1 is fine;
    # b2 inherits the design's (said once, for the design)
    [f] = _found(_design({"calls_per_user": 10}, calls_per_user=30))
    assert f.subjects == ("design",) and "1.5 E per user" in f.message
    # b1 overrides the holding time to 600 s: 30 × 600 / 3,600 = 5 E; the design's 1.5 E too: two findings
    found = _found(_design({"holding_time_s": 600}, calls_per_user=30))
    assert sorted(f.subjects for f in found) == [("b1",), ("design",)]
    assert any("'b1' 5 E per user (30 calls/h × 600 s / 3,600)" in f.message for f in found)


def test_an_override_of_the_shares_only_is_the_design_figure():
    # b1 overrides its shares, not its calls or holding time: the design's figure, fine here
    assert not _found(_design({"intra_site_share": 0.6, "on_net_share": 0.2, "pstn_share": 0.2}))


def test_the_codes_are_in_the_catalogue_and_documented():
    for code in (CODE, "DEP-PSTN-NO-GATEWAY"):
        assert CATALOGUE[code][0] == "warning"
        assert f"| {code} |" in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
        schema = json.loads((ROOT / "docs" / "check-json.schema.json").read_text(encoding="utf-8"))
        assert code in schema["$defs"]["Finding"]["properties"]["code"]["enum"]
