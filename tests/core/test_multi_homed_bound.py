"""Where all sites meet through one cloud, every access link carries only its own site's calls (each is sized for all
of its site's WAN calls), so a site on two clouds has each of its links bounded by the phones, as a site's only link
is: a 10-user branch beside a 1,000-user HQ asked 42 calls of each of its two links (advisor.demand_bounds)."""

from __future__ import annotations

from advisor import erlang
from advisor.analysis import analyse
from advisor.model import Design

# 2 calls/h × 180 s = 0.1 E per user (the defaults), 30 % of it on-net: the HQ's 30 E all go to the branch, whose
# 0.3 E all go to the HQ: 30.3 E on every access link
OFFERED = 1000 * 0.1 * 0.3 + 10 * 0.1 * 0.3


def _design(links, clouds, **branch) -> Design:
    sites = [{"id": "hq", "name": "HQ", "kind": "hq", "users": 1000, "cucm_publisher": True},
             {"id": "b", "name": "Branch", "users": 10, **branch}]
    return Design.model_validate({"name": "dual-homed", "sites": sites, "clouds": clouds, "links": links})


TWO_CLOUDS = [{"id": "m1", "kind": "mpls"}, {"id": "m2", "kind": "mpls"}]
DUAL = [{"id": "hq-1", "a": "hq", "b": "m1", "capacity_kbps": 100000},
        {"id": "hq-2", "a": "hq", "b": "m2", "capacity_kbps": 100000},
        {"id": "b-1", "a": "b", "b": "m1"}, {"id": "b-2", "a": "b", "b": "m2"}]


def test_each_access_link_of_a_dual_homed_branch_carries_at_most_its_phones():
    assert erlang.trunks(OFFERED, 0.01) == 42  # Erlang B alone, on each of the four links
    results = analyse(_design(DUAL, TWO_CLOUDS))
    for link in results.links:
        assert abs(link.erlangs - OFFERED) < 1e-9
        assert link.calls == 10, link.id  # the branch's 10 phones: on the HQ's links, the far side's
    # the overload finding, had there been one, and the explanation give both figures: none here at 2,048 kbps
    assert not [f for f in results.findings if f.code == "BW-LINK-OVERLOAD"]


def test_two_links_to_one_cloud_are_each_bounded_too():
    links = [*DUAL[:1], {"id": "b-1", "a": "b", "b": "m1"}, {"id": "b-1b", "a": "b", "b": "m1"}]
    results = analyse(_design(links, TWO_CLOUDS[:1]))
    assert {r.id: r.calls for r in results.links} == {"hq-1": 10, "b-1": 10, "b-1b": 10}


def test_a_gateway_the_branch_hauls_to_leaves_its_side_open():
    # the branch hauls its PSTN calls to the HQ's gateway: on the HQ's links those calls end at trunks, not phones,
    # so the HQ's side does not bound them; the branch's side (its 10 phones) still does
    results = analyse(_design(DUAL, TWO_CLOUDS, pstn_gateway=False))
    assert {r.id: r.calls for r in results.links} == {"hq-1": 10, "hq-2": 10, "b-1": 10, "b-2": 10}


def _mixed(x_rtt: float = 20.0) -> Design:
    # a leased line beside the clouds makes the drawing a mesh routed over paths; x's MPLS link at `x_rtt` ms
    sites = [{"id": "hq", "kind": "hq", "users": 1000, "cucm_publisher": True}, {"id": "b", "users": 10},
             {"id": "x", "users": 10}]
    links = [*DUAL, {"id": "x-1", "a": "x", "b": "m1", "rtt_ms": x_rtt}, {"id": "x-b", "a": "x", "b": "b", "rtt_ms": 5}]
    return Design.model_validate({"name": "mixed", "sites": sites, "clouds": TWO_CLOUDS, "links": links})


def test_a_site_routed_over_paths_that_relays_nothing_has_its_access_links_bounded_by_its_phones():
    # x reaches the HQ over its own MPLS link: the branch relays no call, so each call on its access links holds one
    # of its 10 phones; each is sized for all of its WAN calls (either can carry the busy hour), at most 10 at once
    results = analyse(_mixed())
    calls = {r.id: r.calls for r in results.links}
    assert calls["b-1"] == calls["b-2"] == 10
    assert erlang.trunks(next(r.erlangs for r in results.links if r.id == "b-1"), 0.01) > 10


def test_a_site_routed_over_paths_that_relays_keeps_erlang_b_on_its_access_links():
    # x's own MPLS link at 500 ms: x reaches the HQ through the branch, which relays x's calls; a call on the
    # branch's links need not hold one of its phones, so they keep Erlang B's figure (never lower than the truth)
    results = analyse(_mixed(x_rtt=500))
    for link_id in ("b-1", "b-2"):
        link = next(r for r in results.links if r.id == link_id)
        assert link.calls == erlang.trunks(link.erlangs, 0.01) > 10
