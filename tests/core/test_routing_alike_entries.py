"""Dual-homed sites with a branch behind each (a leased line to a site that reaches the WAN only through them) share
one search too, where that search is the same from every distance the branches' calls reach them at
(`routing_alike.with_entries`). They used to take one search each, and a second per distance of their branches:
5,000 such sites on MPLS and the Internet took 12 s to analyse, and the walk beyond each of them read every bridge
of the block (`routing_offsets.Beyond._beyond`, quadratic). Their loads are those of one search per source."""

from __future__ import annotations

import pytest

from advisor import routing_alike, routing_blocks
from advisor.model import Design
from tests.core.test_routing_blocks import _both, _same


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


def _grouped(monkeypatch) -> list[list[int]]:
    """The groups the blocks route alike (members), recorded as `with_entries` returns them."""
    seen: list[list[int]] = []
    real = routing_blocks.with_entries

    def recorded(*args):
        got = real(*args)
        seen.extend(members for _key, members in got)
        return got

    monkeypatch.setattr(routing_blocks, "with_entries", recorded)
    return seen


@pytest.mark.parametrize("compiled", ["0", "1"])
@pytest.mark.parametrize("rtts", [(10, 20), (10, 10)], ids=["round-trip times differ", "all alike"])
def test_sites_with_branches_behind_them_share_one_search(rtts, compiled, monkeypatch):
    monkeypatch.setenv("ADVISOR_COMPILED", compiled)
    design = _behind(120, *rtts, tails=(5.0, 7.0))
    groups = _grouped(monkeypatch)
    fast, slow = _both(design, False, monkeypatch)
    # the 59 sites with a branch (entry nodes) are grouped with the others: the HQ and 118 of the 120 (d0 and d1
    # have the leased line between them, so their neighbours differ), one group
    assert sum(map(len, groups)) == 119 and len(groups) == 1
    _same(fast, slow)


def test_where_the_shared_search_ties_by_other_round_trip_times_they_search_alone(monkeypatch):
    # From every dual-homed site x is 25 ms away both ways (10 + 15 and 20 + 5): a distance added before the block
    # could round one way or the other, so the sites with a branch behind them are not grouped; the others are
    monkeypatch.setenv("ADVISOR_COMPILED", "0")
    design = _behind(120, rival=True)
    groups = _grouped(monkeypatch)
    fast, slow = _both(design, False, monkeypatch)
    members = {m for group in groups for m in group}
    assert sum(map(len, groups)) == len(members) == 60  # the HQ and d3, d5, … d119 (d1 has the leased line)
    _same(fast, slow)


def test_only_a_few_groups_are_searched_for_the_proof(monkeypatch):
    # Ten kinds of dual-homed site (MPLS at 10 ms, the Internet at 21-30 ms), 12 of each, half with a branch: ten
    # groups with entry nodes (the 21 ms kind, met last, without d0 and d1: 5 with a branch, 5 without), of which
    # the PROOF_GROUPS with the most entry nodes, in the order met (22-29 ms), are searched for the proof (their 12
    # members grouped); the other two keep only their members without a branch (6 and 5), and each of their 11
    # entry nodes checks its own tree, as before, as d0 (alone of its kind) does
    monkeypatch.setenv("ADVISOR_COMPILED", "0")
    data = _behind(120).model_dump()
    for ln in data["links"]:
        if ln["id"].endswith("-i") and ln["id"][1:-2].isdigit():
            ln["rtt_ms"] = 21 + int(ln["id"][1:-2]) // 2 % 10  # d0, d1 → 21; d2, d3 → 22; … (a branch: even k)
    design = Design.model_validate(data)
    proofs = []
    real = routing_blocks._offset_proof
    monkeypatch.setattr(routing_blocks, "_offset_proof", lambda *a: proofs.append(1) or real(*a))
    groups = _grouped(monkeypatch)
    fast, slow = _both(design, False, monkeypatch)
    assert routing_alike.PROOF_GROUPS == 8 and len(proofs) == 8 + 11 + 1
    assert sorted(map(len, groups)) == [5, 6] + [12] * 8
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
    assert len(groups) == 6 and sum(map(len, groups)) >= 290
    _same(fast, slow)
