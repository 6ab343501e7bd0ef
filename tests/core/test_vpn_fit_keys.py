"""The VPN fit groups links by a key that leaves out the columns alike on every link (one layer 2 everywhere, no NAT,
no intra-cluster traffic): the groups are exactly those of the whole key (layer 2, NAT-T may apply, calls,
signalling, cluster traffic, capacity), on designs where each of those columns is alike and where it is not."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from advisor.model import Design
from advisor.rules import vpn
from advisor.rules.vpn_fit import _Rows

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


def _whole_key_groups(rows_pricer, routed, link_ids):
    """(each link's group by its first link, the groups' first links) with every column in the key."""
    design = rows_pricer.design
    hub = routed.hub.id if routed.hub is not None else None
    on_nat = [hub is None or ln.nat or ln.a == hub or ln.b == hub for ln in design.links] if any(
        ln.nat for ln in design.links) else [False] * len(design.links)
    keys = list(zip(rows_pricer.l2, on_nat, routed.calls, routed.load.signalling_kbps, routed.cluster_kbps,
                    rows_pricer.capacity, strict=True))
    numbers = [k for k, ln in enumerate(design.links) if link_ids is None or ln.id in link_ids]
    position: dict[tuple, int] = {}
    group_of = [position.setdefault(keys[k], k) for k in numbers]
    return group_of, list(position.values())


def _variant(seed: int, topology: str) -> Design:
    """A small generated design with some links on another layer 2, some through NAT, some sites in a second
    cluster with call processing (intra-cluster traffic over the WAN), each at random."""
    rnd = random.Random(seed)
    data = generate(rnd.randint(6, 30), topology, seed=seed).model_dump(mode="json")
    serial, nat, cluster = rnd.random() < 0.5, rnd.random() < 0.5, rnd.random() < 0.5
    for ln in data["links"]:
        if serial and rnd.random() < 0.3:
            ln["l2"] = "ppp"
        if nat and rnd.random() < 0.3 and topology in ("internet-hub", "dual-cloud"):
            ln["nat"] = True
    if cluster:
        data["sites"][1]["cucm_subscribers"] = 1
    return Design.model_validate(data)


@pytest.mark.parametrize("topology", ["mpls", "internet-hub", "tree", "mesh", "dual-cloud"])
@pytest.mark.parametrize("seed", range(8))
def test_groups_are_those_of_the_whole_key(seed, topology):
    design = _variant(seed, topology)
    routing = vpn.Routing(design)
    half = {ln.id for k, ln in enumerate(design.links) if k % 2 == 0}
    for hub in (False, True):
        routed = routing.routed(hub)
        for link_ids in (None, half):
            rows = _Rows(routing.pricer, routed, link_ids)
            group_of, first = _whole_key_groups(routing.pricer, routed, link_ids)
            if rows.singletons:
                assert len(first) == len(group_of)  # every link its own group under the whole key too
                assert rows.first == (list(range(len(design.links))) if link_ids is None else
                                      [k for k, ln in enumerate(design.links) if ln.id in link_ids])
            else:
                assert (rows._group_of, rows.first) == (group_of, first)


def test_ppp_links_are_set_apart():
    """Two links alike but for their layer 2 fall in two groups (the layer 2 column is in the key then)."""
    data = generate(3, "mpls").model_dump(mode="json")
    data["sites"][2]["users"] = data["sites"][1]["users"]
    data["links"][1]["capacity_kbps"] = data["links"][2]["capacity_kbps"] = 2048
    same = Design.model_validate(data)
    data["links"][2]["l2"] = "ppp"
    apart = Design.model_validate(data)
    assert len(_Rows(vpn.Routing(same).pricer, vpn.Routing(same).routed(False), None)) == 2
    assert len(_Rows(vpn.Routing(apart).pricer, vpn.Routing(apart).routed(False), None)) == 3
