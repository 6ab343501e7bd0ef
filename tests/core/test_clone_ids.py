"""Commands on many items at once: paste/duplicate give the ids one new id at a time always gave (in one reading
of the design, not one per copy), and one change on many targets is one rebuild of the design, with the same
design or the same refusal as target by target."""

from __future__ import annotations

import random
import re

import pytest

from advisor import commands
from advisor.commands import SITE_KINDS, CommandError, SetFieldsMany, clone
from advisor.model import Design


def _old_new_id(design: Design, prefix: str, taken=()) -> str:
    """``new_id`` as clone called it once per node and link before it read the design once per paste."""
    used = {s.id for s in design.sites} | {c.id for c in design.clouds} | {x.id for x in design.links}
    used |= set(taken)
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$")
    highest = max((int(m.group(1)) for i in used if (m := pattern.match(i))), default=0)
    candidate = highest + 1
    while f"{prefix}-{candidate}" in used:
        candidate += 1
    return f"{prefix}-{candidate}"


def _old_clone_ids(design: Design, nodes: list[dict], links: list[dict]) -> tuple[list, list]:
    """(node ids, (link id, a, b)) as the old clone gave them."""
    mapping: dict[str, str] = {}
    node_ids = []
    for data in nodes:
        prefix = "site" if data.get("kind", "branch") in SITE_KINDS else "cloud"
        node_id = _old_new_id(design, prefix, taken=mapping.values())
        mapping[str(data.get("id"))] = node_id
        node_ids.append(node_id)
    taken, link_rows = list(mapping.values()), []
    for data in links:
        if data.get("a") not in mapping or data.get("b") not in mapping:
            continue
        link_id = _old_new_id(design, "link", taken=taken)
        taken.append(link_id)
        link_rows.append((link_id, mapping[data["a"]], mapping[data["b"]]))
    return node_ids, link_rows


def _design(sites: list[str], clouds: list[str], links: list[tuple[str, str, str]]) -> Design:
    return Design.model_validate({
        "sites": [{"id": s, "name": f"N {s}", "kind": "hq" if i == 0 else "branch", "users": 10}
                  for i, s in enumerate(sites)],
        "clouds": [{"id": c, "name": f"C {c}", "kind": "mpls"} for c in clouds],
        "links": [{"id": i, "a": a, "b": b} for i, a, b in links]})


def _ids(cmd) -> tuple[list, list]:
    return [n.id for n in cmd.nodes], [(x.id, x.a, x.b) for x in cmd.links]


def test_odd_ids_and_gaps_by_hand():
    # Highest numbers: site 9 (a cloud named 'site-9' counts: ids are unique across the design), cloud 12 (a
    # link's id), link 5 ('link-05'); 's1', 'site-x', 'site-007' beside them.
    design = _design(["site-2", "s1", "site-x", "site-007", "s10"], ["cloud-3", "site-9"],
                     [("link-1", "site-2", "cloud-3"), ("link-4", "s1", "cloud-3"), ("link-05", "site-x", "cloud-3"),
                      ("cloud-12", "site-007", "cloud-3"), ("l3", "s10", "site-9")])
    nodes = [n.model_dump(mode="json") for n in (design.sites[0], design.sites[1], design.clouds[0],
                                                 design.sites[2])]
    links = [x.model_dump(mode="json") for x in design.links]
    cmd = clone(design, nodes, links)
    assert _ids(cmd) == (["site-10", "site-11", "cloud-13", "site-12"],
                         [("link-6", "site-10", "cloud-13"), ("link-7", "site-11", "cloud-13"),
                          ("link-8", "site-12", "cloud-13")])
    assert _ids(cmd) == _old_clone_ids(design, nodes, links)
    assert [n.x for n in cmd.nodes] == [n["x"] + 40.0 for n in nodes]


def test_design_without_numbered_ids():
    design = _design(["s1", "s3", "site-x", "s10"], ["wan"],
                     [("l1", "s1", "wan"), ("l3", "s3", "wan"), ("l10", "s10", "wan")])
    nodes = [n.model_dump(mode="json") for n in (*design.sites, *design.clouds)]
    links = [x.model_dump(mode="json") for x in design.links]
    assert _ids(clone(design, nodes, links)) == (
        ["site-1", "site-2", "site-3", "site-4", "cloud-1"],
        [("link-1", "site-1", "cloud-1"), ("link-2", "site-2", "cloud-1"), ("link-3", "site-4", "cloud-1")])


def test_clipboard_naming_one_id_twice_matches_the_old_ids():
    # A hand-edited clipboard: two nodes called 'a'; a link to 'a' goes to the later copy.
    design = _design(["site-1", "site-3"], [], [])
    nodes = [{"id": "a", "kind": "branch"}, {"id": "a", "kind": "branch"}, {"id": "b", "kind": "mpls"}]
    links = [{"id": "x", "a": "a", "b": "b"}, {"id": "y", "a": "a", "b": "gone"}]
    cmd = clone(design, nodes, links)
    assert _ids(cmd) == (["site-4", "site-5", "cloud-1"], [("link-1", "site-5", "cloud-1")])
    assert _ids(cmd) == _old_clone_ids(design, nodes, links)


