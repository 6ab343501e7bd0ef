"""The per-link bandwidth findings built column by column equal, character for character and in the same order,
those of the link-by-link loop: on random small designs, on generated chains and meshes (every link flagged, each
with figures of its own), and for the number formats at their edges."""

from __future__ import annotations

import dataclasses
import math
import sys
from itertools import compress
from operator import or_
from pathlib import Path

import pytest

from advisor import numbers, traffic
from advisor.rules import bandwidth, bandwidth_columns, vpn

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402

from tests.core.test_fast_paths_rules import _design  # noqa: E402


def _sizing(design):
    routing = vpn.Routing(design)
    rec = vpn.recommend(design, routing)
    return traffic.size(design, rec.chosen, traffic.link_technologies(design, rec.chosen, rec.per_cloud),
                        routing.routed)


def _by_columns(design, sizing):
    overload, over_llq = bandwidth_columns.flagged(sizing.links, design.traffic.llq_share)
    either = list(map(or_, overload, over_llq))
    return bandwidth._per_link_columns(design, sizing, list(compress(sizing.links, either)), overload, over_llq,
                                       either)


def _same(a, b):
    # every field, in declaration order (the JSON's key order), and the findings' order
    assert [list(f.__dict__.items()) for f in a] == [list(f.__dict__.items()) for f in b]
    assert all(list(f.__dict__) == list(type(f).model_fields) for f in a)
    assert a == b


@pytest.mark.parametrize("seed", range(40))
def test_columns_equal_the_loop_on_random_designs(seed):
    design = _design(seed)
    sizing = _sizing(design)
    _same(_by_columns(design, sizing), bandwidth._per_link(design, sizing))


@pytest.mark.parametrize("topology", ["chain", "mesh"])
@pytest.mark.parametrize("codec", ["g711", "g729"])
def test_columns_equal_the_loop_on_large_chains_and_meshes(topology, codec):
    design = generate(600, topology)
    design = design.model_copy(update={"voice": design.voice.model_copy(update={"codec": codec})})
    sizing = _sizing(design)
    loop = bandwidth._per_link(design, sizing)
    assert len(loop) > 500  # the shape these designs are for: most links flagged
    _same(_by_columns(design, sizing), loop)
    if codec == "g711":  # the remedies offer G.729 with its own figures
        assert any("or use G.729 (" in f.remedy for f in loop)


def test_check_takes_the_columns_on_a_chain_and_the_loop_on_identical_branches(monkeypatch):
    chain = generate(600, "chain")
    sizing = _sizing(chain)
    expected = bandwidth.check(chain, sizing, columns_min=10**9)
    monkeypatch.setattr(bandwidth, "_per_link", lambda *_a: pytest.fail("the loop ran on a chain"))
    _same(bandwidth.check(chain, sizing, columns_min=256), expected)
    monkeypatch.undo()
    star = generate(600, "mpls")  # branches alike: the loop reuses their texts
    star_sizing = _sizing(star)
    monkeypatch.setattr(bandwidth, "_per_link_columns", lambda *_a: pytest.fail("columns on alike branches"))
    bandwidth.check(star, star_sizing, columns_min=1)


def test_check_takes_the_columns_where_two_access_links_share_a_sites_traffic(monkeypatch):
    # Branches on two clouds: each site's two access links carry its traffic, over capacities of their own. Judged
    # by traffic alone, which repeats, these counted as alike and the loop ran: ~1.5x slower than the columns on
    # 10,000 such sites with every field varied.
    design = generate(600, "dual-cloud")  # every branch alike
    design = design.model_copy(update={"links": tuple(
        ln.model_copy(update={"capacity_kbps": 64.0 + i}) for i, ln in enumerate(design.links))})
    sizing = _sizing(design)
    expected = bandwidth.check(design, sizing, columns_min=10**9)
    assert sum(f.code.startswith("BW-L") for f in expected) > 500  # most links flagged
    monkeypatch.setattr(bandwidth, "_per_link", lambda *_a: pytest.fail("the loop ran on dual-homed branches"))
    _same(bandwidth.check(design, sizing, columns_min=256), expected)


EDGE_KBPS = [0.0, -0.0, 0.004999, 0.005, 1234.565, 999_999_999.99, 999_999_999.995, 1e9, 2.5e12, -3.0,
             math.inf, -math.inf, math.nan]


@pytest.mark.parametrize("values", [EDGE_KBPS, EDGE_KBPS[:6], [1e9] * 3, []])
def test_kbps_unit_texts_are_numbers_kbps(values):
    assert bandwidth_columns.kbps_unit_texts(values) == [numbers.kbps(v) for v in values]


def test_rates_from_a_billion_kbps_print_their_unit_once():
    """From 10^9 kbps a rate prints with its own SI unit ("2.50 Tbps"); the texts used to add " kbps" after it."""
    design = generate(300, "chain")
    sizing = _sizing(design)
    huge = [r.model_copy(update={"capacity_kbps": 1e9 + 1e6 * i, "voice_kbps": 3.5e12, "signalling_kbps": 2.5e9})
            for i, r in enumerate(sizing.links)]
    sizing = dataclasses.replace(sizing, links=tuple(huge))
    columns, loop = _by_columns(design, sizing), bandwidth._per_link(design, sizing)
    _same(columns, loop)
    # 3.5 × 10^12 kbps + 2.5 × 10^9 kbps = 3.5025 × 10^15 bps: "3.50 Pbps"; the capacity 10^9 kbps = "1.00 Tbps"
    first = loop[0]
    assert "needs 3.50 Pbps per direction" in first.message and "2.50 Tbps signalling) but has 1.00 Tbps (" \
        in first.message
    assert all("bps kbps" not in f.message for f in loop)


