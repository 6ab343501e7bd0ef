"""A comparison routes the drawing once for every option that changes no part of it (codec, packetization, SRTP,
cRTP, VPN technology, cipher: `advisor.demand_shared`), and each option's analysis is exactly the one it gets on its
own: every figure and every finding, on designs of every shape. Options that change what routing reads (the grade of
service, the calls per user, a transport's technology that replaces the clouds) route afresh."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import pytest

from advisor import demand, demand_shared, io, scenarios
from advisor.analysis import analyse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

# each key alone, then combinations (every option names the key it varies)
NEUTRAL = [("codec", ["g729", "g711"]), ("ptime", ["30"]), ("srtp", ["sha1-80", "none"]), ("crtp", ["2"]),
           ("vpn", ["dmvpn", "gre-ipsec", "ipsec", "getvpn", "mpls-isolation", "none"]), ("cipher", ["aes-gcm", "3des"])]
ROUTING = [("gos", ["0.001"]), ("calls", ["3"])]


def options(keys) -> list[scenarios.Scenario]:
    out = []
    for key, values in keys:
        out.extend(scenarios.scenarios_from_vary([(key, values)]))
    return out


def designs():
    yield "two-dc", io.load(ROOT / "resources" / "examples" / "two-dc-clustering-over-wan.json")
    yield "hq-40-internet", io.load(ROOT / "resources" / "examples" / "hq-40-branches-internet.json")
    for sites, shape, varied in ((90, "mesh", False), (60, "chain", True), (80, "random-mesh", True),
                                 (120, "mpls", True), (70, "dual-hub", True), (50, "internet-hub", False),
                                 (60, "hub-pairs", True), (40, "dual-cloud", True)):
        design = generate(sites, shape)
        if varied:
            from varied import vary

            design = vary(design, seed=sites)
        yield f"{shape}-{sites}", design


DESIGNS = list(designs())


def _compare(design, chosen, shared: bool, monkeypatch) -> list:
    monkeypatch.setattr(demand_shared, "shared_routing", demand_shared.shared_routing if shared else nullcontext)
    return scenarios.compare(design, chosen, analyse)


@pytest.mark.parametrize("name, design", DESIGNS, ids=[n for n, _d in DESIGNS])
def test_each_option_analysed_as_on_its_own(name, design):
    chosen = options(NEUTRAL + ROUTING)
    variants = [design, *(scenarios.apply(design, s) for s in chosen)]
    alone = [analyse(v) for v in variants]
    with demand_shared.shared_routing():
        together = [analyse(v) for v in variants]
    for scenario, a, b in zip([None, *chosen], alone, together, strict=True):
        assert a == b, (name, scenario.name if scenario else "current design")


@pytest.mark.parametrize("name, design", DESIGNS[:4], ids=[n for n, _d in DESIGNS[:4]])
def test_the_comparison_is_the_same_with_and_without_sharing(name, design, monkeypatch):
    chosen = options(NEUTRAL + ROUTING)
    assert _compare(design, chosen, True, monkeypatch) == _compare(design, chosen, False, monkeypatch)


def test_options_that_change_no_part_of_the_drawing_route_it_once(monkeypatch):
    monkeypatch.setattr(demand_shared, "_follow", False)  # as `advisor check` runs (the app follows its edits)
    design = generate(120, "random-mesh")
    calls = []
    real = demand.route_afresh

    def counted(d, hub_overlay, **kwargs):
        calls.append(hub_overlay)
        return real(d, hub_overlay, **kwargs)

    monkeypatch.setattr(demand, "route_afresh", counted)
    scenarios.compare(design, options(NEUTRAL), analyse)
    assert sorted(calls) == [False, True]  # the drawing, once per overlay shape, for 13 options and the design
    calls.clear()
    scenarios.compare(design, options(ROUTING), analyse)
    assert sorted(calls) == [False, False, False, True, True, True]  # the design, then each option afresh
    calls.clear()
    analyse(scenarios.apply(design, options(NEUTRAL)[0]))  # outside a comparison: routed afresh
    assert sorted(calls) == [False, True]


def test_designs_that_differ_in_what_routing_reads_do_not_share(monkeypatch):
    # the same drawing (the very same tuples) with another signalling protocol or security mode (the signalling
    # kbps), another VPN hub, or another grade of service: each routed as on its own, inside one block
    design = io.load(ROOT / "resources" / "examples" / "hq-12-branches-mpls.json")
    other_hub = next(s.id for s in design.sites if s.id != (design.vpn.hub_site or design.sites[0].id))
    variants = [
        design,
        design.model_copy(update={"voice": design.voice.model_copy(update={"signalling": "sip"})}),
        design.model_copy(update={"voice": design.voice.model_copy(update={"security_mode": "encrypted"})}),
        design.model_copy(update={"vpn": design.vpn.model_copy(update={"hub_site": other_hub})}),
        design.model_copy(update={"traffic": design.traffic.model_copy(update={"gos": 0.05})}),
    ]
    alone = [analyse(v) for v in variants]
    with demand_shared.shared_routing():
        together = [analyse(v) for v in variants]
    assert together == alone
    # the hub and the grade of service change the routing (of one overlay shape or the other), so sharing it would
    # have shown (the bundled signalling table prices SIP as SCCP, and TLS at a factor of 1: no change there)
    def figures(v):
        return [(r.load.signalling_kbps, r.calls, r.hub_i) for r in (demand.route_afresh(v, False),
                                                                     demand.route_afresh(v, True))]

    first = figures(variants[0])
    for v in variants[3:]:
        assert figures(v) != first


def test_the_apps_edits_of_a_policy_keep_the_drawings_routing(monkeypatch):
    # with `follow_edits` (the app's analyses), an edit of the codec, the VPN or its cipher rebuilds the design with
    # new tuples of the same sites, clouds and links: routed once; an edit of a site's users routes afresh. Each
    # analysis equals the one made from scratch.
    from advisor.commands import SetFields

    monkeypatch.setattr(demand_shared, "_last_drawing", [])
    monkeypatch.setattr(demand_shared, "_follow", True)
    calls = []
    real = demand.route_afresh
    monkeypatch.setattr(demand, "route_afresh", lambda d, hub, **kw: calls.append(hub) or real(d, hub, **kw))
    design = generate(150, "random-mesh")
    site = design.sites[3].id
    edits = [SetFields("design.voice", {"codec": "g711"}), SetFields("design.vpn", {"cipher": "aes-gcm"}),
             SetFields("design.vpn", {"technology": "dmvpn"}), SetFields(site, {"users": 77}),
             SetFields("design.voice", {"ptime_ms": 30})]
    expected_routings = [2, 0, 0, 0, 2, 0]  # the first analysis, three policy edits, the users, the packetization
    for edit, routings in zip([None, *edits], expected_routings, strict=True):
        if edit is not None:
            design = edit.apply(design)
        calls.clear()
        got = analyse(design)
        assert len(calls) == routings, edit
        monkeypatch.setattr(demand_shared, "_follow", False)
        assert got == analyse(design.model_copy(deep=True)), edit  # from scratch: a copy nothing has routed
        monkeypatch.setattr(demand_shared, "_follow", True)
