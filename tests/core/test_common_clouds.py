"""`routing.common_clouds`: the clouds that reach every site with a link, by their definition (the intersection of
each site's clouds), on random drawings of sites on up to four clouds, with either orientation of each link."""

from __future__ import annotations

import random

import pytest

from advisor.model import Design
from advisor.routing import common_clouds


def _by_definition(design: Design) -> set[str]:
    clouds = {c.id for c in design.clouds}
    reach: dict[str, set[str]] = {}
    for ln in design.links:
        cloud, site = (ln.a, ln.b) if ln.a in clouds else (ln.b, ln.a)
        reach.setdefault(site, set()).add(cloud)
    return set.intersection(*reach.values()) if reach else clouds


def _drawing(seed: int) -> Design:
    rnd = random.Random(seed)
    clouds = [f"c{k}" for k in range(rnd.randint(1, 4))]
    sites = [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": 10} for i in range(rnd.randint(1, 12))]
    links = []
    for s in sites:
        for c in rnd.sample(clouds, rnd.randint(1, len(clouds))):
            for _ in range(rnd.choice([1, 1, 2])):  # now and then two links to the same cloud
                ends = (s["id"], c) if rnd.random() < 0.7 else (c, s["id"])
                links.append({"id": f"l{len(links)}", "a": ends[0], "b": ends[1]})
    return Design.model_validate({"name": "t", "sites": sites,
                                  "clouds": [{"id": c, "kind": rnd.choice(["mpls", "internet"])} for c in clouds],
                                  "links": links})


@pytest.mark.parametrize("seed", range(300))
def test_common_clouds_are_those_every_site_reaches(seed):
    design = _drawing(seed)
    assert common_clouds(design) == _by_definition(design)


def test_a_cloud_one_site_misses_is_not_common():
    design = Design.model_validate({
        "name": "t", "sites": [{"id": "hq", "kind": "hq"}, {"id": "b1"}, {"id": "b2"}],
        "clouds": [{"id": "mpls", "kind": "mpls"}, {"id": "net", "kind": "internet"}],
        "links": [{"id": "1", "a": "hq", "b": "mpls"}, {"id": "2", "a": "hq", "b": "net"},
                  {"id": "3", "a": "b1", "b": "mpls"}, {"id": "4", "a": "net", "b": "b1"},
                  {"id": "5", "a": "b2", "b": "mpls"}, {"id": "6", "a": "b2", "b": "mpls"}]})
    assert common_clouds(design) == {"mpls"}  # by hand: b2 is on MPLS twice and never on the Internet
