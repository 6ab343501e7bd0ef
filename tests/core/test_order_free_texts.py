"""What the analysis names and the figures it shows beside a name do not depend on the order a design lists its sites,
clouds and links in: of items whose figures tie, the choice goes by their other figures shown, then by the smallest
id. Each defect found, as the short sequence that shows it.

- The priority-queue finding named the first listed of links with as much voice: five branches of 40 users on one
  MPLS cloud (7 calls each), b3 and b4 with 60 phones; listed hq, b1…b4 it named 'hq – mpls', 'b1 – mpls',
  'b2 – mpls' (CS3 18, 4, 4 kbps), listed b4…hq 'b4 – mpls', 'b3 – mpls', 'b2 – mpls' and gave its example on
  'b4 – mpls' ('bandwidth 5' instead of 'bandwidth 18'). Now the most calls, the dearest call, the most signalling,
  then the smallest id: 'hq – mpls', 'b3 – mpls', 'b4 – mpls' either way.
- Per-tunnel QoS named the first listed of spokes as slow: DMVPN hub hq, spokes s1 and s2 at 2,048 kbps, said
  "the slowest 's2'" with s2 listed first. Now the smallest id, 's1'.
- The Internet finding's shaping example was the first listed of links with as much voice: hq at 10,000 kbps and
  three spokes (5 calls each) said 'shape average 10000000' listed hq first, 'shape average 2048000' listed s1
  first. Now the fastest of them, then the smallest id.
- A transport's technology in use (`chosen`) was its first cloud's: two Internet clouds, one set to IPsec, the
  design GRE over IPsec, said 'ipsec' or 'gre-ipsec' by the order of the clouds; and the transports were listed in
  the order of their first link. Now the technology most of the transport's links use (of as many, the one of the
  cloud with the smallest id), the transports by name.
- 'recommend' on one of two Internet clouds (the design 'recommend', no MPLS) ranked the Internet on its own links
  only when that cloud was listed first.
- A cluster's BHCA was added site by site in design order: 2,765 × 6.57 + 2,359 × 4.28 + 1,316 × 7.33 = 37,908.85
  read '37,908.8 BHCA' or '37,908.9 BHCA' by the order of the sites. Now summed exactly, then rounded once.
- The comparison named the first listed of links as busy as its busiest link: 'l-b2' listed first, 'l-b1' second.
  Now the smallest id.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from advisor import clustering, scenarios
from advisor.analysis import analyse
from advisor.model import Design

ORDERS4 = [[0, 1, 2, 3], [3, 2, 1, 0], [2, 3, 0, 1], [1, 3, 0, 2]]


def _one(results, code: str):
    found = [f for f in results.findings if f.code == code]
    assert len(found) == 1, [f.code for f in results.findings]
    return found[0]


# ---- the priority-queue examples

def _queues(order: list[int]) -> Design:
    phones = {"b1": 40, "b2": 40, "b3": 60, "b4": 60}
    sites = [{"id": "hq", "users": 40, "kind": "hq", "cucm_publisher": True},
             *({"id": s, "users": 40, "phones": p} for s, p in phones.items())]
    links = [{"id": f"l-{s['id']}", "a": s["id"], "b": "mpls"} for s in sites]
    return Design.model_validate({"sites": [sites[k] for k in order], "clouds": [{"id": "mpls", "kind": "mpls"}],
                                  "links": [links[k] for k in order], "vpn": {"technology": "none"}})


@pytest.mark.parametrize("order", [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 4, 0, 3, 1], [3, 1, 4, 2, 0]])
def test_equal_priority_queues_are_named_by_their_other_figures_then_their_ids(order):
    # every site has 40 users: the same Erlangs, so the same calls on every link, each × 87.2 kbps (G.711 at 20 ms:
    # 200 B + 18 B Ethernet = 218 B × 8 × 50 /s) = 610.4 kbps, priority 611 on each. Signalling grows with the
    # phones (b3 and b4 have 60, b1 and b2 40), and the hub's link carries every branch's: hq, then b3 and b4 (as
    # much signalling: the smaller id first); by ids alone b1 and b2 would come before them
    found = _one(analyse(_queues(order)), "QOS-PRIORITY-QUEUE")
    named = [part.split("'")[1] for part in found.message.split(": ", 1)[1].split("; ")[:3]]
    assert named == ["hq – mpls", "b3 – mpls", "b4 – mpls"]
    assert found.message.count("priority 611 kbps") == 3 and found.message.endswith("; and 2 more")
    assert "(e.g. 'priority 611' and 'bandwidth " in found.remedy and " on 'hq – mpls')" in found.remedy
    assert found.message == _one(analyse(_queues([0, 1, 2, 3, 4])), "QOS-PRIORITY-QUEUE").message


# ---- the slowest spoke and the Internet example

def _dmvpn(order: list[int], capacities: dict[str, float]) -> Design:
    sites = [{"id": s, "users": 20, "kind": "hq" if s == "hq" else "branch", "cucm_publisher": s == "hq"}
             for s in capacities]
    links = [{"id": "l" + s, "a": s, "b": "inet", "capacity_kbps": c} for s, c in capacities.items()]
    return Design.model_validate({"sites": [sites[k] for k in order], "clouds": [{"id": "inet", "kind": "internet"}],
                                  "links": [links[k] for k in order], "vpn": {"technology": "dmvpn", "hub_site": "hq"}})


@pytest.mark.parametrize("order", ORDERS4)
def test_of_spokes_as_slow_per_tunnel_qos_names_the_smallest_id(order):
    # every spoke is slower than the hub's 10,000 kbps; s1 and s2 the slowest, s1 the smaller id
    found = _one(analyse(_dmvpn(order, {"hq": 10_000, "s0": 4096, "s2": 2048, "s1": 2048})), "QOS-PER-TUNNEL")
    assert found.message.endswith("3 of 3 spokes with calls are slower, the slowest 's1' at 2,048 kbps; configure "
                                  "per-tunnel QoS on the hub")
    assert "(e.g. 'shape average 2048000' for 's1')" in found.remedy


@pytest.mark.parametrize("order", ORDERS4)
def test_of_internet_links_with_as_much_voice_the_example_is_the_fastest_then_the_smallest_id(order):
    # every site has 20 users: the same calls on each link; s0 and s2 are the fastest, s0 the smaller id
    found = _one(analyse(_dmvpn(order, {"hq": 2048, "s0": 4096, "s2": 4096, "s1": 2048})), "QOS-INTERNET-SLA")
    assert "(e.g. 's0 – inet': 'shape average 4096000' with 'priority " in found.remedy
    assert "if 4,096 kbps is the real upstream rate" in found.remedy


# ---- a transport's technology in use

def _hybrid(cloud_order: list[int], reverse_links: bool, on_b: int) -> Design:
    sites = [{"id": s, "users": 20, "kind": "hq" if s == "hq" else "branch", "cucm_publisher": s == "hq"}
             for s in ("hq", "s1", "s2", "s3", "s4")]
    links = [{"id": "lhq", "a": "hq", "b": "m"}, {"id": "l1", "a": "s1", "b": "inet-a"}]
    links += [{"id": f"l{k}", "a": f"s{k}", "b": "inet-b" if k < 2 + on_b else "m"} for k in (2, 3, 4)]
    clouds = [{"id": "m", "kind": "mpls"}, {"id": "inet-a", "kind": "internet", "technology": "ipsec"},
              {"id": "inet-b", "kind": "internet"}]
    return Design.model_validate({"sites": sites, "clouds": [clouds[k] for k in cloud_order],
                                  "links": links[::-1] if reverse_links else links,
                                  "vpn": {"technology": "gre-ipsec"}})


@pytest.mark.parametrize("reverse_links", [False, True])
@pytest.mark.parametrize("cloud_order", list(itertools.permutations(range(3))))
@pytest.mark.parametrize(("on_b", "internet"), [(1, "ipsec"), (2, "gre-ipsec")])
def test_a_transport_uses_what_most_of_its_links_use_whatever_the_order(on_b, internet, cloud_order, reverse_links):
    # inet-a (IPsec, set on the cloud) has one link; inet-b (the design's GRE over IPsec) one or two. One each: a tie,
    # the technology of 'inet-a', the smaller id
    rec = analyse(_hybrid(list(cloud_order), reverse_links, on_b)).recommendation
    assert [(t.transport, t.chosen) for t in rec.per_transport] == [("internet", internet), ("mpls", "gre-ipsec")]
    assert rec.per_cloud == {"inet-a": "ipsec"}


@pytest.mark.parametrize("cloud_order", [[0, 1], [1, 0]])
def test_recommend_on_any_cloud_of_a_transport_ranks_it_whatever_the_order(cloud_order):
    sites = [{"id": s, "users": 20, "kind": "hq" if s == "hq" else "branch", "cucm_publisher": s == "hq"}
             for s in ("hq", "s1", "s2")]
    clouds = [{"id": "a", "kind": "internet"}, {"id": "b", "kind": "internet", "technology": "recommend"}]
    links = [{"id": "lhq", "a": "hq", "b": "a"}, {"id": "l1", "a": "s1", "b": "a"}, {"id": "l2", "a": "s2", "b": "b"},
             {"id": "l3", "a": "hq", "b": "b"}]
    design = Design.model_validate({"sites": sites, "clouds": [clouds[k] for k in cloud_order], "links": links,
                                    "vpn": {"technology": "recommend"}})
    (internet,) = analyse(design).recommendation.per_transport
    assert internet.transport == "internet" and internet.ranking
    assert internet.technology == internet.ranking[0].technology


# ---- a cluster's BHCA

_COW = [{"id": "hq", "kind": "hq", "users": 2765, "cucm_publisher": True, "cucm_subscribers": 2,
         "traffic": {"calls_per_user": 6.57}},
        {"id": "dc", "users": 2359, "cucm_subscribers": 2, "traffic": {"calls_per_user": 4.28}},
        {"id": "b1", "users": 1316, "traffic": {"calls_per_user": 7.33}}]


def _cow(order) -> Design:
    links = [{"id": "l-" + s["id"], "a": s["id"], "b": "wan", "capacity_kbps": 1000, "rtt_ms": 20} for s in _COW]
    return Design.model_validate({"sites": [_COW[k] for k in order], "clouds": [{"id": "wan", "kind": "mpls"}],
                                  "links": [links[k] for k in order]})


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_a_clusters_bhca_is_one_figure_whatever_the_order_of_its_sites(order):
    # 2,765 × 6.57 + 2,359 × 4.28 + 1,316 × 7.33 = 18,166.05 + 10,096.52 + 9,646.28 = 37,908.85 BHCA: the double
    # nearest it lies just below, so six digits read 37,908.8. ICCS = 1,000 × 37,908.85 / 10,000 × (1 + 0.006 ×
    # 40 ms) = 4,700.7 kbps; + 2 remote servers × 1,544 kbps = 7,788.7, needs 7,789 kbps
    assert Decimal(37908.85) < Decimal("37908.85")
    design = _cow(order)
    assert clustering.clusters_bhca(design) == {"cluster-1": 37908.85}
    found = _one(analyse(design), "DEP-COW-BANDWIDTH")
    assert "'hq'–'dc' needs 7,789 kbps for clustering over the WAN (ICCS 4,701 kbps at 37,908.8 BHCA and 40 ms" \
           in found.message


# ---- the comparison's busiest link

@pytest.mark.parametrize("order", [[0, 1, 2], [2, 1, 0], [1, 2, 0]])
def test_of_links_as_busy_the_comparison_names_the_smallest_id(order):
    sites = [{"id": "hq", "users": 40, "kind": "hq", "cucm_publisher": True}, {"id": "b1", "users": 40},
             {"id": "b2", "users": 40}]
    links = [{"id": "l-hq", "a": "hq", "b": "mpls", "capacity_kbps": 100_000},
             {"id": "l-b1", "a": "b1", "b": "mpls", "capacity_kbps": 1000},
             {"id": "l-b2", "a": "b2", "b": "mpls", "capacity_kbps": 1000}]
    design = Design.model_validate({"sites": [sites[k] for k in order], "clouds": [{"id": "mpls", "kind": "mpls"}],
                                    "links": [links[k] for k in order]})
    results = analyse(design)
    b1, b2 = (next(r for r in results.links if r.id == k) for k in ("l-b1", "l-b2"))
    assert (b1.utilization, b1.kbps) == (b2.utilization, b2.kbps)  # alike: the same users, the same capacity
    assert scenarios.outcome("now", design, results).busiest_link == "l-b1"
