"""A comparison builds the bill of materials' site lines (SRST routers, PSTN trunks) once for the options that change
none of what they read (`advisor.bom_shared`), and each option's quantities are exactly `bom.quantities` of its own
analysis, in the same order: on designs of every shape, for options that change the site lines (the grade of
service, the calls per user, the BOM's PSTN interface) and options that do not."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from advisor import bom, bom_shared, io, scenarios
from advisor.analysis import analyse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402
from varied import vary  # noqa: E402

SAME_SITES = [("codec", ["g729", "g711"]), ("ptime", ["30"]), ("srtp", ["sha1-80"]), ("crtp", ["2"]),
              ("vpn", ["dmvpn", "gre-ipsec", "ipsec", "getvpn", "none"]), ("cipher", ["3des"]),
              ("vpn.internet", ["dmvpn"]), ("vpn.mpls", ["getvpn"])]
OTHER_SITES = [("gos", ["0.001", "0.05"]), ("calls", ["3", "0.5"])]


def options(keys) -> list[scenarios.Scenario]:
    return [s for key, values in keys for s in scenarios.scenarios_from_vary([(key, values)])]


def designs():
    for name in ("two-dc-clustering-over-wan", "hq-40-branches-internet", "hq-12-branches-mpls"):
        yield name, io.load(ROOT / "resources" / "examples" / f"{name}.json")
    for sites, shape in ((120, "mpls"), (60, "chain"), (70, "dual-hub"), (50, "internet-hub"), (40, "dual-cloud")):
        yield f"{shape}-{sites}", vary(generate(sites, shape), seed=sites)


DESIGNS = list(designs())


@pytest.mark.parametrize("name, design", DESIGNS, ids=[n for n, _d in DESIGNS])
def test_each_option_has_the_quantities_of_its_own_bill(name, design):
    variants = [design, *(scenarios.apply(design, s) for s in options(SAME_SITES + OTHER_SITES))]
    shared = bom_shared.for_comparison()
    for bom_options in (None, bom.BomOptions(pstn="sip", vpn_hubs=1), bom.BomOptions(pstn="t1")):
        for v in variants:
            results = analyse(v)
            alone = bom.quantities(v, results, bom_options)
            together = shared(v, results, bom_options)
            assert list(together.items()) == list(alone.items()), (name, v.voice, v.vpn, v.traffic, bom_options)


def test_the_comparison_is_the_same_with_either_bill():
    design = vary(generate(80, "mpls"), seed=3)
    chosen = options(SAME_SITES + OTHER_SITES)
    alone = scenarios.compare(design, chosen, analyse, bom=bom.quantities)
    assert scenarios.compare(design, chosen, analyse, bom=bom_shared.for_comparison()) == alone
    assert [o.as_json() for o in scenarios.compare(design, chosen, analyse, bom=bom_shared.for_comparison())] == \
        [o.as_json() for o in alone]  # the JSON's BOM in the same order too


def test_site_lines_are_built_once_for_options_that_change_none_of_them(monkeypatch):
    design = io.load(ROOT / "resources" / "examples" / "hq-12-branches-mpls.json")
    built, clusters = [], []
    real, real_clusters = bom._site_items, bom._cluster_items
    monkeypatch.setattr(bom, "_site_items", lambda d, r, o, lines: built.append(d.traffic) or real(d, r, o, lines))
    monkeypatch.setattr(bom, "_cluster_items", lambda d, r, lines: clusters.append(d) or real_clusters(d, r, lines))
    shared = bom_shared.for_comparison()
    for v in [design, *(scenarios.apply(design, s) for s in options(SAME_SITES))]:
        shared(v, analyse(v))
    assert len(built) == 1  # 13 options and the design
    # the cluster lines too, but for the option that gives the MPLS cloud a technology of its own (another cloud:
    # the sites' names are told apart among the clouds, so it is built afresh)
    assert [d.clouds[0].technology for d in clusters] == [None, "getvpn"]
    built.clear()
    gos = [scenarios.apply(design, s) for s in options([("gos", ["0.001", "0.05"])])]
    sip = bom.BomOptions(pstn="sip")  # one session per trunk: the count itself
    got = [shared(v, analyse(v), sip) for v in gos]
    assert len(built) == 2  # each grade of service afresh (the SIP option a key of its own too)
    # and it shows: fewer trunks at P.05 than at P.001 for the same busy-hour Erlangs (Erlang B needs fewer circuits
    # for more blocking), so a shared line would have been wrong
    trunks = [g["PSTN SIP trunk: SIP trunk sessions"] for g in got]
    assert trunks[0] > trunks[1]


def test_a_new_drawing_builds_its_site_lines_afresh():
    # the same policies, other sites (a copy: other tuples): never the first design's lines
    design = io.load(ROOT / "resources" / "examples" / "hq-12-branches-mpls.json")
    bigger = design.model_copy(update={"sites": tuple(s.model_copy(update={"users": s.users * 3})
                                                      for s in design.sites)})
    shared = bom_shared.for_comparison()
    first = shared(design, analyse(design))
    second = shared(bigger, analyse(bigger))
    assert second == bom.quantities(bigger, analyse(bigger))
    assert second != first
