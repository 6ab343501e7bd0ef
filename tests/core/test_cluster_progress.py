"""Hundreds of clusters spanning sites show how far their paths and checks are (the app's status bar, a terminal's
stderr); a few clusters report nothing."""

from __future__ import annotations

from advisor import progress
from advisor.analysis import analyse
from advisor.model import Design


def _clusters(count: int) -> Design:
    """`count` clusters, each a publisher and a subscriber at two sites on two clouds."""
    sites, links = [], []
    for i in range(2 * count):
        sites.append({"id": f"s{i}", "users": 10, "cucm_publisher": i % 2 == 0, "cucm_subscribers": i % 2,
                      "cluster_id": f"k{i // 2}"})
        for cloud, rtt in (("mpls", 5 + i % 7), ("inet", 9 + i % 5)):
            links.append({"id": f"{cloud}{i}", "a": f"s{i}", "b": cloud, "rtt_ms": rtt})
    return Design.model_validate({"name": "Clusters", "sites": sites, "links": links,
                                  "clouds": [{"id": "mpls", "kind": "mpls"}, {"id": "inet", "kind": "internet"}]})


def _reports(design: Design) -> list[tuple[str, int, int]]:
    seen: list[tuple[str, int, int]] = []
    with progress.reporting(lambda what, done, total: seen.append((what, done, total))):
        analyse(design)
    return seen


def test_many_clusters_report_their_paths_and_checks_to_the_end():
    seen = _reports(_clusters(220))
    paths = [r for r in seen if r[0] == "working out the paths between the call-processing sites of 220 clusters"]
    checks = [r for r in seen if r[0] == "checking clustering over the WAN for 220 clusters"]
    assert paths and checks
    for reported in (paths, checks):
        assert reported[-1][1:] == (220, 220)  # to the end
        assert [done for _w, done, _t in reported] == sorted(done for _w, done, _t in reported)
        assert 50 <= len(reported) <= 2 * progress.STEPS  # a hundred or so reports, not one per cluster


def test_a_few_clusters_report_nothing():
    assert not [r for r in _reports(_clusters(20)) if "cluster" in r[0]]
