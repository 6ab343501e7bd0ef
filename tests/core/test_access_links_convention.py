"""How a site's several access links are sized is said as it is done: each for all of the site's WAN calls where
every site meets through one cloud; over lowest-RTT paths otherwise, where a second access link carries only the
calls its paths take. A design on two clouds once said "each is sized to carry all of the site's WAN calls" after a
leased line put it on paths, while its second cloud's access links carried 0 E."""

from __future__ import annotations

import pytest

from advisor import analysis
from advisor.model import Design


def _design(leased: bool) -> Design:
    # Sites a, b, c, 100 users each, on an MPLS cloud (10 ms access links) and a private WAN (20 ms); no VPN.
    sites = [{"id": s, "name": s.upper(), "users": 100, "kind": "branch"} for s in "abc"]
    links = [{"id": f"{s}-m", "a": s, "b": "m", "rtt_ms": 10} for s in "abc"]
    links += [{"id": f"{s}-p", "a": s, "b": "p", "rtt_ms": 20} for s in "abc"]
    if leased:
        links.append({"id": "a-b", "a": "a", "b": "b", "rtt_ms": 100})
    return Design.model_validate({"sites": sites, "links": links, "vpn": {"technology": "none"},
                                  "clouds": [{"id": "m", "kind": "mpls"}, {"id": "p", "kind": "private-wan"}]})


def test_on_two_clouds_each_access_link_carries_all_of_its_sites_calls():
    results = analysis.analyse(_design(leased=False))
    erlangs = {r.id: r.erlangs for r in results.links}
    for s in "abc":
        assert erlangs[f"{s}-p"] == erlangs[f"{s}-m"] > 0
    assert results.conventions["access links"] == ("a site with several access links: each is sized to carry all "
                                                   "of the site's WAN calls")


def test_over_paths_the_idle_access_links_are_said_to_carry_only_what_their_paths_take():
    results = analysis.analyse(_design(leased=True))
    erlangs = {r.id: r.erlangs for r in results.links}
    # By hand: a to b is 20 ms over the MPLS cloud, 40 ms over the private WAN, 100 ms over the leased line, and
    # every pair alike: every call takes the MPLS cloud; the private WAN and the leased line carry none.
    assert all(erlangs[f"{s}-m"] > 0 for s in "abc")
    assert [erlangs[f"{s}-p"] for s in "abc"] == [0.0, 0.0, 0.0] and erlangs["a-b"] == 0.0
    said = results.conventions["access links"]
    assert "('A', 'B', 'C')" in said and "not for all of the site's WAN calls" in said


@pytest.mark.parametrize("extra", [0, 3])
def test_the_sites_concerned_are_named_at_most_three_then_counted(extra):
    design = _design(leased=True)
    data = design.model_dump()
    data["sites"] = [*data["sites"], *({"id": f"x{i}", "name": f"X{i}", "users": 10, "kind": "branch"}
                                       for i in range(extra))]
    data["links"] = [*data["links"], *({"id": f"x{i}-{c}", "a": f"x{i}", "b": c, "rtt_ms": 30}
                                       for i in range(extra) for c in "mp")]
    said = analysis.analyse(Design.model_validate(data)).conventions["access links"]
    assert ("('A', 'B', 'C' and 3 more)" if extra else "('A', 'B', 'C')") in said


def test_a_wan_of_leased_lines_has_no_access_link_to_speak_of():
    data = _design(leased=True).model_dump()
    data["clouds"], data["links"] = [], [ln for ln in data["links"] if ln["id"] == "a-b"]
    said = analysis.analyse(Design.model_validate(data)).conventions["access links"]
    assert said == "each link carries the calls routed over it (no site has several access links)"
