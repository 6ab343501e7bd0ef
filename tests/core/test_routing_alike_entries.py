"""Dual-homed sites with a branch behind each (a leased line to a site that reaches the WAN only through them) share
one search too, where that search is the same from every distance the branches' calls reach them at
(`routing_alike.with_entries`). They used to take one search each, and a second per distance of their branches:
5,000 such sites on MPLS and the Internet took 12 s to analyse, and the walk beyond each of them read every bridge
of the block (`routing_offsets.Beyond._beyond`, quadratic). Their loads are those of one search per source."""

from __future__ import annotations

import pytest

from advisor import routing_blocks, routing_homed, routing_twohub
from advisor.model import Design
from tests.core.test_routing_blocks import _both, _same


@pytest.fixture(autouse=True)
def _not_summed_at_once(monkeypatch):
    """A few core nodes with branches on two of them are summed without trees (`advisor.routing_twohub`,
    `advisor.routing_homed`, tested on their own): here the trees are under test."""
    monkeypatch.setattr(routing_twohub, "MIN_NODES", 10**9)
    monkeypatch.setattr(routing_homed, "MIN_NODES", 10**9)


def _behind(n: int, mpls: float = 10, internet: float = 20, rival: bool = False, tails=(5.0,)) -> Design:
    """An HQ and `n` sites on an MPLS cloud and the Internet (`mpls`, `internet` ms), every other one with a branch
    on a leased line behind it (its round-trip time cycling through `tails`), one leased line between two of them
    (the WAN is then routed over paths). `rival`: a site x whose two ways from every dual-homed site tie by
    different round-trip times (10 + 15 over MPLS, 20 + 5 over the Internet)."""
    sites = [{"id": "hq", "kind": "hq", "users": 200, "cucm_publisher": True, "cucm_subscribers": 1}]
    links = [{"id": "hq-m", "a": "hq", "b": "m", "rtt_ms": mpls}, {"id": "hq-i", "a": "hq", "b": "i", "rtt_ms": internet}]
    for k in range(n):
        sites.append({"id": f"d{k}", "users": 20 + 10 * (k % 3), "pstn_gateway": k % 4 != 1})
        links += [{"id": f"d{k}-m", "a": f"d{k}", "b": "m", "rtt_ms": mpls},
                  {"id": f"d{k}-i", "a": f"d{k}", "b": "i", "rtt_ms": internet}]
        if k % 2 == 0:
            sites.append({"id": f"t{k}", "users": 10, "pstn_gateway": False})
            links.append({"id": f"d{k}-t", "a": f"d{k}", "b": f"t{k}", "rtt_ms": tails[k // 2 % len(tails)]})
    links.append({"id": "x01", "a": "d0", "b": "d1", "rtt_ms": 50})
    if rival:
        sites.append({"id": "x", "users": 30})
        links += [{"id": "x-m", "a": "x", "b": "m", "rtt_ms": 15}, {"id": "x-i", "a": "x", "b": "i", "rtt_ms": 5}]
    return Design.model_validate({"name": "behind", "sites": sites, "links": links, "vpn": {"technology": "none"},
                                  "clouds": [{"id": "m", "kind": "mpls"}, {"id": "i", "kind": "internet"}]})


def _grouped(monkeypatch) -> list[tuple[list[int], float]]:
    """The groups the blocks route alike, (members, origin) each, as they are handed to the interpreted or the
    compiled loop."""
    seen: list[tuple[list[int], float]] = []
    one, many = routing_blocks.route_alike, routing_blocks.route_alike_compiled

    def interpreted(key, members, *args):
        seen.append((list(members), args[-1] if len(args) == 13 else 0.0))
        return one(key, members, *args)

    def compiled(groups, *args):
        origins = args[-1] if len(args) == 12 else None
        seen.extend((list(m), origins[g] if origins else 0.0) for g, (_k, m) in enumerate(groups))
        return many(groups, *args)

    monkeypatch.setattr(routing_blocks, "route_alike", interpreted)
    monkeypatch.setattr(routing_blocks, "route_alike_compiled", compiled)
    return seen


@pytest.mark.parametrize("compiled", ["0", "1"])
@pytest.mark.parametrize("rtts", [(10, 20), (10, 10)], ids=["the clouds apart", "the clouds alike"])
def test_sites_with_branches_behind_them_share_one_search(rtts, compiled, monkeypatch):
    monkeypatch.setenv("ADVISOR_COMPILED", compiled)
    design = _behind(120, *rtts, tails=(5.0, 7.0))
    groups = _grouped(monkeypatch)
    fast, slow = _both(design, False, monkeypatch)
    # the HQ and 118 of the 120 sites (d0 and d1 have the leased line between them, so their neighbours differ)
    # share one search, the 59 with a branch (d2, d4, … d118) among them
    assert [len(m) for m, origin in groups if origin == 0.0] == [119]
    # and their branches, by the distance they reach them at (and a hop): two more searches. d(k) has its branch at
    # tails[k // 2 % 2]: k // 2 runs 1 … 59, 30 odd (7 ms) and 29 even (5 ms)
    assert sorted((len(m), round(origin)) for m, origin in groups if origin) == [(29, 5), (30, 7)]
    _same(fast, slow)


def test_sites_whose_searches_tie_by_other_round_trip_times_are_routed_by_distance(monkeypatch):
    # From every dual-homed site x is 25 ms away both ways (10 + 15 and 20 + 5): a distance added before the block
    # could round one way or the other, so the branches' calls take the shared search from their own distance
    monkeypatch.setenv("ADVISOR_COMPILED", "0")
    design = _behind(120, rival=True)
    groups = _grouped(monkeypatch)
    fast, slow = _both(design, False, monkeypatch)
    assert [(len(m), origin > 0) for m, origin in groups] == [(119, False), (59, True)]
    _same(fast, slow)


def test_many_kinds_of_site_each_route_their_branches_by_distance(monkeypatch):
    # Ten kinds of dual-homed site (MPLS at 10 ms, the Internet at 21-30 ms), 12 of each, half with a branch 5 ms
    # behind: ten groups (the 21 ms kind without d0 and d1: 10 sites) and ten of their branches, one per kind
    monkeypatch.setenv("ADVISOR_COMPILED", "0")
    data = _behind(120).model_dump()
    for ln in data["links"]:
        if ln["id"].endswith("-i") and ln["id"][1:-2].isdigit():
            ln["rtt_ms"] = 21 + int(ln["id"][1:-2]) // 2 % 10  # d0, d1 → 21; d2, d3 → 22; … (a branch: even k)
    design = Design.model_validate(data)
    groups = _grouped(monkeypatch)
    fast, slow = _both(design, False, monkeypatch)
    assert sorted(len(m) for m, origin in groups if not origin) == [10] + [12] * 9
    assert sorted(len(m) for m, origin in groups if origin) == [5] + [6] * 9
    _same(fast, slow)


def test_the_generated_cloud_tails_route_grouped_as_one_tree_per_source(monkeypatch):
    # The benchmark shape: 300 sites on MPLS (10 or 15 ms) and the Internet (20, 25 or 30 ms), each with a branch
    # behind it: six kinds, every site but the two joined by a leased line (and the HQ's own kind) grouped
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate

    monkeypatch.setenv("ADVISOR_COMPILED", "0")
    design = generate(600, "cloud-tails")
    groups = _grouped(monkeypatch)
    fast, slow = _both(design, False, monkeypatch)
    own = [m for m, origin in groups if not origin]
    assert len(own) == 6 and sum(map(len, own)) >= 290  # every site on the clouds but a few: six kinds
    assert sum(len(m) for m, origin in groups if origin) >= 145  # and their branches, from 5 ms
    _same(fast, slow)
