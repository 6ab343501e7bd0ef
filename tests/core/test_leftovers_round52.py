"""Leftovers, round 52 (core): every figure of a refusal is grouped as the app and the command line show figures
("must be ≤ 1,000,000", was "≤ 1000000"; "phones in public areas (1,000,000) exceed the site's phones (1,500)"),
fractional bounds exact ("≥ 0.01", "0.000000000001", never "1e-12"); undo texts count "Paste 1,200 items" (was
"Paste 1200 items"); `--vary` combinations that make no valid scenario name fields in words ("packetization", was
"ptime_ms")."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from advisor import io, scenarios
from advisor.command_base import CommandError, plural
from advisor.commands import SetFields, clone, describe_nodes
from advisor.model import Design, Link, Site


def _design(**site) -> dict:
    return {"name": "D", "sites": [{"id": "hq", "name": "HQ", "kind": "hq", "users": 10},
                                   {"id": "b1", "name": "Branch 1", **site}],
            "links": []}


@pytest.mark.parametrize(("value", "said"), [
    (1_000_000, "1,000,000"), (1e6, "1,000,000"), (-1e6, "-1,000,000"), (1e9, "1,000,000,000"), (200, "200"),
    (36000, "36,000"), (0, "0"), (0.0, "0"), (0.01, "0.01"), (1e-12, "0.000000000001"), (100000.5, "100,000.5"),
    (12345.678, "12,345.678"), (Decimal("0.5"), "0.5"), (2**70, "1,180,591,620,717,411,303,424"),
    (5e-324, "5e-324"), (1e300, "1e+300"),
])
def test_a_bound_is_exact_and_grouped(value, said):
    from advisor.validation import bound  # new in round 52

    assert bound(value) == said


@pytest.mark.parametrize(("path", "value", "said"), [
    (("sites", 1, "users"), 10**7, "sites[1].users: must be ≤ 1,000,000 (site 'Branch 1')"),
    (("sites", 1, "x"), -2e6, "sites[1].x: must be ≥ -1,000,000 (site 'Branch 1')"),
    (("sites", 1, "srst_capacity"), 10**30, "sites[1].srst_capacity: must be ≤ 1,000,000 (site 'Branch 1')"),
    (("links", 0, "capacity_kbps"), 1e12, "links[0].capacity_kbps: must be ≤ 1,000,000,000"),
    (("traffic", "llq_share"), 5e-324, "traffic.llq_share: must be ≥ 0.01"),  # fractional: exact, as it was
])
def test_design_file_bounds_are_grouped(path, value, said):
    data = _design(users=5)
    data["links"] = [{"id": "l1", "a": "hq", "b": "b1"}]
    data.setdefault("traffic", {})
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(io.DesignFileError) as caught:
        io.parse(json.dumps(data))
    assert said in str(caught.value)
    assert "1000000" not in str(caught.value)


def test_the_public_phones_check_groups_both_counts():
    with pytest.raises(ValueError) as caught:
        Site(id="b", users=2000, phones=1500, public_area_phones=1_000_000)
    assert "phones in public areas (1,000,000) exceed the site's phones (1,500)" in str(caught.value)


def test_an_edit_refused_by_a_bound_says_it_grouped():
    design = Design.model_validate(_design(users=5))
    with pytest.raises(CommandError) as caught:
        SetFields("b1", {"users": 5_000_000}).apply(design)
    assert str(caught.value) == "Site 'Branch 1': Users must be ≤ 1,000,000"


def test_undo_texts_count_with_thousands_separators():
    design = Design.model_validate(_design(users=5))
    nodes = [{"id": f"n{i}", "name": f"N {i}", "kind": "branch", "x": i % 100, "y": i // 100} for i in range(1200)]
    assert clone(design, nodes).text == "Paste 1,200 items"  # was "Paste 1200 items"
    assert clone(design, nodes, text="Duplicate").text == "Duplicate 1,200 items"
    big = Design(name="Big", sites=tuple(Site(id=f"s{i}") for i in range(1001)),
                 links=tuple(Link(id=f"l{i}", a="s0", b=f"s{i}") for i in range(1, 1001)))
    assert describe_nodes(big, [s.id for s in big.sites] + [x.id for x in big.links]) == "1,001 sites and 1,000 links"
    assert plural(1, "item") == "1 item" and plural(12345, "node") == "12,345 nodes"


@pytest.mark.parametrize(("varied", "said"), [
    ([("ptime", ["500"])], "--vary ptime=500: packetization: must be ≤ 200"),  # was "ptime_ms: must be ≤ 200"
    ([("calls", ["-1"])], "--vary calls=-1: busy-hour calls per user: must be ≥ 0"),  # was "calls_per_user: …"
    ([("gos", ["2"])], "--vary gos=2: grade of service: must be < 1"),
])
def test_vary_problems_name_fields_in_words(varied, said):
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.scenarios_from_vary(varied)
    assert str(caught.value) == said
