"""A link overloaded by voice and signalling that also carries clustering-over-the-WAN traffic: the finding said
"needs 2,143.20 kbps … (104.6 % used)" beside a Links table that gives the link 8,319.20 kbps (406.2 %). Its message
now gives both: the voice and signalling it is about, and the link's whole load with the intra-cluster traffic."""

from __future__ import annotations

from advisor import analysis
from advisor.model import Design
from advisor.rules import bandwidth
from tests.core.test_bandwidth_columns import _by_columns, _sizing


def _design() -> Design:
    # three sites on MPLS, each hosting call processing of one cluster: intra-cluster traffic on every link
    sites = [{"id": "hq", "kind": "hq", "users": 200, "cucm_publisher": True, "cucm_subscribers": 1},
             {"id": "b1", "users": 150, "cucm_subscribers": 1}, {"id": "b2", "users": 150, "cucm_subscribers": 1}]
    links = [{"id": f"l-{s['id']}", "a": s["id"], "b": "m", "capacity_kbps": 2048} for s in sites]
    return Design.model_validate({"name": "cluster", "sites": sites, "clouds": [{"id": "m", "kind": "mpls"}],
                                  "links": links})


def test_the_overload_says_the_links_whole_load_with_its_cluster_traffic():
    results = analysis.analyse(_design())
    hq = next(r for r in results.links if r.id == "l-hq")
    assert hq.cluster_kbps > 0 and hq.voice_kbps + hq.signalling_kbps > hq.capacity_kbps
    (finding,) = [f for f in results.findings if f.code == "BW-LINK-OVERLOAD" and f.subjects == ("l-hq",)]
    # the whole load as the Links table prints it: its kbps with two decimals, its share of the capacity
    whole = f"{hq.kbps:,.2f} kbps ({hq.kbps / hq.capacity_kbps * 100:.1f} % used)"
    assert finding.message.endswith(f"; {whole} with the {hq.cluster_kbps:,.2f} kbps of intra-cluster traffic that "
                                    "crosses it")
    assert f"({(hq.voice_kbps + hq.signalling_kbps) / hq.capacity_kbps * 100:.1f} % used)" in finding.message


def test_the_column_reading_of_a_large_design_writes_the_same_texts():
    design = _design()
    sizing = _sizing(design)
    loop = bandwidth._per_link(design, sizing)
    columns = _by_columns(design, sizing)
    assert [f.message for f in columns] == [f.message for f in loop]
    assert sum("intra-cluster traffic that crosses it" in f.message for f in loop) == 1  # the HQ's, overloaded
