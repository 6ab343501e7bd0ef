"""The findings panel's comparisons: the same findings as pydantic's equality says, and subject names that stand
across edits which rename nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from advisor.analysis import analyse
from advisor.commands import SetFields
from advisor.ui.findings_text import SubjectNames, same_findings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


def test_same_findings_answers_as_pydantic_equality():
    design = generate(20, "mpls")
    site = design.sites[2]
    before = analyse(design).findings
    cases = [analyse(design).findings,  # equal, other objects
             analyse(SetFields(site.id, {"users": site.users + 300}).apply(design)).findings,
             before[:-1],
             (*before[:-1], before[-1].model_copy(update={"message": "reworded"}))]
    for after in cases:
        assert same_findings(before, after) == (tuple(before) == tuple(after))
    assert same_findings(before, cases[0]) and not same_findings(before, cases[3])


def test_subject_names_stand_until_a_name_or_a_link_end_changes():
    design = generate(20, "mpls")
    names = SubjectNames(design)
    site, link = design.sites[2], design.links[4]
    assert names.alike(SetFields(site.id, {"users": site.users + 1}).apply(design))
    assert not names.alike(SetFields(site.id, {"name": "Renamed"}).apply(design))
    assert not names.alike(SetFields(link.id, {"b": design.sites[5].id}).apply(design))
    assert not names.alike(SetFields(link.id, {"name": "Backup line"}).apply(design))


def test_changed_findings_are_the_pairs_same_findings_tells_apart():
    from advisor.findings import finding
    from advisor.ui.findings_text import changed_findings, same_findings

    a = finding("BW-LFI", ("l1",), "m", "r", "x")
    b = finding("BW-LFI", ("l1",), "m2", "r", "x")  # another message
    c = finding("BW-LFI", ("l1",), "m", "r", "x")  # equal to a, another object
    d = finding("BW-LFI", ("l1",), "m", "r", "x", severity="error")
    old, new = [a, a, a, b, a], [a, b, c, b, d]
    assert changed_findings(old, new) == [i for i in range(5) if not same_findings((old[i],), (new[i],))] == [1, 4]


def test_each_subject_is_named_once(monkeypatch):
    # The filter names every subject of every finding: 574,000 link names for the 57,000 findings of a 10,000-site
    # design, each formatted again (1.3 s at the first key typed). Each subject is named once now.
    from advisor.rules import _names

    design = generate(30, "chain")
    named: list[str] = []
    real = _names.Names.link_name
    monkeypatch.setattr(_names.Names, "link_name", lambda self, i: named.append(i) or real(self, i))
    names = SubjectNames(design)
    first = [names.get(x.id, x.id) for x in design.links]
    again = [names.get(x.id, x.id) for x in design.links for _ in range(5)]
    assert again == [n for n in first for _ in range(5)]
    assert sorted(named) == sorted(x.id for x in design.links)  # once each
    assert names.get("design") == "whole design"
