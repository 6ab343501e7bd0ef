"""Round 43, clusters over WANs with cycles: where two paths between a cluster's sites are equally short (and some
sites have parallel links), the round-trip-time finding named one path while the cluster traffic went on the other;
and an RTT just above the limit read "80 ms, above the 80 ms limit"."""

from __future__ import annotations

import re
from pathlib import Path

from advisor import io
from advisor.analysis import analyse
from advisor.model import Design

DATA = Path(__file__).resolve().parents[1] / "data" / "round43"


def test_the_rtt_finding_names_the_path_that_carries_the_cluster_traffic():
    design = io.load(DATA / "equal-paths-parallel-links.json")  # 67 sites, equal RTT sums, parallel links
    results = analyse(design)
    carried = {ln.id: ln.cluster_kbps for ln in results.links}
    rtt_of = {ln.id: ln.rtt_ms for ln in design.links}
    named = [f for f in results.findings if f.code == "DEP-COW-RTT" and len(f.subjects) > 2]
    assert len(named) >= 10
    for f in named:
        path = f.subjects[2:]
        assert all(carried[link] > 0 for link in path), f.message  # the cluster traffic is on the named path
        shown = float(re.search(r"is ([\d,.]+) ms, above", f.message).group(1).replace(",", ""))
        assert abs(sum(rtt_of[link] for link in path) - shown) < 1e-3 * max(1.0, shown)


def test_an_rtt_just_above_the_limit_shows_the_digits_that_put_it_above():
    chain = [{"id": f"c{k}", "a": "a" if k == 0 else f"m{k}", "b": "b" if k == 19 else f"m{k + 1}", "rtt_ms": 4.0}
             for k in range(20)]
    design = Design.model_validate({
        "name": "Just above", "cucm_release": "12.5",
        "sites": [{"id": "a", "cucm_publisher": True, "cluster_id": "k"},
                  {"id": "b", "cucm_subscribers": 1, "cluster_id": "k"},
                  *({"id": f"m{k}"} for k in range(1, 20))],
        "links": [*chain, {"id": "direct", "a": "a", "b": "b", "rtt_ms": 80.000005}]})
    message = next(f.message for f in analyse(design).findings if f.code == "DEP-COW-RTT")
    shown = re.search(r"is ([\d.]+) ms, above the 80 ms limit", message).group(1)
    assert float(shown) > 80  # was "is 80 ms, above the 80 ms limit"


def test_a_setting_beside_its_limit_reads_apart_from_it():
    from advisor.numbers import setting_beside

    assert setting_beside(80.000005, 80) == "80.00001"  # six digits would read "80", the limit
    assert setting_beside(79.9999999, 80) == "79.9999999"  # below it, likewise
    assert setting_beside(80.0, 80) == "80" and setting_beside(12.5, 80) == "12.5"  # the usual six digits
