"""Clustering over the WAN's rows and findings, with their texts shared across clusters and their findings built in
one batch (`deployment_paths._Texts`, `findings_of`), against the pair-by-pair references of tests/core/cow_plain.py:
the same rows and the same findings, field by field and in order, on varied designs where every kind of pair occurs
(within the limit, too slow, short of bandwidth, too many links apart, no WAN path at all, a cluster too wide)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from advisor.rules import deployment, deployment_paths

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402
from varied import vary  # noqa: E402

from tests.core.cow_plain import _grouped as _grouped_plain  # noqa: E402
from tests.core.delay_stage_plain import _plain_cow_checks  # noqa: E402
from tests.core.test_deployment_stage_columns import _sizing  # noqa: E402


def _kinds(rows, found) -> set[str]:
    kinds = {status for label, status, _ in rows if label.startswith(("RTT", "intra-cluster"))}
    for f in found:
        m = f.message
        kinds.add("apart" if "links apart" in m else "no path" if "no WAN path" in m else
                  "wide" if "call-processing nodes at" in m else "slow" if "round-trip time between" in m else
                  "short" if " needs " in m else "other")
    return kinds


def _both(design):
    """(rows, findings) of `cow_checks` as it is and of the plain reference, on the design's own sizing."""
    sizing = _sizing(design)
    clusters = deployment.clusters_of(design)
    got = ([], [])
    deployment_paths.cow_checks(design, sizing, clusters, *got)
    ref = ([], [])
    _plain_cow_checks(design, sizing, clusters, *ref)
    return got, ref


def _assert_same(design) -> set[str]:
    (rows, found), (ref_rows, ref_found) = _both(design)
    assert rows == ref_rows
    assert [f.model_dump() for f in found] == [f.model_dump() for f in ref_found]
    assert [repr(f) for f in found] == [repr(f) for f in ref_found]
    return _kinds(rows, found)


@pytest.mark.parametrize(("topology", "seed"), [("chain", 1), ("mpls", 1), ("mesh", 3)])
def test_varied_designs_give_the_pair_by_pair_rows_and_findings(topology, seed):
    kinds = _assert_same(vary(generate(1_000, topology), seed))
    assert {"ok", "fail", "slow", "short"} <= kinds
    if topology != "mpls":
        assert "apart" in kinds


def test_pairs_with_no_path_and_clusters_too_wide_read_as_before():
    design = vary(generate(1_000, "chain"), 1)
    cut = len(design.links) // 2  # the chain cut in two: the clusters across the cut have no WAN path
    design = design.model_copy(update={"links": design.links[:cut] + design.links[cut + 1:]})
    kinds = _assert_same(design)
    assert "no path" in kinds
    sites = [s.model_copy(update={"cluster_id": "one", "cucm_subscribers": 1}) if i % 40 == 0 else s
             for i, s in enumerate(design.sites)]
    kinds = _assert_same(design.model_copy(update={"sites": sites}))
    assert "wide" in kinds


def test_whole_figures_are_grouped_as_whole_digits_groups_them():
    rnd = random.Random(44)
    values = [0, 0.0, -0.0, 1, 1.0, 0.5, 0.999, 1.5, 999_999.0, 1_000_000.0, 1_234_567, 1e15 - 1, 1e15, 1e15 + 2,
              2.0 ** 53, 10 ** 15 - 1, 10 ** 15, 10 ** 20, -5000.0, -5000, 12.3456, 1e-9, float("inf"), float("nan")]
    values += [float(rnd.randint(1, 10 ** rnd.randint(1, 16))) for _ in range(2_000)]
    values += [rnd.randint(1, 10 ** rnd.randint(1, 17)) for _ in range(2_000)]
    values += [rnd.uniform(0, 10 ** rnd.randint(0, 16)) for _ in range(2_000)]
    values += [10 ** rnd.uniform(-6, 16) for _ in range(4_000)] + [1e-4, 0.9999e-4, 1234567.5, 2.5, 999_999.5]
    for v in values:
        assert deployment_paths._grouped(v) == _grouped_plain(v), v


def test_a_figure_with_decimals_has_its_whole_part_grouped():
    # a varied calls-per-user setting makes a fractional BHCA: '3,978.92 BHCA', as '4,362 BHCA' beside it
    assert deployment_paths._grouped(3978.92) == "3,978.92"
    assert deployment_paths._grouped(12345.6789) == "12,345.7"  # six significant digits, as typed settings show
    assert deployment_paths._grouped(465.45) == "465.45" and deployment_paths._grouped(0.5) == "0.5"


def test_the_capacity_asked_for_is_rounded_up():
    # 137,771.39 kbps needed: 'at least 137,772 kbps' (as the link overload remedy asks), never 137,771
    assert deployment_paths._at_least(137_771.39) == "137,772"
    assert deployment_paths._at_least(137_771.0) == "137,771"
    assert deployment_paths._at_least(137_771.0 + 1e-9) == "137,771"  # float noise is not a kbps more
