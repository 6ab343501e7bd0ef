"""Hostile input, round 28: a design file that names a field twice in one object.

JSON leaves the meaning of a repeated name open, and both parsers (pydantic's compiled one and json.loads) kept the
value given last, in silence: `"users": -1, "users": 600` loaded as 600, and a second, empty `"sites": []` after
the real list gave "links[0].a: unknown site or cloud 'hq'" for a file that visibly holds site 'hq'. A hand-edited
file whose edit went to the copy that is not read looked accepted. Each is now refused, naming the field's path.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor import io
from advisor.io_text import _fast

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json"
TEXT = EXAMPLE.read_text(encoding="utf-8")


def _refused(text: str) -> str:
    with pytest.raises(io.DesignFileError) as info:
        io.parse(text.encode("utf-8"), "d.json")
    return str(info.value)


@pytest.mark.parametrize("users", ['"users": -1, "users": 600', '"users": 600, "users": -1'])
def test_a_field_given_twice_in_a_site_is_refused_whichever_copy_is_valid(users):
    text = TEXT.replace('"users": 600', users, 1)
    assert _refused(text) == ("d.json: invalid design: sites[0].users: is given twice; keep one of the two "
                              "(site 'Headquarters')")


def test_a_second_list_of_sites_is_named_not_the_links_that_lose_their_ends():
    text = TEXT.rstrip()[:-1] + ', "sites": []}'
    assert _refused(text) == "d.json: invalid design: sites: is given twice; keep one of the two"


def test_the_schema_version_given_twice_is_refused():
    text = '{"schema_version": 0, ' + TEXT.lstrip()[1:]
    assert _refused(text) == "d.json: invalid design: schema_version: is given twice; keep one of the two"


def test_a_version_0_file_is_looked_at_too():
    assert _refused('{"name": "a", "sites": [], "name": "b"}') == \
        "d.json: invalid design: name: is given twice; keep one of the two"


def test_a_key_of_a_mapping_given_twice_is_named_by_its_path():
    design = json.loads(TEXT)
    design["scenarios"] = [{"name": "Hybrid", "transports": {"mpls": "getvpn"}}]
    text = json.dumps(design).replace('{"mpls": "getvpn"}', '{"mpls": "getvpn", "mpls": "dmvpn"}')
    assert _refused(text) == "d.json: invalid design: scenarios[0].transports.mpls: is given twice; keep one of the two"


def test_the_first_field_given_twice_in_the_files_order_is_named():
    text = TEXT.replace('"users": 600', '"users": 600, "users": 600', 1).replace(
        '"codec": "g729"', '"codec": "g729", "codec": "g729"', 1)
    assert _refused(text).endswith("voice.codec: is given twice; keep one of the two")


def test_a_name_spaced_from_its_colon_is_still_counted():
    # `":` occurs once for the two names: the count alone would see one name
    text = TEXT.replace('"users": 600', '"users": 5, "users" : 600', 1)
    assert "sites[0].users: is given twice" in _refused(text)


def test_a_name_holding_a_quote_and_a_colon_is_read_as_it_is():
    design = json.loads(TEXT)
    design["sites"][0]["name"] = 'HQ "main": floor 1'
    loaded = io.parse(json.dumps(design).encode("utf-8"), "d.json")
    assert loaded.sites[0].name == 'HQ "main": floor 1'
    assert loaded.sites[0].users == 600


def test_a_saved_design_keeps_the_fast_path():
    design = io.parse(TEXT.encode("utf-8"), "d.json")
    saved = io.dumps(design)
    assert _fast(saved, saved.encode("utf-8")) == design


def test_a_pdf_design_naming_a_field_twice_is_refused(tmp_path):
    import zlib

    body = zlib.compress(TEXT.replace('"users": 600', '"users": 600, "users": 1', 1).encode("utf-8"))
    pdf = (b"%PDF-1.4\n1 0 obj\n<< /Type /EmbeddedFile /Filter [ /FlateDecode ] /Length "
           + str(len(body)).encode() + b" >>\nstream\n" + body + b"\nendstream\nendobj\n%%EOF\n")
    path = tmp_path / "d.pdf"
    path.write_bytes(pdf)
    with pytest.raises(io.DesignFileError) as info:
        io.load(path)
    assert str(info.value).endswith("sites[0].users: is given twice; keep one of the two (site 'Headquarters')")


def _names_slowly(node) -> int:
    """The field names a validated design was given, by a plain walk: each model's fields set and the keys of each
    mapping (the reference for the counting in C-level passes)."""
    from pydantic import BaseModel

    if isinstance(node, BaseModel):
        given = node.model_fields_set
        return len(given) + sum(_names_slowly(getattr(node, name)) for name in given)
    if isinstance(node, (list, tuple)):
        return sum(_names_slowly(item) for item in node)
    if isinstance(node, dict):
        return len(node) + sum(_names_slowly(value) for value in node.values())
    return 0


def test_the_names_a_design_was_given_are_counted_alike_in_lists_of_one_class_and_mixed():
    from advisor.io_text import _names_given

    data = json.loads(TEXT)
    # per-site settings given on some sites only (nested models inside a list of sites), a mapping, overrides
    data["sites"][1]["security"] = {"port_security": True, "dhcp_snooping": True}
    data["sites"][2]["traffic"] = {"calls_per_user": 0.5}
    data["sites"][3]["security"] = {}
    for example in [data, json.loads(TEXT), *(json.loads(p.read_text(encoding="utf-8"))
                                             for p in sorted(EXAMPLE.parent.glob("*.json")))]:
        text = json.dumps(example)
        design = io.parse(text.encode("utf-8"), "d.json")
        assert _names_given(design) == _names_slowly(design) == text.count('":')  # no text here holds '":'
        assert _fast(text, text.encode("utf-8")) is not None  # so the fast path keeps it
