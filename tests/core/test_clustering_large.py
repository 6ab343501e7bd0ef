"""Clustering over the WAN stays bounded: a cluster whose call-processing nodes are at more sites than one cluster
can hold nodes is not worked out pair by pair (its pairs grow with the square of its sites: 1,000 sites make 499,500),
and the findings say so; clusters within the limit keep their per-pair figures.

The bound, by hand from the bundled cluster_limits table: a megacluster holds 8 primary + 8 standby call-processing
subscribers (CUCM 15 Installation Guide) plus one publisher = 17 nodes, each site with nodes holds at least one, so
one cluster's nodes are at no more than 17 sites.
"""

import pytest

from advisor import clustering, tables, traffic
from advisor.model import Design
from advisor.rules import deployment
from advisor.rules._wan import Paths

BOUND = 8 + 8 + 1


def spread(n, publishers_everywhere=False):
    """n sites of one cluster (the default, 'cluster-1'), each with call-processing nodes, each on MPLS cloud 'wan' (RTT 20 ms)."""
    sites = [{"id": f"s{i}", "kind": "hq", "users": 100, "cucm_publisher": publishers_everywhere or i == 0,
              "cucm_subscribers": 64 if publishers_everywhere else 1} for i in range(n)]
    links = [{"id": f"l{i}", "a": f"s{i}", "b": "wan", "rtt_ms": 20, "capacity_kbps": 1_000_000} for i in range(n)]
    return Design.model_validate({"sites": sites, "clouds": [{"id": "wan", "kind": "mpls"}], "links": links})


@pytest.fixture
def counted(monkeypatch):
    """Counts of the per-pair work: path walks for the sizing's pairs, shortest-path trees for the RTT checks, and
    table citations."""
    calls = {"walk": 0, "paths_from": 0, "cite": 0}

    def wrap(owner, name, key):
        original = getattr(owner, name)

        def counting(*args, **kwargs):
            calls[key] += 1
            return original(*args, **kwargs)
        monkeypatch.setattr(owner, name, counting)

    wrap(clustering, "_walk_edges", "walk")  # once per pair, with or without a search
    wrap(Paths, "paths_from", "paths_from")
    wrap(tables.Table, "cite", "cite")
    return calls


def analyse(d):
    sizing = traffic.size(d, "getvpn")
    dep, findings = deployment.detect_and_check(d, sizing)
    return sizing, dep, findings


def test_the_bound_comes_from_the_cluster_limits():
    assert clustering.node_limit() == (BOUND, 16)
    assert clustering.max_sites() == BOUND


def test_a_cluster_at_the_bound_is_worked_out_pair_by_pair(counted):
    sizing, dep, findings = analyse(spread(BOUND))
    # 17 sites: 17 × 16 / 2 = 136 pairs, each walked once.
    assert len(sizing.cluster_pairs) == 136 and counted["walk"] == 136
    # Per pair (hand): BHCA = 17 × 100 users × 2 calls = 3,400, below 10,000, so ICCS is the 1,544 kbps minimum;
    # one server on the side without the publisher: + 1,544 kbps database = 3,088 kbps.
    assert {round(p.kbps) for p in sizing.cluster_pairs} == {3088}
    assert sum(1 for r in dep.checks if r[0].startswith("RTT ")) == 136
    assert sum(1 for r in dep.checks if r[0].startswith("intra-cluster bandwidth ")) == 136
    assert not [f for f in findings if "not worked out" in f.message]
    # The publisher's link carries all 16 of its pairs: 16 × 3,088 = 49,408 kbps of cluster traffic.
    assert next(lr for lr in sizing.links if lr.id == "l0").cluster_kbps == pytest.approx(16 * 3088)


@pytest.mark.parametrize("n", [BOUND + 1, 300])
def test_a_wider_cluster_is_not_worked_out_pair_by_pair_and_says_so(counted, n):
    sizing, dep, findings = analyse(spread(n, publishers_everywhere=True))
    assert counted["walk"] == 0 and counted["paths_from"] == 0  # no pair walked, no RTT tree built
    assert sizing.cluster_pairs == () and all(lr.cluster_kbps == 0 for lr in sizing.links)
    by_code = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    assert "DEP-COW-RTT" not in by_code and len(by_code["DEP-CLUSTER-SIZE"]) == 1
    (cow,) = by_code["DEP-COW-BANDWIDTH"]
    assert cow.severity == "warning" and len(cow.subjects) == n
    assert f"call-processing nodes at {n:,} sites" in cow.message
    assert "at most 17 call-processing nodes (a publisher and 16 subscribers)" in cow.message
    assert "were not worked out, and the links are sized without that traffic" in cow.message
    assert "at most 8 sites each" in cow.remedy  # remote failover: up to 8 sites (SRND)
    cow_rows = [r for r in dep.checks if "RTT " in r[0] or "intra-cluster" in r[0] or "clustering over" in r[0]]
    assert cow_rows == [("clustering over the WAN, cluster 'cluster-1'", "fail",
                         f"not worked out: call-processing nodes at {n:,} sites; one cluster holds at most 17 "
                         "call-processing nodes (a publisher and 16 subscribers), so its nodes can be at no more "
                         "than 17 sites")]


def test_the_work_does_not_grow_with_the_sites_of_a_wide_cluster(counted):
    analyse(spread(100, publishers_everywhere=True))
    small = counted["cite"]
    analyse(spread(300, publishers_everywhere=True))
    assert counted["cite"] - small == small  # the same citations for 300 sites as for 100


def test_the_assumptions_say_the_wide_cluster_was_left_out():
    from advisor.analysis import analyse as full_analysis

    wide = full_analysis(spread(18)).conventions["clustering over the wan"]
    assert "spans 18 sites, more than one cluster can hold" in wide and "not worked out" in wide
    assert full_analysis(spread(17)).conventions["clustering over the wan"].startswith("intra-cluster traffic")
