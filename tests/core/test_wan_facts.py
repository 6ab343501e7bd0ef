"""Which transport each link uses (`rules._wan.wan_facts`): its cloud's kind at either end, else 'leased', read by
C-level passes; checked here against a plain link-by-link reading on the bundled examples and generated designs of
every shape, and by hand on a small drawing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from advisor import io
from advisor.model import Design
from advisor.rules import _wan

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import EXTRA_TOPOLOGIES, TOPOLOGIES, generate  # noqa: E402


def _plain(design: Design) -> dict[str, str]:
    clouds = {c.id: c.kind for c in design.clouds}
    return {ln.id: clouds.get(ln.a) or clouds.get(ln.b) or "leased" for ln in design.links}


def _designs():
    for path in sorted((ROOT / "resources" / "examples").glob("*.json")):
        yield io.load(path)
    for shape in (*TOPOLOGIES, *EXTRA_TOPOLOGIES):
        if shape != "full-mesh":
            yield generate(300, shape)


@pytest.mark.parametrize("design", list(_designs()), ids=lambda d: d.name[:30])
def test_transports_are_the_plain_reading(design):
    facts = _wan._wan_facts(design)
    plain = _plain(design)
    assert facts.transport == plain
    assert list(facts.transport) == list(plain)  # in the links' order
    assert facts.internet_links == tuple(k for k, v in plain.items() if v == "internet")
    assert facts.mpls_links == tuple(k for k, v in plain.items() if v == "mpls")
    assert facts.private_links == tuple(k for k, v in plain.items() if v in ("private-wan", "leased"))
    assert facts.nat_links == tuple(ln.id for ln in design.links if ln.nat)


def test_a_small_drawing_by_hand():
    design = generate(4, "mpls")
    data = design.model_dump()
    data["clouds"] = [{"id": "net", "name": "Internet", "kind": "internet", "x": 0.0, "y": 0.0},
                      {"id": "mp", "name": "MPLS", "kind": "mpls", "x": 0.0, "y": 0.0}]
    data["links"] = [dict(data["links"][0], id="a", a="s0", b="net", nat=True),  # the cloud at the b end
                     dict(data["links"][0], id="b", a="mp", b="s1", nat=False),  # at the a end
                     dict(data["links"][0], id="c", a="s2", b="s3", nat=False)]  # site to site
    facts = _wan._wan_facts(Design.model_validate(data))
    assert facts.transport == {"a": "internet", "b": "mpls", "c": "leased"}
    assert (facts.internet_links, facts.mpls_links, facts.private_links, facts.nat_links) == (
        ("a",), ("b",), ("c",), ("a",))
