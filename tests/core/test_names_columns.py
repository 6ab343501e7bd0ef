"""`Names` reads the sites', clouds' and links' names column by column (C-level passes): each name it shows is the
one the plain per-item reading below gives, for every mixture of named, blank, padded, invisible and repeated
names."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.model import Design
from advisor.rules._names import Names, _shared
from advisor.shown_names import shows


def plain_nodes(design: Design) -> dict[str, str]:
    """The per-item reading (the code before the columns): a name shows stripped; else the id stands for it; two
    alike carry their ids."""
    every = (*design.sites, *design.clouds)
    nodes = {n.id: n.name.strip() if shows(n.name) else n.id for n in every}
    dups = _shared(list(nodes.values()))
    return {i: f"{t} ({i})" if t in dups and t != i else t for i, t in nodes.items()}


def plain_link_keys(design: Design) -> dict[str, str | tuple[str, str]]:
    return {ln.id: ln.name.strip() if shows(ln.name) else (ln.a, ln.b) for ln in design.links}


# names a user may type: plain, blank, padded, repeated, non-ASCII, invisible (zero-width space, direction mark)
_NAMES = st.sampled_from(["", "  ", "Maribor", " Maribor ", "Celje", "Zürich", "\u200b", "a\u200b", "\u200e ",
                          "Koper – Izola", "s1"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAMES, min_size=2, max_size=8), st.lists(_NAMES, max_size=2),
       st.lists(st.tuples(_NAMES, st.integers(0, 7), st.integers(0, 9)), max_size=10))
def test_names_read_by_columns_match_the_per_item_reading(site_names, cloud_names, links):
    sites = [{"id": f"s{i}", "name": name} for i, name in enumerate(site_names)]
    clouds = [{"id": f"c{j}", "name": name, "kind": "mpls"} for j, name in enumerate(cloud_names)]
    nodes = [s["id"] for s in sites] + [c["id"] for c in clouds]
    rows = []
    for k, (name, a, b) in enumerate(links):
        end_a = sites[a % len(sites)]["id"]  # a site at one end at least
        end_b = nodes[b % len(nodes)]
        if end_b == end_a:
            continue
        rows.append({"id": f"l{k}", "a": end_a, "b": end_b, "name": name})
    design = Design.model_validate({"name": "t", "sites": sites, "clouds": clouds, "links": rows})
    names = Names(design)
    assert {i: names.node(i) for i in nodes} == plain_nodes(design)
    assert names._link_keys() == plain_link_keys(design)
    # every link named alike, or none named at all: the two C-level cases
    for same in ("Fibre", ""):
        alike = Design.model_validate({"name": "t", "sites": sites, "clouds": clouds,
                                       "links": [{**r, "name": same} for r in rows]})
        assert Names(alike)._link_keys() == plain_link_keys(alike)
