"""Sites of one cluster far apart on the WAN: the pair is not followed link by link past `MAX_PAIR_LINKS`, so the work
and the findings stay linear in the design (a cluster's sites thousands of links apart along a chain made every
pair's path thousands of links long: a 10,000-site chain took 25 s and 5 GB, a 20,000-site one 3 minutes, 20 GB and
a 2.3 GB `check --json`). Each such pair is said so, and the links are sized without its traffic."""

from __future__ import annotations

from advisor import clustering
from advisor.analysis import analyse
from advisor.model import Design


def _chain(n: int, far_end: int, rtt: float = 1.0) -> Design:
    # a chain s0 – s1 – … – s(n-1) of leased lines; the publisher at s0 and a subscriber at s(far_end), one cluster
    sites = [{"id": f"s{i}", "users": 10} for i in range(n)]
    sites[0].update(kind="hq", cucm_publisher=True)
    sites[far_end].update(cucm_subscribers=1)
    links = [{"id": f"l{i}", "a": f"s{i}", "b": f"s{i + 1}", "rtt_ms": rtt, "capacity_kbps": 100_000}
             for i in range(n - 1)]
    return Design.model_validate({"name": "chain", "vpn": {"technology": "none"}, "sites": sites, "links": links})


def test_a_pair_within_the_limit_is_followed_link_by_link():
    limit = clustering.MAX_PAIR_LINKS
    design = _chain(limit + 5, limit)  # s0 and s64: exactly 64 links apart
    (pair,) = clustering.pairs(design)
    assert not pair.far
    assert pair.links == tuple(f"l{i}" for i in range(limit))
    assert pair.rtt_ms == limit * 1.0  # 64 links of 1 ms
    results = analyse(design)
    carried = {lr.id: lr.cluster_kbps for lr in results.links}
    assert all(carried[f"l{i}"] == pair.kbps for i in range(limit))  # the pair's traffic on each link of its path
    assert carried[f"l{limit}"] == 0.0  # beyond the subscriber's site
    rtt = [f for f in results.findings if f.code == "DEP-COW-RTT"]  # 64 ms is within CUCM 12.5's 80 ms
    assert rtt == []


def test_a_pair_one_link_further_is_said_not_worked_out_and_carries_nothing():
    limit = clustering.MAX_PAIR_LINKS
    design = _chain(limit + 5, limit + 1)  # s0 and s65: 65 links apart
    (pair,) = clustering.pairs(design)
    assert pair.far and pair.rtt_ms is None and pair.links == ()
    results = analyse(design)
    assert all(lr.cluster_kbps == 0.0 for lr in results.links)  # sized without that traffic, as said
    (rtt,) = [f for f in results.findings if f.code == "DEP-COW-RTT"]
    assert rtt.severity == "warning" and rtt.subjects == ("s0", f"s{limit + 1}")
    assert "are more than 64 links apart on the WAN" in rtt.message
    assert "the links are sized without that traffic" in rtt.message
    assert "no WAN path" not in rtt.message  # they are connected: not the finding of an unreachable pair
    rows = [r for r in results.model.checks if r[0].startswith("RTT")]
    assert rows == [("RTT 's0'–'s65'", "fail", "not worked out: more than 64 links apart")]
    assert "1 pair of sites more than 64 links apart not worked out" in results.conventions[
        "clustering over the wan"]


def test_a_cluster_spread_along_a_long_chain_costs_steps_linear_in_its_pairs(monkeypatch):
    # 2,000 sites, clusters of three sites ~600 links apart: every pair is too far; each walk stops after at most
    # MAX_PAIR_LINKS steps up from each end, so the edges walked stay within pairs × 2 × (MAX_PAIR_LINKS + 1)
    n = 2000
    sites = [{"id": f"s{i}", "users": 10} for i in range(n)]
    for i in range(0, 600):
        for k, at in enumerate((i, i + 600, i + 1200)):
            sites[at].update(cluster_id=f"c{i}", cucm_publisher=k == 0, cucm_subscribers=0 if k == 0 else 1)
    links = [{"id": f"l{i}", "a": f"s{i}", "b": f"s{i + 1}"} for i in range(n - 1)]
    design = Design.model_validate({"name": "spread", "vpn": {"technology": "none"}, "sites": sites,
                                    "links": links})
    walked = []
    real = clustering.Forest.path

    def counting(self, a, b, limit=None):
        walked.append(limit)
        return real(self, a, b, limit)

    monkeypatch.setattr(clustering.Forest, "path", counting)
    pairs = clustering.pairs(design)
    assert len(pairs) == 600 * 3 and all(p.far for p in pairs)
    assert set(walked) == {clustering.MAX_PAIR_LINKS}  # every walk was bounded


def _rings(sizes: list[int], cp: list[str]) -> Design:
    # rings of leased lines (so the WAN has cycles: no forest), sites r{k}s{i}; `cp` holds the sites with call
    # processing, one cluster, the first the publisher
    sites, links = [], []
    for k, n in enumerate(sizes):
        for i in range(n):
            sid = f"r{k}s{i}"
            sites.append({"id": sid, "users": 10, "cucm_publisher": sid == cp[0],
                          "cucm_subscribers": 1 if sid in cp[1:] else 0})
            links.append({"id": f"r{k}l{i}", "a": sid, "b": f"r{k}s{(i + 1) % n}", "capacity_kbps": 100_000})
    return Design.model_validate({"name": "rings", "vpn": {"technology": "none"}, "sites": sites, "links": links})


def test_on_a_meshed_wan_a_pair_beyond_the_limit_by_the_fewest_links_needs_no_search(monkeypatch):
    # a ring of 200: s0 and s100 are 100 links apart either way, so no path of 64 links or fewer joins them
    design = _rings([200], ["r0s0", "r0s100"])
    searched = []
    real = clustering.Graph.tree
    monkeypatch.setattr(clustering.Graph, "tree", lambda self, s: searched.append(s) or real(self, s))
    (pair,) = clustering.pairs(design)
    assert pair.far and pair.rtt_ms is None and searched == []


def test_on_a_meshed_wan_a_pair_within_the_limit_is_searched_and_followed():
    # a ring of 100 links of 20 ms: s0 and s40 are 40 links apart one way (800 ms) and 60 the other
    design = _rings([100], ["r0s0", "r0s40"])
    (pair,) = clustering.pairs(design)
    assert not pair.far and len(pair.links) == 40 and pair.rtt_ms == 40 * 20.0


def test_sites_in_two_parts_of_the_wan_are_unconnected_not_far():
    # two separate rings: no path at all, which the round-trip check reports as such (not as too far apart)
    design = _rings([150, 150], ["r0s0", "r1s0"])
    (pair,) = clustering.pairs(design)
    assert not pair.far and pair.rtt_ms is None
    (rtt,) = [f for f in analyse(design).findings if f.code == "DEP-COW-RTT"]
    assert "no WAN path" in rtt.message
