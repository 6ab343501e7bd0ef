"""Legal but extreme designs that took minutes: many parallel links at one site (the model takes 50,000 links) and
thousands of sites on one cloud. `advisor explain` scanned every site and every signalling flow for each link,
`advisor configs` searched a site's links for each of its links, and the PDF's topology drawing scanned a pile of
labels on one spot for every new label: each quadratic. (49,000 parallel links: explain 31 s, configs and the PDF
more than a minute; 20,000 sites on one cloud: explain more than a minute.)
"""

from __future__ import annotations

from pathlib import Path

from advisor import signalling
from advisor.analysis import analyse
from advisor.configs._base import Context as ConfigContext
from advisor.explain import Context, explain_design, traffic_terms
from advisor.io import load
from advisor.model import Design
from advisor.report.diagram_space import MAX_PER_CELL, Occupancy

MPLS = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json"


def parallel(count: int) -> Design:
    """An HQ and a branch on one MPLS cloud; the HQ reaches the cloud over `count` parallel links."""
    return Design.model_validate({
        "sites": [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True},
                  {"id": "br", "users": 20}],
        "clouds": [{"id": "mpls", "kind": "mpls"}],
        "links": [{"id": "l-br", "a": "br", "b": "mpls"},
                  *({"id": f"p{i}", "a": "hq", "b": "mpls"} for i in range(1, count + 1))],
    })


def test_each_parallel_link_gets_its_own_interface_in_design_order():
    design = parallel(3)
    ctx = ConfigContext.of(design, analyse(design))
    # the HQ's three links are its 1st, 2nd and 3rd WAN interfaces; the branch has one link: no number
    assert [ctx.interface("hq", f"p{i}") for i in (1, 2, 3)] == ["<WAN-IF-1>", "<WAN-IF-2>", "<WAN-IF-3>"]
    assert ctx.interface("br", "l-br") == "<WAN-IF>"


def test_twenty_thousand_parallel_links_are_numbered_at_once():
    design = parallel(20_000)
    ctx = ConfigContext.of(design, analyse(design))
    shown = [ctx.interface("hq", f"p{i}") for i in range(1, 20_001)]
    assert shown[0] == "<WAN-IF-1>" and shown[-1] == "<WAN-IF-20000>"
    assert shown[9_999] == "<WAN-IF-10000>"
    # numbered once for the site (a search per link was 20,000 × 10,000 comparisons on average: ten seconds)
    assert list(ctx._interface_cache) == ["hq"] and len(ctx._interface_cache["hq"]) == 20_000


def test_explain_works_the_signalling_formula_out_once(monkeypatch):
    """Once, for the explanations (the busy hour's figures, demand.Base, are the analysis's, kept for the design),
    not once per phone group of every link (13 links × 12 branches' flows at the HQ's link for this example)."""
    design = load(MPLS)
    results = analyse(design)
    calls = []
    real = signalling.formula
    monkeypatch.setattr(signalling, "formula", lambda design: calls.append(1) or real(design))
    explain_design(Context.of(design, results))
    assert len(calls) == 1


def test_gravity_terms_are_listed_only_for_few_sites(monkeypatch):
    """13 sites send on-net calls: more than the 8 listed one by one, so no link lists them (nor builds the list,
    which cost a scan of every site for each link)."""
    built = []
    monkeypatch.setattr(traffic_terms, "received_terms", lambda ctx, i: built.append(i) or [])
    design = load(MPLS)
    text = "\n".join(e.text() for e in explain_design(Context.of(design, analyse(design))))
    assert built == [] and "  from '" not in text


def test_a_pile_of_labels_on_one_spot_is_placed_in_linear_time():
    taken = Occupancy(42.0)
    box_w, size = 40.0, 7.0
    spots = [(100.0, 100.0), (100.0, 110.0), (100.0, 120.0)]
    for _ in range(20_000):
        taken.place(spots, box_w, size)
    # scanning the whole pile for each label was 20,000 × 3 spots × up to 20,000 boxes; each cell now keeps at most
    # MAX_PER_CELL, so a label is placed against a few hundred boxes whatever the pile
    assert max(len(boxes) for boxes in taken.grid.values()) == MAX_PER_CELL


def test_a_readable_view_is_placed_as_before():
    """Below the cap nothing changes: a free spot is taken first, else the least covered one."""
    taken = Occupancy(42.0)
    taken.add((0.0, 0.0, 50.0, 10.0))  # covers the first spot
    # first spot (0, 5): its box (-1.2, 3.04, 41.2, 10.95) overlaps the taken one over 41.2 × (10 − 3.04) > 0;
    # the second (0, 30) is free
    left, base, overlap = taken.place([(0.0, 5.0), (0.0, 30.0)], 40.0, 7.0)
    assert (left, base, overlap) == (0.0, 30.0, 0.0)
