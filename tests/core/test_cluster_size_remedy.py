"""DEP-CLUSTER-SIZE's remedy answers the problems found in the cluster, not every problem a cluster can have: a
cluster with no publisher was told to split its phones into several clusters and add subscribers."""

from __future__ import annotations

from advisor.analysis import analyse
from advisor.model import Design


def _cluster(*nodes: dict) -> Design:
    # two sites of one cluster on a cloud, each with the call-processing nodes given, 50 phones each
    sites = [{"id": f"s{i}", "users": 50, **n} for i, n in enumerate(nodes)]
    links = [{"id": f"l{i}", "a": f"s{i}", "b": "wan"} for i in range(len(nodes))]
    return Design.model_validate({"name": "c", "sites": sites, "clouds": [{"id": "wan", "kind": "mpls"}],
                                  "links": links})


def _size_finding(design: Design):
    (hit,) = [f for f in analyse(design).findings if f.code == "DEP-CLUSTER-SIZE"]
    return hit


def test_no_publisher_is_told_to_make_one():
    hit = _size_finding(_cluster({"cucm_subscribers": 1}, {"cucm_subscribers": 1}))
    assert "no publisher (a cluster has exactly one)" in hit.message
    assert hit.remedy == "Make one of the cluster's call-processing sites its publisher."


def test_two_publishers_are_told_to_keep_one():
    hit = _size_finding(_cluster({"cucm_publisher": True}, {"cucm_publisher": True}))
    assert "2 publishers (exactly 1)" in hit.message
    assert hit.remedy == "Keep one publisher and make the others subscribers."


def test_nine_subscribers_are_told_to_split():
    # Cisco Press CIPTV1: at most eight call-processing nodes: 9 subscribers cannot stay in one cluster
    hit = _size_finding(_cluster({"cucm_publisher": True, "cucm_subscribers": 5}, {"cucm_subscribers": 4}))
    assert "9 call-processing subscribers (at most 8 in a cluster)" in hit.message
    assert hit.remedy.startswith("Split the phones and nodes into several clusters")
    assert "Make one" not in hit.remedy and "Keep one" not in hit.remedy
