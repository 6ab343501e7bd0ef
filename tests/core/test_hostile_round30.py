"""Round 30 of hostile input: whole-number fields refuse true and false (lax reading took `"users": true` as one
user, `"getvpn_key_servers": false` as none), and still read a number written as text or with a zero fraction."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from advisor.model import Design
from advisor.validation import describe

BASE = {"name": "t", "sites": [{"id": "hq", "kind": "hq", "users": 10, "cucm_publisher": True},
                               {"id": "br", "users": 5}],
        "clouds": [{"id": "m"}], "links": [{"id": "l1", "a": "hq", "b": "m"}, {"id": "l2", "a": "br", "b": "m"}]}


def _with(path: tuple, value) -> dict:
    import copy

    data = copy.deepcopy(BASE)
    where = data
    for key in path[:-1]:
        where = where.setdefault(key, {}) if isinstance(key, str) else where[key]
    where[path[-1]] = value
    return data


@pytest.mark.parametrize(("path", "value", "words"), [
    (("sites", 1, "users"), True, "sites[1].users: must be a whole number, not true"),
    (("sites", 1, "phones"), False, "sites[1].phones: must be a whole number, not false"),
    (("sites", 0, "cucm_subscribers"), True, "sites[0].cucm_subscribers: must be a whole number, not true"),
    (("sites", 1, "public_area_phones"), True, "sites[1].public_area_phones: must be a whole number, not true"),
    (("sites", 1, "srst_capacity"), True, "sites[1].srst_capacity: must be a whole number, not true"),
    (("vpn", "getvpn_key_servers"), False, "vpn.getvpn_key_servers: must be a whole number, not false"),
    (("vpn", "getvpn_metadata_bytes"), True, "vpn.getvpn_metadata_bytes: must be a whole number, not true"),
    (("links", 0, "l2_bytes"), True, "links[0].l2_bytes: must be a whole number, not true"),
    (("vpn", "dmvpn_phase"), True, "vpn.dmvpn_phase: must be a whole number, not true"),  # a choice of 1, 2, 3
    (("sites", 1, "users"), "1_000", "sites[1].users: must be a whole number in plain digits, not '1_000'"),
    (("sites", 1, "users"), " 24 ", "sites[1].users: must be a whole number in plain digits, not ' 24 '"),
])
def test_true_and_false_are_not_whole_numbers(path, value, words):
    with pytest.raises(ValidationError) as caught:
        Design.model_validate(_with(path, value))
    assert any(line.startswith(words) for line in describe(caught.value)), describe(caught.value)


def test_numbers_written_as_text_or_with_a_zero_fraction_are_still_read():
    design = Design.model_validate(_with(("sites", 1, "users"), "24"))
    assert design.sites[1].users == 24
    assert Design.model_validate_json(Design.model_validate(_with(("sites", 1, "users"), 24.0)).model_dump_json()
                                      ).sites[1].users == 24


def test_whole_numbers_as_plain_digits_still_read():
    # "24" and 24.0 are read as 24 (hand-edited files); text that is no number at all keeps its own message
    assert Design.model_validate(_with(("sites", 1, "users"), "24")).sites[1].users == 24
    assert Design.model_validate(_with(("vpn", "dmvpn_phase"), 2)).vpn.dmvpn_phase == 2
    with pytest.raises(ValidationError) as caught:
        Design.model_validate(_with(("sites", 1, "users"), "twelve"))
    assert describe(caught.value) == ["sites[1].users: must be a whole number"]
