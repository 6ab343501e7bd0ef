"""Imported site ids: a name's slug, then '-2', '-3' … until unused, the first unused one as counting from 2 finds
it, in linear time (20,000 names with one slug, such as 'Branch !' and 'Branch #', took 41 s)."""

from __future__ import annotations

import random

from advisor.importer.build import _ID, _Ids, slug


def _counting_from_two(takes: list[tuple[str, str, bool]]) -> list[str]:
    used, out = set(), []
    for wanted, fallback, keep in takes:
        base = wanted if keep and _ID.fullmatch(wanted) else (slug(wanted) or fallback)
        candidate, n = base, 2
        while candidate.lower() in used:
            suffix = f"-{n}"
            candidate, n = base[:64 - len(suffix)] + suffix, n + 1
        used.add(candidate.lower())
        out.append(candidate)
    return out


def test_ids_are_the_first_unused_ones_counting_from_two():
    rnd = random.Random(9)
    names = ["Zürich", "zurich", "ZURICH", "zurich-2", "Zurich 3", "!", "#", "a" * 70, "A" * 63 + "b", "site",
             "Site-2", "site 2"]
    for _ in range(300):
        takes = [(rnd.choice(names), rnd.choice(["site", "cloud"]), rnd.random() < 0.3)
                 for _ in range(rnd.randrange(1, 40))]
        ids = _Ids()
        assert [ids.take(*t) for t in takes] == _counting_from_two(takes)


def test_many_names_with_one_slug():
    takes = [(f"Branch {c}", "site", False) for c in "!#$%&()*+,;<=>?@[]^`{|}~" * 40]
    ids = _Ids()
    got = [ids.take(*t) for t in takes]
    assert got[:3] == ["branch", "branch-2", "branch-3"] and got[-1] == f"branch-{len(takes)}"
    assert got == _counting_from_two(takes)