@pytest.mark.parametrize("seed", range(25))
def test_random_designs_match_the_old_ids(seed):
    rnd = random.Random(seed)
    forms = ("site-{}", "cloud-{}", "link-{}", "site-0{}", "s{}", "link-x{}", "cloud-{}a", "{}")
    pool = list(dict.fromkeys(rnd.choice(forms).format(rnd.randrange(40)) for _ in range(60)))
    rnd.shuffle(pool)
    sites, clouds, rest = pool[:20], pool[20:24], pool[24:]
    links = [(rest[i], rnd.choice(sites), rnd.choice(clouds)) for i in range(min(len(rest), 15))]
    links = [row for i, row in enumerate(links) if {row[1], row[2]} not in [{r[1], r[2]} for r in links[:i]]]
    design = _design(sites, clouds, links)
    chosen = rnd.sample([*design.sites, *design.clouds], 12)
    nodes = [n.model_dump(mode="json") for n in chosen]
    copied = [x.model_dump(mode="json") for x in design.links]
    assert _ids(clone(design, nodes, copied)) == _old_clone_ids(design, nodes, copied)


class _CountedTuple(tuple):
    reads = 0

    def __iter__(self):
        type(self).reads += 1
        return super().__iter__()


def test_clone_reads_the_design_once_not_once_per_copy():
    design = _design([f"s{i}" for i in range(60)], ["wan"], [(f"l{i}", f"s{i}", "wan") for i in range(60)])
    nodes = [n.model_dump(mode="json") for n in (*design.sites, *design.clouds)]
    links = [x.model_dump(mode="json") for x in design.links]
    design.__dict__["sites"] = _CountedTuple(design.sites)
    _CountedTuple.reads = 0
    cmd = clone(design, nodes, links)
    assert len(cmd.nodes) == 61 and len(cmd.links) == 60
    assert _CountedTuple.reads <= 2  # was 121: once per node and link


# -- one change on many targets ------------------------------------------------------------------------------------
def _one_by_one(design: Design, targets, values) -> Design:
    for target in targets:
        design = commands._set_on(design, target, values)
    return design


def _refusal(fn) -> str:
    with pytest.raises(CommandError) as info:
        fn()
    return str(info.value)


@pytest.fixture()
def many() -> Design:
    return _design([f"s{i}" for i in range(30)], ["wan", "net"],
                   [(f"l{i}", f"s{i}", "wan") for i in range(30)] + [("x1", "s1", "net")])


@pytest.mark.parametrize(("targets", "values"), [
    (["s3", "wan", "l4", "s3", "x1"], {"name": "Renamed"}),
    ([f"s{i}" for i in range(30)], {"users": 77}),
    ([f"l{i}" for i in range(0, 30, 3)], {"capacity_kbps": 4096, "rtt_ms": 80}),
    (["s2.security", "s5.security", "s2.security"], {"firewall": True}),
    (["s4.traffic", "s9.traffic"], {"pstn_share": 0.25}),
])
def test_many_targets_give_the_one_by_one_design(many, targets, values):
    assert SetFieldsMany(targets, values).apply(many) == _one_by_one(many, targets, values)


@pytest.mark.parametrize(("targets", "values"), [
    (["s1", "s2"], {"users": -5}),  # the item refuses the value
    (["l1", "l2"], {"b": "nowhere"}),  # the design refuses it (an unknown end)
    (["l1", "l2", "l3"], {"b": "s2"}),  # fine for l1, then link l2 joins s2 to itself
    (["s1", "s2.nothing"], {"users": 5}),  # no such target
    (["s1", "wan.security"], {"firewall": True}),  # a cloud has no security controls
    (["s1", "s2"], {"id": "other"}),
])
def test_many_targets_refused_as_one_by_one(many, targets, values):
    said, first = _refusal(lambda: SetFieldsMany(targets, values).apply(many)), \
        _refusal(lambda: _one_by_one(many, targets, values))
    assert said == first or said.startswith(first + " (and 1 more of the selected ")  # s1 and s2 both refuse -5


def test_design_section_among_targets(many):
    targets, values = ["design.voice"], {"codec": "g729"}
    assert SetFieldsMany(targets, values).apply(many) == _one_by_one(many, targets, values)


def test_many_targets_rebuild_the_design_once(many, monkeypatch):
    calls = []
    original = Design.model_validate.__func__

    def counted(cls, *args, **kwargs):
        calls.append(1)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(Design, "model_validate", classmethod(counted))
    changed = SetFieldsMany([f"s{i}" for i in range(30)], {"users": 12}).apply(many)
    assert {s.users for s in changed.sites} == {12}
    assert len(calls) == 1  # was 30: the whole design validated again for each site
