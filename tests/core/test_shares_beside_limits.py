"""A share reads on its own side of its limit wherever it stands beside a count or a status: `compare`'s busiest link
utilization beside its "links over capacity" (100.01 %, not 100.0 %), the link exercise's answer. The app's link
table, plot and canvas tooltips: tests/ui/test_shares_beside_limits_app.py, on the design made here."""

from __future__ import annotations

import random

import pytest

from advisor.analysis import analyse
from advisor.exercises import link_topic
from advisor.model import Design
from advisor.scenarios import comparison_rows, outcome

VOICE_SHARE = 0.33046875  # 33.046875 %: "33.0" to one decimal, beside "over the 33 % priority-queue share"
UTILIZATION = 1.0001  # 100.01 %: "100.0" to one decimal, beside "overloaded"


def _data(voice_capacity: float = 100_000.0, load_capacity: float = 100_000.0) -> dict:
    """An HQ with call processing and two branches on one MPLS cloud, no VPN: G.711 at 20 ms over Ethernet, 87.20
    kbps a call ((20 + 8 + 12 + 160 + 18) B × 8 × 50 pps); the priority-queue share at its default, 33 %."""
    return {"vpn": {"technology": "none", "privacy_required": False},
            "sites": [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True},
                      {"id": "b1", "name": "Voice", "users": 20}, {"id": "b2", "name": "Load", "users": 20}],
            "clouds": [{"id": "m", "name": "MPLS", "kind": "mpls"}],
            "links": [{"id": "l-hq", "a": "hq", "b": "m", "capacity_kbps": 100_000},
                      {"id": "l-voice", "a": "b1", "b": "m", "capacity_kbps": voice_capacity},
                      {"id": "l-load", "a": "b2", "b": "m", "capacity_kbps": load_capacity}]}


def edge_design() -> Design:
    """The design with link l-voice's voice at 33.05 % of its capacity and link l-load's total at 100.01 % of its
    capacity (the capacities set from the figures a roomy link carries: on Ethernet they do not depend on it)."""
    first = {r.id: r for r in analyse(Design.model_validate(_data())).links}
    assert first["l-voice"].per_call_kbps == pytest.approx(87.2)
    design = Design.model_validate(_data(first["l-voice"].voice_kbps / VOICE_SHARE,
                                         first["l-load"].kbps / UTILIZATION))
    assert design.traffic.llq_share == 0.33
    links = {r.id: r for r in analyse(design).links}
    assert links["l-voice"].status == "llq" and links["l-load"].status == "overload"
    return design


def _row(rows: list[list], label: str) -> list:
    return next(row for row in rows if row[0] == label)


def test_compare_shows_the_busiest_utilization_over_100_beside_a_link_over_capacity():
    design = edge_design()
    o = outcome("Current design", design, analyse(design))
    _header, rows = comparison_rows([o], design)
    assert _row(rows, "links over capacity")[1] == "1"
    assert _row(rows, "busiest link (by utilization)")[1] == "Load – MPLS"
    assert _row(rows, "busiest link utilization (%)")[1] == "100.01"  # was "100.0"
    _header, raw = comparison_rows([o], design, raw=True)
    assert _row(raw, "busiest link utilization (%)")[1] == 100.01  # the spreadsheet's number, likewise


def test_compare_keeps_one_decimal_where_it_reads_on_the_right_side():
    design = Design.model_validate(_data())
    o = outcome("Current design", design, analyse(design))
    shown = _row(comparison_rows([o], design)[1], "busiest link utilization (%)")[1]
    assert shown == f"{o.busiest_utilization * 100:.1f}" and _row(comparison_rows([o], design)[1],
                                                                 "links over capacity")[1] == "0"


def test_the_link_exercise_answer_reads_over_100_for_an_overloaded_link(monkeypatch):
    design = edge_design()
    monkeypatch.setattr(link_topic, "make_design", lambda rng: design)

    class Draws(random.Random):  # a branch's link (the HQ's below 0.25), the last of them: l-load
        def random(self):
            return 0.9

        def choice(self, seq):
            return seq[-1]

    ex = link_topic.make(Draws(0), "L1")
    assert ex.given["link"] == "l-load"
    assert "(100.01 % of " in ex.answer_text  # was "(100.0 % of"
