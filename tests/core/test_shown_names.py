"""Names that show nothing (blanks, zero-width characters, direction marks, controls) are no names: every place that
shows a part by its name shows its id instead (a link its two ends), as for an unnamed part."""

from __future__ import annotations

import pytest

from advisor import sheets
from advisor.analysis import analyse
from advisor.model import Design
from advisor.rules._names import names_for
from advisor.shown_names import by_id, name_or, shows

NOTHING = ["", "   ", "\u200b", "\u200b\u200d\u2060", "\u2066\u2069", "\u200e", "\x01\x02", "\ufeff", "\t\n"]
SOMETHING = ["a", " HQ ", "Zürich", "\u200bA", "東京", "👩‍💻", "R&D", "x\x01"]


@pytest.mark.parametrize("text", NOTHING)
def test_a_name_of_nothing_visible_does_not_show(text):
    assert not shows(text) and name_or(text, "s1") == "s1"


@pytest.mark.parametrize("text", SOMETHING)
def test_a_name_with_a_mark_shows_as_written(text):
    assert shows(text) and name_or(text, "s1") == text


def _design(**names) -> Design:
    return Design.model_validate({
        "name": "n", "sites": [{"id": "s1", "name": names.get("s1", ""), "users": 20},
                               {"id": "s2", "name": names.get("s2", "Branch"), "users": 20}],
        "clouds": [{"id": "wan", "kind": "mpls", "name": names.get("wan", "")}],
        "links": [{"id": "l1", "a": "s1", "b": "wan", "name": names.get("l1", ""), "capacity_kbps": 64},
                  {"id": "l2", "a": "s2", "b": "wan"}]})


def test_findings_call_a_part_named_with_nothing_visible_by_its_id():
    design = _design(s1="\u200b\u200d", wan="\u2060", l1="\u200b")
    names = names_for(design)
    assert names.node("s1") == "s1" and names.node("wan") == "wan" and names.node("s2") == "Branch"
    assert names.link("l1") == "link 's1 – wan'"
    overload = [f for f in analyse(design).findings if f.code == "BW-LINK-OVERLOAD"]
    assert overload and "link 's1 – wan'" in overload[0].message  # 64 kbps cannot carry the calls


def test_tables_and_the_bill_of_materials_name_them_by_id():
    design = _design(s1="\u200b", l1="\u2066\u2069")
    assert by_id(design.sites) == {"s1": "s1", "s2": "Branch"}
    assert by_id(design.links) == {"l1": "l1", "l2": "l2"}
    assert sheets._names(design)["s1"] == "s1"


def test_plain_names_take_the_fast_path_with_the_same_answer():
    plain = [type("N", (), {"id": f"i{k}", "name": n})() for k, n in enumerate(["A", "  ", "", "b c"])]
    assert by_id(plain) == {"i0": "A", "i1": "i1", "i2": "i2", "i3": "b c"}
    mixed = [*plain, type("N", (), {"id": "z", "name": "\u200b"})()]
    assert by_id(mixed) == {"i0": "A", "i1": "i1", "i2": "i2", "i3": "b c", "z": "z"}


def test_long_texts_are_cleaned_but_never_kept():
    # The VPN recommendation's panel (~40 KB with its ✓ marks) was kept at every edit that moved a figure: some
    # 47 KB more memory per edit for good. Names are kept; a long text is searched each time.
    from advisor import shown_names

    before = shown_names._without_marks.cache_info().currsize
    panel = "✓ encrypts traffic between sites " * 40 + "\u202eevil\u202c"
    assert len(panel) > shown_names.CACHED_MAX
    cleaned = shown_names.without_explicit_marks(panel)
    assert "\u202e" not in cleaned and cleaned.endswith("evil")
    plain = "✓ " * 200
    assert shown_names.without_explicit_marks(plain) is plain  # nothing to take out: the same text
    assert shown_names._without_marks.cache_info().currsize == before
    name = f"Lyon \u2066– MPLS {id(panel)}"  # a name no other test asked for
    assert shown_names.without_explicit_marks(name) == f"Lyon – MPLS {id(panel)}"
    assert shown_names._without_marks.cache_info().currsize == before + 1  # a name: kept
