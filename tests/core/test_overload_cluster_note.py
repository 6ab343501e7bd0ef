"""A link overloaded by calls that also carries intra-cluster traffic (clustering over the WAN): the overload
finding's message gives voice and signalling, but the capacity its remedy asks for counts the cluster traffic too.
The remedy now says how much of that figure is cluster traffic, so the two figures no longer read as a mistake
("needs 1,117.60 kbps … Raise the capacity to at least 10,382 kbps")."""

from __future__ import annotations

import math
import sys
from pathlib import Path

from advisor import traffic
from advisor.analysis import analyse
from advisor.model import Design
from advisor.rules import bandwidth

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402
from varied import vary  # noqa: E402


def _cluster_over_a_thin_link() -> Design:
    # hq: the publisher with 2 subscribers' worth of cluster (the data centre holds 2 subscribers); a branch calls
    # the hq over the cloud, so hq's 64 kbps access link is overloaded by calls and carries the cluster's traffic
    sites = [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True},
             {"id": "dc", "kind": "datacenter", "cucm_subscribers": 2},
             {"id": "b1", "users": 400, "survivability": "srst", "srst_capacity": 500}]
    links = [{"id": "l-hq", "a": "hq", "b": "wan", "rtt_ms": 20, "capacity_kbps": 64},
             {"id": "l-dc", "a": "dc", "b": "wan", "rtt_ms": 20, "capacity_kbps": 100_000},
             {"id": "l-b1", "a": "b1", "b": "wan", "rtt_ms": 20, "capacity_kbps": 100_000}]
    return Design.model_validate({"name": "cow", "sites": sites, "clouds": [{"id": "wan", "kind": "mpls"}],
                                  "links": links})


def test_the_remedy_says_how_much_of_its_figure_is_cluster_traffic():
    results = analyse(_cluster_over_a_thin_link())
    link = next(r for r in results.links if r.id == "l-hq")
    # Cisco SRND (clustering over the WAN): ICCS at least 1.544 Mbps, plus 1.544 Mbps of database replication per
    # remote server: 2 subscribers at the data centre -> 1,544 + 2 × 1,544 = 4,632 kbps between hq and dc
    assert link.cluster_kbps == 4_632.0
    (over,) = [f for f in results.findings if f.code == "BW-LINK-OVERLOAD" and f.subjects == ("l-hq",)]
    asked = math.ceil(link.voice_kbps + link.signalling_kbps + 4_632.0)  # what the link must carry in all
    assert over.remedy.startswith(f"Raise the capacity to at least {asked:,d} kbps")
    assert over.remedy.endswith(f" The {asked:,d} kbps include the 4,632.00 kbps of intra-cluster traffic (ICCS and "
                                "database replication between the cluster's sites) that crosses this link.")
    assert f"needs {link.voice_kbps + link.signalling_kbps:,.2f} kbps" in over.message  # voice and signalling only


def test_a_link_without_cluster_traffic_has_no_such_note():
    results = analyse(_cluster_over_a_thin_link())
    for f in results.findings:
        if f.code == "BW-LINK-OVERLOAD" and f.subjects != ("l-hq",):
            assert "intra-cluster" not in f.remedy


def test_the_column_path_writes_the_same_note_as_the_loop():
    design = vary(generate(400, "mpls"), 2)  # clusters over the WAN on thin links, calls on every link
    sizing = traffic.size(design, "none")
    by_columns = bandwidth.check(design, sizing, columns_min=0)
    by_loop = bandwidth.check(design, sizing, columns_min=10 ** 9)
    assert [f.model_dump() for f in by_columns] == [f.model_dump() for f in by_loop]
    noted = [f for f in by_loop if "of intra-cluster traffic" in f.remedy]
    assert noted and all(f.code == "BW-LINK-OVERLOAD" for f in noted)