@pytest.mark.parametrize("limit", [33.0, 33.5, 100.0, 10.0])
def test_share_texts_are_the_loops_share(limit):
    # around the limit the loop searches for the decimals that read above it: 33.03 % against 33 %
    values = [limit / 100 + d for d in (1e-6, 1e-5, 3e-4, 5e-4, 6e-4, 1e-3, 0.2, 5.0)]
    assert bandwidth_columns.share_texts(values, limit, bandwidth._share) == [
        bandwidth._share(v, limit) for v in values]
    assert bandwidth_columns.share_texts(values[4:], limit, bandwidth._share) == [
        bandwidth._share(v, limit) for v in values[4:]]


@pytest.mark.parametrize("gos, shown", [(1e-12, "P0.000000000001"), (0.9999999, "P0.9999999"), (0.01, "P0.01")])
def test_columns_and_loop_print_the_grade_of_service_as_typed(gos, shown):
    """The rationale's grade of service, formatted once per analysis: never '1e-12' nor 'P1' for 0.9999999."""
    design = generate(300, "chain")
    links = [ln.model_copy(update={"capacity_kbps": ln.capacity_kbps / 10}) for ln in design.links]  # overloaded
    design = design.model_copy(update={"traffic": design.traffic.model_copy(update={"gos": gos}), "links": links})
    sizing = _sizing(design)
    columns, loop = _by_columns(design, sizing), bandwidth._per_link(design, sizing)
    _same(columns, loop)
    overloads = [f for f in loop if f.code == "BW-LINK-OVERLOAD"]
    assert overloads and all(f" E offered at {shown} need " in f.rationale for f in overloads)


@pytest.mark.parametrize(("sites", "users"), [(300, 1), (40, 40)])  # the column path (≥ 256 links) and the loop
def test_figures_from_a_thousand_on_print_with_thousands_separators(sites, users):
    """'needs 38,543.28 kbps … Raise the capacity to at least 38544 kbps' read as two different ways of writing
    numbers in one finding: every figure, whole or not, is grouped by thousands."""
    import re

    from advisor.model import Design

    data = generate(sites, "chain").model_dump()
    for s in data["sites"]:
        s["users"] *= users
    design = Design.model_validate(data)
    found = [f for f in bandwidth.check(design, _sizing(design)) if f.code in ("BW-LINK-OVERLOAD", "BW-LLQ-SHARE")]
    texts = [f.message + " " + f.rationale + " " + f.remedy for f in found]
    grouped = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)? (?:kbps|calls|concurrent|E\b)")
    assert sum(bool(grouped.search(t)) for t in texts) > len(texts) // 2  # the chain's links carry thousands
    ungrouped = re.compile(r"(?<![\d,.])\d{4,}(?:\.\d+)? (?:kbps|calls|concurrent|E\b)")
    assert [m.group() for t in texts for m in ungrouped.finditer(t)] == []


def test_call_admission_values_group_thousands_of_kbps():
    """'113 calls × 24 = 2712 kbps' beside '7,456.96 kbps' in the link table: the CAC figure is grouped as well."""
    from advisor.analysis import analyse
    from advisor.io import load

    root = Path(__file__).resolve().parents[2]
    results = analyse(load(root / "resources/examples/hq-40-branches-internet.json"))
    cac = next(f for f in results.findings if f.code == "DEP-CAC-VALUES")
    hq = next(r for r in results.links if r.id == "l-hq")
    assert hq.calls * 24 >= 1000  # G.729 as Enhanced Locations CAC counts it: 8 + 16 = 24 kbps per call
    assert f"'Headquarters – Internet' {hq.calls:,} calls × 24 = {hq.calls * 24:,} kbps" in cac.message


def test_one_call_is_one_call():
    # 2 users, 0.2 calls/h × 180 s = 0.01 E each, 30 % on-net: 0.003 E each way, 0.006 E on the line;
    # B(0.006, 1) = 0.006 / 1.006 = 0.6 % ≤ 1 %: one call, and G.711 (87.20 kbps on Ethernet) overloads 64 kbps
    from advisor.analysis import analyse
    from advisor.model import Design

    design = Design.model_validate({
        "name": "one call", "voice": {"codec": "g711"}, "traffic": {"calls_per_user": 0.2},
        "vpn": {"technology": "none"},
        "sites": [{"id": "a", "kind": "hq", "users": 1, "cucm_publisher": True}, {"id": "b", "users": 1}],
        "links": [{"id": "l", "a": "a", "b": "b", "capacity_kbps": 64}]})
    results = analyse(design)
    assert results.links[0].calls == 1
    [over] = [f for f in results.findings if f.code == "BW-LINK-OVERLOAD"]
    assert "(1 call × 87.20 kbps + " in over.message and "need 1 concurrent call; per call" in over.rationale
    assert "1 calls" not in over.message + over.rationale
