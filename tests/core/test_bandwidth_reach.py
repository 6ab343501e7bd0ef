"""Overload and priority-queue remedies never ask for a capacity no link can have: past 1 Tbps (the most a link's
capacity may be) they say so, and what to do instead; below it they keep asking for the capacity needed."""

from __future__ import annotations

import math
import sys
from pathlib import Path

from advisor.analysis import analyse
from advisor.model import MAX_CAPACITY_KBPS, Design

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


def _huge(sites: int = 20) -> Design:
    """A chain of `sites` sites of a million users each, placing 100 busy-hour calls of 10 hours each: its middle
    link carries up to 10 million calls (the phones on its smaller side), × 112.8 kbps (G.711 in GET VPN on
    Ethernet) = 1,128,000,000 kbps, beyond 1 Tbps; the links near the ends, 1 or 2 million calls, stay below it."""
    return Design.model_validate({
        "name": "limits", "traffic": {"calls_per_user": 100, "holding_time_s": 36000},
        "sites": [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": 1_000_000,
                   "cucm_publisher": i == 0} for i in range(sites)],
        "links": [{"id": f"l{i}", "a": f"s{i - 1}", "b": f"s{i}", "capacity_kbps": 1} for i in range(1, sites)]})


def test_a_capacity_beyond_any_link_is_not_asked_for():
    results = analyse(_huge())
    by_link = {x.id: x for x in results.links}
    overloads = {f.subjects[0]: f for f in results.findings if f.code == "BW-LINK-OVERLOAD"}
    assert len(overloads) == 19
    middle = by_link["l10"]
    assert middle.calls == 10_000_000 and math.ceil(middle.kbps) > MAX_CAPACITY_KBPS
    assert overloads["l10"].remedy.startswith(f"No link can be that fast: {math.ceil(middle.kbps):,d} kbps is "
                                              "more than the 1 Tbps")
    assert overloads["l1"].remedy.startswith("Raise the capacity to at least ")  # 1,000,000 calls: ~113 Gbps
    for link_id, f in overloads.items():
        need = math.ceil(by_link[link_id].kbps)
        assert ("Raise the capacity" in f.remedy) == (need <= MAX_CAPACITY_KBPS)
    for f in (f for f in results.findings if f.code == "BW-LLQ-SHARE"):
        asked = math.ceil(by_link[f.subjects[0]].voice_kbps / 0.33)
        assert (f"{asked:,d} kbps is more than the 1 Tbps" in f.remedy) == (asked > MAX_CAPACITY_KBPS)


def test_an_ordinary_overload_still_asks_for_the_capacity_it_needs():
    design = _huge()
    design = design.model_copy(update={"sites": [s.model_copy(update={"users": 50}) for s in design.sites]})
    overloads = [f for f in analyse(design).findings if f.code == "BW-LINK-OVERLOAD"]
    assert overloads and all(f.remedy.startswith("Raise the capacity to at least ") for f in overloads)


def test_the_column_by_column_findings_say_it_too():
    """300 leased lines in a chain, each with figures of its own: the findings built column by column."""
    design = generate(300, "chain")
    design = design.model_copy(update={
        "traffic": design.traffic.model_copy(update={"calls_per_user": 100.0, "holding_time_s": 36000.0}),
        "sites": [s.model_copy(update={"users": 1_000_000}) for s in design.sites]})
    results = analyse(design)
    by_link = {x.id: x for x in results.links}
    overloads = [f for f in results.findings if f.code == "BW-LINK-OVERLOAD"]
    assert len(overloads) >= 256
    for f in overloads:
        need = math.ceil(by_link[f.subjects[0]].kbps)
        assert f.remedy.startswith("No link can be that fast") == (need > MAX_CAPACITY_KBPS)
