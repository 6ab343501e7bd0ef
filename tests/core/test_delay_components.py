"""The farthest partner of each calling site when the drawing falls apart into many pieces: sites with no link,
pairs and triangles of leased lines. Each piece is worked out on its own, found by one labelling of the drawing;
a search per piece to find its sites made 20,000 sites with no link take 12 s."""

from __future__ import annotations

from advisor.model import Design, Link, Site
from advisor.rules import delay_paths, delay_underlay
from advisor.rules._wan import Paths


def _design(loose: int, pairs: list[tuple[float]], triangle: tuple[float, float, float] | None) -> Design:
    sites = [Site(id="hq", kind="hq", users=10, cucm_publisher=True)]
    sites += [Site(id=f"x{i}", users=5) for i in range(loose)]
    links = []
    for i, (rtt,) in enumerate(pairs):
        sites += [Site(id=f"p{i}a", users=5), Site(id=f"p{i}b", users=5)]
        links.append(Link(id=f"lp{i}", a=f"p{i}a", b=f"p{i}b", rtt_ms=rtt))
    if triangle is not None:
        sites += [Site(id=f"t{j}", users=5) for j in range(3)]
        links += [Link(id=f"lt{j}", a=f"t{j}", b=f"t{(j + 1) % 3}", rtt_ms=r) for j, r in enumerate(triangle)]
    return Design(name="pieces", sites=sites, links=links)


def test_each_piece_has_its_own_farthest_partners_and_a_lone_site_none():
    design = _design(3, [(10.0,), (24.0,)], (4.0, 6.0, 20.0))
    paths = Paths(design)
    terminals = [s.id for s in design.sites]
    worst: delay_paths.Worst = {}
    assert not delay_paths.underlay(paths, terminals, worst)  # exact: every piece is small
    # a pair: each other, at the link's delay (the delay check halves round-trip times elsewhere: the drawing's
    # path weights are the links' rtt_ms here)
    assert worst["p0a"] == (10.0, "p0b") and worst["p0b"] == (10.0, "p0a")
    assert worst["p1a"] == (24.0, "p1b") and worst["p1b"] == (24.0, "p1a")
    # the triangle t0-t1 4, t1-t2 6, t2-t0 20: t0-t2 goes round by t1 (4 + 6 = 10 < 20)
    assert worst["t0"] == (10.0, "t2") and worst["t2"] == (10.0, "t0")
    assert worst["t1"] == (6.0, "t2")  # t1: 4 to t0, 6 to t2
    assert not {"hq", "x0", "x1", "x2"} & worst.keys()  # nobody to call over the WAN


def test_lone_sites_cost_no_search():
    design = _design(2000, [(5.0,)] * 50, None)
    paths = Paths(design)
    searched = []
    real = paths.distances
    paths.distances = lambda source: searched.append(source) or real(source)
    worst: delay_paths.Worst = {}
    delay_paths.underlay(paths, [s.id for s in design.sites], worst)
    assert len(worst) == 100
    # one search from the first site (is everything one piece?), then three sweeps per pair (a tree: exact), none
    # for the 2,001 lone sites
    assert len(searched) == 1 + 3 * 50


def _bfs_labels(n: int, ends: list[tuple[int, int]]) -> list[int]:
    adj = [[] for _ in range(n)]
    for a, b in ends:
        adj[a].append(b)
        adj[b].append(a)
    label = [-1] * n
    for s in range(n):
        if label[s] < 0:
            label[s], stack = s, [s]
            while stack:
                for w in adj[stack.pop()]:
                    if label[w] < 0:
                        label[w] = s
                        stack.append(w)
    return label


def _same_partition(a: list[int], b: list[int]) -> bool:
    pairs = set(zip(a, b, strict=True))
    return len(pairs) == len(set(a)) == len(set(b))


def test_the_labelling_joins_exactly_what_the_links_join():
    import random

    rnd = random.Random(4)
    for _ in range(60):
        n = rnd.randrange(1, 80)
        ends = [(rnd.randrange(n), rnd.randrange(n)) for _ in range(rnd.randrange(0, n))]
        assert _same_partition(delay_underlay._components(n, ends), _bfs_labels(n, ends))
    # every site on two clouds (the shape whose first labelling, without union by size, chained every site)
    n = 3000
    ends = [(i, c) for i in range(2, n) for c in (0, 1)]
    label = delay_underlay._components(n, ends)
    assert len(set(label)) == 1


def _islands(count: int, size: int, seed: int) -> Design:
    """`count` meshed islands of `size` sites (a ring with chords), round-trip times drawn from a few values (ties
    between paths), with a site that calls nobody (no users) and a cloud in some of them."""
    import random

    rng = random.Random(seed)
    sites = [Site(id="hq", kind="hq", users=10, cucm_publisher=True)]
    links: list[Link] = []
    for i in range(count):
        ids = [f"i{i}s{j}" for j in range(size)]
        sites += [Site(id=x, users=0 if j == 1 else 5) for j, x in enumerate(ids)]
        for j in range(size):
            links.append(Link(id=f"i{i}r{j}", a=ids[j], b=ids[(j + 1) % size], rtt_ms=rng.choice((2.0, 3.0, 5.0))))
        for j in range(0, size - 3, 3):
            links.append(Link(id=f"i{i}c{j}", a=ids[j], b=ids[j + 3], rtt_ms=rng.choice((4.0, 6.0))))
    return Design(name="islands", sites=sites, links=links)


def test_islands_searched_alone_find_what_the_whole_drawing_search_finds(monkeypatch):
    # Each meshed island is searched over its own nodes and links (100 islands of 100 sites searched 10,000 trees
    # of the whole drawing's 10,000 nodes): every site's farthest partner, distance and tie, as the search over the
    # whole drawing finds them, written here as that search over every terminal of the site's island
    from advisor.routing_trees import lowest_tree

    parts = []
    real = delay_underlay._Part
    monkeypatch.setattr(delay_underlay, "_Part", lambda *a: parts.append(1) or real(*a))
    for seed in (1, 2, 3):
        design = _islands(6, 12, seed)
        paths = Paths(design)
        terminals = [s.id for s in design.sites]
        worst: delay_paths.Worst = {}
        assert not delay_paths.underlay(paths, terminals, worst)
        expected = {}
        for t in terminals:
            d = lowest_tree(paths.adj, paths.rtt, paths.index[t])[1]
            reached = [o for o in terminals if o != t and d[paths.index[o]] != float("inf")
                       and o.split("s")[0] == t.split("s")[0] and t != "hq"]
            if reached:
                expected[t] = max((d[paths.index[o]], o) for o in reached)
        assert worst == expected, seed
    assert len(parts) == 3 * 6  # each island searched alone


def test_a_drawing_of_several_parts_checks_whether_its_links_weigh_alike_once(monkeypatch):
    from advisor.rules import _paths

    calls = []
    real = _paths.all_alike
    monkeypatch.setattr(_paths, "all_alike", lambda w: calls.append(len(w)) or real(w))
    design = _islands(20, 9, 4)
    paths = Paths(design)
    delay_paths.underlay(paths, [s.id for s in design.sites], {})
    assert len(calls) == 1  # a pass over the links for the drawing, not one per tree (180 trees)
